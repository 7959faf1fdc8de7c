/**
 * Review marks: what a mark is (its own conditional format and, on ExcelApi 1.18, its own note), how one is recorded in
 * the stored state, and the cell-name helpers the mark code shares.
 */
import type { MarkRequest } from '../sheet/port';

/**
 * Review marks: Excel's "Neutral" colours as a conditional format the add-in adds on top of the priority order, so a
 * mark shows even over the template's red breach formatting, and is removed by its id, without reading or restoring
 * the cell's own fill (office-js #4900/#6218: "no fill" reads back as #FFFFFF).
 */
export const MARK_FORMAT = { fill: '#FFEB9C', fontColor: '#9C5700', bold: true } as const;

/** A mark the add-in put on a cell: its own conditional format (by id) and, on ExcelApi 1.18, its own note. */
export interface MarkRecord {
  sheetId: string;
  /** The sheet's name when marked (for messages; the id finds it after a rename). */
  sheet: string;
  cell: string;
  formatId: string;
  /** The note text the add-in added; null when it added none (no notes API, or the cell had a note already). */
  note: string | null;
}

export function isMarkRecord(m: unknown): m is MarkRecord {
  const r = m as MarkRecord;
  return (
    typeof r?.sheetId === 'string' && typeof r.sheet === 'string' && typeof r.cell === 'string' && typeof r.formatId === 'string' && (r.note === null || typeof r.note === 'string')
  );
}

export function queueMarkRemoval(context: Excel.RequestContext, marks: readonly MarkRecord[]): void {
  for (const m of marks) {
    const ws = context.workbook.worksheets.getItem(m.sheetId);
    ws.getRange(m.cell).conditionalFormats.getItem(m.formatId).delete();
    if (m.note !== null) ws.notes.getItem(m.cell).delete();
  }
}

export function markKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${normalizeCell(cell)}`;
}

export function normalizeCell(cell: string): string {
  return cell.replace(/\$/g, '').toUpperCase();
}

export function dedupe(cells: MarkRequest[]): MarkRequest[] {
  const seen = new Set<string>();
  const out: MarkRequest[] = [];
  for (const c of cells) {
    const cell = normalizeCell(c.cell);
    const key = `${c.sheet}\u0000${cell}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ ...c, cell });
    }
  }
  return out;
}
