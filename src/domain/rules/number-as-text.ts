import type { BudgetModel } from '../budget-model';
import { current } from '../fixes';
import { formatAmount as show, toNumber } from '../money';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/**
 * An amount typed as text that reads as a number ("1,200", full-width "１２００"): Excel's SUM skips it. Several in one
 * table are one finding listing the cells (one slip repeated, not many problems), with one fix for all of them.
 */
export const numberAsText: BudgetRule = {
  ...ruleFacts('number-as-text'),
  check(model, report) {
    const slips = textAmounts(model.amounts);
    if (slips.length === 0) return;
    if (slips.length === 1) {
      const { cell, value } = slips[0];
      report.add(cell.loc, report.t(`金額以文字輸入：「${String(cell.value)}」，Excel 不會將它加總`, `Amount typed as text: "${String(cell.value)}"; Excel will not add it up`), {
        expected: toNumber(value),
        actual: String(cell.value),
        advice: report.t(`改為數字 ${show(value)}`, `Replace it with the number ${show(value)}`),
      });
      return;
    }
    const list = slips.map((s) => `${s.cell.loc.cell}「${String(s.cell.value)}」`).join(report.t('、', ', '));
    report.add(slips[0].cell.loc, report.t(`${slips.length} 個金額以文字輸入，Excel 不會將它們加總：${list}`, `${slips.length} amounts are typed as text; Excel will not add them up: ${list}`), {
      cells: slips.map((s) => s.cell.loc.cell),
      advice: report.t(`改為數字：${slips.map((s) => `${s.cell.loc.cell} ${show(s.value)}`).join('、')}`, `Replace them with numbers: ${slips.map((s) => `${s.cell.loc.cell} ${show(s.value)}`).join(', ')}`),
    });
  },
  remedy(model, _finding, report) {
    const slips = textAmounts(model.amounts);
    if (slips.length === 0) return [];
    return [{
      advice: report.t(`改為數字：${slips.map((s) => `${s.cell.loc.cell} ${show(s.value)}`).join('、')}`, `Replace with numbers: ${slips.map((s) => `${s.cell.loc.cell} ${show(s.value)}`).join(', ')}`),
      cells: slips.map((s) => ({ ...s.cell.loc, from: current(s.cell), to: toNumber(s.value) })),
    }];
  },
};

function textAmounts(amounts: BudgetModel['amounts']) {
  return amounts.flatMap(({ cell, parsed }) => (parsed.kind === 'number' && parsed.fromText ? [{ cell, value: parsed.value }] : []));
}
