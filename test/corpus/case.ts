import type { Severity } from '../../src/domain/findings';
import type { WorkbookSpec } from './workbook';

/**
 * One workbook of the corpus and what a careful reviewer concludes about it. The harness (corpus.test.ts) writes the
 * workbook, runs the real CLI on it and holds the checker to the conclusion:
 * * every listed finding is reported (rule, severity, sheet and cell) — no missed error;
 * * every error or warning the checker reports is listed — no false error, no warning that has not earned its place;
 * * nothing in `mustNot` is reported;
 * * the exit status and the program checked against are the ones stated.
 * Info findings are checked only where listed (they are advice, and several rules add them freely).
 *
 * To add cases: write a module in `cases/` exporting `cases: CorpusCase[]`, and list it in `cases/index.ts`.
 */
export interface CorpusCase {
  /** File name without .xlsx; unique over the corpus. */
  id: string;
  category: Category;
  /** Which helper wrote the case (for the coverage report). */
  by: 'statements' | 'model' | 'robust';
  /** What the workbook holds and why the conclusion follows, in a sentence or two. */
  about: string;
  workbook: WorkbookSpec;
  /** Extra command-line options (e.g. ['--program', 'chain-smart']). */
  args?: string[];
  expect: Conclusion;
  /** Apply every fix the checker suggests, check again: each fixed finding is gone and no new error appears. */
  applyFixes?: boolean;
}

export interface Conclusion {
  exit: 0 | 1;
  program: string;
  findings: Expected[];
  /** Findings that must not be reported: a rule anywhere (`{ rule }`), or a rule at one cell. */
  mustNot?: { rule: string; at?: string }[];
}

export interface Expected {
  rule: string;
  severity: Severity;
  /** "Sheet!A1", or null for a finding about the whole workbook. */
  at: string | null;
  /** Words the message must contain (e.g. both program ids of a program-conflict). */
  mentions?: string[];
}

export const CATEGORIES = [
  'baseline',
  'label-variants',
  'subtotals',
  'long-labels',
  'program-statements',
  'basic-info',
  'scaled-formats',
  'uncached-formulas',
  'empty-table',
  'text-amounts',
  'fixes',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** `error('gov-cap', '經費預算表!B10')` — the reviewer's expected findings, written compactly. */
export const error = (rule: string, at: string | null, mentions?: string[]): Expected => ({ rule, severity: 'error', at, mentions });
export const warning = (rule: string, at: string | null, mentions?: string[]): Expected => ({ rule, severity: 'warning', at, mentions });
export const info = (rule: string, at: string | null, mentions?: string[]): Expected => ({ rule, severity: 'info', at, mentions });

/**
 * Categories whose cases wait for another helper's work to land on main (issue 9 is shared), with who builds it. A
 * category leaves this list the moment it has a case; before the deadline the list must be empty.
 */
export const AWAITING: Partial<Record<Category, string>> = {
};
