import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A program that fixes the split (政府補助款 70 % / 自籌款 30 %) and a table whose shares differ beyond its tolerance. */
export const fixedSplit: BudgetRule = {
  ...ruleFacts('fixed-split'),
  check: (model, report) => reportLimits(model, report, 'fixed-split'),
};
