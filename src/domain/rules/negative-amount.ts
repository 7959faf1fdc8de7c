import { ZERO, formatAmount as show, toNumber } from '../money';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A 政府補助款 or 業者自籌款 below 0. */
export const negativeAmount: BudgetRule = {
  ...ruleFacts('negative-amount'),
  check(model, report) {
    for (const { cell, parsed, role } of model.amounts) {
      if (role !== 'input' || parsed.kind !== 'number' || parsed.value >= ZERO) continue;
      report.add(cell.loc, report.t(`金額不可為負數：${show(parsed.value)}`, `Amount is negative: ${show(parsed.value)}`), {
        actual: toNumber(parsed.value),
        advice: report.t('預算金額須為 0 或正數', 'Budget amounts must be 0 or more'),
      });
    }
  },
};
