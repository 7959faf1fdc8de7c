import { isErrorValue } from '../formula';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** An amount cell holding text (or TRUE/FALSE, #DIV/0!) that no reading turns into a number. */
export const notANumber: BudgetRule = {
  ...ruleFacts('not-a-number'),
  check(model, report) {
    for (const { cell, parsed } of model.amounts) {
      // An Excel error value (#REF!) is error-value's finding, with what to do about it.
      if (parsed.kind !== 'invalid' || isErrorValue(parsed.text)) continue;
      report.add(cell.loc, report.t(`金額欄位不是數字：「${parsed.text}」`, `Amount is not a number: "${parsed.text}"`), {
        actual: parsed.text,
        advice: report.t('請輸入以千元為單位的數字，或清空此欄', 'Enter a number in NT$ thousand, or clear the cell'),
      });
    }
  },
};
