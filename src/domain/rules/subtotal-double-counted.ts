import type { BudgetModel } from '../budget-model';
import { readCell } from '../budget-model';
import type { RawCell } from '../budget';
import { type Fixed, ZERO, formatAmount as show, toNumber } from '../money';
import { restoreRoutes } from './remedies';
import type { BudgetRule } from './rule';

/** The 合計-row cells with the sum their column should have (items only) and the sum of the subtotals in it. */
export function grandTotalColumns(model: BudgetModel): { cell: RawCell; expected: Fixed; subtotals: Fixed; zh: string; en: string }[] {
  const { totalRow, subtotals = [] } = model.table;
  if (!totalRow) return [];
  const sub = (pick: (r: (typeof subtotals)[number]['row']) => RawCell | null) => subtotals.reduce((a, s) => a + readCell(pick(s.row)), ZERO);
  const columns = [
    { cell: totalRow.gov, expected: model.computed.govTotal, subtotals: sub((r) => r.gov), zh: '政府補助款', en: 'subsidy' },
    { cell: totalRow.self, expected: model.computed.selfTotal, subtotals: sub((r) => r.self), zh: '業者自籌款', en: 'self-funded' },
    { cell: totalRow.total, expected: model.shownRowTotals.reduce((a, b) => a + b, ZERO), subtotals: sub((r) => r.total), zh: '合計', en: 'total' },
  ];
  return columns.filter((c): c is typeof c & { cell: RawCell } => c.cell !== null);
}

/** A 合計 cell that counts a subtotal together with the rows it sums (合計 = items + 小計). */
export function isDoubleCounted(shown: Fixed, expected: Fixed, subtotals: Fixed): boolean {
  return subtotals !== ZERO && shown !== expected && shown === expected + subtotals;
}

export const subtotalDoubleCounted: BudgetRule = {
  id: 'subtotal-double-counted',
  severity: 'error',
  title: { 'zh-TW': '合計重複計入小計', en: 'The total counts a subtotal twice' },
  check(model, report) {
    for (const { cell, expected, subtotals, zh, en } of grandTotalColumns(model)) {
      const shown = readCell(cell);
      if (!isDoubleCounted(shown, expected, subtotals)) continue;
      report.add(cell.loc, report.t(`${zh}合計 ${show(shown)} 重複計入了小計 ${show(subtotals)}，應為 ${show(expected)}`, `The ${en} total ${show(shown)} counts the subtotals (${show(subtotals)}) again; it should be ${show(expected)}`), {
        expected: toNumber(expected),
        actual: toNumber(shown),
        advice: report.t(`改為 ${show(expected)}：加總時只計各科目列，不含小計列`, `Set it to ${show(expected)}: add up the item rows only, not the subtotal rows`),
      });
    }
  },
  remedy(model, finding, report) {
    return restoreRoutes(model, finding, report, typeof finding.expected === 'number' ? finding.expected : undefined);
  },
};
