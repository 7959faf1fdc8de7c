import type { BudgetModel } from '../budget-model';
import { PLAN_LIMIT_RULES, type ConsortiumTables } from '../consortium';
import { t, type Finding, type Lang, type RuleId } from '../findings';
import { ZERO } from '../money';
import { reportLimits } from './program-limits';
import type { RuleReport } from './rule';

/**
 * A plan of several companies without a 總表: the plan's limits (its share, its cap, the item caps of 個案計畫總經費) are
 * judged on the companies' sum, item by item in 千元, and said to be so (info `plan-without-total`); a breach names no
 * cell, as no cell holds the sum. The companies' own tables keep their item rules.
 */
export function planSumFindings(plan: ConsortiumTables, lang: Lang): Finding[] {
  const models = plan.companies.map((c) => c.model);
  const sumOf = (part: (m: BudgetModel) => bigint) => models.reduce((a, m) => a + part(m), ZERO);
  const first = models[0];
  const sum: BudgetModel = {
    ...first,
    rows: models.flatMap((m) => m.rows.map((r) => ({ ...r, gov: m.toThousand(r.gov), self: m.toThousand(r.self) }))),
    toThousand: (f) => f,
    govTotalK: sumOf((m) => m.govTotalK),
    selfTotalK: sumOf((m) => m.selfTotalK),
    grandTotalK: sumOf((m) => m.grandTotalK),
    table: { ...first.table, totalRow: null },
  };
  const names = plan.companies.map((c) => c.name).join(t(lang, '、', ', '));
  const findings: Finding[] = [
    {
      rule: 'plan-without-total',
      severity: 'info',
      sheet: null,
      cell: null,
      message: t(
        lang,
        `本計畫沒有總表：計畫的補助比例與上限以各公司（${names}）合計判斷`,
        `This plan has no 總表: its share and caps are judged on the sum of the companies (${names})`,
      ),
      advice: t(lang, '加上一張「總表」工作表，以公式加總各公司的經費預算表', 'Add a 總表 sheet that adds up the companies\' budget tables by formula'),
    },
  ];
  let rule: RuleId = 'gov-share';
  const prefix = t(lang, '各公司合計：', 'The companies\' sum: ');
  const report: RuleReport = {
    lang,
    t: (zh, en) => t(lang, zh, en),
    add: (_loc, message, details = {}) => {
      const { severity, ...rest } = details;
      findings.push({ rule, severity: severity ?? 'error', sheet: null, cell: null, message: prefix + message, ...rest });
    },
  };
  for (const limitRule of PLAN_LIMIT_RULES) {
    rule = limitRule;
    reportLimits(sum, report, limitRule);
  }
  return findings;
}
