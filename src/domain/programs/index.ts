import { z } from 'zod';
import { documentTitles, programData } from './data';
import { programSchema, type Program } from './schema';

export * from './schema';

export class RuleSetError extends Error {}

/** Validates one rule set; the error names the bad field (e.g. `items[3].cap.percent`). */
export function parseProgram(data: unknown, source = 'rule set'): Program {
  const result = programSchema.safeParse(data);
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ');
  throw new RuleSetError(`${source} is malformed — ${details}`);
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  ) || '(root)';
}

export const PROGRAMS: readonly Program[] = programData.map((data, index) =>
  parseProgram(data, `program rule set #${index + 1}`),
);

export const PROGRAM_IDS = PROGRAMS.map((p) => p.id);
export const DEFAULT_PROGRAM_ID = 'upgrade-10plus';

export function findProgram(id: string): Program | undefined {
  return PROGRAMS.find((p) => p.id === id);
}

export function getProgram(id: string): Program {
  const program = findProgram(id);
  if (!program) throw new RuleSetError(`unknown program "${id}"; known: ${PROGRAM_IDS.join(', ')}`);
  return program;
}

export const programIdSchema = z.enum(PROGRAM_IDS as [string, ...string[]]);

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
