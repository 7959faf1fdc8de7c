import type { BudgetModel } from '../budget-model';
import type { CellLoc, Finding, FindingDetails, Lang, RuleId, Severity } from '../findings';
import type { RouteCandidate } from '../fixes';
import type { Citation, Localized, Program } from '../programs/schema';

/**
 * One rule of the 經費預算表 check, in a module of its own (src/domain/rules/<id>.ts) and listed in
 * `BUDGET_RULES` (rules/index.ts), which the engine runs in order over one `BudgetModel`.
 *
 * The shape, for anyone adding a rule:
 * - `id`, `severity` and `title` come from the rule's entry in the catalogue (catalogue.ts: add the entry, then
 *   `...ruleFacts('<id>')` here); `severity` is fixed per rule — a rule never reports at another severity (a program
 *   limit stated 為原則 is the one exception, reported as a warning). The README's rule table is generated from the
 *   catalogue (`npm run rule-table`), and test/domain/rule-catalogue.test.ts wants a case where the rule fires and one
 *   where it is silent.
 * - `citation(program)` returns where the limit comes from (the rule set's quote), or undefined for clerical rules.
 *   The engine puts it on every finding the rule reports unless the rule passes a more specific one.
 * - `check(model, report)` reads only the model (amounts already parsed, labels matched, totals computed) and calls
 *   `report.add(loc, message, details)` for each finding: `message` comes from `report.t(zh, en)`; `details` carries
 *   `expected` / `actual`, the `advice` text and, where there is a mechanical remedy, `fix` / `routes` (cell changes
 *   in the table's unit; see fixes.ts, which checks each route against every rule before offering it).
 * - `remedy(model, finding, report)`, where a finding has a mechanical remedy, proposes its routes (see below).
 * - A check is pure: no I/O, no Office, no state kept between calls; it never throws on odd content.
 */
export interface BudgetRule {
  id: RuleId;
  severity: Severity;
  title: Localized;
  citation?: (program: Program) => Citation | undefined;
  check(model: BudgetModel, report: RuleReport): void;
  /**
   * The mechanical remedies of one of this rule's findings, best first: amount edits on item rows and/or direct cell
   * changes, each with its advice. The engine turns each into cell changes (typed totals and percentages follow), re-checks
   * the table with every rule, and keeps only routes that clear the finding and add no error.
   */
  remedy?(model: BudgetModel, finding: Finding, report: RuleReport): RouteCandidate[];
}

export interface RuleReport {
  lang: Lang;
  /** Picks the zh-TW or English text. */
  t(zh: string, en: string): string;
  /** Reports one finding of this rule at `loc` (null: the table's title cell). */
  add(loc: CellLoc | null, message: string, details?: FindingDetails): void;
}
