import { documentTitles } from './data';
import { compileProgram } from './compile';
import type { Program, ProgramFile } from './schema';
import chainLowcarbon from './data/chain-lowcarbon.json';
import chainSmart from './data/chain-smart.json';
import registeredFactory from './data/registered-factory.json';
import upgrade10plus from './data/upgrade-10plus.json';
import upgradeUnder10 from './data/upgrade-under10.json';

// Types only: the zod schema itself is for tests, the build and the CLI (`validate.ts`), so the task pane ships no zod.
export type * from './schema';

export class RuleSetError extends Error {}

/**
 * The shipped program files, in the order the pane lists them. Each is proved well formed by programFileSchema at
 * build time (scripts/validate-programs.ts) and in test/domain/programs.test.ts; JSON imports type loosely, hence the cast.
 */
export const PROGRAM_FILES: readonly ProgramFile[] = [upgrade10plus, upgradeUnder10, chainLowcarbon, chainSmart, registeredFactory] as unknown as ProgramFile[];

const programs: Program[] = PROGRAM_FILES.map(compileProgram);

/** Every known program: the shipped ones, then any added with `addPrograms` (the CLI's `--programs <folder>`). */
export const PROGRAMS: readonly Program[] = programs;

/** The ids of PROGRAMS, kept in step by addPrograms. */
export const PROGRAM_IDS: readonly string[] = programs.map((p) => p.id);
export const DEFAULT_PROGRAM_ID = 'upgrade-10plus';

/**
 * What a budget is checked as when it states a program the checker has no rule set for: no items, no limits, so only
 * program-independent rules (arithmetic, typing, formulas) run — never another program's limits. Not in PROGRAMS.
 */
export const UNKNOWN_PROGRAM: Program = {
  id: 'unknown',
  name: { 'zh-TW': '未知的計畫（僅檢查算術）', en: 'Unknown program (arithmetic only)' },
  recognize: [],
  target: null,
  durationMonths: null,
  anyItem: true,
  items: [],
  limits: [],
  facts: [],
  notes: [],
  examples: [],
  govShare: null,
  subsidyCap: null,
  consortium: null,
};

/**
 * Adds programs (already validated) to the known ones; a file with the id of a known program replaces it, so a program
 * office can correct a shipped rule set without code. Returns a function that puts the list back as it was.
 */
export function addPrograms(files: readonly ProgramFile[]): () => void {
  const before = [...programs];
  for (const file of files) {
    const compiled = compileProgram(file);
    const at = programs.findIndex((p) => p.id === compiled.id);
    if (at >= 0) programs[at] = compiled;
    else programs.push(compiled);
  }
  syncIds();
  return () => {
    programs.splice(0, programs.length, ...before);
    syncIds();
  };
}

function syncIds(): void {
  (PROGRAM_IDS as string[]).splice(0, PROGRAM_IDS.length, ...programs.map((p) => p.id));
}

export function findProgram(id: string): Program | undefined {
  return programs.find((p) => p.id === id) ?? (id === UNKNOWN_PROGRAM.id ? UNKNOWN_PROGRAM : undefined);
}

export function getProgram(id: string): Program {
  const program = findProgram(id);
  if (!program) throw new RuleSetError(`unknown program "${id}"; known: ${programs.map((p) => p.id).join(', ')}`);
  return program;
}

/** The title of the document a citation quotes, in the reader's language; null for a source without a known title. */
export function documentTitle(seed: string, lang: 'zh-TW' | 'en'): string | null {
  return documentTitles[seed]?.[lang] ?? null;
}

/**
 * A quote without the brochure's note number ("註2：…"): that number is not the number of the same note on the sheet
 * the add-in inserts, so a quote shown next to the sheet leaves it out rather than point at another note.
 */
export function quoteWithoutNoteNumber(quote: string): string {
  return quote.replace(/^註\s*\d+\s*[：:]\s*/, '');
}
