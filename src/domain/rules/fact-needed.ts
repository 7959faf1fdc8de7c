import { reportFactsNeeded } from './program-limits';
import type { BudgetRule } from './rule';

/** A program limit that depends on an applicant fact (SME status, revenue, paid-in capital …) the table does not hold: never guessed. */
export const factNeeded: BudgetRule = {
  id: 'fact-needed',
  severity: 'info',
  title: { 'zh-TW': '需要申請者資料才能檢查的規定', en: 'A limit that needs applicant data to be checked' },
  check: reportFactsNeeded,
};
