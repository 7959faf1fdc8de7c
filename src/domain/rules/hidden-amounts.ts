import type { BudgetRule } from './rule';
import { tableCells } from './hygiene';
import { ruleFacts } from './catalogue';

/** A hidden row or column inside the table that holds amounts: what the reviewer sees is not what is summed. */
export const hiddenAmounts: BudgetRule = {
  ...ruleFacts('hidden-amounts'),
  check(model, report) {
    const context = model.table.context;
    if (!context) return;
    const hiddenRows = new Set(context.hiddenRows);
    const hiddenCols = new Set(context.hiddenCols);
    if (hiddenRows.size === 0 && hiddenCols.size === 0) return;
    const reported = new Set<string>();
    for (const { cell, row, col } of tableCells(model.table)) {
      if (cell.value === null || cell.value === 0) continue;
      const what = hiddenRows.has(row) ? `row:${row}` : hiddenCols.has(col) ? `col:${col}` : null;
      if (!what || reported.has(what)) continue;
      reported.add(what);
      const rowOrCol = what.startsWith('row') ? report.t(`第 ${row + 1} 列`, `Row ${row + 1}`) : report.t(`${cell.loc.cell.replace(/\d+$/, '')} 欄`, `Column ${cell.loc.cell.replace(/\d+$/, '')}`);
      report.add(cell.loc, report.t(`${rowOrCol}被隱藏，但含有金額（${cell.loc.cell}：${cell.value}）`, `${rowOrCol} is hidden but holds amounts (${cell.loc.cell}: ${cell.value})`), {
        advice: report.t('取消隱藏，確認這些金額應列入預算', 'Unhide it and confirm these amounts belong in the budget'),
      });
    }
  },
};
