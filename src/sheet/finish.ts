import type { BudgetTableInput } from '../domain/budget';
import { t, type Finding, type Lang, type RuleId } from '../domain/findings';
import type { Program } from '../domain/programs/schema';
import { Grid, fromA1, type WorkbookSnapshot } from './grid';
import { plannedWrites, type CellContent } from './plan';
import { recalcPlan } from './recalc';

/**
 * The last step of every check: the list the pane, every CLI format and `diff` print as it is. One slip is reported
 * once, a mechanical repair is offered where the rule has none, and root causes come first. Faces only filter it for
 * display (the pane hides `program-assumed` beside its program picker).
 */
export function finishFindings(
  findings: readonly Finding[],
  context: { snapshot: WorkbookSnapshot; tables: readonly BudgetTableInput[]; program: Program; lang: Lang },
): Finding[] {
  return orderFindings(withRepairFixes(mergeFindings(findings), context));
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

/** Severity, then root causes before what they cause, then sheet order (row, column), then as reported. */
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
 * at the same cell; only the error is kept, with its repair.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const errorCells = new Set(findings.filter((f) => f.severity === 'error' && f.cell).map((f) => `${f.sheet ?? ''}!${f.cell ?? ''}`));
  return findings.filter((f) => !(f.rule === 'hardcoded-total' && f.cell && errorCells.has(`${f.sheet ?? ''}!${f.cell}`)));
}

/** Rules about computed cells, whose repair is what "recalculate" writes into them. */
const REPAIRABLE = new Set<RuleId>(['column-total-mismatch', 'row-total-mismatch', 'percent-mismatch', 'hardcoded-total']);

/**
 * A wrong or typed-over total, share or percentage has a mechanical fix even where the rule gives none: what
 * "recalculate" writes into that one cell — the template's formula back on a sheet the add-in made, the exact number
 * on a table the user built.
 */
function withRepairFixes(
  findings: Finding[],
  { snapshot, tables, program, lang }: { snapshot: WorkbookSnapshot; tables: readonly BudgetTableInput[]; program: Program; lang: Lang },
): Finding[] {
  const repairable = (f: Finding) => REPAIRABLE.has(f.rule) && f.sheet && f.cell && !f.fix?.length && !f.routes?.length;
  if (!findings.some(repairable)) return findings;
  let writes: Map<string, CellContent>;
  try {
    writes = new Map(plannedWrites(recalcPlan(snapshot, tables, program, lang)).map((w) => [`${w.sheet}!${w.cell}`, w.content]));
  } catch {
    return findings; // a layout recalculate cannot repair: the finding keeps its advice, without a fix
  }
  return findings.map((f) => {
    const content = repairable(f) ? writes.get(`${f.sheet}!${f.cell}`) : undefined;
    if (!content || (content.kind !== 'formula' && content.kind !== 'number')) return f;
    const to = content.kind === 'formula' ? content.formula : content.value;
    const change = { sheet: f.sheet!, cell: f.cell!, from: currentContent(snapshot, f.sheet!, f.cell!), to };
    const advice =
      content.kind === 'formula'
        ? t(lang, '改回公式', 'Restore the formula')
        : t(lang, `改為 ${formatNumber(content.value)}`, `Set it to ${formatNumber(content.value)}`);
    // Every face prints `advice` as the fix: a finding without its own gets the repair's words.
    return { ...f, advice: f.advice ?? advice, fix: [change], routes: [{ advice, changes: [change] }] };
  });
}

const formatNumber = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A cell as a fix's `from` names it: its formula, else its value. */
function currentContent(snapshot: WorkbookSnapshot, sheet: string, cell: string): string | number | null {
  const found = snapshot.sheets.find((s) => s.name === sheet);
  if (!found) return null;
  const grid = new Grid(found);
  const { row, col } = fromA1(cell);
  const value = grid.value(row, col);
  return grid.formula(row, col) ?? (typeof value === 'number' || typeof value === 'string' ? value : null);
}
