import { formatAmount as show } from '../money';
import { readCell } from '../budget-model';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A row inside the table that holds amounts but is neither an item, a subtotal nor the 合計: not counted, so said. */
export const unreadRow: BudgetRule = {
  ...ruleFacts('unread-row'),
  check(model, report) {
    for (const { row, why } of model.table.unread ?? []) {
      const label = String(row.label.value ?? '').trim();
      const holds = [
        row.gov && row.gov.value !== null ? report.t(`政府補助款 ${show(readCell(row.gov))}`, `subsidy ${show(readCell(row.gov))}`) : null,
        row.self && row.self.value !== null ? report.t(`業者自籌款 ${show(readCell(row.self))}`, `self-funded ${show(readCell(row.self))}`) : null,
        row.total && row.total.value !== null ? report.t(`合計 ${show(readCell(row.total))}`, `total ${show(readCell(row.total))}`) : null,
      ].filter((x) => x !== null).join(report.t('、', ', '));
      const place = why === 'after-total' ? report.t('位於合計列之下', 'below the 合計 row') : report.t('看似附註', 'reads as a note');
      report.add(row.label.loc, report.t(`「${label || '（無名稱）'}」${place}，含 ${holds}，未計入本表的檢查`, `"${label || '(no label)'}" ${place} and holds ${holds}; it is not counted in this check`), {
        actual: label,
        advice: why === 'after-total'
          ? report.t('將此列移到合計列之上並納入合計，或刪除此列的金額', 'Move the row above 合計 and include it in the total, or clear its amounts')
          : report.t('將金額移到適當的會計科目列，或刪除此列的金額', 'Put the amounts on an accounting item row, or clear them'),
      });
    }
  },
};
