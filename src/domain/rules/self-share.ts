import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** 業者自籌款 below a program's minimum share or amount (廢熱回收: 自籌款比例三分之二以上; CITD: 50% 以上). */
export const selfShare: BudgetRule = {
  ...ruleFacts('self-share'),
  check: (model, report) => reportLimits(model, report, 'self-share'),
};
