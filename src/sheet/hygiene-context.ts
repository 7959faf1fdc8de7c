import type { BudgetTableInput } from '../domain/budget';
import { Grid, type WorkbookSnapshot } from './grid';

/** Gives each located table what the formula-hygiene rules read beyond its cells: the workbook's other cells, hidden rows and columns, and the other tables. */
export function withWorkbookContext(snapshot: WorkbookSnapshot, tables: readonly BudgetTableInput[]): BudgetTableInput[] {
  const grids = new Map(snapshot.sheets.map((s) => [s.name, new Grid(s)]));
  const cell = (sheet: string, row: number, col: number) => {
    const grid = grids.get(sheet);
    if (!grid) return null;
    const value = grid.value(row, col);
    const formula = grid.formula(row, col);
    return value === null && formula === null ? null : { value, formula };
  };
  return tables.map((table) => {
    const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
    return {
      ...table,
      context: { cell, hiddenRows: sheet?.hiddenRows ?? [], hiddenCols: sheet?.hiddenCols ?? [], otherTables: tables.filter((t) => t !== table) },
    };
  });
}
