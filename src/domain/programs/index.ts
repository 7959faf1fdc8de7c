import { documentTitles, programData } from './data';
import type { Program } from './schema';

// Types only: the zod schema itself is for tests (`validate.ts`), so the task pane ships no zod.
export type * from './schema';

export class RuleSetError extends Error {}

/** The shipped rule sets: plain typed data, proved well formed by programSchema in test/domain/programs.test.ts. */
export const PROGRAMS: readonly Program[] = programData;

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
