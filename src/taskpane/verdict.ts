import type { BudgetSummary } from '../domain/summary';
import { writesFormula, type CellChange, type Finding, type FixRouteKind } from '../domain/findings';
import { formula, num, text, type CellContent, type Plan } from '../sheet/plan';

/** Where the budget stands, in one line under the header. */
export type Verdict =
  /** No budget table: the start card, not an error. */
  | { kind: 'start' }
  /** A table whose amounts are all blank or 0: not filled in yet (a pass would be a lie). */
  | { kind: 'empty' }
  | { kind: 'errors'; count: number }
  | { kind: 'warnings'; count: number }
  | { kind: 'ok' };

export function verdictOf(findings: readonly Finding[] | null, summary: BudgetSummary | null): Verdict | null {
  if (findings === null) return null;
  if (findings.some((f) => f.rule === 'missing-table') || summary === null) return { kind: 'start' };
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return { kind: 'errors', count: errors };
  // The rule engine may say so itself (an 'empty-budget' finding); the pane also tells from the amounts.
  if (findings.some((f) => (f.rule as string) === 'empty-budget')) return { kind: 'empty' };
  if (summary.amounts.every((a) => a.gov === 0 && a.self === 0) && summary.grandTotal === 0) return { kind: 'empty' };
  if (warnings > 0) return { kind: 'warnings', count: warnings };
  return { kind: 'ok' };
}

/**
 * A fix's cell changes as a plan: numbers as numbers, a formula the add-in composed as a formula, any other text as
 * text — "=HYPERLINK(…)" read from a 基本資料 cell and rewritten by a fix stays text (SPEC §7).
 */
export function fixPlan(title: string, changes: readonly CellChange[]): Plan {
  const content = (c: CellChange): CellContent =>
    c.to === null ? { kind: 'blank' } : typeof c.to === 'number' ? num(c.to) : writesFormula(c) ? formula(c.to) : text(c.to);
  return { title, ops: changes.map((c) => ({ op: 'write' as const, sheet: c.sheet, cell: c.cell, content: content(c) })) };
}

/** The routes a finding offers as buttons: every route, or the single fix. */
export function fixRoutes(finding: Finding): { advice: string | undefined; changes: CellChange[]; kind?: FixRouteKind }[] {
  if (finding.routes && finding.routes.length > 0) return finding.routes;
  return finding.fix && finding.fix.length > 0 ? [{ advice: finding.advice, changes: finding.fix }] : [];
}
