import { ZERO, formatAmount as show, toNumber } from '../money';
import { moveRowToSelf } from './remedies';
import type { BudgetRule } from './rule';
import { rowName } from './row-name';
import { ruleFacts } from './catalogue';

/** An item the program allows only in 業者自籌款 (人事費 …) holding 政府補助款. */
export const selfOnlyItem: BudgetRule = {
  ...ruleFacts('self-only-item'),
  check(model, report) {
    for (const row of model.rows) {
      const item = row.item;
      if (!item || item.gov !== 'self-only' || row.gov === ZERO || !row.input.gov) continue;
      // A detail line (one person under 人事費) is named with its item.
      const what = row.group ? rowName(row, report) : item.label;
      report.add(row.input.gov.loc, report.t(`${what}僅能編列於業者自籌款，政府補助款須為 0`, `${row.group ? what : item.en} may only be self-funded; its subsidy must be 0`), {
        expected: 0,
        actual: toNumber(row.gov),
        advice: report.t(`將 ${show(row.gov)} 移至業者自籌款`, `Move ${show(row.gov)} to the self-funded column`),
        citation: item.citation,
      });
    }
  },
  remedy: moveRowToSelf,
};
