/**
 * Finds the 預期效益 tables in any sheet of a workbook by their headings (陸、預期效益 / 一、經濟效益 / 二、技術效益 /
 * (一) 低碳化 / (二) 智慧化) and item names, and reads each row's 效益 — one sentence in one cell or spread over cells —
 * into a `BenefitTablesInput` whose numbers keep the cell they came from.
 */
import type { CellLoc } from '../domain/findings';
import { foldWidth } from '../domain/money';
import {
  type BenefitItemInput,
  type BenefitSection,
  type BenefitTablesInput,
  type TextPiece,
  CUSTOM_ROW_LABEL,
  cellText,
  extractQuantities,
  matchBenefitItem,
  normalizeBenefitLabel,
  readBenefitRow,
} from '../domain/benefits';
import { Grid, type WorkbookSnapshot, toA1 } from './grid';

export type HeadingKind = 'heading' | 'economic' | 'technicalHeading' | 'lowcarbon' | 'smart';

const CHECKBOX = /[□■☑☐☒✔✓]/;
const NUMBERING = /^(?:[(（]?[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾]+[)）]?[、.．]?|[(（]?\d+[)）]?[、.．]?)/;
const SUFFIX = '(?:效益)?(?:[(（][^)）]*[)）])?(?:[:：])?$';

/** Which benefit heading a cell's text is, or null. Tick-box cells ("■低碳化 □智慧化") are never headings. */
export function headingKind(text: string): HeadingKind | null {
  const folded = foldWidth(text).replace(/\s+/g, '');
  if (folded.length > 30 || CHECKBOX.test(folded)) return null;
  const s = folded.replace(NUMBERING, '');
  if (new RegExp(`^預期效益${SUFFIX}`).test(s)) return 'heading';
  if (new RegExp(`^經濟效益${SUFFIX}`).test(s)) return 'economic';
  if (new RegExp(`^技術效益${SUFFIX}`).test(s)) return 'technicalHeading';
  if (new RegExp(`^低碳化${SUFFIX}`).test(s)) return 'lowcarbon';
  if (new RegExp(`^智慧化${SUFFIX}`).test(s)) return 'smart';
  return null;
}

const isNoteLabel = (s: string) => /^(?:註|※|備註|說明|資料來源)/.test(s);
const isHeaderLabel = (s: string) => s === '項目' || s === '效益項目';
const isPlaceholderLabel = (s: string) => normalizeBenefitLabel(s) === normalizeBenefitLabel(CUSTOM_ROW_LABEL) || /^[(（]?可自行增列[)）]?$/.test(s);
const BASELINE_HEADER = /基準|導入前|改善前|現況/;
const NOTE_HEADER = /說明|備註|計算方式|依據/;

interface HeadingCell {
  kind: HeadingKind;
  row: number;
  col: number;
}

interface ColumnRoles {
  labelCol: number;
  baselineCols: Set<number>;
  noteCols: Set<number>;
}

export function locateBenefitTables(snapshot: WorkbookSnapshot): BenefitTablesInput {
  const result: BenefitTablesInput = { heading: null, technicalTitle: null, tables: [] };
  for (const sheet of snapshot.sheets) {
    const grid = new Grid(sheet);
    const loc = (row: number, col: number): CellLoc => ({ sheet: sheet.name, cell: toA1(row, col) });
    const headings: HeadingCell[] = [];
    const itemCells: { row: number; col: number }[] = [];
    for (let r = sheet.origin.row; r < grid.rowCount; r++) {
      for (let c = sheet.origin.col; c < grid.colCount; c++) {
        const v = grid.value(r, c);
        if (typeof v !== 'string') continue;
        const kind = headingKind(v);
        if (kind) headings.push({ kind, row: r, col: c });
        else if (matchBenefitItem(v)) itemCells.push({ row: r, col: c });
      }
    }
    if (headings.length === 0 && itemCells.length === 0) continue;

    const headingRows = new Set(headings.map((h) => h.row));
    const claimedRows = new Set<number>();
    const firstOf = (kind: HeadingKind) => headings.find((h) => h.kind === kind);
    const top = firstOf('heading');
    if (top && !result.heading) result.heading = loc(top.row, top.col);
    const tech = firstOf('technicalHeading');
    if (tech && !result.technicalTitle) result.technicalTitle = loc(tech.row, tech.col);

    const readRow = (r: number, roles: ColumnRoles, section: BenefitSection): BenefitItemInput | null => {
      const label = grid.text(r, roles.labelCol).trim();
      const folded = foldWidth(label).replace(/\s+/g, '');
      if (!label || isHeaderLabel(folded) || isNoteLabel(folded) || headingKind(label)) return null;
      const pieces: TextPiece[] = [];
      const notes: string[] = [];
      const effectCells: CellLoc[] = [];
      for (let c = roles.labelCol + 1; c < grid.colCount; c++) {
        const value = grid.value(r, c);
        const percentFormat = /%/.test(grid.numberFormat(r, c).replace(/"[^"]*"/g, ''));
        const text = cellText(value, percentFormat);
        if (!text.trim()) continue;
        if (roles.noteCols.has(c)) {
          notes.push(text);
          continue;
        }
        pieces.push({ text, loc: loc(r, c), cue: roles.baselineCols.has(c) ? '基準' : undefined });
        effectCells.push(loc(r, c));
      }
      if (effectCells.length === 0) effectCells.push(loc(r, roles.labelCol + 1));
      const def = matchBenefitItem(label);
      if (!def && isPlaceholderLabel(folded) && extractQuantities(pieces).length === 0) return null;
      return readBenefitRow(label, loc(r, roles.labelCol), def?.section ?? section, pieces, { effectCells, notes: notes.join(' ') });
    };

    // Tables under a section heading: rows until the next heading, or two empty rows.
    for (const h of headings) {
      if (h.kind === 'heading') continue;
      const section: BenefitSection = h.kind === 'technicalHeading' ? 'technical' : h.kind;
      const nextHeading = headings.filter((o) => o.row > h.row).map((o) => o.row);
      const end = Math.min(grid.rowCount, ...nextHeading);
      let last = h.row;
      for (let r = h.row + 1, blanks = 0; r < end; r++) {
        if (rowIsEmpty(grid, r)) {
          if (++blanks >= 2) break;
        } else {
          blanks = 0;
          last = r;
        }
      }
      if (last === h.row) {
        // A technical heading directly followed by its sub-headings holds no rows of its own.
        if (h.kind !== 'technicalHeading') result.tables.push({ section, title: loc(h.row, h.col), items: [] });
        continue;
      }
      const roles = columnRoles(grid, h, last, itemCells);
      const items: BenefitItemInput[] = [];
      for (let r = h.row + 1; r <= last; r++) {
        if (headingRows.has(r)) continue;
        const item = readRow(r, roles, section);
        if (item) {
          items.push(item);
          claimedRows.add(r);
        }
      }
      if (items.length === 0 && h.kind === 'technicalHeading') continue;
      result.tables.push({ section, title: loc(h.row, h.col), items });
    }

    // Official items standing outside any titled table: one untitled table per section.
    const loose = itemCells.filter((cell) => !claimedRows.has(cell.row));
    const bySection = new Map<BenefitSection, BenefitItemInput[]>();
    for (const cell of loose) {
      const roles = headerAbove(grid, cell.row, cell.col, headingRows);
      const item = readRow(cell.row, roles, matchBenefitItem(grid.text(cell.row, cell.col))!.section);
      if (!item) continue;
      claimedRows.add(cell.row);
      bySection.set(item.section, [...(bySection.get(item.section) ?? []), item]);
    }
    for (const [section, items] of bySection) result.tables.push({ section, title: null, items });
  }
  return result;
}

function rowIsEmpty(grid: Grid, row: number): boolean {
  for (let c = grid.sheet.origin.col; c < grid.colCount; c++) if (!grid.isEmpty(row, c)) return false;
  return true;
}

/** Column roles from the nearest 項目 header above a loose item, in the same contiguous block of rows. */
function headerAbove(grid: Grid, row: number, labelCol: number, headingRows: Set<number>): ColumnRoles {
  const roles: ColumnRoles = { labelCol, baselineCols: new Set(), noteCols: new Set() };
  for (let r = row - 1; r >= grid.sheet.origin.row && !headingRows.has(r) && !rowIsEmpty(grid, r); r--) {
    if (!isHeaderLabel(foldWidth(grid.text(r, labelCol)).replace(/\s+/g, ''))) continue;
    readHeader(grid, r, labelCol, roles);
    break;
  }
  return roles;
}

function readHeader(grid: Grid, row: number, labelCol: number, roles: ColumnRoles): void {
  for (let k = labelCol + 1; k < grid.colCount; k++) {
    const header = grid.text(row, k);
    if (BASELINE_HEADER.test(header)) roles.baselineCols.add(k);
    else if (NOTE_HEADER.test(header)) roles.noteCols.add(k);
  }
}

/** The label column and the columns a 項目 | 效益 | 基準值 | 說明 header names. */
function columnRoles(grid: Grid, h: HeadingCell, last: number, itemCells: { row: number; col: number }[]): ColumnRoles {
  const roles: ColumnRoles = { labelCol: h.col, baselineCols: new Set(), noteCols: new Set() };
  for (let r = h.row + 1; r <= last; r++) {
    for (let c = grid.sheet.origin.col; c < grid.colCount; c++) {
      const s = foldWidth(grid.text(r, c)).replace(/\s+/g, '');
      if (!isHeaderLabel(s)) continue;
      roles.labelCol = c;
      readHeader(grid, r, c, roles);
      return roles;
    }
  }
  const firstItem = itemCells.find((cell) => cell.row > h.row && cell.row <= last);
  if (firstItem) roles.labelCol = firstItem.col;
  return roles;
}
