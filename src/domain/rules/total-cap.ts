import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** 總經費 over a program's cap on the whole budget (數位製造管理加值: 每案經費上限60萬, read as the total). */
export const totalCap: BudgetRule = {
  ...ruleFacts('total-cap'),
  check: (model, report) => reportLimits(model, report, 'total-cap'),
};
