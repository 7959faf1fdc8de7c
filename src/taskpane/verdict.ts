import type { BudgetSummary } from '../domain/engine';
import type { CellChange, Finding, RuleId } from '../domain/findings';
import { fromA1 } from '../sheet/grid';
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
 * Root causes first: a slip in a cell (a self-only amount, text for a number, a typed-over total) changes the totals
 * every limit is measured on, so it is listed before the limits it may be inflating. Within a rank, sheet order.
 */
const RANK: Partial<Record<RuleId, number>> = {
  'unit-suspect': 0,
  'not-a-number': 1,
  'number-as-text': 1,
  'negative-amount': 1,
  'fractional-amount': 1,
  'self-only-item': 2,
  'unknown-item': 2,
  'row-total-mismatch': 3,
  'column-total-mismatch': 3,
  'hardcoded-total': 3,
  'percent-mismatch': 4,
  'item-cap': 5,
  'gov-share': 6,
  'gov-cap': 7,
};
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function orderFindings(findings: readonly Finding[]): Finding[] {
  const position = (f: Finding) => (f.cell ? fromA1(f.cell) : { row: Number.MAX_SAFE_INTEGER, col: 0 });
  return findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => {
      const bySeverity = SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity];
      if (bySeverity) return bySeverity;
      const byRank = (RANK[a.f.rule] ?? 9) - (RANK[b.f.rule] ?? 9);
      if (byRank) return byRank;
      const pa = position(a.f);
      const pb = position(b.f);
      return pa.row - pb.row || pa.col - pb.col || a.index - b.index;
    })
    .map((x) => x.f);
}

/**
 * One finding per slip: a typed-over total is reported as a wrong total (an error) and as a typed number (a warning)
 * at the same cell; the pane shows the error only, with its restore button.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const errorCells = new Set(findings.filter((f) => f.severity === 'error' && f.cell).map((f) => `${f.sheet ?? ''}!${f.cell ?? ''}`));
  return findings.filter((f) => !(f.rule === 'hardcoded-total' && f.cell && errorCells.has(`${f.sheet ?? ''}!${f.cell}`)));
}

/** A fix's cell changes as a plan: numbers as numbers, "=…" as a formula, other text as text (never a formula). */
export function fixPlan(title: string, changes: readonly CellChange[]): Plan {
  const content = (to: CellChange['to']): CellContent =>
    to === null ? { kind: 'blank' } : typeof to === 'number' ? num(to) : to.startsWith('=') ? formula(to) : text(to);
  return { title, ops: changes.map((c) => ({ op: 'write' as const, sheet: c.sheet, cell: c.cell, content: content(c.to) })) };
}

/** The routes a finding offers as buttons: every route, or the single fix. */
export function fixRoutes(finding: Finding): { advice: string | undefined; changes: CellChange[] }[] {
  if (finding.routes && finding.routes.length > 0) return finding.routes;
  return finding.fix && finding.fix.length > 0 ? [{ advice: finding.advice, changes: finding.fix }] : [];
}
