import type { BudgetRule } from './rule';
import { columnTotalMismatch } from './column-total-mismatch';
import { emptyBudget } from './empty-budget';
import { fractionalAmount } from './fractional-amount';
import { govCap } from './gov-cap';
import { govShare } from './gov-share';
import { fixedAmount } from './fixed-amount';
import { fixedSplit } from './fixed-split';
import { selfShare } from './self-share';
import { totalCap } from './total-cap';
import { factNeeded } from './fact-needed';
import { hardcodedTotal } from './hardcoded-total';
import { itemCap } from './item-cap';
import { itemLabelVariant } from './item-label-variant';
import { negativeAmount } from './negative-amount';
import { notANumber } from './not-a-number';
import { numberAsText } from './number-as-text';
import { percentMismatch } from './percent-mismatch';
import { rowTotalMismatch } from './row-total-mismatch';
import { selfOnlyItem } from './self-only-item';
import { subtotalDoubleCounted } from './subtotal-double-counted';
import { unitSuspect } from './unit-suspect';
import { unknownItem } from './unknown-item';
import { unlistedItemFunded } from './unlisted-item-funded';
import { unreadRow } from './unread-row';
import { errorValue } from './error-value';
import { formulaConstant } from './formula-constant';
import { hiddenAmounts } from './hidden-amounts';
import { inconsistentFormula } from './inconsistent-formula';
import { referenceOutsideTable } from './reference-outside-table';
import { sumRangeIncomplete } from './sum-range-incomplete';
import { consolidationMismatch } from './consolidation-mismatch';
import { companyCap } from './company-cap';
import { memberCount } from './member-count';
import { manualCalculation } from './manual-calculation';
import type { WorkbookRule } from './workbook-rule';

export type { BudgetRule, RuleReport } from './rule';

/**
 * The 經費預算表 rules, in the order their findings are listed: what people typed, then labels, then the table's
 * arithmetic, then the program's limits. Adding a rule is adding its module here.
 */
export const BUDGET_RULES: readonly BudgetRule[] = [
  notANumber,
  numberAsText,
  negativeAmount,
  fractionalAmount,
  emptyBudget,
  unreadRow,
  itemLabelVariant,
  unknownItem,
  rowTotalMismatch,
  columnTotalMismatch,
  subtotalDoubleCounted,
  percentMismatch,
  hardcodedTotal,
  unitSuspect,
  govShare,
  govCap,
  selfShare,
  fixedSplit,
  fixedAmount,
  totalCap,
  factNeeded,
  selfOnlyItem,
  itemCap,
  unlistedItemFunded,
  // Formula hygiene: how the table computes, after what it holds.
  errorValue,
  sumRangeIncomplete,
  inconsistentFormula,
  formulaConstant,
  referenceOutsideTable,
  hiddenAmounts,
];

/** Rules about the workbook as a whole, run once after every table's own rules. */
export const WORKBOOK_RULES: readonly WorkbookRule[] = [manualCalculation, consolidationMismatch, memberCount, companyCap];
export { runWorkbookRules, type WorkbookFacts, type WorkbookRule } from './workbook-rule';
