import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';

/** A program that fixes the subsidy or the fee (定額補助 250萬元/年; 自籌款9萬元) and a table that differs. */
export const fixedAmount: BudgetRule = {
  id: 'fixed-amount',
  severity: 'error',
  title: { 'zh-TW': '金額不符計畫的定額規定', en: 'An amount differs from the program\'s fixed amount' },
  check: (model, report) => reportLimits(model, report, 'fixed-amount'),
};
