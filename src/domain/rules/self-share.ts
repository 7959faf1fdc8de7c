import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';

/** 業者自籌款 below a program's minimum share or amount (廢熱回收: 自籌款比例三分之二以上; CITD: 50% 以上). */
export const selfShare: BudgetRule = {
  id: 'self-share',
  severity: 'error',
  title: { 'zh-TW': '業者自籌款低於計畫規定下限', en: 'Self-funding is below the program minimum' },
  check: (model, report) => reportLimits(model, report, 'self-share'),
};
