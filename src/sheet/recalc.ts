import { parseAmount } from '../domain/amount';
import type { BudgetTableInput, RawCell, RawValue } from '../domain/budget';
import { computeBudget } from '../domain/compute';
import { storedNumber } from '../domain/fixes';
import { t, type Lang } from '../domain/findings';
import { isPercentLabel, isSubtotalLabel, isTotalLabel } from '../domain/labels';
import { type Fixed, ZERO, foldWidth, fromInt, fromNumber, round, toNumber } from '../domain/money';
import type { Program } from '../domain/programs/schema';
import { Grid, type WorkbookSnapshot, fromA1, toA1 } from './grid';
import { type Plan, type PlanOp, formula, num } from './plan';
import {
  HEADER_LABELS,
  type TemplateColumn,
  type TemplateFrame,
  recordedTemplateSheets,
  templateFormulas,
} from './template-layout';

/**
 * "Recalculate": on a template sheet the add-in created, restore the formulas that were typed over; on a table the
 * user built, compute totals and percentages exactly and offer to write them as numbers. Both return the list of cells
 * that would change so the UI can show it before anything is written, and touch nothing else.
 */

/** Recalculation cannot proceed; the message names the sheet (and cell) so the user can act. */
export class RecalcError extends Error {
  override name = 'RecalcError';
}


/** What a cell holds now: its value, and its formula when it has one. */
export interface CellContentNow {
  value: RawValue;
  formula: string | null;
}

/** One template formula cell that no longer holds its formula. */
export interface FormulaRepair {
  sheet: string;
  cell: string;
  current: CellContentNow;
  /** The template's formula, written back. */
  formula: string;
}

/** Whether the add-in created this sheet as a template (it is listed in the workbook settings). */
export function isTemplateSheet(snapshot: WorkbookSnapshot, sheetName: string): boolean {
  return (
    recordedTemplateSheets(snapshot.settings).includes(sheetName) && snapshot.sheets.some((s) => s.name === sheetName)
  );
}

/**
 * The plan restoring the template formulas that were typed over on `sheetName`, plus the list of those cells. The
 * table is found by its header, so rows inserted above it or among the items still repair correctly.
 */
export function buildRepairPlan(
  snapshot: WorkbookSnapshot,
  sheetName: string,
  program: Program,
  lang: Lang = 'zh-TW',
): { plan: Plan; changes: FormulaRepair[] } {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new RecalcError(t(lang, `找不到工作表「${sheetName}」`, `There is no sheet "${sheetName}"`));
  if (!recordedTemplateSheets(snapshot.settings).includes(sheetName)) {
    throw new RecalcError(
      t(
        lang,
        `「${sheetName}」不是本增益集建立的範本，無法還原公式；請改用「計算合計與百分比」`,
        `"${sheetName}" was not created by the add-in, so there are no template formulas to restore; compute the totals instead`,
      ),
    );
  }
  const grid = new Grid(sheet);
  const frame = findTemplateFrame(grid, lang);
  // A row inserted among the items and left blank is no item yet: its row formulas are added once it has content.
  const blankRows = new Set(
    frame.items
      .map((item) => item.row)
      .filter((row) => (['label', 'gov', 'self', 'total', 'percent'] as const).every((c) => grid.isEmpty(row, frame.columns[c]))),
  );
  const changes: FormulaRepair[] = [];
  for (const expected of templateFormulas(frame)) {
    const { row, col } = fromA1(expected.cell);
    if (blankRows.has(row)) continue;
    const current = grid.formula(row, col);
    if (current !== null && sameFormula(current, expected.formula)) continue;
    changes.push({
      sheet: sheetName,
      cell: expected.cell,
      current: { value: grid.value(row, col), formula: current },
      formula: expected.formula,
    });
  }
  const ops: PlanOp[] = changes.map((c) => ({ op: 'write', sheet: sheetName, cell: c.cell, content: formula(c.formula) }));
  const title =
    changes.length === 0
      ? t(lang, `「${sheetName}」的公式都完好（${program.name['zh-TW']}）`, `All formulas on "${sheetName}" are intact (${program.name.en})`)
      : t(
          lang,
          `還原「${sheetName}」的 ${changes.length} 個公式（${program.name['zh-TW']}）`,
          `Restore ${changes.length} formula${changes.length === 1 ? '' : 's'} on "${sheetName}" (${program.name.en})`,
        );
  return { plan: { title, ops }, changes };
}

/** Finds the template table on a sheet: the header row, the item rows under it, then 合計 and 百分比(%). */
function findTemplateFrame(grid: Grid, lang: Lang): TemplateFrame {
  const header = findHeader(grid);
  if (!header) {
    throw new RecalcError(
      t(
        lang,
        `「${grid.name}」找不到範本表頭（${HEADER_LABELS.join('｜')}），無法還原公式`,
        `"${grid.name}" no longer has the template header (${HEADER_LABELS.join(' | ')}); formulas cannot be restored`,
      ),
    );
  }
  const columns: Record<TemplateColumn, number> = {
    label: header.col,
    gov: header.col + 1,
    self: header.col + 2,
    total: header.col + 3,
    percent: header.col + 4,
  };
  const items: { row: number }[] = [];
  let row = header.row + 1;
  for (; row < grid.rowCount; row++) {
    if (isTotalLabel(grid.text(row, header.col)) || isSubtotalLabel(grid.text(row, header.col))) break;
    items.push({ row });
  }
  const headerCell = toA1(header.row, header.col);
  if (row >= grid.rowCount) {
    throw new RecalcError(
      t(lang, `「${grid.name}」在 ${headerCell} 的表頭下找不到「合計」列`, `"${grid.name}": no 合計 row below the header at ${headerCell}`),
    );
  }
  if (items.length === 0) {
    throw new RecalcError(
      t(lang, `「${grid.name}」的表頭與「合計」列之間沒有會計科目`, `"${grid.name}": no accounting items between the header and 合計`),
    );
  }
  const percentRow = row + 1;
  if (!isPercentLabel(grid.text(percentRow, header.col))) {
    throw new RecalcError(
      t(
        lang,
        `「${grid.name}」的 ${toA1(percentRow, header.col)} 應為「百分比(%)」列，範本版面已變動，無法還原公式`,
        `"${grid.name}": ${toA1(percentRow, header.col)} should start the 百分比(%) row; the template layout has changed`,
      ),
    );
  }
  return { columns, items, totalRow: row, percentRow };
}

function compactText(value: string): string {
  return foldWidth(value).replace(/\s+/g, '');
}

function findHeader(grid: Grid): { row: number; col: number } | null {
  const wanted = HEADER_LABELS.map(compactText);
  for (let row = grid.sheet.origin.row; row < grid.rowCount; row++) {
    for (let col = grid.sheet.origin.col; col < grid.colCount; col++) {
      if (wanted.every((label, i) => compactText(grid.text(row, col + i)) === label)) return { row, col };
    }
  }
  return null;
}

/**
 * Formulas compare equal when they differ only in case, spacing or `$` outside string literals — how hosts and file
 * round trips (Excel, ExcelJS, LibreOffice) may re-spell the same formula.
 */
export function sameFormula(a: string, b: string): boolean {
  return canonicalFormula(a) === canonicalFormula(b);
}

function canonicalFormula(f: string): string {
  const body = f.startsWith('=') ? f.slice(1) : f;
  return body
    .split(/("(?:[^"]|"")*")/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[\s$]/g, '').toUpperCase()))
    .join('');
}

/** What a computed cell is, for the confirmation list. */
export type ComputedRole = 'row-total' | 'row-percent' | 'column-total' | 'share-percent';

export interface ComputedChange {
  sheet: string;
  cell: string;
  role: ComputedRole;
  current: CellContentNow;
  /** The number that would be written (a fraction such as 0.107 when the cell shows values as %; ×1000 under `#,##0,`). */
  next: number;
  /** The cell is not empty: writing replaces what is there, so the user must agree first. */
  needsConsent: boolean;
}

/**
 * Computes totals and percentages of a table the add-in did not create, with the domain's exact arithmetic, and plans
 * writing them as numbers (the layout is the user's, so no formulas) into only the cells whose value differs.
 */
export function buildComputePlan(
  table: BudgetTableInput,
  program: Program,
  lang: Lang = 'zh-TW',
): { plan: Plan; changes: ComputedChange[] } {
  const invalid: string[] = [];
  const amountOf = (cell: RawCell | null): Fixed => {
    if (!cell) return ZERO;
    const parsed = parseAmount(cell.value);
    if (parsed.kind === 'number') return parsed.value;
    if (parsed.kind === 'invalid') invalid.push(`${cell.loc.cell}「${parsed.text}」`);
    return ZERO;
  };
  const amounts = table.rows.map((row) => ({ gov: amountOf(row.gov), self: amountOf(row.self) }));
  if (invalid.length > 0) {
    throw new RecalcError(
      t(
        lang,
        `「${table.sheet}」有不是數字的金額：${invalid.join('、')}；請先修正再計算`,
        `"${table.sheet}" has amounts that are not numbers: ${invalid.join(', ')}; fix them before computing`,
      ),
    );
  }
  const computed = computeBudget(amounts);
  const changes: ComputedChange[] = [];
  const offer = (cell: RawCell | null, role: ComputedRole, value: Fixed | null) => {
    if (!cell || value === null) return;
    const isPercent = role === 'row-percent' || role === 'share-percent';
    if (isPercent ? samePercent(cell, value) : sameAmount(cell, value)) return;
    const shownValue = isPercent && cell.percentFormat ? value / 100n : value;
    const current = { value: cell.value, formula: cell.formula };
    changes.push({
      sheet: cell.loc.sheet,
      cell: cell.loc.cell,
      role,
      current,
      next: storedNumber(cell, toNumber(shownValue)),
      needsConsent: cell.value !== null || cell.formula !== null,
    });
  };
  table.rows.forEach((row, index) => {
    offer(row.total, 'row-total', computed.rowTotals[index]);
    offer(row.percent, 'row-percent', computed.rowPercents[index]);
  });
  if (table.totalRow) {
    offer(table.totalRow.gov, 'column-total', computed.govTotal);
    offer(table.totalRow.self, 'column-total', computed.selfTotal);
    offer(table.totalRow.total, 'column-total', computed.grandTotal);
  }
  if (table.percentRow) {
    offer(table.percentRow.gov, 'share-percent', computed.govPercent);
    offer(table.percentRow.self, 'share-percent', computed.selfPercent);
    offer(table.percentRow.total, 'share-percent', computed.grandTotal === ZERO ? null : fromInt(100));
  }
  const ops: PlanOp[] = changes.map((c) => ({ op: 'write', sheet: c.sheet, cell: c.cell, content: num(c.next) }));
  const title =
    changes.length === 0
      ? t(lang, `「${table.sheet}」的合計與百分比都正確`, `Totals and percentages on "${table.sheet}" are already right`)
      : t(
          lang,
          `寫入「${table.sheet}」的 ${changes.length} 個合計／百分比（${program.name['zh-TW']}）`,
          `Write ${changes.length} total${changes.length === 1 ? '' : 's'}/percentage${changes.length === 1 ? '' : 's'} on "${table.sheet}" (${program.name.en})`,
        );
  return { plan: { title, ops }, changes };
}

/** A blank total counts as right when the total is 0: an empty row needs no "0" written into it. */
function sameAmount(cell: RawCell, value: Fixed): boolean {
  const parsed = parseAmount(cell.value);
  if (parsed.kind === 'blank') return value === ZERO;
  return parsed.kind === 'number' && parsed.value === value;
}

/** A percentage is right when it shows the same one-decimal value (an unrounded formula result counts). */
function samePercent(cell: RawCell, value: Fixed): boolean {
  let shown: Fixed;
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) {
    shown = fromNumber(cell.value) * (cell.percentFormat ? 100n : 1n);
  } else if (typeof cell.value === 'string') {
    const parsed = parseAmount(cell.value.replace(/[%％]\s*$/, ''));
    if (parsed.kind !== 'number') return false;
    shown = parsed.value;
  } else {
    return false;
  }
  return round(shown, 1) === value;
}

/**
 * "Recalculate" for the whole workbook: template sheets get their typed-over formulas back; tables the user built get
 * exact totals and percentages as numbers. One plan for every located budget table, so confirming is one write.
 */
export function recalcPlan(snapshot: WorkbookSnapshot, tables: readonly BudgetTableInput[], program: Program, lang: Lang): Plan {
  const plan: Plan = { title: t(lang, '重新計算', 'Recalculate'), ops: [] };
  const repaired = new Set<string>();
  for (const table of tables) {
    if (isTemplateSheet(snapshot, table.sheet)) {
      if (repaired.has(table.sheet)) continue;
      repaired.add(table.sheet);
      plan.ops.push(...buildRepairPlan(snapshot, table.sheet, program, lang).plan.ops);
    } else {
      plan.ops.push(...buildComputePlan(table, program, lang).plan.ops);
    }
  }
  return plan;
}
