/**
 * Plan operations as Office.js calls: each declarative op of a plan (src/sheet/plan.ts) queued on the request context,
 * and the read-back test used after a failed apply. No sync happens here; the caller owns the batch.
 */
import { parseRange } from '../sheet/grid';
import type { CellFormat, PlanOp } from '../sheet/plan';
import { columnWidthPoints, filled, textForValues } from './cells';

/** Whether a read-back cell holds what the plan wrote (formula text, number, or text). */
export function holds(range: Excel.Range, content: Extract<PlanOp, { op: 'write' }>['content']): boolean {
  const value: unknown = range.values?.[0]?.[0];
  const formula: unknown = range.formulas?.[0]?.[0];
  switch (content.kind) {
    case 'formula':
      return typeof formula === 'string' && formula.replace(/\s+/g, '').toUpperCase() === content.formula.replace(/\s+/g, '').toUpperCase();
    case 'number':
      return value === content.value;
    case 'blank':
      return value === '' || value === null;
    case 'text':
      return value === content.text;
  }
}

export function opRange(op: PlanOp): string | null {
  switch (op.op) {
    case 'write':
      return op.cell;
    case 'format':
    case 'merge':
    case 'conditionalFormat':
    case 'validation':
      return op.range;
    default:
      return null;
  }
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

export function queueOp(op: Exclude<PlanOp, { op: 'addSheet' | 'setting' }>, sheetNamed: (name: string) => Excel.Worksheet): void {
  switch (op.op) {
    case 'write': {
      const range = sheetNamed(op.sheet).getRange(op.cell);
      const c = op.content;
      if (c.kind === 'formula') range.formulas = [[c.formula]];
      else if (c.kind === 'number') range.values = [[c.value]];
      else if (c.kind === 'blank') range.values = [['']];
      else range.values = [[textForValues(c.text)]];
      return;
    }
    case 'format':
      queueFormat(sheetNamed(op.sheet).getRange(op.range), op.range, op.format);
      return;
    case 'merge':
      sheetNamed(op.sheet).getRange(op.range).merge(false);
      return;
    case 'columnWidth':
      sheetNamed(op.sheet).getRange(`${op.column}:${op.column}`).format.columnWidth = columnWidthPoints(op.width);
      return;
    case 'validation': {
      const dv = sheetNamed(op.sheet).getRange(op.range).dataValidation;
      dv.clear();
      dv.rule = {
        wholeNumber:
          op.rule.max === undefined
            ? { formula1: op.rule.min, operator: 'GreaterThanOrEqualTo' }
            : { formula1: op.rule.min, formula2: op.rule.max, operator: 'Between' },
      };
      dv.ignoreBlanks = true;
      dv.errorAlert = { showAlert: true, style: 'Stop', title: op.error.title, message: op.error.message };
      if (op.prompt) dv.prompt = { showPrompt: true, title: op.prompt.title, message: op.prompt.message };
      return;
    }
    case 'conditionalFormat': {
      const cf = sheetNamed(op.sheet).getRange(op.range).conditionalFormats.add('Custom');
      cf.custom.rule.formula = op.formula;
      if (op.format.fill) cf.custom.format.fill.color = op.format.fill;
      if (op.format.fontColor) cf.custom.format.font.color = op.format.fontColor;
      if (op.format.bold !== undefined) cf.custom.format.font.bold = op.format.bold;
      return;
    }
    case 'pageSetup': {
      const layout = sheetNamed(op.sheet).pageLayout;
      if (op.landscape !== undefined) layout.orientation = op.landscape ? 'Landscape' : 'Portrait';
      if (op.printArea) layout.setPrintArea(op.printArea);
      if (op.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
      return;
    }
    case 'activate': {
      const ws = sheetNamed(op.sheet);
      ws.activate();
      if (op.cell) ws.getRange(op.cell).select();
      return;
    }
  }
}

function queueFormat(range: Excel.Range, address: string, format: CellFormat): void {
  const { top, left, bottom, right } = parseRange(address);
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  if (format.numberFormat !== undefined) range.numberFormat = filled(rows, cols, format.numberFormat);
  const f = range.format;
  if (format.bold !== undefined) f.font.bold = format.bold;
  if (format.fontSize !== undefined) f.font.size = format.fontSize;
  if (format.fontColor !== undefined) f.font.color = format.fontColor;
  if (format.fill !== undefined) f.fill.color = format.fill;
  if (format.horizontalAlignment) f.horizontalAlignment = ALIGN[format.horizontalAlignment];
  if (format.verticalAlignment) f.verticalAlignment = VALIGN[format.verticalAlignment];
  if (format.wrap !== undefined) f.wrapText = format.wrap;
  if (format.border) {
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (rows > 1) edges.push('InsideHorizontal');
    if (cols > 1) edges.push('InsideVertical');
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      // Excel draws a double line only at the thick weight.
      b.style = format.border.style === 'double' ? 'Double' : 'Continuous';
      b.weight = format.border.style === 'medium' ? 'Medium' : format.border.style === 'double' ? 'Thick' : 'Thin';
      if (format.border.color) b.color = format.border.color;
    }
  }
}
