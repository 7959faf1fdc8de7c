import { ZERO } from '../money';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A table with no amounts at all: nothing to check, and nothing a reviewer could accept. */
export const emptyBudget: BudgetRule = {
  ...ruleFacts('empty-budget'),
  check(model, report) {
    if (model.rows.some((r) => r.gov !== ZERO || r.self !== ZERO)) return;
    if (model.amounts.some((a) => a.role === 'input' && a.parsed.kind === 'invalid')) return; // reported as not-a-number
    report.add(model.table.totalRow?.label.loc ?? null, report.t('經費預算表沒有任何金額（全部為空白或 0）', 'The budget table has no amounts (all blank or 0)'), {
      advice: report.t('填入各會計科目的政府補助款與業者自籌款', 'Fill in the subsidy and self-funded amounts of the items'),
    });
  },
};
