import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';

/** A program that fixes the split (政府補助款 70 % / 自籌款 30 %) and a table whose shares differ beyond its tolerance. */
export const fixedSplit: BudgetRule = {
  id: 'fixed-split',
  severity: 'error',
  title: { 'zh-TW': '補助款與自籌款比例不符計畫規定', en: 'The split of subsidy and self-funding differs from the program' },
  check: (model, report) => reportLimits(model, report, 'fixed-split'),
};
