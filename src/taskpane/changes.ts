import type { RawValue } from '../domain/budget';
import { Grid, fromA1, type WorkbookSnapshot } from '../sheet/grid';
import { plannedWrites, type CellContent, type Plan } from '../sheet/plan';

/** One cell a plan will write, with what it holds now: what a confirmation dialog lists. */
export interface CellChange {
  sheet: string;
  cell: string;
  /** What the cell shows now as a person would type it (formula text or value); '' when blank. */
  before: string;
  after: string;
  /** The cell holds something the user typed (a constant, not a formula) that the write replaces. */
  replacesUserInput: boolean;
}

export interface PlanChanges {
  /** Sheets the plan creates. */
  newSheets: string[];
  /** Writes that change a cell, in plan order; writes that leave a cell as it is are left out. */
  changes: CellChange[];
}

export function contentText(content: CellContent): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'number':
      return String(content.value);
    case 'formula':
      return content.formula;
    case 'blank':
      return '';
  }
}

function rawText(value: RawValue): string {
  return value === null ? '' : String(value);
}

/** Compares a plan's writes with the snapshot, so the pane can say exactly which cells will change. */
export function describePlan(plan: Plan, snapshot: WorkbookSnapshot): PlanChanges {
  const grids = new Map(snapshot.sheets.map((s) => [s.name, new Grid(s)]));
  const newSheets = plan.ops.flatMap((op) => (op.op === 'addSheet' && !grids.has(op.sheet) ? [op.sheet] : []));
  const changes: CellChange[] = [];
  for (const write of plannedWrites(plan)) {
    const grid = grids.get(write.sheet);
    const { row, col } = fromA1(write.cell);
    const formula = grid?.formula(row, col) ?? null;
    const value = grid ? grid.value(row, col) : null;
    const before = formula ?? rawText(value);
    const after = contentText(write.content);
    if (sameContent(before, after, write.content, value)) continue;
    changes.push({
      sheet: write.sheet,
      cell: write.cell,
      before,
      after,
      replacesUserInput: formula === null && value !== null,
    });
  }
  return { newSheets, changes };
}

function sameContent(before: string, after: string, content: CellContent, value: RawValue): boolean {
  if (content.kind === 'number') return typeof value === 'number' && value === content.value;
  if (content.kind === 'formula') return before.replace(/\s+/g, '').toUpperCase() === after.replace(/\s+/g, '').toUpperCase();
  return before === after;
}
