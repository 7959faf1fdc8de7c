import { parseAmount } from '../amount';
import type { RawCell } from '../budget';
import { type Fixed, ZERO, comparePercentDistance, format, formatAmount as show, percentOf, roundedPercent, toNumber } from '../money';
import type { BudgetModel } from '../budget-model';
import { coveredCells } from '../findings';
import { PERCENT_TOLERANCE, shownPercent } from '../percent';
import { restoreCells } from './remedies';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** One percentage that is not the rounded share: the cell, the share it should show and what it shows. */
interface PercentSlip {
  cell: RawCell;
  part: Fixed;
  expected: Fixed;
  shown: Fixed | null;
}

/** The number a percentage cell should hold: the rounded share, as a fraction where the cell is formatted 0.0%. */
const percentValue = (slip: PercentSlip): number => (slip.cell.percentFormat ? Number((toNumber(slip.expected) / 100).toFixed(4)) : toNumber(slip.expected));

/**
 * 各科目補助比例(%) and the 百分比(%) row: each within 0.05 of the exact share. A percentage that follows the totals as
 * the sheet shows them is no slip of its own: a typed-over total is reported once, at the total, not at every share.
 * Several slips in one table are one finding listing the cells (issue 9: one slip repeated, not many problems).
 */
export const percentMismatch: BudgetRule = {
  ...ruleFacts('percent-mismatch'),
  check(model, report) {
    const slips = percentSlips(model);
    if (slips.length === 0) return;
    const { grandTotal } = model.computed;
    const shownText = (slip: PercentSlip) => (slip.cell.value === null ? report.t('空白', 'nothing') : String(slip.shown === null ? slip.cell.value : format(slip.shown, 2)));
    const formulaAdvice = report.t('=ROUND(科目合計/總經費*100,1)', '=ROUND(item total/grand total*100,1)');
    if (slips.length === 1) {
      const [slip] = slips;
      const { cell, part, expected, shown } = slip;
      const exact = percentOf(part, grandTotal)!;
      report.add(cell.loc, report.t(`百分比應為 ${format(expected, 1)}（${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%），表上為 ${shownText(slip)}`, `Percentage should be ${format(expected, 1)} (${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%); the sheet shows ${shownText(slip)}`), {
        expected: toNumber(expected),
        actual: shown === null ? (cell.value === null ? null : String(cell.value)) : toNumber(shown),
        advice: report.t(`改為 ${format(expected, 1)}，或使用公式 ${formulaAdvice}`, `Set it to ${format(expected, 1)}, or use ${formulaAdvice}`),
      });
      return;
    }
    const list = (zh: boolean) => slips.map((s) => (zh ? `${s.cell.loc.cell} 應為 ${format(s.expected, 1)}（表上為 ${shownText(s)}）` : `${s.cell.loc.cell} should be ${format(s.expected, 1)} (shows ${shownText(s)})`)).join(zh ? '、' : ', ');
    report.add(slips[0].cell.loc, report.t(`${slips.length} 個百分比與實際占比不符：${list(true)}`, `${slips.length} percentages are not the rounded share: ${list(false)}`), {
      cells: slips.map((s) => s.cell.loc.cell),
      advice: report.t(`改為正確的百分比，或使用公式 ${formulaAdvice}`, `Set them to the right percentages, or use ${formulaAdvice}`),
    });
  },
  remedy(model, finding, report) {
    const cells = new Set(coveredCells(finding));
    const slips = percentSlips(model).filter((s) => s.cell.loc.sheet === finding.sheet && cells.has(s.cell.loc.cell));
    return restoreCells(model, slips.map((slip) => ({ cell: slip.cell, value: percentValue(slip) })), report);
  },
};

/** Every percentage of the table more than 0.05 from its exact share, in reading order (rows, then the 百分比 row). */
function percentSlips(model: BudgetModel): PercentSlip[] {
  const { grandTotal, govTotal, selfTotal, rowTotals } = model.computed;
  const slips: PercentSlip[] = [];
  const checkPercent = (cell: RawCell | null, part: Fixed, columnUsed: boolean, shownPart: Fixed = part) => {
    if (!cell || !columnUsed || grandTotal === ZERO) return;
    const shown = shownPercent(cell);
    if (shown !== null && comparePercentDistance(shown, part, grandTotal, PERCENT_TOLERANCE) <= 0) return;
    const { shownGrand } = model;
    if (shown !== null && shownGrand !== grandTotal && shownGrand !== ZERO && comparePercentDistance(shown, shownPart, shownGrand, PERCENT_TOLERANCE) <= 0) return;
    slips.push({ cell, part, expected: roundedPercent(part, grandTotal, 1)!, shown });
  };
  const subtotals = model.table.subtotals ?? [];
  const percentColumnUsed = [...model.rows.map((r) => r.input), ...subtotals.map((s) => s.row)].some((r) => r.percent && r.percent.value !== null);
  model.rows.forEach((row, index) => {
    // An itemised item's share may stand on its own row or its 小計 rather than on each detail line.
    if (row.group && row.input.percent?.value === null) return;
    checkPercent(row.input.percent, rowTotals[index], percentColumnUsed, model.shownRowTotals[index]);
  });
  for (const { row, covers } of subtotals) {
    if (!row.percent || row.percent.value === null) continue;
    const sum = (f: (i: number) => Fixed) => covers.reduce((a, i) => a + f(i), ZERO);
    checkPercent(row.percent, sum((i) => rowTotals[i] ?? ZERO), true, sum((i) => model.shownRowTotals[i] ?? ZERO));
  }
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
  return slips;
}
