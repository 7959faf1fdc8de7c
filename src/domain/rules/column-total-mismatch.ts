import { parseAmount } from '../amount';
import type { RawCell } from '../budget';
import { readCell } from '../budget-model';
import { type Fixed, ZERO, formatAmount as show, toNumber } from '../money';
import type { BudgetRule } from './rule';

/** A 合計-row cell ≠ the sum of its column (the 合計 column sums the row totals as shown). */
export const columnTotalMismatch: BudgetRule = {
  id: 'column-total-mismatch',
  severity: 'error',
  title: { 'zh-TW': '合計列不等於該欄加總', en: 'A column total is not the sum of its column' },
  check(model, report) {
    const totalRow = model.table.totalRow;
    if (!totalRow) return;
    const columns: [RawCell | null, Fixed, string, string][] = [
      [totalRow.gov, model.computed.govTotal, '政府補助款', 'subsidy'],
      [totalRow.self, model.computed.selfTotal, '業者自籌款', 'self-funded'],
      [totalRow.total, model.shownRowTotals.reduce((a, b) => a + b, ZERO), '合計', 'total'],
    ];
    for (const [cell, expected, zhName, enName] of columns) {
      if (!cell || parseAmount(cell.value).kind === 'invalid') continue;
      const shown = readCell(cell);
      if (shown === expected) continue;
      const shownText = cell.value === null ? report.t('空白', 'nothing') : show(shown);
      report.add(cell.loc, report.t(`${zhName}合計應為 ${show(expected)}（該欄加總），表上為 ${shownText}`, `The ${enName} column total should be ${show(expected)} (sum of the column); the sheet shows ${shownText}`), {
        expected: toNumber(expected),
        actual: cell.value === null ? null : toNumber(shown),
        advice: report.t(`改為 ${show(expected)}，或使用 SUM 公式`, `Set it to ${show(expected)}, or use a SUM formula`),
      });
    }
  },
};
