import { ZERO, formatAmount as show, toNumber } from '../money';
import { moveRowToSelf } from './remedies';
import type { BudgetRule } from './rule';
import { rowName } from './row-name';
import { ruleFacts } from './catalogue';

/** The subsidy funds only the program's items: a row that is not one of them may hold 自籌款 but no 政府補助款. */
export const unlistedItemFunded: BudgetRule = {
  ...ruleFacts('unlisted-item-funded'),
  check(model, report) {
    if (model.program.anyItem) return; // the program names no 會計科目: any item may be budgeted and funded
    for (const row of model.rows) {
      if (row.item || row.gov === ZERO || !row.input.gov) continue;
      const name = rowName(row, report);
      report.add(row.input.gov.loc, report.t(`${name}不是本計畫可補助的會計科目，政府補助款 ${show(row.gov)} 不能編列`, `${name} is not an item this program funds; its subsidy of ${show(row.gov)} cannot be budgeted`), {
        expected: 0,
        actual: toNumber(row.gov),
        advice: report.t(`將 ${show(row.gov)} 移至業者自籌款，或改列於適當的官方科目`, `Move ${show(row.gov)} to the self-funded column, or budget it under the right official item`),
      });
    }
  },
  remedy: moveRowToSelf,
};
