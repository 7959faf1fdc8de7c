import type { BudgetTableInput } from '../domain/budget';
import { checkCrossTables } from '../domain/cross-checks';
import { checkBudgetTable, missingTableFinding } from '../domain/engine';
import type { BudgetSummary } from '../domain/summary';
import { finding, t, type Finding, type Lang } from '../domain/findings';
import { placeTextTableFindings } from './text-table';
import { getProgram, type Target } from '../domain/programs';
import { checkBenefits } from './benefits-check';
import { programConflict } from '../domain/rules/program-conflict';
import { decideProgram, detectTarget, readSetting, type ProgramDecision, type ProgramSource } from './detect';
import { SETTING_KEYS, type WorkbookSnapshot } from './grid';
import { locateBudgetTables } from './locate';
import { withWorkbookContext } from './hygiene-context';
import { withoutReviewSheet } from './review-setting';
import { buildBudgetModel } from '../domain/budget-model';
import { CONSOLIDATED_SHEET, PLAN_LIMIT_RULES, consortiumTables, type ConsortiumTables } from '../domain/consortium';
import { planSumFindings } from '../domain/rules/plan-sum';
import { runWorkbookRules, WORKBOOK_RULES } from '../domain/rules';
import { readingFindings, withoutUnknownValues } from './reading-notes';
import { locateRelatedTables } from './related';
import { finishFindings } from './finish';
import type { BasicInfo } from '../domain/cross-checks';

export interface CheckOptions {
  /** Program id; without it the program is read from the workbook. */
  program?: string;
  target?: Target;
  lang?: Lang;
}

export interface WorkbookCheck {
  program: string;
  programSource: ProgramSource;
  target: Target | null;
  findings: Finding[];
  /** The first budget table's summary (amounts in 千元), or null when there is none. */
  budget: BudgetSummary | null;
  /** The budget tables as located, in sheet order (reports draw them; maximize and repair start from them). */
  tables: BudgetTableInput[];
  /** 基本資料 as located (its typed figures follow a change to the first table); null when there is none. */
  basicInfo: BasicInfo | null;
  /** The add-in's settings stored in the workbook that bear on the check, and whether the check followed each. */
  settings: StoredSettingUse[];
}

/**
 * A setting stored in the workbook (invisible in Excel) that the check read: every report shows them, so a reviewer
 * sees what besides the cells decided the result. `used` is false where the workbook's cells overruled it.
 */
export interface StoredSettingUse {
  setting: 'program' | 'target' | 'review-sheet';
  value: string;
  used: boolean;
}

/**
 * The whole check of one workbook: the same for the task pane, the preview and the CLI. Its findings are the finished
 * list (merged, with repair fixes, root causes first) that every face prints.
 */
export function checkWorkbook(workbook: WorkbookSnapshot, options: CheckOptions = {}): WorkbookCheck {
  // The add-in's own 審查意見 sheet (its formulas, its copies of messages) is not part of the application.
  const review = withoutReviewSheet(workbook);
  const snapshot = review.snapshot;
  const lang = options.lang ?? 'zh-TW';
  const tables = withWorkbookContext(snapshot, locateBudgetTables(snapshot));
  const tickedTarget = options.target ?? detectTarget(snapshot);
  const detected = decideProgram(snapshot, tables, tickedTarget, options.program);
  const program = getProgram(detected.program);
  const target = options.target ?? program.target ?? tickedTarget;

  const findings: Finding[] = [];
  const settings = storedSettings(workbook, review, detected, target, options, lang, findings);
  if (detected.source === 'default') {
    findings.push(
      finding(
        'program-assumed',
        null,
        t(
          lang,
          `活頁簿未註明計畫別，以「${program.name['zh-TW']}」（${program.id}）檢查；如非此計畫，請指定計畫別。`,
          `The workbook does not say which program it is for; checked as ${program.id} (${program.name.en}). Choose the program to check against another.`,
        ),
      ),
    );
  }

  if (detected.unknown) {
    const { loc, text } = detected.unknown;
    findings.push(
      finding(
        'program-unknown',
        loc,
        t(
          lang,
          `此預算表屬「${text}」，本工具沒有該計畫的規定：只檢查了算術，未檢查任何計畫上限。如屬已知計畫，請指定計畫別。`,
          `This budget is for "${text}", a program whose rules are not known here: only its arithmetic was checked, no program limits. Choose the program if it is one of the known ones.`,
        ),
      ),
    );
  }
  findings.push(...runWorkbookRules(detected.conflicts, lang, [programConflict]));

  let budget: BudgetSummary | null = null;
  if (tables.length === 0) findings.push(missingTableFinding(lang));
  const related = tables.length === 0 ? null : locateRelatedTables(snapshot);
  const models = tables.map((table) => buildBudgetModel(table, program));
  // A plan of several companies: its share and caps are judged on the 總表, each company's table keeps its item rules.
  const plan = program.consortium || models.some((m) => CONSOLIDATED_SHEET.test(m.table.sheet)) ? consortiumTables(models) : null;
  const planTable = plan?.consolidated?.table ?? null;
  // Without a 總表, a consortium program's plan limits are judged on the companies' sum instead of on each company.
  const summed = plan && !planTable && program.consortium ? plan : null;
  // The form's other tables describe the application as a whole: compare them with the plan's table (the 總表, else the
  // first budget table), whose fixes therefore carry 基本資料's typed figures along.
  const whole = planTable ?? tables[0];
  for (const table of tables) {
    const first = table === whole;
    const result = checkBudgetTable(table, program, lang, undefined, first ? { basicInfo: related?.basicInfo } : {});
    findings.push(...((planTable && !first) || summed ? result.findings.filter((f) => !PLAN_LIMITS.has(f.rule)) : result.findings));
    if (first && related) findings.push(...checkCrossTables(related, { table, summary: result.summary }, program, lang));
    if (first) budget = result.summary;
  }
  findings.push(...runWorkbookRules({ models, calcMode: snapshot.calcMode }, lang, WORKBOOK_RULES));
  if (summed) findings.push(...planSumFindings(summed, lang));
  findings.push(...checkBenefits(snapshot, { target, lang, budget }));
  findings.push(...readingFindings(snapshot, lang));
  const finished = placeTextTableFindings(snapshot, withCompanies(finishFindings(withoutUnknownValues(findings, snapshot), { snapshot, tables, program, lang }), plan), lang);
  return { program: program.id, programSource: detected.source, target, findings: finished, budget, tables, basicInfo: related?.basicInfo ?? null, settings };
}

/**
 * The stored settings the check read, and a `setting-conflict` finding for each one the workbook's cells overruled:
 * a setting never hides a table or silences a limit, and where it disagrees with the workbook the reviewer is told.
 */
function storedSettings(
  workbook: WorkbookSnapshot,
  review: ReturnType<typeof withoutReviewSheet>,
  detected: ProgramDecision,
  target: Target | null,
  options: CheckOptions,
  lang: Lang,
  findings: Finding[],
): StoredSettingUse[] {
  const en = lang === 'en';
  const settingsRead: StoredSettingUse[] = [];
  // A setting is workbook text: bounded, as every string a report prints.
  const out = { push: (use: StoredSettingUse) => settingsRead.push({ ...use, value: use.value.length > 80 ? `${use.value.slice(0, 80)}…` : use.value }) };
  const conflict = (sheet: string | null, cell: string | null, message: string, advice: string) =>
    findings.push({ rule: 'setting-conflict', severity: 'warning', sheet, cell, message, advice });
  const storedProgram = readSetting(workbook, SETTING_KEYS.program);
  if (storedProgram !== null) {
    out.push({ setting: 'program', value: storedProgram, used: detected.source === 'setting' });
    const over = detected.overruled;
    if (over) {
      const [setting, said] = [getProgram(over.setting), getProgram(detected.program)];
      conflict(
        over.statement.loc.sheet,
        over.statement.loc.cell,
        en
          ? `The workbook's stored setting says ${setting.name.en} (${setting.id}), but "${over.statement.text}" names ${said.name.en} (${said.id}): checked as ${said.id}, as the workbook says.`
          : `活頁簿儲存的計畫別設定為「${setting.name['zh-TW']}」（${setting.id}），但「${over.statement.text}」指「${said.name['zh-TW']}」（${said.id}）：依活頁簿內容以 ${said.id} 檢查。`,
        en
          ? 'If the stored program is the one applied for, correct this cell; otherwise choose the program again.'
          : '如儲存的計畫別才是申請的計畫，請修正此儲存格；否則請重新選擇計畫別。',
      );
    }
  }
  const storedTarget = readSetting(workbook, SETTING_KEYS.target);
  if (storedTarget !== null) {
    const used = options.target === undefined && getProgram(detected.program).target === undefined && target === storedTarget && detectTarget({ ...workbook, settings: {} }) === null;
    out.push({ setting: 'target', value: storedTarget, used });
    const ticked = detectTarget({ ...workbook, settings: {} });
    if (ticked !== null && ticked !== storedTarget) {
      conflict(
        null,
        null,
        en
          ? `The workbook's stored 補助標的 setting is "${storedTarget}", but the form ticks "${ticked}": the ticked box was followed.`
          : `活頁簿儲存的補助標的設定為「${storedTarget}」，但表單勾選「${ticked}」：依勾選的項目檢查。`,
        en ? 'Choose the 補助標的 again so the setting matches the form.' : '請重新選擇補助標的，使設定與表單一致。',
      );
    }
  }
  if (review.left !== null) out.push({ setting: 'review-sheet', value: review.left, used: true });
  if (review.refused !== null) {
    out.push({ setting: 'review-sheet', value: review.refused, used: false });
    conflict(
      review.refused,
      null,
      en
        ? `The workbook's stored setting names sheet "${review.refused}" as the reviewer's 審查意見 sheet, which the check leaves out, but it holds a budget table: the sheet was checked.`
        : `活頁簿儲存的設定將工作表「${review.refused}」列為審查意見工作表（檢查時略過），但該表含經費預算表：已照常檢查。`,
      en ? 'Make the review sheet again from the add-in, or remove the setting.' : '請由增益集重新建立審查意見工作表，或移除該設定。',
    );
  }
  return settingsRead;
}

const PLAN_LIMITS = new Set<Finding['rule']>(PLAN_LIMIT_RULES);

/** Each finding in a company's table names the company (JSON `company`; reports group by it). */
function withCompanies(findings: Finding[], plan: ConsortiumTables | null): Finding[] {
  if (!plan) return findings;
  const bySheet = new Map(plan.companies.map((c) => [c.sheet, c.name]));
  return findings.map((f) => {
    const company = f.sheet === null ? undefined : bySheet.get(f.sheet);
    return company === undefined ? f : { ...f, company };
  });
}
