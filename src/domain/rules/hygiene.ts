import { fromA1, toA1 } from '../a1';
import type { BudgetRowInput, BudgetTableInput, RawCell } from '../budget';
import type { CellLoc } from '../findings';

/** Shared by the formula-hygiene rules: the table's cells by role, and its known addresses. */

export type CellRole = 'amount' | 'row-total' | 'percent' | 'total-row' | 'percent-row' | 'subtotal';

export interface TableCell {
  cell: RawCell;
  role: CellRole;
  row: number;
  col: number;
}

function rowCells(row: BudgetRowInput | null | undefined, amountRole: CellRole, totalRole: CellRole, percentRole: CellRole): [RawCell | null, CellRole][] {
  if (!row) return [];
  return [
    [row.gov, amountRole],
    [row.self, amountRole],
    [row.total, totalRole],
    [row.percent, percentRole],
  ];
}

/** Every amount, total and percentage cell of the table with its role (labels are not included). */
export function tableCells(table: BudgetTableInput): TableCell[] {
  const pairs: [RawCell | null, CellRole][] = [
    ...table.rows.flatMap((r) => rowCells(r, 'amount', 'row-total', 'percent')),
    ...(table.subtotals ?? []).flatMap((s) => rowCells(s.row, 'subtotal', 'subtotal', 'percent')),
    ...rowCells(table.totalRow, 'total-row', 'total-row', 'total-row'),
    ...rowCells(table.percentRow, 'percent-row', 'percent-row', 'percent-row'),
  ];
  return pairs.flatMap(([cell, role]) => {
    if (!cell) return [];
    const { row, col } = fromA1(cell.loc.cell);
    return [{ cell, role, row, col }];
  });
}

/** "sheet\0A1" for every cell of the table, labels and title included. */
export function knownAddresses(table: BudgetTableInput): Set<string> {
  const locs: CellLoc[] = [table.title, ...(table.unit ? [table.unit.loc] : [])];
  for (const row of [...table.rows, ...(table.subtotals ?? []).map((s) => s.row), table.totalRow, table.percentRow, ...(table.unread ?? []).map((u) => u.row)]) {
    if (!row) continue;
    for (const c of [row.label, row.gov, row.self, row.total, row.percent]) if (c) locs.push(c.loc);
  }
  return new Set(locs.map((l) => key(l.sheet, l.cell)));
}

export const key = (sheet: string, cell: string) => `${sheet}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;

export const address = (row: number, col: number) => toA1(row, col);

/** A formula cell's text, or null. */
export const formulaOf = (c: RawCell | null | undefined): string | null => (c?.formula && c.formula.startsWith('=') ? c.formula : null);
