import type { RawValue } from '../domain/budget';
import { fromA1, toA1, type SheetClipping, type SheetSnapshot } from '../sheet/grid';

/**
 * A sheet as a file reader first collects it (cells in any order, merges, hidden rows), and its assembly into the dense
 * snapshot every check reads. The .xlsx and the OpenDocument readers both fill a RawSheet.
 */

/** Merged areas kept per sheet; a sheet with more is a crafted file, and merges only help locate headers. */
export const MAX_MERGES = 20_000;
/** A merge larger than this (cells) does not widen the used range: a whole-sheet merge must not make it dense. */
const MAX_WIDENING_MERGE_CELLS = 10_000;
/** Cell visits spent on blanking the covered cells of merged areas, per sheet. */
const MERGE_WORK_BUDGET = 5_000_000;
/** Excel's own limit on the text of one cell; longer text is cut here so one value cannot fill memory. */
export const MAX_CELL_TEXT = 32_767;

/** A cell as read from sheet XML, before shared strings are resolved. */
export interface RawCell {
  row: number;
  col: number;
  value: RawValue;
  /** Index into the shared strings when the cell is a shared string. */
  sst: number | null;
  formula: string | null;
  format: string;
}

export interface RawSheet {
  name: string;
  cells: RawCell[];
  /** Non-General formats of blank cells, "row,col" → format; they count only inside the used range. */
  blankFormats: Map<number, string>;
  merges: Rect[];
  /** Hidden rows (within the read bounds) and hidden column spans, for the rule on amounts hidden in a table. */
  hiddenRows: Set<number>;
  hiddenCols: { min: number; max: number }[];
  /** Formula cells saved without a cached result (files written by scripts), "A1" addresses. */
  uncached: string[];
  clipped: SheetClipping | undefined;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's column count; a cell key is row × this + column. */
export const SHEET_COLS = 16_384;

export function cellAddress(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const { row, col } = fromA1(`${m[1]}${m[2]}`);
  return row >= 0 && col >= 0 ? { row, col } : null;
}

export function rangeRect(ref: string): Rect | null {
  const [a, b = a] = ref.split(':');
  const p = cellAddress(a);
  const q = cellAddress(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** The dense snapshot of a sheet's used range (cells, plus merges small enough to be part of a layout). */
export function assembleSheet(raw: RawSheet, strings: Map<number, string> = new Map()): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const c of raw.cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  const merges: string[] = [];
  const coveredByMerge = new Set<number>();
  if (raw.cells.length > 0) {
    for (const m of raw.merges) {
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      let rect = m;
      if (area <= MAX_WIDENING_MERGE_CELLS) {
        // Excel's used range covers merged areas whole (a title merged over A1:E1 spans five columns).
        top = Math.min(top, m.top);
        left = Math.min(left, m.left);
        bottom = Math.max(bottom, m.bottom);
        right = Math.max(right, m.right);
      } else {
        // A merge over a whole sheet is clipped to the cells there are; it must not make the snapshot dense.
        rect = { top: m.top, left: m.left, bottom: Math.min(m.bottom, bottom), right: Math.min(m.right, right) };
        if (rect.bottom < rect.top || rect.right < rect.left) continue;
      }
      merges.push(`${toA1(rect.top, rect.left)}:${toA1(rect.bottom, rect.right)}`);
    }
    // A merged area's value lives in its top-left cell; Excel reports the others as blank, and so do we. Each merge
    // costs the smaller of its area and the number of cells, within a total budget a crafted file cannot exceed.
    const at = new Map<number, RawCell>();
    for (const c of raw.cells) at.set(c.row * SHEET_COLS + c.col, c);
    let budget = MERGE_WORK_BUDGET;
    for (const m of raw.merges) {
      const area = (Math.min(m.bottom, bottom) - m.top + 1) * (Math.min(m.right, right) - m.left + 1);
      if (area <= 1) continue;
      budget -= Math.min(area, raw.cells.length);
      if (budget < 0) break;
      const covered = (row: number, col: number) => (row !== m.top || col !== m.left) && at.has(row * SHEET_COLS + col);
      if (area <= raw.cells.length) {
        for (let r = m.top; r <= Math.min(m.bottom, bottom); r++) {
          for (let c = m.left; c <= Math.min(m.right, right); c++) if (covered(r, c)) coveredByMerge.add(r * SHEET_COLS + c);
        }
      } else {
        for (const c of raw.cells) {
          if (c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right && covered(c.row, c.col)) coveredByMerge.add(c.row * SHEET_COLS + c.col);
        }
      }
    }
  } else {
    for (const m of raw.merges) merges.push(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`);
  }
  const extra = { ...(raw.clipped ? { clipped: raw.clipped } : {}) };
  if (raw.cells.length === 0) return { name: raw.name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], merges, ...extra };

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: RawValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 0; r < height; r++) {
    values.push(new Array<RawValue>(width).fill(null));
    formulas.push(new Array<string | null>(width).fill(null));
    numberFormats.push(new Array<string>(width).fill('General'));
  }
  // Blank cells inside the range still carry their format (a percent column formatted ahead of typing).
  for (const [key, format] of raw.blankFormats) {
    const r = Math.floor(key / SHEET_COLS);
    const c = key % SHEET_COLS;
    if (r >= top && r <= bottom && c >= left && c <= right) numberFormats[r - top][c - left] = format;
  }
  for (const c of raw.cells) {
    numberFormats[c.row - top][c.col - left] = c.format;
    if (coveredByMerge.has(c.row * SHEET_COLS + c.col)) continue;
    values[c.row - top][c.col - left] = c.sst !== null ? (strings.get(c.sst) ?? null) || null : c.value;
    formulas[c.row - top][c.col - left] = c.formula;
  }
  // Hidden rows and columns within the used range, as the ExcelJS reader gave them.
  const hiddenRows = [...raw.hiddenRows].filter((r) => r >= top && r <= bottom).sort((a, b) => a - b);
  const hiddenCols: number[] = [];
  for (let c = left; c <= right; c++) if (raw.hiddenCols.some((span) => c >= span.min && c <= span.max)) hiddenCols.push(c);
  return {
    name: raw.name,
    origin: { row: top, col: left },
    values,
    formulas,
    numberFormats,
    merges,
    ...extra,
    ...(hiddenRows.length ? { hiddenRows } : {}),
    ...(hiddenCols.length ? { hiddenCols } : {}),
  };
}
