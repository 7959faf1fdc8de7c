import { parseAmount } from '../amount';
import type { RawCell } from '../budget';
import { type Fixed, ZERO, comparePercentDistance, format, formatAmount as show, fromNumber, percentOf, roundedPercent, toNumber } from '../money';
import type { BudgetModel } from '../budget-model';
import type { Finding } from '../findings';
import { derivedCellAt, restoreRoutes } from './remedies';
import type { BudgetRule } from './rule';

/** The number a percentage cell should hold: the rounded share, as a fraction where the cell is formatted 0.0%. */
function percentValue(model: BudgetModel, finding: Finding): number | undefined {
  if (typeof finding.expected !== 'number') return undefined;
  const cell = derivedCellAt(model, finding);
  return cell?.percentFormat ? Number((finding.expected / 100).toFixed(4)) : finding.expected;
}

/** A percentage may be this far from the exact share before it is a slip (SPEC: more than 0.05 away). */
export const PERCENT_TOLERANCE: Fixed = 50_000n; // 0.05

/** A percentage cell as a number of percent (0.107 in a 0.0% cell is 10.7), or null when it does not read as one. */
export function shownPercent(cell: RawCell): Fixed | null {
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return fromNumber(cell.value) * (cell.percentFormat ? 100n : 1n);
  if (typeof cell.value === 'string') {
    const amount = parseAmount(cell.value.replace(/[%％]\s*$/, ''));
    if (amount.kind === 'number') return amount.value;
  }
  return null;
}

/**
 * 各科目補助比例(%) and the 百分比(%) row: each within 0.05 of the exact share. A percentage that follows the totals as
 * the sheet shows them is no slip of its own: a typed-over total is reported once, at the total, not at every share.
 */
export const percentMismatch: BudgetRule = {
  id: 'percent-mismatch',
  severity: 'warning',
  title: { 'zh-TW': '百分比與實際占比不符', en: 'A percentage is not the rounded share' },
  check(model, report) {
    const { grandTotal, govTotal, selfTotal, rowTotals } = model.computed;
    const checkPercent = (cell: RawCell | null, part: Fixed, columnUsed: boolean, shownPart: Fixed = part) => {
      if (!cell || !columnUsed || grandTotal === ZERO) return;
      const expected = roundedPercent(part, grandTotal, 1)!;
      const shown = shownPercent(cell);
      if (shown !== null && comparePercentDistance(shown, part, grandTotal, PERCENT_TOLERANCE) <= 0) return;
      const { shownGrand } = model;
      if (shown !== null && shownGrand !== grandTotal && shownGrand !== ZERO && comparePercentDistance(shown, shownPart, shownGrand, PERCENT_TOLERANCE) <= 0) return;
      const exact = percentOf(part, grandTotal)!;
      const shownText = cell.value === null ? report.t('空白', 'nothing') : String(shown === null ? cell.value : format(shown, 2));
      report.add(cell.loc, report.t(`百分比應為 ${format(expected, 1)}（${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%），表上為 ${shownText}`, `Percentage should be ${format(expected, 1)} (${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%); the sheet shows ${shownText}`), {
        expected: toNumber(expected),
        actual: shown === null ? (cell.value === null ? null : String(cell.value)) : toNumber(shown),
        advice: report.t(`改為 ${format(expected, 1)}，或使用公式 =ROUND(科目合計/總經費*100,1)`, `Set it to ${format(expected, 1)}, or use =ROUND(item total/grand total*100,1)`),
      });
    };
    const percentColumnUsed = model.rows.some((r) => r.input.percent && r.input.percent.value !== null);
    model.rows.forEach((row, index) => checkPercent(row.input.percent, rowTotals[index], percentColumnUsed, model.shownRowTotals[index]));
    const percentRow = model.table.percentRow;
    if (percentRow) {
      const used = [percentRow.gov, percentRow.self, percentRow.total].some((c) => c && c.value !== null);
      // Like the rows above: a share that follows the 合計 row as shown is not a slip of its own.
      const shownTotal = (cell: RawCell | null | undefined, computed: Fixed) => {
        const parsed = cell ? parseAmount(cell.value) : null;
        return parsed?.kind === 'number' ? parsed.value : computed;
      };
      checkPercent(percentRow.gov, govTotal, used, shownTotal(model.table.totalRow?.gov, govTotal));
      checkPercent(percentRow.self, selfTotal, used, shownTotal(model.table.totalRow?.self, selfTotal));
      checkPercent(percentRow.total, grandTotal, used);
    }
  },
  remedy(model, finding, report) {
    return restoreRoutes(model, finding, report, percentValue(model, finding));
  },
};
