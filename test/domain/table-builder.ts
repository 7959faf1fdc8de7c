import type { BudgetRowInput, BudgetTableInput, RawCell, RawValue, Unit } from '../../src/domain/budget';
import { toA1 } from '../../src/sheet/grid';
import { SEED_004_RECORDS } from '../sheet/fixtures/workbook';

export type CellSpec = RawValue | { value: RawValue; formula?: string; percentFormat?: boolean };

export interface RowSpec {
  label: string;
  gov?: CellSpec;
  self?: CellSpec;
  total?: CellSpec;
  percent?: CellSpec;
}

const SHEET = '經費預算表';

function cell(row: number, col: number, spec: CellSpec | undefined): RawCell {
  const s = spec !== null && typeof spec === 'object' ? spec : { value: spec ?? null };
  return { loc: { sheet: SHEET, cell: toA1(row, col) }, value: s.value, formula: s.formula ?? null, percentFormat: s.percentFormat ?? false };
}

function row(r: number, spec: RowSpec, columns: { total: boolean; percent: boolean }): BudgetRowInput {
  return {
    label: cell(r, 0, spec.label),
    gov: cell(r, 1, spec.gov),
    self: cell(r, 2, spec.self),
    total: columns.total ? cell(r, 3, spec.total) : null,
    percent: columns.percent ? cell(r, 4, spec.percent) : null,
  };
}

/**
 * A located table as the locator would hand it over: title in A1, unit in E2, header in row 3, items from row 4
 * (A = label, B = gov, C = self, D = total, E = percent), then the 合計 and 百分比(%) rows.
 */
export function table(
  rows: RowSpec[],
  opts: { totalRow?: RowSpec | null; percentRow?: RowSpec | null; unit?: Unit | null; hasFormulas?: boolean; totalColumn?: boolean; percentColumn?: boolean } = {},
): BudgetTableInput {
  const columns = { total: opts.totalColumn ?? true, percent: opts.percentColumn ?? true };
  const first = 3;
  const totalAt = first + rows.length;
  return {
    sheet: SHEET,
    title: { sheet: SHEET, cell: 'A1' },
    unit: opts.unit === null ? null : { unit: opts.unit ?? '千元', loc: { sheet: SHEET, cell: 'E2' } },
    rows: rows.map((spec, i) => row(first + i, spec, columns)),
    totalRow: opts.totalRow === null ? null : row(totalAt, opts.totalRow ?? { label: '合計' }, { total: columns.total, percent: false }),
    percentRow: opts.percentRow ? row(totalAt + 1, opts.percentRow, { total: columns.total, percent: false }) : null,
    workbookHasFormulas: opts.hasFormulas ?? false,
  };
}

/** The seed-004 example of SPEC §3, exactly as printed (two percentages are slips). */
export const SEED_004_ROWS: RowSpec[] = SEED_004_RECORDS;
export const SEED_004_TOTAL: RowSpec = { label: '合計', gov: 1500, self: 1880, total: 3380 };
export const SEED_004_PERCENT: RowSpec = { label: '百分比(%)', gov: 44.4, self: 55.6, total: 100 };
