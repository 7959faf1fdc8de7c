import type { RawValue } from '../domain/budget';

/**
 * A host-independent snapshot of a workbook: what Office.js returns for each sheet's used range in one sync, and what
 * the ExcelJS adapter reads from a file. Arrays are dense over the used range, row-major, starting at `origin`.
 */
export interface SheetSnapshot {
  name: string;
  /** Zero-based row/column of values[0][0] on the sheet. */
  origin: { row: number; col: number };
  values: RawValue[][];
  /** Formula text ("=SUM(B3:B8)") or null, same shape as values. */
  formulas: (string | null)[][];
  /** Number format code per cell ("General", "#,##0", "0.0%"), same shape as values. */
  numberFormats: string[][];
  /** Merged areas as A1 ranges ("A1:E1"), where the host can tell. */
  merges?: string[];
  /** Zero-based indices of hidden rows / columns within or near the used range, where the host can tell. */
  hiddenRows?: number[];
  hiddenCols?: number[];
  /**
   * Formula cells (A1) whose value is unknown: the file stored no result and the formula could not be evaluated here.
   * Only a file reader sets this; Office.js always has values.
   */
  uncomputed?: string[];
  /** Set when part of the sheet lay beyond the read bounds and was not read (a file reader's huge or sparse sheet). */
  clipped?: SheetClipping;
  /**
   * Set when this "sheet" is a table of a text document (.docx/.odt) or the document's paragraphs: cells hold text as
   * typed (a Word table has no numbers, no formulas), and findings are placed as "table 3, row 5, column 2".
   */
  textTable?: TextTablePlace;
}

/** Where a text document's table sits: its number (1-based; 0 for the paragraphs), its first row on the grid, its heading. */
export interface TextTablePlace {
  table: number;
  /** Grid row of the table's first row (the paragraph just above the table, when kept, sits in row 0). */
  firstRow: number;
  /** The nearest heading above the table, when the document has one. */
  heading: string | null;
}

/** What of a sheet was left unread: rows from `rowsFrom` on, cells from column `colsFrom` on (zero-based). */
export interface SheetClipping {
  rowsFrom?: number;
  colsFrom?: number;
  /** Cells seen beyond the bounds before reading stopped. */
  skippedCells: number;
  /** The sheet's own statement of its size ("A1:J700000"), when it has one. */
  dimension?: string;
}

/**
 * How much of a sheet a file reader keeps: a 經費預算表 sits near a sheet's top-left corner, and a snapshot is dense, so
 * a cell at XFD1048576 must not make it 17 billion cells.
 */
export const SHEET_READ_BOUNDS = { rows: 5_000, cols: 256 } as const;

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Settings the add-in stored in the workbook (program id, target, marks …). */
  settings: Record<string, string>;
  /** The workbook's calculation mode, where the host can tell: cached results of a manual workbook may be stale. */
  calcMode?: 'automatic' | 'manual' | 'semiautomatic';
  /** The file format read ("xlsx", "ods", "docx" …), and "via LibreOffice" for a converted .xls; file readers only. */
  format?: string;
}

/** Stored-setting keys shared by the Office.js and ExcelJS adapters. */
export const SETTING_KEYS = {
  program: 'subsidy-budget.program',
  target: 'subsidy-budget.target',
  /** JSON list of template sheets the add-in created, so "recalculate" knows it may repair them. */
  templates: 'subsidy-budget.templates',
  marks: 'subsidy-budget.marks',
  /** JSON: where the add-in's 預期效益 tables are and what it last wrote there, so refilling touches only its cells. */
  benefits: 'subsidy-budget.benefits',
  /** JSON: the task pane's 預期效益 form as typed, so it survives reopening the pane. */
  benefitForm: 'subsidy-budget.benefit-form',
  /** JSON: the 審查意見 sheet the add-in made and what it last wrote there, so an update touches only its cells. */
  review: 'subsidy-budget.review',
} as const;

// A1 addresses are shared with the domain (formula references), so they live there.
export { columnIndex, columnLetter, fromA1, parseRange, toA1 } from '../domain/a1';

/**
 * The divisor a number format applies before showing a number: each comma right after the last digit placeholder of
 * the positive section divides by 1,000 (`#,##0,` → 1,000; `#,##0,,"百萬"` → 1,000,000); a comma between placeholders
 * is only the thousands separator. Quoted text, escapes and [brackets] are literal.
 */
export function formatScale(format: string): number {
  const section = formatSymbols(format).split(';')[0];
  const m = /[0#?](,+)[^0#?]*$/.exec(section);
  return m ? 1000 ** m[1].length : 1;
}

/**
 * A number format code without its literal text — quoted strings, escaped characters (\%), padding (_x, *x) and
 * [brackets] such as [$-404] or [Red] — and without spaces: only the symbols that change how a number is shown.
 */
export function formatSymbols(format: string): string {
  let symbols = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (quoted) {
      if (ch === '"') quoted = false;
    } else if (bracket) {
      if (ch === ']') bracket = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[') bracket = true;
    else if (ch === '\\' || ch === '_' || ch === '*') i++; // the next character is literal (or padding)
    else if (ch !== ' ') symbols += ch;
  }
  return symbols;
}

/** The longest row's length; a loop, since spreading 150,000+ rows into Math.max overflows the call stack. */
function widest(rows: readonly unknown[][]): number {
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return width;
}

/** Cell accessor over a snapshot in sheet coordinates (zero-based); outside the used range reads as blank. */
export class Grid {
  readonly rowCount: number;
  readonly colCount: number;

  constructor(readonly sheet: SheetSnapshot) {
    this.rowCount = sheet.origin.row + sheet.values.length;
    this.colCount = sheet.origin.col + widest(sheet.values);
  }

  get name(): string {
    return this.sheet.name;
  }

  value(row: number, col: number): RawValue {
    const r = this.sheet.values[row - this.sheet.origin.row];
    const v = r?.[col - this.sheet.origin.col];
    return v === undefined || v === '' ? null : v;
  }

  formula(row: number, col: number): string | null {
    const f = this.sheet.formulas[row - this.sheet.origin.row]?.[col - this.sheet.origin.col];
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  numberFormat(row: number, col: number): string {
    return this.sheet.numberFormats[row - this.sheet.origin.row]?.[col - this.sheet.origin.col] ?? 'General';
  }

  /** The value as the cell shows it: a number under a scaling format (`#,##0,` shows 3,600,000 as 3,600) is scaled. */
  shownValue(row: number, col: number): RawValue {
    const v = this.value(row, col);
    if (typeof v !== 'number') return v;
    const scale = formatScale(this.numberFormat(row, col));
    return scale === 1 ? v : v / scale;
  }

  text(row: number, col: number): string {
    const v = this.value(row, col);
    return v === null ? '' : String(v);
  }

  isEmpty(row: number, col: number): boolean {
    return this.value(row, col) === null && this.formula(row, col) === null;
  }

  hasFormulas(): boolean {
    return this.sheet.formulas.some((r) => r.some((f) => typeof f === 'string' && f.startsWith('=')));
  }
}

/** Builds a snapshot from rows of cells written as a person would type them: strings beginning with "=" are formulas. */
export function snapshotFromRows(name: string, rows: (RawValue | undefined)[][], origin = { row: 0, col: 0 }): SheetSnapshot {
  const width = widest(rows);
  const values: RawValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  for (const r of rows) {
    const vr: RawValue[] = [];
    const fr: (string | null)[] = [];
    const nr: string[] = [];
    for (let c = 0; c < width; c++) {
      const v = r[c];
      if (typeof v === 'string' && v.startsWith('=')) {
        vr.push(null);
        fr.push(v);
      } else {
        vr.push(v ?? null);
        fr.push(null);
      }
      nr.push('General');
    }
    values.push(vr);
    formulas.push(fr);
    numberFormats.push(nr);
  }
  return { name, origin, values, formulas, numberFormats };
}
