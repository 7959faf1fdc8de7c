import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { fromA1, parseRange, toA1 } from '../sheet/grid';
import type { Border, CellContent, CellFormat, Plan, PlanOp } from '../sheet/plan';

export class PlanApplyError extends Error {
  override name = 'PlanApplyError';
}

export interface ApplyResult {
  /**
   * Settings the plan asked to store. A plain .xlsx written here has no add-in part to hold them, so they are returned
   * for the caller to report rather than written into a hidden sheet the user never asked for.
   */
  unsavedSettings: Record<string, string>;
}

/** Writes every op of a plan into an ExcelJS workbook, in order. Refuses to add a sheet whose name is taken. */
export function applyPlan(workbook: ExcelJS.Workbook, plan: Plan): ApplyResult {
  const unsavedSettings: Record<string, string> = {};
  let priority = nextConditionalPriority(workbook);
  for (const op of plan.ops) {
    switch (op.op) {
      case 'addSheet':
        if (findSheet(workbook, op.sheet)) {
          throw new PlanApplyError(`cannot add sheet "${op.sheet}": the workbook already has a sheet of that name`);
        }
        workbook.addWorksheet(op.sheet);
        break;
      case 'write':
        writeContent(sheetOf(workbook, op).getCell(cellAddress(op.cell)), op.content);
        break;
      case 'format':
        forEachCell(sheetOf(workbook, op), op.range, (cell) => applyFormat(cell, op.format));
        break;
      case 'merge':
        sheetOf(workbook, op).mergeCells(op.range);
        break;
      case 'columnWidth':
        sheetOf(workbook, op).getColumn(op.column).width = op.width;
        break;
      case 'validation': {
        const ws = sheetOf(workbook, op);
        const { min, max } = op.rule;
        const validation: ExcelJS.DataValidation = {
          type: 'whole',
          allowBlank: true,
          operator: max === undefined ? 'greaterThanOrEqual' : 'between',
          formulae: max === undefined ? [min] : [min, max],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: op.error.title,
          error: op.error.message,
          ...(op.prompt
            ? { showInputMessage: true, promptTitle: op.prompt.title, prompt: op.prompt.message }
            : {}),
        };
        forEachCell(ws, op.range, (cell) => {
          cell.dataValidation = validation;
        });
        break;
      }
      case 'conditionalFormat': {
        const style: Partial<ExcelJS.Style> = {};
        if (op.format.fill) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(op.format.fill) } };
        if (op.format.fontColor || op.format.bold !== undefined) {
          style.font = {
            ...(op.format.fontColor ? { color: { argb: argb(op.format.fontColor) } } : {}),
            ...(op.format.bold !== undefined ? { bold: op.format.bold } : {}),
          };
        }
        sheetOf(workbook, op).addConditionalFormatting({
          ref: normaliseRange(op.range),
          rules: [{ type: 'expression', formulae: [op.formula.replace(/^=/, '')], style, priority: priority++ }],
        });
        break;
      }
      case 'pageSetup': {
        const ws = sheetOf(workbook, op);
        if (op.landscape !== undefined) ws.pageSetup.orientation = op.landscape ? 'landscape' : 'portrait';
        if (op.printArea) ws.pageSetup.printArea = normaliseRange(op.printArea);
        if (op.fitToWidth) {
          ws.pageSetup.fitToPage = true;
          ws.pageSetup.fitToWidth = 1;
          ws.pageSetup.fitToHeight = 0;
        }
        break;
      }
      case 'setting':
        unsavedSettings[op.key] = op.value;
        break;
      case 'activate': {
        const ws = sheetOf(workbook, op);
        ws.views = [{ state: 'normal', ...(op.cell ? { activeCell: cellAddress(op.cell) } : {}) }];
        const index = workbook.worksheets.indexOf(ws);
        workbook.views = [
          { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: 'visible' },
        ];
        break;
      }
      default: {
        const unknown: never = op;
        throw new PlanApplyError(`unknown plan operation ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { unsavedSettings };
}

/** Writes a plan into a new workbook file. Formulas are recalculated by Excel or LibreOffice when the file is opened. */
export async function writeWorkbookFile(plan: Plan, path: string): Promise<ApplyResult> {
  // Loaded here, not at start-up: only the commands that write a workbook pay for parsing ExcelJS.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'subsidy-budget';
  const result = applyPlan(workbook, plan);
  // ExcelJS writes formulas without cached results: ask the spreadsheet to compute everything on load.
  workbook.calcProperties.fullCalcOnLoad = true;
  await writeFileAtomically(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return result;
}

/**
 * Writes beside the target and renames over it, so a write that fails (disk full, killed) leaves the old file whole
 * rather than truncated. The temporary file is removed when anything goes wrong.
 */
export async function writeFileAtomically(path: string, data: Parameters<typeof writeFile>[1]): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function writeContent(cell: ExcelJS.Cell, content: CellContent): void {
  switch (content.kind) {
    case 'text':
      // A string value is stored as a text cell, so "=A1" typed by a user stays text and never becomes a formula.
      cell.value = content.text;
      break;
    case 'number':
      cell.value = content.value;
      break;
    case 'formula':
      cell.value = { formula: content.formula.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
      break;
    case 'blank':
      cell.value = null;
      break;
  }
}

function applyFormat(cell: ExcelJS.Cell, format: CellFormat): void {
  if (format.numberFormat !== undefined) cell.numFmt = format.numberFormat;
  if (format.bold !== undefined || format.fontSize !== undefined || format.fontColor !== undefined) {
    cell.font = {
      ...cell.font,
      ...(format.bold !== undefined ? { bold: format.bold } : {}),
      ...(format.fontSize !== undefined ? { size: format.fontSize } : {}),
      ...(format.fontColor !== undefined ? { color: { argb: argb(format.fontColor) } } : {}),
    };
  }
  if (format.fill !== undefined) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(format.fill) } };
  }
  if (format.horizontalAlignment !== undefined || format.verticalAlignment !== undefined || format.wrap !== undefined) {
    cell.alignment = {
      ...cell.alignment,
      ...(format.horizontalAlignment !== undefined ? { horizontal: format.horizontalAlignment } : {}),
      ...(format.verticalAlignment !== undefined
        ? { vertical: format.verticalAlignment === 'center' ? 'middle' : format.verticalAlignment }
        : {}),
      ...(format.wrap !== undefined ? { wrapText: format.wrap } : {}),
    };
  }
  if (format.border) {
    const edge = borderEdge(format.border);
    cell.border = { top: edge, left: edge, bottom: edge, right: edge };
  }
}

function borderEdge(border: Border): Partial<ExcelJS.Border> {
  return { style: border.style, ...(border.color ? { color: { argb: argb(border.color) } } : {}) };
}

/** "#RRGGBB" → ExcelJS's opaque "FFRRGGBB". */
function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex)) throw new PlanApplyError(`not a #RRGGBB colour: ${color}`);
  return `FF${hex}`;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  // Excel sheet names are case-insensitive.
  const lower = name.toLowerCase();
  return workbook.worksheets.find((ws) => ws.name.toLowerCase() === lower);
}

function sheetOf(workbook: ExcelJS.Workbook, op: Exclude<PlanOp, { op: 'setting' }>): ExcelJS.Worksheet {
  const ws = findSheet(workbook, op.sheet);
  if (!ws) throw new PlanApplyError(`plan step "${op.op}" names sheet "${op.sheet}", which the workbook does not have`);
  return ws;
}

function cellAddress(address: string): string {
  const { row, col } = fromA1(address);
  return toA1(row, col);
}

function normaliseRange(range: string): string {
  const { top, left, bottom, right } = parseRange(range.replace(/\$/g, ''));
  const a = toA1(top, left);
  const b = toA1(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

function forEachCell(ws: ExcelJS.Worksheet, range: string, visit: (cell: ExcelJS.Cell) => void): void {
  const { top, left, bottom, right } = parseRange(range.replace(/\$/g, ''));
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) visit(ws.getCell(r + 1, c + 1));
  }
}

function nextConditionalPriority(workbook: ExcelJS.Workbook): number {
  let max = 0;
  for (const ws of workbook.worksheets) {
    const cfs = (ws as unknown as { conditionalFormattings?: { rules: { priority?: number }[] }[] }).conditionalFormattings;
    for (const cf of cfs ?? []) for (const rule of cf.rules) max = Math.max(max, rule.priority ?? 0);
  }
  return max + 1;
}
