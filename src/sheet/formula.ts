import { Grid, type SheetSnapshot, toA1 } from './grid';
import { evaluateFormula } from './formula-eval';
import { parseA1, scalar, toRaw, Unknown, type Scalar, type Value } from './formula-values';

/**
 * Fills in what a workbook written by a script leaves out: formulas saved without results are evaluated
 * (formula-eval.ts, over the one tokenizer in domain/formula.ts) with the values Excel would show. Anything else is
 * left unknown (never guessed), and the checker says so once instead of reporting blank totals.
 */

/**
 * Fills in the values of formula cells saved without results, evaluating them (and the uncached cells they depend on)
 * in place. Records on each sheet the cells that stay unknown (`uncomputed`).
 */
export function fillUncachedFormulas(sheets: SheetSnapshot[], uncached: Map<string, string[]>): void {
  const bySheet = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const grids = new Map(sheets.map((s) => [s, new Grid(s)]));
  const pending = new Map<SheetSnapshot, Set<string>>();
  for (const [name, cells] of uncached) {
    const sheet = bySheet.get(name.toLowerCase());
    if (sheet && cells.length > 0) pending.set(sheet, new Set(cells));
  }
  if (pending.size === 0) return;
  const done = new Map<string, Scalar>();
  const failed = new Set<string>();
  const active = new Set<string>();

  const key = (sheet: SheetSnapshot, a1: string) => `${sheet.name}\u0000${a1}`;

  const cellValue = (sheet: SheetSnapshot, row: number, col: number): Scalar => {
    const grid = grids.get(sheet)!;
    const a1 = toA1(row, col);
    if (pending.get(sheet)?.has(a1)) return evaluateCell(sheet, a1);
    if (sheet.clipped && (row >= (sheet.clipped.rowsFrom ?? Infinity) || col >= (sheet.clipped.colsFrom ?? Infinity))) {
      throw new Unknown('a reference beyond the read bounds');
    }
    const v = grid.value(row, col);
    if (typeof v === 'string' && /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(v)) return { error: v };
    return v;
  };

  const evaluateCell = (sheet: SheetSnapshot, a1: string): Scalar => {
    const k = key(sheet, a1);
    if (done.has(k)) return done.get(k)!;
    if (failed.has(k) || active.has(k)) throw new Unknown('circular or unknown');
    active.add(k);
    try {
      const grid = grids.get(sheet)!;
      const { row, col } = parseA1(a1);
      const formula = grid.formula(row, col);
      if (formula === null) throw new Unknown('no formula');
      const result = evaluateFormula(formula, (name, cells) => reference(sheet, name, cells));
      const value = scalar(result);
      done.set(k, value);
      const r = row - sheet.origin.row;
      const c = col - sheet.origin.col;
      if (sheet.values[r] && c >= 0 && c < sheet.values[r].length) sheet.values[r][c] = toRaw(value);
      return value;
    } catch (error) {
      failed.add(k);
      throw error instanceof Unknown ? error : new Unknown(String(error));
    } finally {
      active.delete(k);
    }
  };

  const reference = (home: SheetSnapshot, sheetName: string | null, ref: string): Value => {
    const sheet = sheetName === null ? home : bySheet.get(sheetName.toLowerCase());
    if (!sheet) throw new Unknown(`sheet ${sheetName}`);
    const [a, b] = ref.split(':');
    const p1 = parseA1(a);
    if (b === undefined) return cellValue(sheet, p1.row, p1.col);
    const p2 = parseA1(b);
    const top = Math.min(p1.row, p2.row);
    const bottom = Math.max(p1.row, p2.row);
    const left = Math.min(p1.col, p2.col);
    const right = Math.max(p1.col, p2.col);
    // Only the part of the range inside the sheet's used range can hold anything.
    const grid = grids.get(sheet)!;
    const range: Scalar[] = [];
    const lastRow = Math.min(bottom, grid.rowCount - 1);
    const lastCol = Math.min(right, grid.colCount - 1);
    if (sheet.clipped && (bottom >= (sheet.clipped.rowsFrom ?? Infinity) || right >= (sheet.clipped.colsFrom ?? Infinity))) {
      throw new Unknown('a range beyond the read bounds');
    }
    for (let r = Math.max(top, sheet.origin.row); r <= lastRow; r++) {
      for (let c = Math.max(left, sheet.origin.col); c <= lastCol; c++) range.push(cellValue(sheet, r, c));
    }
    return { range };
  };

  for (const [sheet, cells] of pending) {
    const unknown: string[] = [];
    for (const a1 of cells) {
      try {
        evaluateCell(sheet, a1);
      } catch {
        unknown.push(a1);
      }
    }
    if (unknown.length > 0) sheet.uncomputed = unknown;
  }
}
