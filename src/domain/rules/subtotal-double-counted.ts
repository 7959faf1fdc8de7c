import type { BudgetModel } from '../budget-model';
import { readCell } from '../budget-model';
import type { RawCell } from '../budget';
import { type Fixed, ZERO, formatAmount as show, toNumber } from '../money';
import { restoreRoutes } from './remedies';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** The 合計-row cells with the sum their column should have (items only) and the sum of the subtotals in it. */
export function grandTotalColumns(model: BudgetModel): { cell: RawCell; expected: Fixed; subtotals: Fixed[]; zh: string; en: string }[] {
  const { totalRow, subtotals = [] } = model.table;
  if (!totalRow) return [];
  const sub = (pick: (r: (typeof subtotals)[number]['row']) => RawCell | null) => subtotals.map((s) => readCell(pick(s.row))).filter((v) => v !== ZERO);
  const columns = [
    { cell: totalRow.gov, expected: model.computed.govTotal, subtotals: sub((r) => r.gov), zh: '政府補助款', en: 'subsidy' },
    { cell: totalRow.self, expected: model.computed.selfTotal, subtotals: sub((r) => r.self), zh: '業者自籌款', en: 'self-funded' },
    { cell: totalRow.total, expected: model.shownRowTotals.reduce((a, b) => a + b, ZERO), subtotals: sub((r) => r.total), zh: '合計', en: 'total' },
  ];
  return columns.filter((c): c is typeof c & { cell: RawCell } => c.cell !== null);
}

/** Beyond this many subtotals in a column, only all of them together are tried as the part counted twice. */
const MAX_SUBSET_SUBTOTALS = 12;

/**
 * What a 合計 cell counts twice: the sum of the subtotals (小計 rows, itemised items' own rows holding their sums) it
 * adds together with the rows they sum — some of them or all (合計 = items + 小計; = item rows + details) — or null.
 */
export function doubleCounted(shown: Fixed, expected: Fixed, subtotals: readonly Fixed[]): Fixed | null {
  const extra = shown - expected;
  if (extra === ZERO || subtotals.length === 0) return null;
  if (subtotals.length > MAX_SUBSET_SUBTOTALS) return subtotals.reduce((a, b) => a + b, ZERO) === extra ? extra : null;
  for (let mask = 1; mask < 1 << subtotals.length; mask++) {
    let sum = ZERO;
    for (let i = 0; i < subtotals.length; i++) if (mask & (1 << i)) sum += subtotals[i];
    if (sum === extra) return extra;
  }
  return null;
}

export function isDoubleCounted(shown: Fixed, expected: Fixed, subtotals: readonly Fixed[]): boolean {
  return doubleCounted(shown, expected, subtotals) !== null;
}

export const subtotalDoubleCounted: BudgetRule = {
  ...ruleFacts('subtotal-double-counted'),
  check(model, report) {
    for (const { cell, expected, subtotals, zh, en } of grandTotalColumns(model)) {
      const shown = readCell(cell);
      const twice = doubleCounted(shown, expected, subtotals);
      if (twice === null) continue;
      report.add(cell.loc, report.t(`${zh}合計 ${show(shown)} 重複計入了小計 ${show(twice)}，應為 ${show(expected)}`, `The ${en} total ${show(shown)} counts the subtotals (${show(twice)}) again; it should be ${show(expected)}`), {
        expected: toNumber(expected),
        actual: toNumber(shown),
        advice: report.t(`改為 ${show(expected)}：每一科目只計一次（科目列、小計或明細擇一），不重複加總`, `Set it to ${show(expected)}: count each item once (its row, its subtotal or its details), not twice`),
      });
    }
  },
  remedy(model, finding, report) {
    return restoreRoutes(model, finding, report, typeof finding.expected === 'number' ? finding.expected : undefined);
  },
};
