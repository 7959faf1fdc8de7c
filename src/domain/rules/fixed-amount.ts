import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A program that fixes the subsidy or the fee (定額補助 250萬元/年; 自籌款9萬元) and a table that differs. */
export const fixedAmount: BudgetRule = {
  ...ruleFacts('fixed-amount'),
  check: (model, report) => reportLimits(model, report, 'fixed-amount'),
};
