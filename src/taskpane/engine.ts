import { maximizeTable } from '../domain/maximize';
import { getProgram } from '../domain/programs';
import { checkWorkbook } from '../sheet/check';
import { locateBudgetTables } from '../sheet/locate';
import { recalcPlan } from '../sheet/recalc';
import type { PaneServices } from './session';

/** The real engine, template and repair plans, as the pane uses them once its chunk has loaded. */
export const engineServices: Omit<PaneServices, 'load'> = {
  check: (snapshot, { program, target, lang }) => checkWorkbook(snapshot, { program, lang, ...(target ? { target } : {}) }),
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
  recalcPlan: (snapshot, programId, lang) => recalcPlan(snapshot, locateBudgetTables(snapshot), getProgram(programId), lang),
  // 基本資料 is compared with the first table: its typed figures follow the new split.
  maximize: ({ tables, basicInfo }, programId) => (tables[0] ? maximizeTable(tables[0], getProgram(programId), basicInfo) : null),
};
