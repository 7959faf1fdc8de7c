import { basicInfo, budget, cover, planLists, totalsOf, type BasicInfoLayout, type BudgetLine, type BudgetOptions, type PlanLists } from '../compose';
import type { SheetSpec, WorkbookSpec } from '../workbook';

/** A whole application as a reviewer receives it: 封面, 基本資料 (agreeing with the budget unless told), 經費預算表, lists. */
export interface ApplicationSpec {
  /** The cover's program line; null leaves the cover out. */
  title: string | null;
  lines: BudgetLine[];
  budgetOptions?: BudgetOptions;
  /** 基本資料 layout; null leaves the sheet out. Default same-row. */
  basic?: BasicInfoLayout | null;
  /** Overrides of what 基本資料 says (default: what the budget adds up to). */
  basicSays?: Partial<{ total: number | string; gov: number | string; self: number | string; govPct: number; selfPct: number }>;
  target?: 'lowcarbon' | 'smart' | null;
  /** 基本資料 row 8: 申請計畫別 as typed. */
  basicProgram?: string;
  lists?: PlanLists;
  settings?: Record<string, unknown>;
  extraSheets?: SheetSpec[];
}

export function application(spec: ApplicationSpec): WorkbookSpec {
  const sheets: SheetSpec[] = [];
  if (spec.title !== null) sheets.push(cover(spec.title));
  if (spec.basic !== null) {
    const sums = totalsOf(spec.lines);
    sheets.push(basicInfo(spec.basic ?? 'same-row', { ...sums, ...spec.basicSays }, { target: spec.target ?? 'smart', program: spec.basicProgram }));
  }
  sheets.push(budget(spec.lines, spec.budgetOptions).sheet);
  if (spec.lists) sheets.push(planLists(spec.lists));
  sheets.push(...(spec.extraSheets ?? []));
  return { sheets, settings: spec.settings };
}

/** A clean 升級轉型 budget (5,900 千元; 補助款 2,500 = 42.4 %), with lists that agree with it. */
export const UPGRADE_LINES: BudgetLine[] = [
  { label: '消耗性器材及原材料費', gov: 300, self: 200 },
  { label: '全新設備之購置費', gov: 1200, self: 1300 },
  { label: '既有設備之改善費', gov: 600, self: 600 },
  { label: '委託研究或驗證費', gov: 400, self: 200 },
  { label: '人事費', gov: null, self: 800 },
  { label: '無形資產引進費', gov: null, self: 300 },
];

export const UPGRADE_LISTS: PlanLists = {
  newEquipment: [
    ['五軸加工機 (友嘉 FV-1300)', '精密零件加工/行程1300mm', 1800, '友嘉實業/臺灣'],
    ['三次元量測儀 (Zeiss CONTURA)', '尺寸檢測', 700, 'Zeiss/德國'],
  ],
  improvement: [['既有CNC車床 3 台', '加裝感測器與聯網模組', 1200, '自行施作']],
  personnel: [
    ['王大明/生管經理', '生產管理 15 年', '計畫主持', 6],
    ['李小華/製程工程師', 'CNC 製程 8 年', '產線聯網導入', 12],
  ],
  commissions: [['財團法人精密機械研究發展中心', '產線數位化診斷與驗證', 600]],
};

/** 納管工廠 budget of seed 004 with corrected percentages (3,380 千元; 補助款 1,500 = 44.4 %). */
export const FACTORY_LINES: BudgetLine[] = [
  { label: '消耗性器材及原材料費', gov: 240, self: 120 },
  { label: '全新設備之購置費', gov: 300, self: 300 },
  { label: '既有設備之改善費', gov: 900, self: 900 },
  { label: '委託研究或驗證費', gov: 60, self: 60 },
  { label: '人事費', gov: null, self: 200 },
  { label: '基礎工程施工費', gov: null, self: 300 },
];

/** 以大帶小 budget (14,400 千元; 補助款 7,000 = 48.6 %), with 國內差旅費 in 自籌款. */
export const CHAIN_LINES: BudgetLine[] = [
  { label: '消耗性器材及原材料費', gov: 800, self: 700 },
  { label: '全新設備之購置費', gov: 3500, self: 3500 },
  { label: '既有設備之改善費', gov: 1500, self: 1200 },
  { label: '委託研究或驗證費', gov: 1200, self: 300 },
  { label: '人事費', gov: null, self: 1200 },
  { label: '國內差旅費', gov: null, self: 500 },
];

/** Only the staffing plan: the form is there, so 人事費 needs it (personnel-plan-missing otherwise). */
export const STAFF: PlanLists = { personnel: UPGRADE_LISTS.personnel };
