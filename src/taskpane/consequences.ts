import type { BudgetSummary } from '../domain/summary';
import type { RawValue } from '../domain/budget';
import { fromA1, type SheetSnapshot, type WorkbookSnapshot } from '../sheet/grid';
import { plannedWrites, type Plan } from '../sheet/plan';

/** What a write does to the budget as a whole (千元): shown in its dialog, so nobody cuts the project unawares. */
export interface Consequences {
  gov: { before: number; after: number };
  total: { before: number; after: number };
  share: { before: number | null; after: number | null };
  /** Items whose total (政府補助款 + 業者自籌款) changes. */
  items: { label: string; before: number; after: number }[];
}

/**
 * The snapshot as it would read after `plan`'s cell writes: numbers, text and blanks land as values; a formula keeps
 * its cached value (the summary is computed from the item amounts, never from a formula's result).
 */
export function withWrites(snapshot: WorkbookSnapshot, plan: Plan): WorkbookSnapshot {
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const copies = new Map<string, SheetSnapshot>();
  for (const write of plannedWrites(plan)) {
    if (write.content.kind === 'formula') continue;
    const source = sheets.get(write.sheet);
    if (!source) continue;
    let sheet = copies.get(write.sheet);
    if (!sheet) {
      sheet = { ...source, values: source.values.map((r) => [...r]), formulas: source.formulas.map((r) => [...r]) };
      copies.set(write.sheet, sheet);
    }
    const { row, col } = fromA1(write.cell);
    const r = row - sheet.origin.row;
    const c = col - sheet.origin.col;
    if (r < 0 || c < 0) continue;
    while (sheet.values.length <= r) sheet.values.push([]);
    while (sheet.formulas.length <= r) sheet.formulas.push([]);
    const value: RawValue = write.content.kind === 'number' ? write.content.value : write.content.kind === 'text' ? write.content.text : null;
    sheet.values[r][c] = value;
    sheet.formulas[r][c] = null;
  }
  return { ...snapshot, sheets: snapshot.sheets.map((s) => copies.get(s.name) ?? s) };
}

export function consequencesOf(before: BudgetSummary, after: BudgetSummary): Consequences {
  const items = before.amounts.flatMap((a) => {
    const b = after.amounts.find((x) => x.itemId === a.itemId);
    const was = a.gov + a.self;
    const now = b ? b.gov + b.self : 0;
    return was === now ? [] : [{ label: a.label, before: was, after: now }];
  });
  return {
    gov: { before: before.govTotal, after: after.govTotal },
    total: { before: before.grandTotal, after: after.grandTotal },
    share: { before: before.govSharePercent, after: after.govSharePercent },
    items,
  };
}

export function sameConsequences(a: Consequences | undefined, b: Consequences | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
