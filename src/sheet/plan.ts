/**
 * Plans: declarative lists of workbook changes. `src/sheet/` builds them (templates, repairs, benefit tables, review
 * marks); the Office.js adapter applies one in a single `context.sync()` and the ExcelJS adapter writes the same plan to
 * a file. Nothing here knows about a host.
 */

/** A value to write. Text is always written as text, never interpreted as a formula. */
export type CellContent =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'formula'; formula: string } // begins with "="
  | { kind: 'blank' };

export interface Border {
  style: 'thin' | 'medium' | 'double';
  color?: string;
}

export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  fontSize?: number;
  fontColor?: string; // "#RRGGBB"
  fill?: string; // "#RRGGBB"
  horizontalAlignment?: 'left' | 'center' | 'right';
  verticalAlignment?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Borders on every edge of every cell in the range. */
  border?: Border;
}

export type ValidationRule =
  /** Whole numbers in [min, max]; blank always allowed. */
  { type: 'wholeNumber'; min: number; max?: number };

export type PlanOp =
  /** Create a sheet; the adapter refuses when the name is taken (the plan builder picks a free name). */
  | { op: 'addSheet'; sheet: string }
  | { op: 'write'; sheet: string; cell: string; content: CellContent }
  | { op: 'format'; sheet: string; range: string; format: CellFormat }
  | { op: 'merge'; sheet: string; range: string }
  | { op: 'columnWidth'; sheet: string; column: string; width: number } // width in characters
  | {
      op: 'validation';
      sheet: string;
      range: string;
      rule: ValidationRule;
      /** Shown when a value is refused: says why. */
      error: { title: string; message: string };
      prompt?: { title: string; message: string };
    }
  | {
      op: 'conditionalFormat';
      sheet: string;
      range: string;
      /** Formula relative to the range's top-left cell, e.g. "=$B$10>$D$10*0.5". */
      formula: string;
      format: Pick<CellFormat, 'fill' | 'fontColor' | 'bold'>;
    }
  | { op: 'pageSetup'; sheet: string; landscape?: boolean; printArea?: string; fitToWidth?: boolean }
  | { op: 'setting'; key: string; value: string }
  | { op: 'activate'; sheet: string; cell?: string };

export interface Plan {
  /** What the plan does, for confirmation dialogs and logs. */
  title: string;
  ops: PlanOp[];
}

/** Cell writes in a plan, in order: what a confirmation dialog lists. */
export function plannedWrites(plan: Plan): Extract<PlanOp, { op: 'write' }>[] {
  return plan.ops.filter((o): o is Extract<PlanOp, { op: 'write' }> => o.op === 'write');
}

export const text = (t: string): CellContent => ({ kind: 'text', text: t });
export const num = (value: number): CellContent => ({ kind: 'number', value });
export const formula = (f: string): CellContent => {
  if (!f.startsWith('=')) throw new RangeError(`a formula must begin with "=": ${f}`);
  return { kind: 'formula', formula: f };
};
