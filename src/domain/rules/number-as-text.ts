import { formatAmount as show, toNumber } from '../money';
import { current } from '../fixes';
import type { BudgetRule } from './rule';

/** An amount typed as text that reads as a number ("1,200", full-width "１２００"): Excel's SUM skips it. */
export const numberAsText: BudgetRule = {
  id: 'number-as-text',
  severity: 'warning',
  title: { 'zh-TW': '金額以文字輸入', en: 'An amount is typed as text' },
  check(model, report) {
    for (const { cell, parsed } of model.amounts) {
      if (parsed.kind !== 'number' || !parsed.fromText) continue;
      report.add(cell.loc, report.t(`金額以文字輸入：「${String(cell.value)}」，Excel 不會將它加總`, `Amount typed as text: "${String(cell.value)}"; Excel will not add it up`), {
        expected: toNumber(parsed.value),
        actual: String(cell.value),
        advice: report.t(`改為數字 ${show(parsed.value)}`, `Replace it with the number ${show(parsed.value)}`),
      });
    }
  },
  remedy(model, finding, report) {
    const reading = model.amounts.find((a) => a.cell.loc.sheet === finding.sheet && a.cell.loc.cell === finding.cell);
    if (!reading || reading.parsed.kind !== 'number') return [];
    const to = toNumber(reading.parsed.value);
    return [{ advice: report.t(`改為數字 ${show(reading.parsed.value)}`, `Replace it with the number ${show(reading.parsed.value)}`), cells: [{ ...reading.cell.loc, from: current(reading.cell), to }] }];
  },
};
