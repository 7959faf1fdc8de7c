import { fromA1 } from '../a1';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A row read as one of the program's items under another wording: it keeps every rule of that item; this says so. */
export const itemLabelVariant: BudgetRule = {
  ...ruleFacts('item-label-variant'),
  check(model, report) {
    // Item rows, and the own rows of itemised items (their detail lines are read as the item whatever their words).
    const named = [
      ...model.rows.map((row) => ({ item: row.item, match: row.match, cell: row.input.label })),
      ...model.groups.filter((g) => g.head).map((g) => ({ item: g.item, match: g.match, cell: g.label })),
    ].sort((a, b) => fromA1(a.cell.loc.cell).row - fromA1(b.cell.loc.cell).row);
    for (const row of named) {
      const { item, match } = row;
      if (!item || !match || match.how === 'official') continue;
      const label = String(row.cell.value ?? '').trim();
      const why =
        match.how === 'synonym'
          ? report.t(`（${match.reason}）`, ` (${match.reason})`)
          : match.how === 'near'
            ? report.t('（字形相近）', ' (a near spelling)')
            : '';
      report.add(row.cell.loc, report.t(`「${label}」視為「${item.label}」${why}，並依該科目規定檢查`, `"${label}" read as ${item.label} (${item.en})${why}, and checked by that item's rules`), {
        actual: label,
        expected: item.label,
        advice: report.t(`建議改用官方科目名稱「${item.label}」`, `Use the official item name "${item.label}"`),
        fix: [{ ...row.cell.loc, from: label, to: item.label }],
      });
    }
  },
};
