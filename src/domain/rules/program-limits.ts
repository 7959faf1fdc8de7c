/**
 * The program limits that are not the common three (share, cap, item caps have modules of their own that also
 * propose fixes): each limit record of a rule id is evaluated exactly (domain/limits.ts) and reported in words built
 * from the record, so a program file adds a limit without code.
 */
import { budgetOf, evaluateLimit } from '../limits';
import { ZERO, format, formatAmount as show, roundedPercent, toNumber } from '../money';
import { ratioText } from '../programs/compile';
import type { Limit, LimitRule, Quantity } from '../programs/schema';
import type { BudgetModel } from '../budget-model';
import type { RuleReport } from './rule';

/** Names of the budget's parts, in both languages. */
function partName(q: Quantity, model: BudgetModel, report: RuleReport): string {
  if (q === 'gov') return report.t('政府補助款', 'the subsidy');
  if (q === 'self') return report.t('業者自籌款', 'self-funding');
  if (q === 'total') return report.t('總經費', 'the total');
  if ('item' in q) {
    const item = model.program.items.find((i) => i.id === q.item);
    const label = report.lang === 'en' ? (item?.en ?? q.item) : (item?.label ?? q.item);
    const part = q.part === 'gov' ? report.t('政府補助款', 'subsidy') : q.part === 'self' ? report.t('自籌款', 'self-funding') : report.t('合計', 'total');
    return report.t(`${label}${part}`, `${label} ${part}`);
  }
  if ('amount' in q) return report.t(`${show(BigInt(Math.round(q.amount * 1e6)))} 千元`, `${show(BigInt(Math.round(q.amount * 1e6)))} thousand`);
  return q.fact;
}

/** The cell a limit's finding points at: the 合計 row's cell of its left side (or the title cell). */
function locOf(limit: Limit, model: BudgetModel) {
  const total = model.table.totalRow;
  if (limit.left === 'gov') return total?.gov?.loc ?? null;
  if (limit.left === 'self') return total?.self?.loc ?? null;
  if (limit.left === 'total') return total?.total?.loc ?? null;
  return null;
}

/**
 * Reports every breach of the program's limits of rule `rule`, except `skip` (a limit another module reports).
 * A limit that needs an applicant fact is left to fact-needed; one stated 為原則 is reported as a warning.
 */
export function reportLimits(model: BudgetModel, report: RuleReport, rule: LimitRule, skip: readonly (Limit | undefined)[] = []): void {
  const budget = budgetOf(model);
  for (const limit of model.program.limits) {
    if (limit.rule !== rule || skip.includes(limit)) continue;
    const outcome = evaluateLimit(limit, budget);
    const left = partName(limit.left, model, report);
    const right = partName(limit.right, model, report);
    const loc = locOf(limit, model);
    if (outcome.kind !== 'breached') continue; // holds, or needs a fact (fact-needed says so)
    if (model.grandTotalK <= ZERO && (limit.right === 'total' || limit.left === 'total')) continue;
    const ratio = limit.times.num === limit.times.den ? '' : report.t(`的 ${ratioText(limit.times, 'zh-TW')}`, ` × ${ratioText(limit.times, 'en')}`);
    const share = (q: bigint) => (model.grandTotalK > ZERO ? format(roundedPercent(q, model.grandTotalK, 2)!, 2) : '0');
    const leftValue = limit.right === 'total' ? report.t(`${left}占總經費 ${share(outcome.left)}%`, `${left} is ${share(outcome.left)}% of the total`) : report.t(`${left} ${show(outcome.left)} 千元`, `${left} is ${show(outcome.left)} thousand`);
    const bound = limit.right === 'total' ? `${ratioText(limit.times, report.lang)}` : report.t(`${right}${ratio}（${show(outcome.bound)} 千元）`, `${right}${ratio} (${show(outcome.bound)} thousand)`);
    const relation =
      limit.op === '>='
        ? report.t(`，低於 ${bound} 下限`, `, below the minimum of ${bound}`)
        : limit.op === '='
          ? report.t(`，本計畫規定為 ${bound}${limit.tolerance && limit.tolerance.num > 0n ? `（容許 ±${ratioText(limit.tolerance, 'zh-TW')}）` : ''}`, `; the program sets it at ${bound}${limit.tolerance && limit.tolerance.num > 0n ? ` (± ${ratioText(limit.tolerance, 'en')})` : ''}`)
          : report.t(`，超過 ${bound} 上限`, `, over the limit of ${bound}`);
    const principle = limit.strength === 'principle';
    report.add(loc, `${leftValue}${relation}${principle ? report.t('（為原則）', ' (stated as a principle)') : ''}`, {
      ...(principle ? { severity: 'warning' as const } : {}),
      expected: toNumber(outcome.bound),
      actual: toNumber(outcome.left),
      advice:
        limit.op === '>='
          ? report.t(`將${left}增加 ${show(outcome.excess)} 千元以上（或將同額政府補助款改列自籌款）`, `Raise ${left} by at least ${show(outcome.excess)} thousand (or move that much of the subsidy to self-funding)`)
          : limit.op === '='
            ? report.t(`將${left}調整為 ${show(outcome.bound)} 千元`, `Set ${left} to ${show(outcome.bound)} thousand`)
            : report.t(`將${left}減少 ${show(outcome.excess)} 千元以上`, `Lower ${left} by at least ${show(outcome.excess)} thousand`),
      citation: limit.citation,
    });
  }
}

/** Every limit of the program that needs an applicant fact the workbook does not give: said once each, as info. */
export function reportFactsNeeded(model: BudgetModel, report: RuleReport): void {
  const budget = budgetOf(model);
  for (const limit of model.program.limits) {
    const outcome = evaluateLimit(limit, budget);
    if (outcome.kind !== 'needs-fact') continue;
    const fact = model.program.facts.find((f) => f.id === outcome.fact)?.label ?? outcome.fact;
    report.add(locOf(limit, model), report.t(`「${limit.citation.quote}」須知道申請者的「${fact}」才能檢查，本次未檢查`, `"${limit.citation.quote}" depends on the applicant's ${fact}, which the workbook does not give: not checked`), {
      citation: limit.citation,
    });
  }
}
