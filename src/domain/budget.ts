import type { CellLoc } from './findings';

/** A cell's content as the spreadsheet holds it. Booleans and errors ("#DIV/0!") arrive as they are. */
export type RawValue = number | string | boolean | null;

/** One cell handed from a sheet to the domain: where it is, what it holds, and whether it is a formula. */
export interface RawCell {
  loc: CellLoc;
  value: RawValue;
  /** The formula text ("=B3+C3") when the cell holds one; null for constants and blanks. */
  formula: string | null;
  /** The number format shows the value ×100 with a % sign (`0.0%`), so 0.107 means 10.7 %. */
  percentFormat: boolean;
  /**
   * The number format scales what the cell stores before showing it (`#,##0,` → 1000: 3,600,000 元 shows as 3,600), so
   * `value` is the number as shown and a number written into the cell must be this many times larger. Absent: 1.
   */
  scale?: number;
}

/** One row of a located 經費預算表. Any column the table lacks is null. */
export interface BudgetRowInput {
  label: RawCell;
  gov: RawCell | null;
  self: RawCell | null;
  total: RawCell | null;
  /** 各科目補助比例(%) */
  percent: RawCell | null;
  /**
   * A detail line of an itemised item (a machine under 全新設備之購置費, a person under 人事費): the label cell of the
   * item's own row. The line counts towards that item and every rule of the item applies to the item's sum.
   */
  detailOf?: RawCell;
}

/** The amount units a table states. Limits are in 千元: 元 ÷ 1,000, 萬元 × 10. */
export type Unit = '千元' | '元' | '萬元';

/** A 經費預算表 located in a workbook, before any interpretation of its numbers. */
export interface BudgetTableInput {
  sheet: string;
  /** The cell holding the 經費預算表 title, or the header's first cell when there is no title. */
  title: CellLoc;
  /** The unit label near the table ("金額單位：千元", "單位：元", "(元)"); null when there is none. */
  unit: { unit: Unit; loc: CellLoc } | null;
  /** Item rows in sheet order, including rows whose label is not one of the program's items. */
  rows: BudgetRowInput[];
  /** The 合計 row; its percent cell is null. */
  totalRow: BudgetRowInput | null;
  /** The 百分比(%) row: gov, self and total cells hold percentages of the grand total. */
  percentRow: BudgetRowInput | null;
  /** The workbook contains formulas somewhere, so typed constants in total cells are suspicious. */
  workbookHasFormulas: boolean;
  /**
   * Subtotal rows inside the table (小計, 合計(一), an earlier 合計 above the real one, or a row equal to the sum of the
   * item rows above it), each with the item rows it sums (indices into `rows`). They are not items: their amounts are
   * checked as sums and must not be counted again in the 合計.
   */
  subtotals?: SubtotalInput[];
  /** Rows inside the table that carry amounts but are neither an item, a subtotal nor a total: not counted, reported. */
  unread?: UnreadRowInput[];
  /** What the formula-hygiene rules need beyond the table's own cells; absent, those rules stay quiet. */
  context?: TableContext;
}

/** The rest of the workbook, as the formula-hygiene rules see it from one table. */
export interface TableContext {
  /** Any cell of the workbook (zero-based row/col); null when it is blank (no value, no formula) or the sheet is absent. */
  cell(sheet: string, row: number, col: number): { value: RawValue; formula: string | null } | null;
  /** Hidden rows and columns of the table's sheet (zero-based). */
  hiddenRows: readonly number[];
  hiddenCols: readonly number[];
  /** The workbook's other budget tables: a 以大帶小 總表 may refer to the companies' tables. */
  otherTables: readonly BudgetTableInput[];
}

export interface SubtotalInput {
  row: BudgetRowInput;
  covers: number[];
  /**
   * The row is an itemised item's own row (its label names the item) over its detail lines: blank amounts there are no
   * slip (the item's amount is its details' sum); amounts there are checked against the details like a 小計's.
   */
  item?: boolean;
}

export interface UnreadRowInput {
  row: BudgetRowInput;
  /** `note`: a note or sentence holding amounts; `after-total`: below the 合計, so not in it. */
  why: 'note' | 'after-total';
}
