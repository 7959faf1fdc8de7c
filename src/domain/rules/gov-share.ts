import { ZERO, format, formatAmount as show, roundedPercent, toNumber } from '../money';
import { ceilThousands } from '../fixes';
import { ratioText } from '../programs/compile';
import { reportLimits } from './program-limits';
import { subsidyRoutes } from './remedies';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/**
 * 政府補助款 total over the program's share of the grand total (50 % for 升級轉型, 1/3 for 廢熱回收 …), judged exactly
 * on the program's ratio n/d: G·d ≤ n·T (for "<": G·d < n·T). A share stated 為原則 is a warning.
 */
export const govShare: BudgetRule = {
  ...ruleFacts('gov-share'),
  citation: (program) => program.govShare?.citation,
  check(model, report) {
    const share = model.program.govShare;
    reportLimits(model, report, 'gov-share', [share?.limit]); // a program's other share limits (G ≤ S, conditional ones)
    if (!share) return;
    const { govTotal, grandTotal } = model.computed;
    const { num, den } = share.ratio;
    const strict = share.limit.op === '<';
    if (grandTotal <= ZERO || (strict ? govTotal * den < grandTotal * num : govTotal * den <= grandTotal * num)) return;
    const limitText = ratioText(share.ratio, report.lang);
    const shown = preciseShare(govTotal, grandTotal, num, den);
    const principle = share.strength === 'principle';
    const selfNeeded = model.govAllowedBySelf === null ? null : model.govTotalK - model.govAllowedBySelf;
    const even = num * 2n === den;
    report.add(model.table.totalRow?.gov?.loc ?? null, report.t(`政府補助款占總經費 ${shown}%，超過${principle ? '原則上' : ''} ${limitText} 上限`, `The subsidy is ${shown}% of the total, over the ${limitText} limit${principle ? ' (stated as a principle)' : ''}`), {
      ...(principle ? { severity: 'warning' as const } : {}),
      ...(model.govAllowedBySelf === null ? {} : { expected: toNumber(model.govAllowedBySelf) }),
      actual: toNumber(model.govTotalK),
      advice:
        even && selfNeeded !== null
          ? report.t(`政府補助款不得多於業者自籌款；將補助款降至 ${show(model.selfTotalK)} 千元以下，或將自籌款增加 ${show(selfNeeded)} 千元以上`, `The subsidy may not exceed self-funding: lower it to ${show(model.selfTotalK)} thousand or less, or add at least ${show(selfNeeded)} thousand of self-funding`)
          : report.t(`將政府補助款降至總經費的 ${limitText} 以內，或將差額改列業者自籌款`, `Bring the subsidy within ${limitText} of the total, or move the difference to self-funding`),
    });
  },
  remedy(model, _finding, report) {
    const share = model.program.govShare;
    if (!share) return [];
    // Reducing the subsidy lowers the total too: (G − x)·d ≤ n·(T − x). Moving it to self-funding keeps the total: G·d − x·d ≤ n·T.
    const { num, den } = share.ratio;
    const excess = model.govTotalK * den - num * model.grandTotalK;
    const all = model.rows.map((_, i) => i);
    return subsidyRoutes(model, all, ceilThousands(excess, den - num), ceilThousands(excess, den), report, { zh: '政府補助款', en: 'subsidy' });
  },
};

/** The share with enough decimals to show that it is over the limit (50.02 %, not 50.0 %). */
export function preciseShare(part: bigint, whole: bigint, num: bigint, den: bigint): string {
  for (let decimals = 1; decimals <= 4; decimals++) {
    const rounded = roundedPercent(part, whole, decimals)!;
    // Shown rounded, the share must read above the limit: rounded × den > 100 × num (in Fixed units).
    if (rounded * den > num * 100n * 1_000_000n) return format(rounded, decimals);
  }
  return format(roundedPercent(part, whole, 4)!, 4);
}
