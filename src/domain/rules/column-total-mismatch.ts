import { parseAmount } from '../amount';
import type { RawCell } from '../budget';
import { readCell } from '../budget-model';
import { type Fixed, ZERO, formatAmount as show, toNumber } from '../money';
import { restoreRoutes } from './remedies';
import type { BudgetRule } from './rule';
import { grandTotalColumns, isDoubleCounted } from './subtotal-double-counted';
import { ruleFacts } from './catalogue';

/** A 合計-row cell ≠ the sum of its column (the 合計 column sums the row totals as shown). */
export const columnTotalMismatch: BudgetRule = {
  ...ruleFacts('column-total-mismatch'),
  check(model, report) {
    const mismatch = (cell: RawCell | null, expected: Fixed, zhName: string, enName: string, blankAllowed = false, zhWhy = '（該欄加總）', enWhy = ' (sum of the column)') => {
      if (!cell || parseAmount(cell.value).kind === 'invalid') return;
      if (blankAllowed && cell.value === null && cell.formula === null) return;
      const shown = readCell(cell);
      if (shown === expected) return;
      const shownText = cell.value === null ? report.t('空白', 'nothing') : show(shown);
      report.add(cell.loc, report.t(`${zhName}應為 ${show(expected)}${zhWhy}，表上為 ${shownText}`, `The ${enName} should be ${show(expected)}${enWhy}; the sheet shows ${shownText}`), {
        expected: toNumber(expected),
        actual: cell.value === null ? null : toNumber(shown),
        advice: report.t(`改為 ${show(expected)}，或使用 SUM 公式`, `Set it to ${show(expected)}, or use a SUM formula`),
      });
    };
    // Subtotals are sums too: of the item rows they cover.
    // An itemised item's own row holding amounts is a sum of its details (blank there: the details say it all).
    for (const { row, covers, item } of model.table.subtotals ?? []) {
      const rows = covers.map((i) => model.rows[i]).filter((r) => r !== undefined);
      const name = item ? String(row.label.value ?? '').trim() : '小計';
      const [zh, en] = item ? ['（明細加總）', ` (sum of its ${covers.length} detail lines)`] : ['（該欄加總）', ' (sum of the column)'];
      const check = (cell: RawCell | null, expected: Fixed, zhName: string, enName: string) => mismatch(cell, expected, zhName, enName, item === true, zh, en);
      check(row.gov, rows.reduce((a, r) => a + r.gov, ZERO), `${name}（政府補助款）`, item ? `subsidy of ${name}` : 'subsidy subtotal');
      check(row.self, rows.reduce((a, r) => a + r.self, ZERO), `${name}（業者自籌款）`, item ? `self-funded part of ${name}` : 'self-funded subtotal');
      if (model.totalColumnUsed) check(row.total, covers.reduce((a, i) => a + (model.shownRowTotals[i] ?? ZERO), ZERO), item ? `${name}（合計）` : name, item ? `total of ${name}` : 'subtotal');
    }
    // A 合計 that counts a subtotal twice is its own finding (subtotal-double-counted).
    for (const { cell, expected, subtotals, zh, en } of grandTotalColumns(model)) {
      // 「總經費合計」, not 「合計合計」.
      const name = zh === '合計' ? ['總經費合計', 'grand total'] : [`${zh}合計`, `${en} column total`];
      if (!isDoubleCounted(readCell(cell), expected, subtotals)) mismatch(cell, expected, name[0], name[1]);
    }
  },
  remedy(model, finding, report) {
    return restoreRoutes(model, finding, report, typeof finding.expected === 'number' ? finding.expected : undefined);
  },
};
