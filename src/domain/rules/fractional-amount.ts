import { type BudgetModel, THOUSANDS_PER_WAN } from '../budget-model';
import { type AmountEdit, rowAt } from '../fixes';
import { type Fixed, ZERO, format, isWhole, round, toNumber } from '../money';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/**
 * Budgets are whole 千元: 12.5 萬元 is fine, 12.55 萬元 is not; amounts in 元 are never fractional 千元 slips. Several in
 * one table are one finding listing the cells, with one fix rounding them all.
 */
export const fractionalAmount: BudgetRule = {
  ...ruleFacts('fractional-amount'),
  check(model, report) {
    const slips = fractions(model);
    if (slips.length === 0) return;
    const places = model.unit === '萬元' ? 1 : 0;
    const advice = report.t('金額單位為千元，請四捨五入至整數', 'Amounts are in NT$ thousand: round to a whole number');
    if (slips.length === 1) {
      const { cell, value } = slips[0];
      report.add(cell.loc, report.t(`金額含不足千元的小數：${numberText(value)} ${model.unit}`, `Amount has a fraction of NT$ thousand: ${numberText(value)} ${model.unit}`), {
        actual: toNumber(value),
        expected: toNumber(round(value, places)),
        advice,
      });
      return;
    }
    const list = slips.map((s) => `${s.cell.loc.cell} ${numberText(s.value)}`).join(report.t('、', ', '));
    report.add(slips[0].cell.loc, report.t(`${slips.length} 個金額含不足千元的小數（${model.unit}）：${list}`, `${slips.length} amounts have a fraction of NT$ thousand (${model.unit}): ${list}`), {
      cells: slips.map((s) => s.cell.loc.cell),
      advice,
    });
  },
  remedy(model, _finding, report) {
    const places = model.unit === '萬元' ? 1 : 0;
    const edits = new Map<number, AmountEdit>();
    const words: string[] = [];
    for (const { cell, value } of fractions(model)) {
      const at = rowAt(model, cell.loc.sheet, cell.loc.cell);
      if (!at) return [];
      const rounded = round(value, places);
      edits.set(at.index, { ...(edits.get(at.index) ?? { row: at.index }), [at.column]: rounded });
      words.push(`${cell.loc.cell} ${format(rounded, places)}`);
    }
    if (edits.size === 0) return [];
    return [{ advice: report.t(`四捨五入：${words.join('、')}`, `Round: ${words.join(', ')}`), edits: [...edits.values()] }];
  },
};

function fractions(model: BudgetModel): { cell: BudgetModel['amounts'][number]['cell']; value: Fixed }[] {
  if (model.unit === '元') return [];
  const wan = model.unit === '萬元';
  return model.amounts.flatMap(({ cell, parsed, role }) =>
    role === 'input' && parsed.kind === 'number' && parsed.value >= ZERO && !isWhole(wan ? parsed.value * THOUSANDS_PER_WAN : parsed.value) ? [{ cell, value: parsed.value }] : [],
  );
}

function numberText(f: Fixed): string {
  return format(f, 6).replace(/\.?0+$/, '');
}
