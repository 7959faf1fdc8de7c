import { type Fixed, roundedPercent, sum } from './money';

export interface BudgetAmounts {
  gov: Fixed;
  self: Fixed;
}

/** The numbers a correct 經費預算表 shows, computed exactly (what the template's formulas must also produce). */
export interface ComputedBudget {
  /** gov + self per row, in input order. */
  rowTotals: Fixed[];
  /** 各科目補助比例(%): row total ÷ grand total × 100, one decimal, half away from zero; null when the total is 0. */
  rowPercents: (Fixed | null)[];
  govTotal: Fixed;
  selfTotal: Fixed;
  grandTotal: Fixed;
  /** 百分比(%) row. */
  govPercent: Fixed | null;
  selfPercent: Fixed | null;
}

export function computeBudget(rows: readonly BudgetAmounts[]): ComputedBudget {
  const rowTotals = rows.map((r) => r.gov + r.self);
  const govTotal = sum(rows.map((r) => r.gov));
  const selfTotal = sum(rows.map((r) => r.self));
  const grandTotal = govTotal + selfTotal;
  return {
    rowTotals,
    rowPercents: rowTotals.map((t) => roundedPercent(t, grandTotal, 1)),
    govTotal,
    selfTotal,
    grandTotal,
    govPercent: roundedPercent(govTotal, grandTotal, 1),
    selfPercent: roundedPercent(selfTotal, grandTotal, 1),
  };
}
