import { formulaConstants } from '../formula';
import type { BudgetRule } from './rule';
import { formulaOf, tableCells } from './hygiene';
import { ruleFacts } from './catalogue';

/** A number typed inside a formula (`=B4+C4+100`, `=B5*0.5`): an amount or ratio hidden where no one sees it. */
export const formulaConstant: BudgetRule = {
  ...ruleFacts('formula-constant'),
  check(model, report) {
    for (const { cell } of tableCells(model.table)) {
      const formula = formulaOf(cell);
      if (!formula) continue;
      const constants = formulaConstants(formula);
      if (constants.length === 0) continue;
      const list = constants.map((c) => c.text).join(report.t('、', ', '));
      report.add(cell.loc, report.t(`公式 ${formula} 內含常數 ${list}，金額變動時不會跟著更新`, `${formula} contains the number ${list}, which will not follow changes to the table`), {
        actual: formula,
        advice: report.t('把常數放進表內的儲存格並參照它，或移除', 'Put the number in a cell of the table and refer to it, or remove it'),
      });
    }
  },
};
