import type { BudgetModel } from '../budget-model';
import { t, type Finding, type Lang, type RuleId, type Severity } from '../findings';
import type { Localized } from '../programs/schema';
import type { RuleReport } from './rule';

/** What a workbook-level rule sees: every budget table read into its model, and the workbook's calculation mode. */
export interface WorkbookFacts {
  models: readonly BudgetModel[];
  calcMode?: 'automatic' | 'manual' | 'semiautomatic';
}

/**
 * A rule about the workbook as a whole rather than one table (same shape as `BudgetRule`, other input): by default the
 * tables' models; program-conflict and basic-info-mismatch read what the sheet layer found outside the tables.
 */
export interface WorkbookRule<Facts = WorkbookFacts> {
  id: RuleId;
  severity: Severity;
  title: Localized;
  check(facts: Facts, report: RuleReport): void;
}

/** Runs the rules; a finding without a cell is about the whole workbook (sheet and cell null). */
export function runWorkbookRules<Facts = WorkbookFacts>(facts: Facts, lang: Lang, rules: readonly WorkbookRule<Facts>[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    rule.check(facts, {
      lang,
      t: (zh, en) => t(lang, zh, en),
      add: (loc, message, details = {}) => findings.push({ rule: rule.id, severity: rule.severity, sheet: loc?.sheet ?? null, cell: loc?.cell ?? null, message, ...details }),
    });
  }
  return findings;
}
