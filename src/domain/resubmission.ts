import type { BudgetSummary } from './summary';
import type { Finding } from './findings';

/**
 * What changed between an application and its resubmission (補件): the budget items whose amounts differ, the totals,
 * and the findings that were fixed, remain or are new. Findings are matched by rule, sheet and cell.
 */

export interface Amounts {
  gov: number;
  self: number;
}

export interface ItemChange {
  item: string;
  label: string;
  /** null: the item has no amounts in that version (added or removed). */
  old: Amounts | null;
  new: Amounts | null;
}

export interface Totals {
  gov: number;
  self: number;
  total: number;
  /** 政府補助款 ÷ 總經費, %, one decimal; null when the total is 0. */
  share: number | null;
}

export interface Resubmission {
  items: ItemChange[];
  /** null on a side without a budget table. */
  totals: { old: Totals | null; new: Totals | null };
  findings: { fixed: Finding[]; remaining: Finding[]; new: Finding[] };
}

const findingKey = (f: Finding) => `${f.rule}\u0000${f.sheet ?? ''}\u0000${f.cell ?? ''}`;

function amountsByItem(budget: BudgetSummary | null | undefined): Map<string, { label: string; amounts: Amounts }> {
  const map = new Map<string, { label: string; amounts: Amounts }>();
  for (const a of budget?.amounts ?? []) {
    if (a.gov === 0 && a.self === 0) continue; // an item without amounts is absent from the application
    map.set(a.itemId, { label: a.label, amounts: { gov: a.gov, self: a.self } });
  }
  return map;
}

function totalsOf(budget: BudgetSummary | null | undefined): Totals | null {
  return budget ? { gov: budget.govTotal, self: budget.selfTotal, total: budget.grandTotal, share: budget.govSharePercent } : null;
}

export function compareResubmission(
  old: { budget?: BudgetSummary | null; findings: readonly Finding[] },
  resubmitted: { budget?: BudgetSummary | null; findings: readonly Finding[] },
): Resubmission {
  const before = amountsByItem(old.budget);
  const after = amountsByItem(resubmitted.budget);
  // Program order (the order of the budget's own item list), items only in the old version after it.
  const order = [...(resubmitted.budget?.amounts ?? []), ...(old.budget?.amounts ?? [])].map((a) => a.itemId);
  const items: ItemChange[] = [];
  for (const item of new Set(order)) {
    const a = before.get(item);
    const b = after.get(item);
    if (!a && !b) continue;
    if (a && b && a.amounts.gov === b.amounts.gov && a.amounts.self === b.amounts.self) continue;
    items.push({ item, label: (b ?? a)!.label, old: a?.amounts ?? null, new: b?.amounts ?? null });
  }

  const oldKeys = new Set(old.findings.map(findingKey));
  const newKeys = new Set(resubmitted.findings.map(findingKey));
  return {
    items,
    totals: { old: totalsOf(old.budget), new: totalsOf(resubmitted.budget) },
    findings: {
      fixed: old.findings.filter((f) => !newKeys.has(findingKey(f))),
      remaining: resubmitted.findings.filter((f) => oldKeys.has(findingKey(f))),
      new: resubmitted.findings.filter((f) => !oldKeys.has(findingKey(f))),
    },
  };
}
