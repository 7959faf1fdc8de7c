import type { BudgetRowInput, BudgetTableInput, RawValue } from '../domain/budget';
import { type CellLoc } from '../domain/findings';
import { isPercentFormat } from './locate';
import { Grid, fromA1, type WorkbookSnapshot } from './grid';

/** The cells of one located table as the sheet shows them, for a report to draw as a small grid. */
export interface TableExcerpt {
  sheet: string;
  /** Zero-based sheet row/column of cells[0][0]. */
  top: number;
  left: number;
  /** Display text per cell ("1,500", "44.4%", "=SUM(B3:B8)" is never shown: the value is). */
  cells: string[][];
  /** Whether the excerpt was cut at MAX_EXCERPT_ROWS / MAX_EXCERPT_COLS. */
  truncated: boolean;
}

/** A budget table is about 15 × 5 cells; a larger box means odd content, and the report stays readable. */
const MAX_EXCERPT_ROWS = 60;
const MAX_EXCERPT_COLS = 10;

function rowLocs(row: BudgetRowInput | null): CellLoc[] {
  if (!row) return [];
  return [row.label, row.gov, row.self, row.total, row.percent].filter((c) => c !== null).map((c) => c.loc);
}

/** The box around a table's title, unit label, header and rows, with each cell's text as shown. */
export function tableExcerpt(snapshot: WorkbookSnapshot, table: BudgetTableInput): TableExcerpt | null {
  const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
  if (!sheet) return null;
  const locs = [table.title, ...(table.unit ? [table.unit.loc] : []), ...table.rows.flatMap(rowLocs), ...rowLocs(table.totalRow), ...rowLocs(table.percentRow)];
  const points = locs.filter((l) => l.sheet === table.sheet).map((l) => fromA1(l.cell));
  if (points.length === 0) return null;
  const top = Math.min(...points.map((p) => p.row));
  const left = Math.min(...points.map((p) => p.col));
  const fullBottom = Math.max(...points.map((p) => p.row));
  const fullRight = Math.max(...points.map((p) => p.col));
  const bottom = Math.min(fullBottom, top + MAX_EXCERPT_ROWS - 1);
  const right = Math.min(fullRight, left + MAX_EXCERPT_COLS - 1);
  const grid = new Grid(sheet);
  const cells: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: string[] = [];
    for (let c = left; c <= right; c++) row.push(displayText(grid.value(r, c), grid.numberFormat(r, c)));
    cells.push(row);
  }
  return { sheet: table.sheet, top, left, cells, truncated: bottom < fullBottom || right < fullRight };
}

/** A value roughly as Excel shows it: thousands separators, the format's decimals, percent formats × 100. */
export function displayText(value: RawValue, numberFormat: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const percent = isPercentFormat(numberFormat);
  const decimals = /0\.(0+)/.exec(numberFormat)?.[1].length;
  const shown = percent ? value * 100 : value;
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 6,
    useGrouping: numberFormat === 'General' || numberFormat.includes(','),
  }).format(shown);
  return percent ? `${text}%` : text;
}
