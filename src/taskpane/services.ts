import { maximizeTable } from '../domain/maximize';
import { getProgram } from '../domain/programs';
import { checkWorkbook } from '../sheet/check';
import { locateBudgetTables } from '../sheet/locate';
import { locateRelatedTables } from '../sheet/related';
import type { Plan } from '../sheet/plan';
import { buildComputePlan, buildRepairPlan, isTemplateSheet } from '../sheet/recalc';
import type { PaneServices } from './session';

/** The real engine, template and repair plans, as the pane uses them. */
export const paneServices: PaneServices = {
  check: (snapshot, { program, lang }) => checkWorkbook(snapshot, { program, lang }),
  // The plan builder loads the first time a table is inserted: a workbook that has its table never needs it.
  templatePlan: async (programId, snapshot, lang) => {
    const { buildTemplatePlan } = await import(/* webpackChunkName: "template" */ '../sheet/template');
    return buildTemplatePlan(
      getProgram(programId),
      snapshot.sheets.map((s) => s.name),
      lang,
      snapshot.settings,
    ).plan;
  },
  /**
   * Template sheets get their typed-over formulas back; tables the user built get exact totals and percentages as
   * numbers. One plan for every budget table in the workbook, so confirming is one write.
   */
  recalcPlan: (snapshot, programId, lang) => {
    const program = getProgram(programId);
    const plan: Plan = { title: lang === 'en' ? 'Recalculate' : '重新計算', ops: [] };
    const repaired = new Set<string>();
    for (const table of locateBudgetTables(snapshot)) {
      if (isTemplateSheet(snapshot, table.sheet)) {
        if (repaired.has(table.sheet)) continue;
        repaired.add(table.sheet);
        plan.ops.push(...buildRepairPlan(snapshot, table.sheet, program, lang).plan.ops);
      } else {
        plan.ops.push(...buildComputePlan(table, program, lang).plan.ops);
      }
    }
    return plan;
  },
  maximize: (snapshot, programId) => {
    const table = locateBudgetTables(snapshot)[0];
    // 基本資料 is compared with the first table: its typed figures follow the new split.
    return table ? maximizeTable(table, getProgram(programId), locateRelatedTables(snapshot).basicInfo) : null;
  },
};
