import { PROGRAMS } from '../programs';
import { fromA1 } from '../a1';
import type { RawCell } from '../budget';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

const rowOf = (cell: RawCell) => fromA1(cell.loc.cell).row;

/** A row label that is not one of the program's accounting items. */
export const unknownItem: BudgetRule = {
  ...ruleFacts('unknown-item'),
  check(model, report) {
    if (model.program.anyItem) return; // the program names no 會計科目: any item may be budgeted and funded
    const { program } = model;
    // A detail line is never an item of its own: its group is reported once, at the item's label, when the item is
    // not the program's.
    const unnamed = [
      ...model.rows.filter((row) => !row.item && !row.group).map((row) => ({ label: row.input.label, match: row.match })),
      ...model.groups.filter((g) => !g.item && g.head).map((g) => ({ label: g.label, match: g.match })),
    ].sort((a, b) => rowOf(a.label) - rowOf(b.label));
    for (const row of unnamed) {
      const label = String(row.label.value ?? '').trim();
      const otherId = row.match?.item ?? null;
      // Named as people know the programs, never by their ids.
      const others = otherId ? PROGRAMS.filter((p) => p.items.some((i) => i.id === otherId)) : [];
      report.add(
        row.label.loc,
        otherId
          ? report.t(`「${label}」不是本計畫（${program.name['zh-TW']}）可編列的會計科目`, `"${label}" is not an accounting item of ${program.name.en}`)
          : report.t(`「${label}」不是官方會計科目`, `"${label}" is not an official accounting item`),
        {
          actual: label,
          advice: otherId
            ? report.t(`此科目屬於${others.map((p) => `「${p.name['zh-TW']}」`).join('、')}；請確認計畫別，或移除此列`, `This item belongs to ${others.map((p) => p.name.en).join('; ')}: check the program or remove the row`)
            : report.t(`請改用官方科目名稱：${program.items.map((i) => i.label).join('、')}`, `Use an official item: ${program.items.map((i) => i.en).join(', ')}`),
        },
      );
    }
  },
};
