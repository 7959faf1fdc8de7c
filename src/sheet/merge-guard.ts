/**
 * No plan writes into, over or across a merge the user made. A value written to a cell hidden under a merged area is
 * invisible (only the top-left cell shows), and merging over a user's merge destroys it. Host-independent: works on
 * the snapshot's `merges` (Office.js from ExcelApi 1.13, and every .xlsx file).
 */
import { type WorkbookSnapshot, parseRange } from './grid';
import type { Plan } from './plan';

type Rect = ReturnType<typeof parseRange>;

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function inside(a: Rect, b: Rect): boolean {
  return a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
}

export interface MergeCheck {
  /** "Sheet!B3" for each write into a hidden cell of a merge, or merge over/across one. */
  conflicts: string[];
  /** Sheets the plan writes to whose merges the host could not report (below ExcelApi 1.13). */
  unknown: string[];
}

export function checkMerges(plan: Plan, snapshot: WorkbookSnapshot): MergeCheck {
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const created = new Set(plan.ops.filter((o) => o.op === 'addSheet').map((o) => o.sheet));
  const conflicts: string[] = [];
  const unknown = new Set<string>();
  for (const op of plan.ops) {
    if (op.op !== 'write' && op.op !== 'merge') continue;
    if (created.has(op.sheet)) continue; // the plan's own sheet: its merges are its own
    const sheet = sheets.get(op.sheet);
    if (!sheet) continue;
    if (!sheet.merges) {
      unknown.add(op.sheet);
      continue;
    }
    const target = parseRange(op.op === 'write' ? op.cell : op.range);
    for (const m of sheet.merges) {
      const merge = parseRange(m);
      if (op.op === 'write') {
        // The top-left cell of a merge is the merge's own cell: writing there is writing the merged cell.
        if (inside(target, merge) && !(target.top === merge.top && target.left === merge.left)) conflicts.push(`${op.sheet}!${op.cell}`);
      } else if (overlaps(target, merge)) {
        conflicts.push(`${op.sheet}!${op.range}`);
      }
    }
  }
  return { conflicts: [...new Set(conflicts)], unknown: [...unknown] };
}
