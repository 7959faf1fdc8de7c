import type { ItemId, Program } from '../domain/programs/schema';
import { SETTING_KEYS, toA1 } from './grid';

// The official table's layout, labels and formulas, shared by the template plan (template.ts) and "recalculate"
// (recalc.ts). Apart from the plan builder so that every check can use it while the pane loads the builder only when
// the user inserts a table.

export const TEMPLATE_BASE_NAME = '經費預算表';
export const TEMPLATE_TITLE = '經費預算表';
export const UNIT_LABEL = '金額單位：千元';
export const HEADER_LABELS = ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'] as const;
export const TOTAL_LABEL = '合計';
export const PERCENT_LABEL = '百分比(%)';

export const AMOUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.0';
/** Excel's own "light red fill with dark red text", so a breach looks like what users already know. */
export const BREACH_FORMAT = { fill: '#FFC7CE', fontColor: '#9C0006' } as const;

export type TemplateColumn = 'label' | 'gov' | 'self' | 'total' | 'percent';

/** Where everything is on a template sheet. Rows and columns are zero-based, like `Grid`. */
export interface TemplateLayout {
  sheet: string;
  columns: Record<TemplateColumn, number>;
  titleRow: number;
  unitRow: number;
  headerRow: number;
  /** The program's items in official order. */
  items: { id: ItemId; label: string; row: number }[];
  /** Item rows by item id. */
  itemRows: Partial<Record<ItemId, number>>;
  totalRow: number;
  percentRow: number;
  noteRows: number[];
  lastRow: number;
  /** A1 range covering everything the template writes. */
  printArea: string;
}

/** The layout of a template for `program` whose header row is `headerRow` and whose first column is `firstCol`. */
export function templateLayout(program: Program, sheet: string, headerRow = 2, firstCol = 0): TemplateLayout {
  const columns: Record<TemplateColumn, number> = {
    label: firstCol,
    gov: firstCol + 1,
    self: firstCol + 2,
    total: firstCol + 3,
    percent: firstCol + 4,
  };
  const firstItemRow = headerRow + 1;
  const items = program.items.map((item, index) => ({ id: item.id, label: item.label, row: firstItemRow + index }));
  const itemRows: Partial<Record<ItemId, number>> = {};
  for (const item of items) itemRows[item.id] = item.row;
  const totalRow = firstItemRow + items.length;
  const percentRow = totalRow + 1;
  const noteRows = program.notes.map((_, index) => percentRow + 1 + index);
  const lastRow = noteRows.length > 0 ? noteRows[noteRows.length - 1] : percentRow;
  const titleRow = Math.max(0, headerRow - 2);
  return {
    sheet,
    columns,
    titleRow,
    unitRow: Math.max(0, headerRow - 1),
    headerRow,
    items,
    itemRows,
    totalRow,
    percentRow,
    noteRows,
    lastRow,
    printArea: `${toA1(titleRow, columns.label)}:${toA1(lastRow, columns.percent)}`,
  };
}

/** A1 address of a cell of the layout. */
export function layoutCell(layout: Pick<TemplateLayout, 'columns'>, row: number, column: TemplateColumn, absolute = false): string {
  const a1 = toA1(row, layout.columns[column]);
  return absolute ? a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : a1;
}

/** The part of a layout the formulas depend on: where the columns, the item rows and the two summary rows are. */
export type TemplateFrame = Pick<TemplateLayout, 'columns' | 'totalRow' | 'percentRow'> & { items: { row: number }[] };

/** Every formula the template holds, cell by cell: what recalculation restores when one was typed over. */
export function templateFormulas(layout: TemplateFrame): { cell: string; formula: string }[] {
  const cell = (row: number, column: TemplateColumn, absolute = false) => layoutCell(layout, row, column, absolute);
  const first = layout.items[0].row;
  const last = layout.items[layout.items.length - 1].row;
  const grand = cell(layout.totalRow, 'total', true);
  // Multiplying before dividing keeps the quotient the nearest double to the exact share, so ROUND lands on the same
  // one-decimal value as the domain's exact half-away-from-zero rounding (201/400 → 50.25 → 50.3, not 50.2).
  const share = (part: string) => `=IF(${grand}=0,"",ROUND(${part}*100/${grand},1))`;
  const out: { cell: string; formula: string }[] = [];
  for (const item of layout.items) {
    out.push({ cell: cell(item.row, 'total'), formula: `=${cell(item.row, 'gov')}+${cell(item.row, 'self')}` });
    out.push({ cell: cell(item.row, 'percent'), formula: share(cell(item.row, 'total')) });
  }
  for (const column of ['gov', 'self', 'total'] as const) {
    out.push({ cell: cell(layout.totalRow, column), formula: `=SUM(${cell(first, column)}:${cell(last, column)})` });
  }
  out.push({ cell: cell(layout.percentRow, 'gov'), formula: share(cell(layout.totalRow, 'gov')) });
  out.push({ cell: cell(layout.percentRow, 'self'), formula: share(cell(layout.totalRow, 'self')) });
  out.push({ cell: cell(layout.percentRow, 'total'), formula: `=IF(${grand}=0,"",100)` });
  return out;
}

/** `經費預算表`, or `經費預算表 (2)`, `(3)` … — Excel compares sheet names case-insensitively. */
export function freeTemplateSheetName(existingSheetNames: readonly string[]): string {
  const taken = new Set(existingSheetNames.map((name) => name.toLocaleLowerCase()));
  if (!taken.has(TEMPLATE_BASE_NAME.toLocaleLowerCase())) return TEMPLATE_BASE_NAME;
  for (let n = 2; ; n++) {
    const candidate = `${TEMPLATE_BASE_NAME} (${n})`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

/** The template sheets recorded in the workbook's settings (a JSON array of names); malformed values read as none. */
export function recordedTemplateSheets(settings: Record<string, string> | undefined): string[] {
  const raw = settings?.[SETTING_KEYS.templates];
  if (!raw) return [];
  try {
    let parsed: unknown = JSON.parse(raw);
    // Office settings hold JSON values, so an adapter may have stored the array's text as a JSON string.
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}
