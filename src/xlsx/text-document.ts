import type { SheetSnapshot, WorkbookSnapshot } from '../sheet/grid';
import { assembleSheet, type RawSheet } from './raw-sheet';

/**
 * The tables of a text document (.docx, .odt) as candidate grids. Each table becomes a sheet named 表1, 表2 …: the
 * paragraph just above it (where a 計畫書 says "單位：千元" or "表3 經費需求表") in row 1, the table from row 2, merged
 * cells placed as in a sheet; the document's paragraphs become one more sheet (內文), one paragraph a row, so 基本資料
 * written as "申請總經費：3,080 千元" is found too. Cells hold the text as typed: a Word table has no numbers.
 */

export interface DocumentTable {
  /** The table's cells at their grid positions (row 0 = the table's first row). */
  raw: RawSheet;
  /** The paragraph just above the table, when it is short enough to be a caption or a unit line. */
  caption: string | null;
  heading: string | null;
}

/** A paragraph longer than this is body text, not a caption or unit line. */
const MAX_CAPTION = 120;
export const BODY_SHEET = '內文';

/** Tables kept per document; a 計畫書 has tens. A file with more is crafted and is refused, not half read. */
export const MAX_TABLES = 1_000;
/** Tables inside tables inside …: Word allows nesting, but a budget is never deeper than this. */
export const MAX_TABLE_DEPTH = 16;

export function captionOf(paragraph: string | null): string | null {
  const text = paragraph?.trim() ?? '';
  return text !== '' && text.length <= MAX_CAPTION ? text : null;
}

/** Whether a paragraph reads as a heading in a 計畫書 without heading styles: "伍、經費需求", "三、", "(一)", "1.2 ". */
export function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && /^(?:[壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+(?:\.\d+)*[、.．]?\s)/.test(t);
}

export function documentWorkbook(tables: DocumentTable[], paragraphs: string[], format: string, maxRows: number): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = tables.map((table, i) => {
    const offset = table.caption ? 1 : 0;
    const raw: RawSheet = {
      ...table.raw,
      name: `表${i + 1}`,
      cells: [
        ...(table.caption ? [{ row: 0, col: 0, value: table.caption, sst: null, formula: null, format: 'General' }] : []),
        ...table.raw.cells.map((c) => ({ ...c, row: c.row + offset })),
      ],
      merges: table.raw.merges.map((m) => ({ ...m, top: m.top + offset, bottom: m.bottom + offset })),
      hiddenRows: new Set([...table.raw.hiddenRows].map((r) => r + offset)),
    };
    return { ...assembleSheet(raw), textTable: { table: i + 1, firstRow: offset, heading: table.heading } };
  });
  const kept = paragraphs.filter((p) => p.trim() !== '');
  const body: RawSheet = {
    name: BODY_SHEET,
    cells: kept.slice(0, maxRows).map((text, row) => ({ row, col: 0, value: text, sst: null, formula: null, format: 'General' })),
    blankFormats: new Map(),
    merges: [],
    hiddenRows: new Set(),
    hiddenCols: [],
    uncached: [],
    clipped: kept.length > maxRows ? { rowsFrom: maxRows, skippedCells: kept.length - maxRows } : undefined,
  };
  sheets.push({ ...assembleSheet(body), textTable: { table: 0, firstRow: 0, heading: null } });
  return { sheets, settings: {}, format };
}

/** An empty RawSheet to fill. */
export function emptyRawSheet(name: string): RawSheet {
  return { name, cells: [], blankFormats: new Map(), merges: [], hiddenRows: new Set(), hiddenCols: [], uncached: [], clipped: undefined };
}
