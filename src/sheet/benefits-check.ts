/** The 預期效益 rules over a workbook snapshot: locate the tables, then apply the domain rules. */
import { type BudgetAmounts, checkBenefitTables, newInvestmentFromBudget } from '../domain/benefits';
import type { Finding, Lang } from '../domain/findings';
import type { Target } from '../domain/programs/schema';
import type { WorkbookSnapshot } from './grid';
import { locateBenefitTables } from './benefits-locate';

export interface CheckBenefitsOptions {
  /** 補助標的; null or absent when unknown (the low-carbon requirement is then reported as `target-unknown` info). */
  target?: Target | null;
  lang?: Lang;
  /** The budget check's summary (amounts per item in 千元), used to suggest 新增投資. `BudgetSummary` fits. */
  budget?: BudgetAmounts | null;
  /** Report the minimum rules even when the workbook has no benefit table at all (default false). */
  tablesRequired?: boolean;
}

/**
 * Findings of the benefit rules: economic-benefits-min, technical-benefits-min, lowcarbon-benefit-required /
 * target-unknown, benefit-percent-mismatch, benefit-outside-typical-range. A workbook without any benefit table gives
 * no findings unless `tablesRequired` (the tables are often filled in the Word application instead).
 */
export function checkBenefits(snapshot: WorkbookSnapshot, options: CheckBenefitsOptions = {}): Finding[] {
  const input = locateBenefitTables(snapshot);
  return checkBenefitTables(input, {
    target: options.target ?? null,
    lang: options.lang ?? 'zh-TW',
    expectedNewInvestment: options.budget ? newInvestmentFromBudget(options.budget) : null,
    tablesRequired: options.tablesRequired ?? false,
  });
}
