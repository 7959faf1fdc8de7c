import type { BudgetTableInput } from './budget';
import { type BudgetModel, buildBudgetModel } from './budget-model';
import { finding, t, type Finding, type Lang } from './findings';
import { ZERO, roundedPercent, toNumber } from './money';
import type { ItemId, Program, ProgramItem } from './programs/schema';
import { settleRoutes } from './fixes';
import { BUDGET_RULES, type BudgetRule } from './rules';
import { type BasicInfo, type BasicInfoTotals, basicInfoFollow } from './rules/basic-info-mismatch';
import type { BudgetSummary } from './summary';

export interface BudgetCheck {
  findings: Finding[];
  summary: BudgetSummary;
}

/** What else in the workbook states the table's figures, so that a fix changes it too. */
export interface LinkedCells {
  /** 基本資料, when it is compared with this table: its typed amounts and percentages follow every fix. */
  basicInfo?: BasicInfo | null;
}

/** Checks one located 經費預算表 against a program's rules. Never throws on odd content: it reports it. */
export function checkBudgetTable(table: BudgetTableInput, program: Program, lang: Lang = 'zh-TW', rules: readonly BudgetRule[] = BUDGET_RULES, linked: LinkedCells = {}): BudgetCheck {
  const model = buildBudgetModel(table, program);
  const findings = runRules(model, lang, rules);
  addRemedies(model, findings, lang, rules, linked);
  return { findings, summary: summarize(model, lang) };
}

/** The totals 基本資料 states, in 千元. */
const totalsOf = (model: BudgetModel): BasicInfoTotals => ({ grandTotal: toNumber(model.grandTotalK), govTotal: toNumber(model.govTotalK), selfTotal: toNumber(model.selfTotalK) });

/** Gives each finding whose rule has a remedy its checked routes (fix, routes, advice). */
function addRemedies(model: BudgetModel, findings: Finding[], lang: Lang, rules: readonly BudgetRule[], linked: LinkedCells): void {
  const recheck = (table: BudgetTableInput) => runRules(buildBudgetModel(table, model.program), lang, BUDGET_RULES);
  const report = { lang, t: (zh: string, en: string) => t(lang, zh, en), add: () => {} };
  // "Adds no error" is judged against the whole check, also when only some rules were asked for.
  const baseline = rules === BUDGET_RULES ? findings : runRules(model, lang, BUDGET_RULES);
  const { basicInfo } = linked;
  const follow = basicInfo ? (after: BudgetTableInput) => basicInfoFollow(basicInfo, totalsOf(model), totalsOf(buildBudgetModel(after, model.program))) : undefined;
  for (const finding of findings) {
    const rule = rules.find((r) => r.id === finding.rule);
    const candidates = rule?.remedy?.(model, finding, report) ?? [];
    if (candidates.length > 0) settleRoutes(model, finding, candidates, baseline, recheck, t(lang, '；或', '; or '), follow);
  }
}

/** Runs each rule over the model; a finding without a cell points at the table's title. */
export function runRules(model: BudgetModel, lang: Lang, rules: readonly BudgetRule[] = BUDGET_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const citation = rule.citation?.(model.program);
    rule.check(model, {
      lang,
      t: (zh, en) => t(lang, zh, en),
      add: (loc, message, details = {}) => {
        const at = loc ?? model.table.title;
        findings.push({ rule: rule.id, severity: rule.severity, sheet: at.sheet, cell: at.cell, message, ...details, ...(citation && !details.citation ? { citation } : {}) });
      },
    });
  }
  return findings;
}

function summarize(model: BudgetModel, lang: Lang): BudgetSummary {
  const { program, toThousand, computed, govTotalK, grandTotalK, capK, govAllowedBySelf } = model;
  const itemName = (item: ProgramItem) => (lang === 'en' ? item.en : item.label);
  const itemAmounts = (id: ItemId) => {
    const matching = model.rows.filter((r) => r.item?.id === id);
    return { gov: matching.reduce((a, r) => a + r.gov, ZERO), self: matching.reduce((a, r) => a + r.self, ZERO) };
  };
  const items: BudgetSummary['items'] = [];
  for (const item of program.items) {
    if (!item.cap) continue;
    const { gov, self } = itemAmounts(item.id);
    const limit = (grandTotalK * item.cap.ratio.num) / item.cap.ratio.den;
    const used = toThousand(item.cap.base === 'gov' ? gov : gov + self);
    items.push({ itemId: item.id, label: itemName(item), base: item.cap.base, percent: item.cap.percent, limit: toNumber(limit), used: toNumber(used), headroom: toNumber(limit - used) });
  }
  return {
    sheet: model.table.sheet,
    grandTotal: toNumber(grandTotalK),
    govTotal: toNumber(govTotalK),
    selfTotal: toNumber(model.selfTotalK),
    govSharePercent: computed.grandTotal === ZERO ? null : toNumber(roundedPercent(computed.govTotal, computed.grandTotal, 1)!),
    govShare: govAllowedBySelf === null ? null : { limit: toNumber(govAllowedBySelf), used: toNumber(govTotalK), headroom: toNumber(govAllowedBySelf - govTotalK) },
    subsidyCap: capK === null ? null : { limit: toNumber(capK), used: toNumber(govTotalK), headroom: toNumber(capK - govTotalK) },
    items,
    amounts: program.items.map((item) => {
      const { gov, self } = itemAmounts(item.id);
      return { itemId: item.id, label: itemName(item), gov: toNumber(toThousand(gov)), self: toNumber(toThousand(self)) };
    }),
  };
}

export function missingTableFinding(lang: Lang): Finding {
  return finding('missing-table', null, t(lang, '活頁簿中找不到經費預算表（需有「會計科目／政府補助款／業者自籌款」表頭）', 'No 經費預算表 (budget table) found: no header with 會計科目 / 政府補助款 / 業者自籌款'), {
    advice: t(lang, '以「插入範本」建立官方經費預算表，或確認表頭文字', 'Insert the official template, or check the header text'),
  });
}

