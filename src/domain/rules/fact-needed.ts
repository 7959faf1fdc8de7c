import { reportFactsNeeded } from './program-limits';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A program limit that depends on an applicant fact (SME status, revenue, paid-in capital …) the table does not hold: never guessed. */
export const factNeeded: BudgetRule = {
  ...ruleFacts('fact-needed'),
  check: reportFactsNeeded,
};
