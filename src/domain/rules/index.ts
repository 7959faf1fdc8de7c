import type { BudgetRule } from './rule';
import { columnTotalMismatch } from './column-total-mismatch';
import { fractionalAmount } from './fractional-amount';
import { govCap } from './gov-cap';
import { govShare } from './gov-share';
import { hardcodedTotal } from './hardcoded-total';
import { itemCap } from './item-cap';
import { itemLabelVariant } from './item-label-variant';
import { negativeAmount } from './negative-amount';
import { notANumber } from './not-a-number';
import { numberAsText } from './number-as-text';
import { percentMismatch } from './percent-mismatch';
import { rowTotalMismatch } from './row-total-mismatch';
import { selfOnlyItem } from './self-only-item';
import { unitSuspect } from './unit-suspect';
import { unknownItem } from './unknown-item';
import { unlistedItemFunded } from './unlisted-item-funded';

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
  itemLabelVariant,
  unknownItem,
  rowTotalMismatch,
  columnTotalMismatch,
  percentMismatch,
  hardcodedTotal,
  unitSuspect,
  govShare,
  govCap,
  selfOnlyItem,
  itemCap,
  unlistedItemFunded,
];
