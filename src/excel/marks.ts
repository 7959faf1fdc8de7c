/**
 * Review marks: what a mark is (its own conditional format and, on ExcelApi 1.18, its own note), how one is recorded in
 * the stored state, and the cell-name helpers the mark code shares.
 */
import type { MarkRequest } from '../sheet/port';

/**
 * Review marks: Excel's "Neutral" colours as a conditional format the add-in adds on top of the priority order, so a
 * mark shows even over the template's red breach formatting, without reading or restoring the cell's own fill
 * (office-js #4900/#6218: "no fill" reads back as #FFFFFF).
 */
export const MARK_FORMAT = { fill: '#FFEB9C', fontColor: '#9C5700', bold: true } as const;

/**
 * What makes a conditional format a mark: its rule carries the add-in's tag (always TRUE, and readable in Excel's rule
 * manager). Marks are found again by this, not by ids: Microsoft documents neither `Worksheet.id` nor
 * `ConditionalFormat.id` as stable across sessions (office-js-docs #297; the format id is documented as its priority,
 * https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-id-member).
 */
export const MARK_TAG = 'subsidy-budget review mark';
export const MARK_RULE = `=ISTEXT("${MARK_TAG}")`;

/** Whether a conditional format's rule formula is a mark's (Excel may respace or recase what it stores). */
export function isMarkRule(formula: unknown): boolean {
  return typeof formula === 'string' && formula.replace(/\s+/g, '').toUpperCase() === MARK_RULE.replace(/\s+/g, '').toUpperCase();
}

/**
 * A mark the add-in put on a cell: its own conditional format and, on ExcelApi 1.18, its own note. The ids are hints
 * for the session that made the mark (ids hold within a session); a later session finds the mark by sheet name, cell
 * and the rule's tag.
 */
export interface MarkRecord {
  sheetId: string;
  /** The sheet's name when marked (the id finds it after a rename in the same session). */
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

/** Where to look for marks: a sheet (by name) and a range on it (null: the whole sheet), with the note text ours has there. */
export interface MarkSearch {
  sheet: string;
  range: string | null;
  note: string | null;
}

/**
 * Finds the add-in's marks by their rule's tag in `where` and deletes them, with the notes whose text is still the one
 * the add-in wrote. Uses only ExcelApi 1.6 (plus notes on 1.18): no `getItemOrNullObject` (1.14). Four syncs: the
 * sheets, the formats there, the custom rules' formulas, the deletions (with `lookAfter`'s notes loaded after them).
 * Returns how many formats were deleted and the content of each `lookAfter` note ("sheet\u0000cell" → text or null).
 */
export async function sweepMarks(
  context: Excel.RequestContext,
  where: readonly MarkSearch[],
  notesApi: boolean,
  lookAfter: readonly { sheet: string; cell: string }[] = [],
): Promise<{ deleted: number; notes: Map<string, string | null> }> {
  if (!where.length && !lookAfter.length) return { deleted: 0, notes: new Map() };
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  const byName = new Map(worksheets.items.map((w) => [w.name.toLowerCase(), w]));
  const searches = where
    .filter((w) => byName.has(w.sheet.toLowerCase()))
    .map((w) => {
      const ws = byName.get(w.sheet.toLowerCase())!;
      const formats = (w.range ? ws.getRange(w.range) : ws.getRange()).conditionalFormats;
      formats.load('items/id,items/type');
      const note = notesApi && w.note !== null && w.range ? ws.notes.getItemOrNullObject(w.range) : null;
      note?.load('content');
      return { w, formats, note };
    });
  await context.sync();
  const custom = searches.flatMap(({ w, formats }) =>
    formats.items
      .filter((cf) => cf.type === 'Custom')
      .map((cf) => {
        const rule = cf.custom.rule;
        rule.load('formula');
        return { sheet: w.sheet.toLowerCase(), cf, rule };
      }),
  );
  await context.sync();
  const seen = new Set<string>();
  let deleted = 0;
  for (const { sheet, cf, rule } of custom) {
    // A format over several searched cells is listed once per cell: delete it once.
    const key = `${sheet}\u0000${cf.id}`;
    if (!isMarkRule(rule.formula) || seen.has(key)) continue;
    seen.add(key);
    cf.delete();
    deleted++;
  }
  for (const { w, note } of searches) if (note && !note.isNullObject && note.content === w.note) note.delete(); // ours only
  const looks = lookAfter
    .filter((c) => byName.has(c.sheet.toLowerCase()))
    .map((c) => {
      const note = byName.get(c.sheet.toLowerCase())!.notes.getItemOrNullObject(c.cell);
      note.load('content');
      return { c, note };
    });
  await context.sync();
  const notes = new Map<string, string | null>();
  for (const { c, note } of looks) notes.set(markKey(c.sheet, c.cell), note.isNullObject ? null : note.content);
  return { deleted, notes };
}
