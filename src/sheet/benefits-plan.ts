/**
 * The 預期效益 tables as plans: inject the official tables (陸、預期效益 / 一、經濟效益 / 二、技術效益 / (一) 低碳化 /
 * (二) 智慧化) below the budget table or on their own sheet, never over existing content; then fill them from the
 * calculators, touching only the cells the add-in owns and reporting cells the user changed so the pane can ask.
 *
 * Layout: numbers sit in their own cells with the form's words beside them, so a row still reads like the form
 * ("120 | 公噸 CO2e；減碳 | 12 | %", "由 | 10 | 人減為 | 6 | 人") while formulas and checks see plain numbers. A 基準值
 * (導入前) column keeps the baseline that makes 減碳 %, 節電率 and 相較提升 checkable; 計算說明 says how 相較提升 was
 * computed.
 */
import {
  type BenefitItemId,
  type BenefitSlot,
  type ComputedBenefits,
  type RateItemId,
  BENEFIT_ITEMS,
  CUSTOM_ROW_LABEL,
  INVESTMENT_NOTE,
  SECTION_TITLES,
  describeFactor,
} from '../domain/benefits';
import type { BudgetTableInput } from '../domain/budget';
import type { Lang } from '../domain/findings';
import { fromNumber, toNumber } from '../domain/money';
import type { Target } from '../domain/programs/schema';
import { Grid, SETTING_KEYS, type WorkbookSnapshot, columnLetter, fromA1, toA1 } from './grid';
import { locateBudgetTable } from './locate';
import { type CellContent, type CellFormat, type Plan, type PlanOp, num, text } from './plan';

export const BENEFIT_SHEET_BASE_NAME = '預期效益';
const HEADER_FILL = '#D9E1F2';
const REQUIRED_FILL = '#FFF2CC';

/** Column offsets from the table's first column. */
const COL = { label: 0, lead: 1, n1: 2, u1: 3, n2: 4, u2: 5, base: 6, baseUnit: 7, note: 8 } as const;

/** Per item: the words around its numbers (columns lead, u1, u2), the slots of n1/n2, and number formats. */
const ROW_SHAPES: Record<BenefitItemId, { lead?: string; u1: string; u2?: string; n1: BenefitSlot; n2?: BenefitSlot; baseUnit?: string; format1: string; format2?: string }> = {
  'new-investment': { u1: '億元', n1: 'amount', format1: '#,##0.0###' },
  'cost-reduction': { u1: '億元', n1: 'amount', format1: '#,##0.0###' },
  jobs: { u1: '人', n1: 'amount', format1: '#,##0' },
  'output-value': { u1: '億元', n1: 'amount', format1: '#,##0.0###' },
  carbon: { u1: '公噸 CO2e；減碳', u2: '%', n1: 'amount', n2: 'percent', baseUnit: '公噸 CO2e', format1: '#,##0.0##', format2: '0.0' },
  electricity: { u1: '度電；節電率', u2: '%', n1: 'amount', n2: 'percent', baseUnit: '度電', format1: '#,##0', format2: '0.0' },
  oee: { u1: '%；相較提升', u2: '%', n1: 'value', n2: 'improvement', baseUnit: '%', format1: '0.0', format2: '0.0' },
  yield: { u1: '%；相較提升', u2: '%', n1: 'value', n2: 'improvement', baseUnit: '%', format1: '0.0', format2: '0.0' },
  'line-staff': { lead: '由', u1: '人減為', u2: '人', n1: 'before', n2: 'after', format1: '#,##0', format2: '#,##0' },
  delivery: { u1: '%；相較提升', u2: '%', n1: 'value', n2: 'improvement', baseUnit: '%', format1: '0.0', format2: '0.0' },
};

/** Where the injected tables are. Addresses are A1 on `sheet`. Stored in the workbook (SETTING_KEYS.benefits). */
export interface BenefitLayout {
  sheet: string;
  /** Top-left cell of 陸、預期效益. */
  anchor: string;
  /** Last row (A1 row number) the tables use. */
  lastRow: number;
  titles: { heading: string; economic: string; technical: string; lowcarbon: string; smart: string };
  /** Number cells per item and blank (including 基準值). */
  cells: Partial<Record<BenefitItemId, Partial<Record<BenefitSlot, string>>>>;
  /** 計算說明 cells stating how 相較提升 was computed. */
  methodCells: Record<RateItemId, string>;
  /** Note cell naming the emission factor used for 減少碳排放量. */
  factorNote: string;
}

/** What the workbook remembers: the layout and the value last written to every owned cell. */
export interface BenefitSetting {
  version: 1;
  layout: BenefitLayout;
  written: Record<string, number | string | null>;
}

export interface BenefitTablesPlanOptions {
  /** 補助標的: marks (一) 低碳化 or (二) 智慧化 as the required technical table; null leaves both unmarked. */
  target: Target | null;
  placement: 'below-budget' | 'own-sheet';
  /** Values to fill straight away (see `computeBenefits`). */
  values?: ComputedBenefits;
  lang?: Lang;
  /** The budget table to place under; located in the snapshot when absent. */
  budgetTable?: BudgetTableInput | null;
}

export interface BenefitTablesPlan {
  plan: Plan;
  layout: BenefitLayout;
  /** Where the tables went: `own-sheet` also when `below-budget` was asked but no budget table was found. */
  placement: 'below-budget' | 'own-sheet';
}

/** `預期效益`, or `預期效益 (2)`, `(3)` … (sheet names compare case-insensitively). */
export function freeBenefitSheetName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLocaleLowerCase()));
  if (!taken.has(BENEFIT_SHEET_BASE_NAME.toLocaleLowerCase())) return BENEFIT_SHEET_BASE_NAME;
  for (let n = 2; ; n++) {
    const name = `${BENEFIT_SHEET_BASE_NAME} (${n})`;
    if (!taken.has(name.toLocaleLowerCase())) return name;
  }
}

/** Rows the tables take (see `layoutAt`). */
export const BENEFIT_TABLE_HEIGHT = 27;

/** The layout with 陸、預期效益 at zero-based (row, col). */
export function layoutAt(sheet: string, row: number, col: number): BenefitLayout {
  const at = (r: number, c: keyof typeof COL) => toA1(row + r, col + COL[c]);
  const itemRow: Record<BenefitItemId, number> = {
    'new-investment': 3, 'cost-reduction': 4, jobs: 5, 'output-value': 6,
    carbon: 13, electricity: 14,
    oee: 21, yield: 22, 'line-staff': 23, delivery: 24,
  };
  const cells: BenefitLayout['cells'] = {};
  for (const def of BENEFIT_ITEMS) {
    const shape = ROW_SHAPES[def.id];
    const r = itemRow[def.id];
    const slots: Partial<Record<BenefitSlot, string>> = { [shape.n1]: at(r, 'n1') };
    if (shape.n2) slots[shape.n2] = at(r, 'n2');
    if (shape.baseUnit) slots.baseline = at(r, 'base');
    cells[def.id] = slots;
  }
  return {
    sheet,
    anchor: at(0, 'label'),
    lastRow: row + BENEFIT_TABLE_HEIGHT,
    titles: { heading: at(0, 'label'), economic: at(1, 'label'), technical: at(10, 'label'), lowcarbon: at(11, 'label'), smart: at(19, 'label') },
    cells,
    methodCells: { oee: at(21, 'note'), yield: at(22, 'note'), delivery: at(24, 'note') },
    factorNote: at(17, 'label'),
  };
}

function rowEmpty(grid: Grid, row: number): boolean {
  for (let c = grid.sheet.origin.col; c < grid.colCount; c++) if (!grid.isEmpty(row, c)) return false;
  return true;
}

/** First row r ≥ from such that rows r .. r + count − 1 are entirely empty. */
export function firstEmptyBlock(grid: Grid, from: number, count: number): number {
  let start = from;
  for (let r = from; ; r++) {
    if (!rowEmpty(grid, r)) start = r + 1;
    else if (r - start + 1 >= count) return start;
  }
}

const MESSAGES = {
  'zh-TW': {
    title: (sheet: string, below: boolean) => (below ? `於「${sheet}」經費預算表下方加入預期效益表` : `新增「${sheet}」工作表（預期效益）`),
    fillTitle: (n: number) => `填入預期效益（${n} 格）`,
  },
  en: {
    title: (sheet: string, below: boolean) => (below ? `Add the 預期效益 tables below the budget on "${sheet}"` : `Add the sheet "${sheet}" (預期效益 benefit tables)`),
    fillTitle: (n: number) => `Fill the benefit tables (${n} cells)`,
  },
} as const;

/**
 * The plan that injects the official 預期效益 tables. Never writes over content: below the budget it uses the first
 * fully empty block of rows under the budget table (one blank row apart); otherwise a new sheet with a free name.
 */
export function buildBenefitTablesPlan(snapshot: WorkbookSnapshot, options: BenefitTablesPlanOptions): BenefitTablesPlan {
  const lang = options.lang ?? 'zh-TW';
  const ops: PlanOp[] = [];
  let layout: BenefitLayout;
  let placement: 'below-budget' | 'own-sheet' = 'own-sheet';
  const budget = options.placement === 'below-budget' ? (options.budgetTable ?? locateBudgetTable(snapshot)) : null;
  const budgetSheet = budget && snapshot.sheets.find((s) => s.name === budget.sheet);
  if (budget && budgetSheet) {
    const grid = new Grid(budgetSheet);
    const rows = [...budget.rows, budget.totalRow, budget.percentRow].filter((r) => r !== null);
    const bottom = Math.max(fromA1(budget.title.cell).row, ...rows.map((r) => fromA1(r.label.loc.cell).row));
    const col = fromA1(rows[0]?.label.loc.cell ?? budget.title.cell).col;
    const start = firstEmptyBlock(grid, bottom + 1, BENEFIT_TABLE_HEIGHT + 1) + 1;
    layout = layoutAt(budget.sheet, start, col);
    placement = 'below-budget';
  } else {
    const sheet = freeBenefitSheetName(snapshot.sheets.map((s) => s.name));
    ops.push({ op: 'addSheet', sheet });
    layout = layoutAt(sheet, 0, 0);
  }
  ops.push(...tableOps(layout, options.target, placement === 'own-sheet'));
  const written: BenefitSetting['written'] = {};
  if (options.values) {
    for (const { cell, content } of desiredContents(layout, options.values)) {
      if (content.kind === 'blank') continue;
      ops.push({ op: 'write', sheet: layout.sheet, cell, content });
      written[cell] = contentValue(content);
    }
  }
  ops.push(settingOp({ version: 1, layout, written }));
  ops.push({ op: 'activate', sheet: layout.sheet, cell: layout.cells['new-investment']!.amount });
  return { plan: { title: MESSAGES[lang].title(layout.sheet, placement === 'below-budget'), ops }, layout, placement };
}

function settingOp(setting: BenefitSetting): PlanOp {
  return { op: 'setting', key: SETTING_KEYS.benefits, value: JSON.stringify(setting) };
}

/** Labels, units, headings, notes and formats: everything but the numbers. */
function tableOps(layout: BenefitLayout, target: Target | null, ownSheet: boolean): PlanOp[] {
  const { sheet } = layout;
  const origin = fromA1(layout.anchor);
  const ops: PlanOp[] = [];
  const a1 = (r: number, c: keyof typeof COL) => toA1(origin.row + r, origin.col + COL[c]);
  const span = (r: number, from: keyof typeof COL, to: keyof typeof COL) => `${a1(r, from)}:${a1(r, to)}`;
  const write = (r: number, c: keyof typeof COL, t: string) => ops.push({ op: 'write', sheet, cell: a1(r, c), content: text(t) });
  const format = (range: string, f: CellFormat) => ops.push({ op: 'format', sheet, range, format: f });
  const merge = (range: string) => ops.push({ op: 'merge', sheet, range });
  const zh = (k: keyof typeof SECTION_TITLES) => SECTION_TITLES[k]['zh-TW'];

  const title = (r: number, t: string, size: number, required = false) => {
    write(r, 'label', t);
    format(span(r, 'label', 'note'), { bold: true, fontSize: size, ...(required ? { fill: REQUIRED_FILL } : {}) });
  };
  const header = (r: number, withBaseline: boolean) => {
    write(r, 'label', '項目');
    write(r, 'lead', '效益');
    merge(span(r, 'lead', 'u2'));
    if (withBaseline) {
      write(r, 'base', '基準值（導入前）');
      merge(span(r, 'base', 'baseUnit'));
      write(r, 'note', '計算說明');
    }
    format(span(r, 'label', withBaseline ? 'note' : 'u2'), { bold: true, fill: HEADER_FILL, horizontalAlignment: 'center', border: { style: 'thin' } });
  };
  const itemRow = (r: number, id: BenefitItemId) => {
    const def = BENEFIT_ITEMS.find((d) => d.id === id)!;
    const shape = ROW_SHAPES[id];
    write(r, 'label', def.label);
    if (shape.lead) write(r, 'lead', shape.lead);
    write(r, 'u1', shape.u1);
    if (shape.u2) write(r, 'u2', shape.u2);
    format(a1(r, 'n1'), { numberFormat: shape.format1, horizontalAlignment: 'right', fill: '#FFFFFF' });
    if (shape.format2) format(a1(r, 'n2'), { numberFormat: shape.format2, horizontalAlignment: 'right' });
    format(a1(r, 'lead'), { horizontalAlignment: 'right' });
    if (shape.baseUnit) {
      write(r, 'baseUnit', shape.baseUnit);
      format(a1(r, 'base'), { numberFormat: shape.format1, horizontalAlignment: 'right' });
    }
    if (id === 'line-staff' || id === 'jobs') {
      const cells = [a1(r, 'n1'), ...(shape.n2 ? [a1(r, 'n2')] : [])];
      for (const cell of cells) {
        ops.push({
          op: 'validation',
          sheet,
          range: cell,
          rule: { type: 'wholeNumber', min: 0 },
          error: { title: '人數須為整數', message: '請輸入 0 以上的整數人數。' },
        });
      }
    }
  };
  const custom = (r: number) => write(r, 'label', CUSTOM_ROW_LABEL);
  const note = (r: number, t: string) => {
    write(r, 'label', t);
    merge(span(r, 'label', 'note'));
    format(span(r, 'label', 'note'), { wrap: true, verticalAlignment: 'top', fontColor: '#595959' });
  };
  const box = (from: number, to: number, last: keyof typeof COL) => format(`${a1(from, 'label')}:${a1(to, last)}`, { border: { style: 'thin' } });

  title(0, zh('heading'), 14);
  // 一、經濟效益 (rows 1–8)
  title(1, zh('economic'), 12);
  header(2, false);
  itemRow(3, 'new-investment');
  itemRow(4, 'cost-reduction');
  itemRow(5, 'jobs');
  itemRow(6, 'output-value');
  custom(7);
  box(3, 7, 'u2');
  note(8, `註：經濟效益須至少2項，其餘得自行增列。${INVESTMENT_NOTE['zh-TW']}。`);
  // 二、技術效益 (rows 10–26)
  const required = (t: Target) => target === t;
  title(10, zh('technicalHeading'), 12);
  title(11, zh('lowcarbon') + (required('lowcarbon') ? '（本案申請標的）' : ''), 12, required('lowcarbon'));
  header(12, true);
  itemRow(13, 'carbon');
  itemRow(14, 'electricity');
  custom(15);
  box(13, 15, 'note');
  note(
    16,
    required('lowcarbon')
      ? '註：申請低碳化標的，「減少碳排放量」或「減少用電量」須至少選填1項；需搭配委外驗證單位開立減碳或節電之相關對比數據驗證報告。'
      : '註：需搭配委外驗證單位開立減碳或節電之相關對比數據驗證報告。',
  );
  // Row 17: the emission factor note, owned by the fill plan.
  merge(span(17, 'label', 'note'));
  format(span(17, 'label', 'note'), { wrap: true, fontColor: '#595959' });
  title(19, zh('smart') + (required('smart') ? '（本案申請標的）' : ''), 12, required('smart'));
  header(20, true);
  itemRow(21, 'oee');
  itemRow(22, 'yield');
  itemRow(23, 'line-staff');
  itemRow(24, 'delivery');
  custom(25);
  box(21, 25, 'note');
  note(26, '註：技術效益須至少2項(依申請標的)，其餘得自行選填或增列。相較提升之計算方式（百分點或相對提升）載於「計算說明」欄。');

  const widths: [keyof typeof COL, number][] = [['label', 22], ['lead', 5], ['n1', 12], ['u1', 16], ['n2', 10], ['u2', 5], ['base', 12], ['baseUnit', 10], ['note', 40]];
  // Column widths are only set on a sheet of our own; below a budget table they would reshape the user's columns.
  if (ownSheet) for (const [c, w] of widths) ops.push({ op: 'columnWidth', sheet, column: columnLetter(origin.col + COL[c]), width: w });
  return ops;
}

/** Every owned cell with the content the values call for (blank where the values have nothing). */
function desiredContents(layout: BenefitLayout, values: ComputedBenefits): { cell: string; content: CellContent }[] {
  const out: { cell: string; content: CellContent }[] = [];
  for (const [id, slots] of Object.entries(layout.cells) as [BenefitItemId, Partial<Record<BenefitSlot, string>>][]) {
    for (const [slot, cell] of Object.entries(slots) as [BenefitSlot, string][]) {
      const v = values.items[id]?.[slot];
      out.push({ cell, content: v === undefined ? { kind: 'blank' } : num(toNumber(v)) });
    }
  }
  for (const [id, cell] of Object.entries(layout.methodCells) as [RateItemId, string][]) {
    const m = values.methods[id];
    out.push({ cell, content: m ? text(m.description['zh-TW']) : { kind: 'blank' } });
  }
  const factor = values.emissionFactor;
  out.push({
    cell: layout.factorNote,
    content: factor ? text(`註：減少碳排放量 = 減少用電量 × 電力排碳係數 ${describeFactor(factor, 'zh-TW')} ÷ 1,000。`) : { kind: 'blank' },
  });
  return out;
}

function contentValue(content: CellContent): number | string | null {
  return content.kind === 'number' ? content.value : content.kind === 'text' ? content.text : null;
}

/** The stored benefit setting, or null when absent or malformed. */
export function readBenefitSetting(snapshot: WorkbookSnapshot): BenefitSetting | null {
  const raw = snapshot.settings[SETTING_KEYS.benefits];
  if (!raw) return null;
  try {
    let parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'string') parsed = JSON.parse(parsed); // stored as a JSON string by some adapters
    const s = parsed as BenefitSetting;
    if (s && s.version === 1 && s.layout && typeof s.layout.sheet === 'string' && s.written && typeof s.written === 'object') return s;
    return null;
  } catch {
    return null;
  }
}

/** A cell the user changed after the add-in wrote it (or typed into before the first fill). */
export interface FillConflict {
  sheet: string;
  cell: string;
  /** What the cell holds now. */
  current: number | string;
  /** What the fill would write (null: it would clear the cell). */
  proposed: number | string | null;
}

export interface BenefitFillPlan {
  plan: Plan;
  /** Cells where the user typed something else; written only when listed in `replace`. */
  conflicts: FillConflict[];
}

function sameValue(a: number | string | boolean | null, b: number | string | null): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return fromNumber(a) === fromNumber(b);
  return String(a).trim() === String(b).trim();
}

/**
 * The plan that writes computed values into the tables. It changes only the cells it owns (numbers, 計算說明, the
 * factor note), and among those only cells that are empty or still hold what the add-in last wrote; any other content
 * is a conflict, returned for the pane to ask about and written only when its A1 address is in `options.replace`.
 */
export function buildBenefitFillPlan(
  snapshot: WorkbookSnapshot,
  layout: BenefitLayout,
  values: ComputedBenefits,
  options: { replace?: readonly string[]; lang?: Lang } = {},
): BenefitFillPlan {
  const lang = options.lang ?? 'zh-TW';
  const sheet = snapshot.sheets.find((s) => s.name === layout.sheet);
  if (!sheet) throw new Error(lang === 'en' ? `The sheet "${layout.sheet}" with the benefit tables no longer exists.` : `找不到預期效益表所在的工作表「${layout.sheet}」。`);
  const grid = new Grid(sheet);
  const stored = readBenefitSetting(snapshot);
  const previous = stored && stored.layout.sheet === layout.sheet ? stored.written : {};
  const replace = new Set(options.replace ?? []);
  const written: BenefitSetting['written'] = { ...previous };
  const ops: PlanOp[] = [];
  const conflicts: FillConflict[] = [];
  for (const { cell, content } of desiredContents(layout, values)) {
    const { row, col } = fromA1(cell);
    const formulaText = grid.formula(row, col);
    const current = formulaText ?? grid.value(row, col);
    const proposed = contentValue(content);
    if (sameValue(current, proposed)) {
      if (proposed !== null) written[cell] = proposed;
      continue;
    }
    const ours = current === null || (cell in previous && sameValue(current, previous[cell]));
    if (!ours && !replace.has(cell)) {
      conflicts.push({ sheet: layout.sheet, cell, current: typeof current === 'boolean' ? String(current) : current!, proposed });
      continue;
    }
    ops.push({ op: 'write', sheet: layout.sheet, cell, content });
    if (proposed === null) delete written[cell];
    else written[cell] = proposed;
  }
  const writes = ops.length;
  ops.push(settingOp({ version: 1, layout, written }));
  return { plan: { title: MESSAGES[lang].fillTitle(writes), ops }, conflicts };
}
