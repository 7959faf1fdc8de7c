/**
 * What the preview's grid needs from an in-memory workbook. The preview implements it over the fake Excel host
 * (`fake-workbook-view.ts`); keeping the grid behind this interface keeps it independent of the host's internals.
 */
export interface CellView {
  /** What the cell shows (formatted value, formula result). */
  text: string;
  /** What editing the cell starts from: the formula or the constant as typed. */
  input: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean;
  align: 'left' | 'center' | 'right' | null;
  wrap: boolean;
}

export interface Selection {
  sheet: string;
  /** A1 address, a cell or a range ("B9", "A1:E1"). */
  address: string;
}

export interface WorkbookView {
  sheetNames(): string[];
  activeSheet(): string | null;
  activate(sheet: string): void;
  /** Rows and columns to draw for a sheet (used range, at least a small empty grid). */
  extent(sheet: string): { rows: number; cols: number };
  cell(sheet: string, row: number, col: number): CellView;
  /** Column width in pixels. */
  columnWidth(sheet: string, col: number): number;
  /** Merged areas, zero-based and inclusive. */
  merges(sheet: string): { top: number; left: number; bottom: number; right: number }[];
  selection(): Selection | null;
  select(selection: Selection): void;
  /** A person typing into a cell (the fake host's userEdit: change events fire as in Excel). */
  edit(sheet: string, address: string, input: string): void;
  /** Bumped whenever anything changed, so a view knows to redraw. */
  version: () => number;
  /** Called after anything in the workbook changed (our edits, the pane's writes, marks, selection). */
  subscribe: (listener: () => void) => () => void;
}

/** Formats a value by its number format the way the preview shows it (enough for the template's formats). */
export function formatForDisplay(value: unknown, numberFormat: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'number') return typeof value === 'string' ? value : JSON.stringify(value);
  const fmt = numberFormat.trim();
  const percent = fmt.endsWith('%');
  // After the point, each 0 is a digit always shown and each # one shown only when it is not a trailing zero, as in
  // Excel: "#,##0.0###" shows 0.033 as 0.033 and 3 as 3.0.
  const fraction = /\.([0#]+)/.exec(fmt)?.[1];
  const decimals = fraction ? fraction.replace(/#/g, '').length : fmt === 'General' ? -1 : 0;
  const optional = fraction ? fraction.length - decimals : 0;
  const grouping = fmt.includes(',');
  const shown = percent ? value * 100 : value;
  if (decimals < 0) return String(Math.round(shown * 1e10) / 1e10);
  return (
    shown.toLocaleString('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals + optional,
      useGrouping: grouping,
    }) + (percent ? '%' : '')
  );
}
