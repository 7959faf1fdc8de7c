import { THOUSANDS_PER_WAN } from '../budget-model';
import { type Fixed, ZERO, format, isWhole, round, toNumber } from '../money';
import { rowAt } from '../fixes';
import type { BudgetRule } from './rule';

/** Budgets are whole 千元: 12.5 萬元 is fine, 12.55 萬元 is not; amounts in 元 are never fractional 千元 slips. */
export const fractionalAmount: BudgetRule = {
  id: 'fractional-amount',
  severity: 'warning',
  title: { 'zh-TW': '金額含不足千元的小數', en: 'An amount has a fraction of NT$ thousand' },
  check(model, report) {
    if (model.unit === '元') return;
    const wan = model.unit === '萬元';
    for (const { cell, parsed, role } of model.amounts) {
      if (role !== 'input' || parsed.kind !== 'number' || parsed.value < ZERO) continue;
      const value = parsed.value;
      if (isWhole(wan ? value * THOUSANDS_PER_WAN : value)) continue;
      report.add(cell.loc, report.t(`金額含不足千元的小數：${numberText(value)} ${model.unit}`, `Amount has a fraction of NT$ thousand: ${numberText(value)} ${model.unit}`), {
        actual: toNumber(value),
        expected: toNumber(round(value, wan ? 1 : 0)),
        advice: report.t('金額單位為千元，請四捨五入至整數', 'Amounts are in NT$ thousand: round to a whole number'),
      });
    }
  },
  remedy(model, finding, report) {
    const at = rowAt(model, finding.sheet, finding.cell);
    if (!at) return [];
    const value = model.rows[at.index][at.column];
    const rounded = round(value, model.unit === '萬元' ? 1 : 0);
    return [{ advice: report.t(`四捨五入為 ${format(rounded, model.unit === '萬元' ? 1 : 0)}`, `Round it to ${format(rounded, model.unit === '萬元' ? 1 : 0)}`), edits: [{ row: at.index, [at.column]: rounded }] }];
  },
};

function numberText(f: Fixed): string {
  return format(f, 6).replace(/\.?0+$/, '');
}
