import { parseAmount } from '../amount';
import { formatAmount as show, toNumber } from '../money';
import { restoreRoutes } from './remedies';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A row's 合計 ≠ 政府補助款 + 業者自籌款 (only when the 合計 column is used at all). */
export const rowTotalMismatch: BudgetRule = {
  ...ruleFacts('row-total-mismatch'),
  check(model, report) {
    if (!model.totalColumnUsed) return;
    model.rows.forEach((row, index) => {
      const cell = row.input.total;
      if (!cell || parseAmount(cell.value).kind === 'invalid') return;
      const shown = model.shownRowTotals[index];
      const expected = model.computed.rowTotals[index];
      if (shown === expected) return;
      const shownText = cell.value === null ? report.t('空白', 'nothing') : show(shown);
      report.add(cell.loc, report.t(`合計應為 ${show(expected)}（政府補助款 + 業者自籌款），表上為 ${shownText}`, `Row total should be ${show(expected)} (subsidy + self-funded); the sheet shows ${shownText}`), {
        expected: toNumber(expected),
        actual: cell.value === null ? null : toNumber(shown),
        advice: report.t(`改為 ${show(expected)}，或使用公式 =政府補助款+業者自籌款`, `Set it to ${show(expected)}, or use a formula adding the two columns`),
      });
    });
  },
  remedy(model, finding, report) {
    return restoreRoutes(model, finding, report, typeof finding.expected === 'number' ? finding.expected : undefined);
  },
};
