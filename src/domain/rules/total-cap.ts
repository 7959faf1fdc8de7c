import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';

/** 總經費 over a program's cap on the whole budget (數位製造管理加值: 每案經費上限60萬, read as the total). */
export const totalCap: BudgetRule = {
  id: 'total-cap',
  severity: 'error',
  title: { 'zh-TW': '總經費超過計畫經費上限', en: 'The total exceeds the program\'s budget cap' },
  check: (model, report) => reportLimits(model, report, 'total-cap'),
};
