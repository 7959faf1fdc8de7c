import type { BudgetModel } from './budget-model';
import type { LimitRule } from './programs/schema';

/**
 * The program's plan-level limits: in a plan of several companies they are judged on the 總表 (or the companies' sum),
 * not on each company's own table.
 */
export const PLAN_LIMIT_RULES: readonly LimitRule[] = ['gov-share', 'gov-cap', 'item-cap', 'total-cap', 'self-share', 'fixed-split', 'fixed-amount'];

/** A sheet name that marks the consolidated budget (總表) of a plan of several companies. */
export const CONSOLIDATED_SHEET = /總表|彙總|匯總|合併|總計/;
/** A sheet name that marks the lead company (中心廠, 主導業者). */
const LEAD_SHEET = /中心廠|主導/;

export interface Company {
  /** The company as its sheet names it ("A公司" from "A公司經費預算表"; the sheet name when nothing is left). */
  name: string;
  sheet: string;
  role: 'lead' | 'member';
  model: BudgetModel;
}

/** The plan's tables read as one application of several companies. */
export interface ConsortiumTables {
  /** The 總表, when the workbook has exactly one. */
  consolidated: BudgetModel | null;
  /** The companies' own tables, lead first. */
  companies: Company[];
}

/** "A公司 經費預算表" → "A公司": the words every company's sheet repeats say nothing about which company it is. */
function companyName(sheet: string): string {
  const name = sheet.replace(/經費預算表|經費表|預算表|預算/g, '').replace(/[\s_\-－—（）()]+$/u, '').replace(/^[\s_\-－—（）()]+/u, '');
  return name || sheet;
}

/**
 * Reads a workbook's budget tables as one plan of several companies: a 總表 (a sheet so named) and one table per
 * company on sheets of their own. Null when it is one company's budget: a single table, or tables that share a sheet.
 * The lead is the sheet naming 中心廠 / 主導, else the first company in sheet order.
 */
export function consortiumTables(models: readonly BudgetModel[]): ConsortiumTables | null {
  const consolidatedModels = models.filter((m) => CONSOLIDATED_SHEET.test(m.table.sheet));
  const consolidated = consolidatedModels.length === 1 ? consolidatedModels[0] : null;
  const own = models.filter((m) => !CONSOLIDATED_SHEET.test(m.table.sheet));
  const sheets = new Set(own.map((m) => m.table.sheet));
  if (sheets.size !== own.length) return null; // two tables on one sheet: not one table per company
  if (own.length < (consolidated ? 1 : 2)) return null;
  const leadIndex = Math.max(0, own.findIndex((m) => LEAD_SHEET.test(m.table.sheet)));
  const ordered = [own[leadIndex], ...own.filter((_, i) => i !== leadIndex)];
  return {
    consolidated,
    companies: ordered.map((model, i) => ({ name: companyName(model.table.sheet), sheet: model.table.sheet, role: i === 0 ? 'lead' : 'member', model })),
  };
}
