import { fromA1 } from '../a1';
import { formulaReferences } from '../formula';
import type { RawCell } from '../budget';
import type { BudgetRule } from './rule';
import { address, formulaOf, tableCells } from './hygiene';
import { ruleFacts } from './catalogue';

/**
 * A sum that leaves out rows of the table: a 合計-row SUM whose range stops short of or skips an item row (a row
 * inserted below the range), or a row's 合計 that adds only one of its two parts. The message names the range and the
 * missed cells ("SUM(C4:C8) 漏列 C9"), which says more than the wrong total alone.
 */
export const sumRangeIncomplete: BudgetRule = {
  ...ruleFacts('sum-range-incomplete'),
  check(model, report) {
    const { table } = model;
    const own = (sheet: string | null) => sheet === null || sheet === table.sheet;
    const itemRowCells = table.rows.map((r) => [r.gov, r.self, r.total].filter((c): c is RawCell => c !== null));
    const subtotalRows = (table.subtotals ?? []).map((s) => ({ row: rowOf(s.row.label), covers: s.covers }));

    const advice = report.t('將漏掉的儲存格納入公式（可用「重新計算」修復範本公式）', 'Include the missed cells in the formula (Recalculate repairs template formulas)');
    for (const { cell, role, row, col } of tableCells(table)) {
      const formula = formulaOf(cell);
      if (!formula) continue;
      const refs = formulaReferences(formula).filter((r) => own(r.sheet));
      const covers = (r: number, c: number) => refs.some(({ area }) => area.top <= r && r <= area.bottom && area.left <= c && c <= area.right);
      let missed: string[] = [];
      if (role === 'total-row' && table.totalRow && cell !== table.totalRow.percent) {
        // The item cells of this column; an item counted through a subtotal the formula includes is covered.
        const column = itemRowCells.map((cells) => cells.find((c) => colOf(c) === col) ?? null);
        const viaSubtotal = new Set(subtotalRows.filter((s) => covers(s.row, col)).flatMap((s) => s.covers));
        const included = column.map((c, i) => c !== null && (covers(rowOf(c), col) || viaSubtotal.has(i)));
        if (!included.some(Boolean) && viaSubtotal.size === 0) continue; // not a sum of this column
        missed = column.flatMap((c, i) => (c && !included[i] ? [c.loc.cell] : []));
      } else if (role === 'row-total') {
        const source = table.rows.find((r) => r.total === cell);
        const parts = [source?.gov, source?.self].filter((c): c is RawCell => !!c);
        const inRow = parts.filter((p) => covers(rowOf(p), colOf(p)));
        if (inRow.length === 0) continue; // not a sum of this row's parts
        missed = parts.filter((p) => !inRow.includes(p)).map((p) => p.loc.cell);
      } else continue;
      if (missed.length === 0) continue;
      const shown = formula.replace(/^=/, '');
      report.add(cell.loc, report.t(`${address(row, col)} 的公式 ${shown} 漏列 ${missed.join('、')}`, `${address(row, col)}: ${shown} leaves out ${missed.join(', ')}`), {
        actual: formula,
        advice,
      });
    }
  },
};

const rowOf = (c: RawCell) => fromA1(c.loc.cell).row;
const colOf = (c: RawCell) => fromA1(c.loc.cell).col;
