import type { Lang } from '../domain/findings';
import type { Program } from '../domain/programs/schema';
import { SETTING_KEYS } from './grid';
import type { Plan, PlanOp } from './plan';
import { buildTemplatePlan, layoutCell, templateLayout } from './template';

/** The 總表's sheet name: the name the checker reads a plan's consolidated budget by. */
export const CONSOLIDATED_SHEET_NAME = '總表';

/** Why a consortium workbook cannot be built for a program and member count (null: it can). */
export function consortiumRefusal(program: Program, members: number, lang: Lang): string | null {
  const rule = program.consortium;
  const en = lang === 'en';
  if (!rule) {
    return en
      ? `${program.name.en} (${program.id}) is not a plan of several companies; --members applies to 以大帶小 and alliance programs`
      : `「${program.name['zh-TW']}」（${program.id}）不是多家業者的聯合計畫；--members 僅適用於以大帶小與聯盟計畫`;
  }
  if (rule.maxMembers !== undefined && members > rule.maxMembers) {
    return en
      ? `${program.name.en} allows one ${rule.lead.en} and at most ${rule.maxMembers} members, not ${members}`
      : `「${program.name['zh-TW']}」以 1 家${rule.lead['zh-TW']}帶至多 ${rule.maxMembers} 家合作廠商，不能是 ${members} 家`;
  }
  if (rule.minCompanies !== undefined && members + 1 < rule.minCompanies) {
    return en
      ? `${program.name.en} needs ${rule.minCompanies} or more companies: at least ${rule.minCompanies - 1} members besides the ${rule.lead.en}`
      : `「${program.name['zh-TW']}」須 ${rule.minCompanies} 家以上業者：${rule.lead['zh-TW']}以外至少 ${rule.minCompanies - 1} 家`;
  }
  return null;
}

/** The companies' sheet names: the lead (中心廠, 主導業者) and 合作廠商1 … n. */
export function companySheetNames(program: Program, members: number): string[] {
  const lead = program.consortium?.lead['zh-TW'] ?? '中心廠';
  return [lead, ...Array.from({ length: members }, (_, i) => `合作廠商${i + 1}`)];
}

/**
 * A plan of several companies as a new workbook: the 總表 first, whose item cells add up the companies' cells by formula,
 * then one official table per company (its item rules and validation kept; the plan's share and caps are marked on
 * the 總表 only). Every sheet has the same layout, so each 總表 cell sums the same address of every company's sheet.
 */
export function buildConsortiumTemplatePlan(program: Program, members: number, lang: Lang = 'zh-TW'): { plan: Plan; sheets: string[] } {
  const companies = companySheetNames(program, members);
  const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
  const frame = templateLayout(program, CONSOLIDATED_SHEET_NAME);
  const total = buildTemplatePlan(program, [], lang, {}, {
    sheet: CONSOLIDATED_SHEET_NAME,
    title: `${CONSOLIDATED_SHEET_NAME} 經費預算表`,
    itemFormula: (row, column) => `=${companies.map((c) => `${quoted(c)}!${layoutCell(frame, row, column)}`).join('+')}`,
  });
  const own = companies.map((company) => buildTemplatePlan(program, [], lang, {}, { sheet: company, title: `${company} 經費預算表`, planLimits: false }));
  const sheets = [CONSOLIDATED_SHEET_NAME, ...companies];
  const ops: PlanOp[] = [];
  for (const part of [total, ...own]) ops.push(...part.plan.ops.filter((op) => op.op !== 'setting' && op.op !== 'activate'));
  ops.push({ op: 'setting', key: SETTING_KEYS.program, value: program.id });
  ops.push({ op: 'setting', key: SETTING_KEYS.templates, value: JSON.stringify(sheets) });
  const lead = own[0];
  ops.push({ op: 'activate', sheet: companies[0], cell: layoutCell(lead.layout, lead.layout.items[0].row, 'gov') });
  const title =
    lang === 'en'
      ? `Add a ${program.name.en} plan: 總表 and ${companies.length} company tables`
      : `新增「${program.name['zh-TW']}」聯合計畫：總表及 ${companies.length} 家業者的經費預算表`;
  return { plan: { title, ops }, sheets };
}
