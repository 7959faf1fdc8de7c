import { HyperFormula } from 'hyperformula';
import { fromA1, toA1 } from '../../src/sheet/grid';
import type { CellSpec, WorkbookSpec } from './workbook';

/** A cell change as the checker's `fix` data gives it. */
export interface Change {
  sheet: string;
  cell: string;
  to: number | string | null;
  formula?: true;
}

/**
 * The workbook after a person applies `changes` in Excel: the cells changed, then every formula's shown result
 * recalculated (HyperFormula), as Excel would before saving.
 */
export function applyChanges(book: WorkbookSpec, changes: readonly Change[]): WorkbookSpec {
  const sheets = book.sheets.map((s) => ({ ...s, cells: { ...s.cells } }));
  for (const change of changes) {
    const sheet = sheets.find((s) => s.name === change.sheet);
    if (!sheet) throw new Error(`fix names an unknown sheet ${change.sheet}`);
    const old = sheet.cells[change.cell];
    const fmt = old !== null && typeof old === 'object' ? old.fmt : undefined;
    sheet.cells[change.cell] = change.formula && typeof change.to === 'string' ? { f: change.to.slice(1), fmt } : { v: change.to, fmt };
  }
  const grid = (cells: Record<string, CellSpec>) => {
    const rows: (string | number | null)[][] = [];
    for (const [a1, cell] of Object.entries(cells)) {
      const { row, col } = fromA1(a1);
      const v = cell !== null && typeof cell === 'object' ? (cell.f !== undefined ? `=${cell.f}` : (cell.v ?? null)) : cell;
      (rows[row] ??= [])[col] = v;
    }
    return Array.from({ length: rows.length }, (_, r) => Array.from({ length: rows[r]?.length ?? 0 }, (_, c) => rows[r]?.[c] ?? null));
  };
  const hf = HyperFormula.buildFromSheets(Object.fromEntries(sheets.map((s) => [s.name, grid(s.cells)])), { licenseKey: 'gpl-v3' });
  for (const sheet of sheets) {
    const id = hf.getSheetId(sheet.name)!;
    for (const [a1, cell] of Object.entries(sheet.cells)) {
      if (cell === null || typeof cell !== 'object' || cell.f === undefined) continue;
      const { row, col } = fromA1(a1);
      const value = hf.getCellValue({ sheet: id, row, col });
      sheet.cells[toA1(row, col)] = { ...cell, v: typeof value === 'number' || typeof value === 'string' ? value : null };
    }
  }
  hf.destroy();
  return { ...book, sheets };
}
