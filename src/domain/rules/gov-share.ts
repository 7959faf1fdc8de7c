import { SCALE, ZERO, format, formatAmount as show, fromNumber, roundedPercent, toNumber } from '../money';
import { ceilThousands } from '../fixes';
import { subsidyRoutes } from './remedies';
import type { BudgetRule } from './rule';

/** 政府補助款 total > the program's share of the grand total (50 % for every program so far). */
export const govShare: BudgetRule = {
  id: 'gov-share',
  severity: 'error',
  title: { 'zh-TW': '政府補助款超過總經費比例上限', en: 'The subsidy exceeds its share of the total' },
  citation: (program) => program.govShare.citation,
  check(model, report) {
    const { program, computed } = model;
    const { govTotal, grandTotal } = computed;
    // Exact: gov / grand > max / 100  ⇔  gov × 100 > max × grand.
    if (grandTotal <= ZERO || govTotal * 100n * SCALE <= fromNumber(program.govShare.maxPercent) * grandTotal) return;
    const share = roundedPercent(govTotal, grandTotal, 1)!;
    const selfNeeded = model.govTotalK - model.selfTotalK;
    report.add(model.table.totalRow?.gov?.loc ?? null, report.t(`政府補助款占總經費 ${format(share, 1)}%，超過 ${program.govShare.maxPercent}% 上限`, `The subsidy is ${format(share, 1)}% of the total, over the ${program.govShare.maxPercent}% limit`), {
      expected: toNumber(model.govAllowedBySelf),
      actual: toNumber(model.govTotalK),
      advice: report.t(`政府補助款不得多於業者自籌款；將補助款降至 ${show(model.selfTotalK)} 千元以下，或將自籌款增加 ${show(selfNeeded)} 千元以上`, `The subsidy may not exceed self-funding: lower it to ${show(model.selfTotalK)} thousand or less, or add at least ${show(selfNeeded)} thousand of self-funding`),
    });
  },
  remedy(model, _finding, report) {
    // Reducing the subsidy lowers the total too: (G − x) × 100 ≤ p × (T − x). Moving it to self-funding keeps the total.
    const p = fromNumber(model.program.govShare.maxPercent);
    const excess = model.govTotalK * 100n * SCALE - p * model.grandTotalK;
    const all = model.rows.map((_, i) => i);
    return subsidyRoutes(model, all, ceilThousands(excess, 100n * SCALE - p), ceilThousands(excess, 100n * SCALE), report, { zh: '政府補助款', en: 'subsidy' });
  },
};
