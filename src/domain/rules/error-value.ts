import { isErrorValue } from '../formula';
import { ZERO } from '../money';
import type { BudgetRule } from './rule';
import { tableCells } from './hygiene';
import { ruleFacts } from './catalogue';

/** An Excel error value (#REF! after a deleted row, #VALUE!, #DIV/0!) inside the table. */
export const errorValue: BudgetRule = {
  ...ruleFacts('error-value'),
  check(model, report) {
    const emptyTable = model.computed.grandTotal === ZERO;
    for (const { cell, role } of tableCells(model.table)) {
      if (!isErrorValue(cell.value)) continue;
      // A share of a total of 0 is a division by zero: the empty table is empty-budget's finding, not a broken formula.
      if (emptyTable && cell.value.trim() === '#DIV/0!' && (role === 'percent' || role === 'percent-row')) continue;
      const formula = cell.formula ? report.t(`，公式為 ${cell.formula}`, `; its formula is ${cell.formula}`) : '';
      report.add(cell.loc, report.t(`儲存格顯示錯誤值 ${cell.value}${formula}`, `The cell shows the error value ${cell.value}${formula}`), {
        actual: cell.value,
        advice: report.t('#REF! 多半是刪除了公式參照的列或欄：請修正公式的參照', '#REF! usually means a row or column the formula used was deleted: repair the formula\'s references'),
      });
    }
  },
};
