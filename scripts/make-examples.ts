/**
 * Regenerates `examples/*.xlsx` (`npm run examples`): a clean budget for each program, the SPEC §3 seed-004 table, and
 * workbooks with the mistakes reviewers meet most. The builders are exported for `bench/cli-200.ts`.
 *
 * Formula cells carry cached results (what Excel would show), computed here with the domain's exact arithmetic, so a
 * reader that does not recalculate — the checker — sees the same numbers as a person opening the file.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseAmount } from '../src/domain/amount';
import type { ItemId } from '../src/domain/programs';
import { getProgram } from '../src/domain/programs';
import { type Fixed, ZERO, roundedPercent, toNumber } from '../src/domain/money';
import { SETTING_KEYS, toA1 } from '../src/sheet/grid';
import { addWebExtensionSettings } from '../src/xlsx/webextension';
import { readWorkbookBuffer } from '../src/xlsx/read';
import { BREACHING_PLAN, CLEAN_PLAN, docxBodyXml, docxBytes, ODS_STYLES, odsBodyFromSnapshot, odsBytes, odtBodyXml, odtBytes, planBlocks } from './documents';

/** What a person typed in an amount cell: a number, text (e.g. "1,200"), or nothing. */
export type Typed = number | string | null;

export interface BudgetRow {
  label: string;
  gov: Typed;
  self: Typed;
  /**
   * Itemised budgets: 'heading' is an item's own row left empty above its detail lines, 'detail' a line under it,
   * 'subtotal' the 小計 summing the detail lines just above it. The 合計 adds each amount once: plain rows, 小計 rows,
   * and detail lines not closed by a 小計.
   */
  role?: 'heading' | 'detail' | 'subtotal';
}

export interface ExampleSpec {
  file: string;
  /** What the example shows, printed by the script. */
  about: string;
  /** A cover sheet (基本資料) naming the program and ticking the 補助標的; omitted for a bare budget sheet. */
  cover?: { title: string; target?: 'lowcarbon' | 'smart' };
  /** Omit the budget table altogether (the missing-table example). */
  noBudget?: boolean;
  sheetName?: string;
  /** The unit label written above the table's right edge; null writes none. */
  unitLabel?: string | null;
  rows: BudgetRow[];
  /** Totals and percentages as live formulas (a template-style table) or as typed numbers. */
  formulas: boolean;
  /** Cells (A1 on the budget sheet) whose formula was typed over with this constant. */
  typedOver?: Record<string, number>;
  /** Where the title cell sits (zero-based); the table follows below it. */
  origin?: { row: number; col: number };
  notes?: string[];
  /** Settings as the add-in stores them (in the web-extension part). */
  settings?: Record<string, unknown>;
  /** Further sheets of an application (equipment lists, staffing), written after the budget as plain rows. */
  extraSheets?: { name: string; rows: (string | number | null)[][] }[];
  /**
   * A plan of several companies (以大帶小, 研發聯盟): the budget sheet is the 總表, its amounts the companies' sums item
   * by item (as typed numbers), followed by one budget sheet per company.
   */
  companies?: { sheet: string; rows: BudgetRow[] }[];
}

/** The 總表 of a plan: each item's amounts summed over the companies, in the first company's item order. */
export function consolidatedRows(companies: { rows: BudgetRow[] }[]): BudgetRow[] {
  const sum = (label: string, part: 'gov' | 'self'): Typed => {
    const values = companies.map((c) => c.rows.find((r) => r.label === label)?.[part] ?? null);
    return values.every((v) => v === null) ? null : toNumber(values.reduce<Fixed>((a, v) => a + amountOf(v), ZERO));
  };
  return companies[0].rows.map((r) => ({ label: r.label, gov: sum(r.label, 'gov'), self: sum(r.label, 'self') }));
}

const AMOUNT_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.0';

/** Labels of a program's items, so the examples use the official wording from the rule sets. */
export function rowsFor(programId: string, amounts: Partial<Record<ItemId, [Typed, Typed]>>): BudgetRow[] {
  return getProgram(programId)
    .items.filter((item) => amounts[item.id] !== undefined)
    .map((item) => ({ label: item.label, gov: amounts[item.id]![0], self: amounts[item.id]![1] }));
}

/** An item listed by its details: the item's row left empty, the detail lines under it, then their 小計. */
export function itemised(programId: string, item: ItemId, details: [string, Typed, Typed][]): BudgetRow[] {
  const label = getProgram(programId).items.find((i) => i.id === item)!.label;
  return [
    { label, gov: null, self: null, role: 'heading' },
    ...details.map(([detail, gov, self]) => ({ label: detail, gov, self, role: 'detail' as const })),
    { label: '小計', gov: null, self: null, role: 'subtotal' },
  ];
}

function amountOf(typed: Typed): Fixed {
  const parsed = parseAmount(typed);
  return parsed.kind === 'number' ? parsed.value : ZERO;
}

const num = (f: Fixed) => toNumber(f);

/** Builds the workbook of one example. */
export async function buildExample(spec: ExampleSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'subsidy-budget examples';
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 15));

  if (spec.cover) {
    const cover = wb.addWorksheet('基本資料');
    cover.getCell('A1').value = spec.cover.title;
    cover.getCell('A1').font = { bold: true, size: 14 };
    cover.getCell('A3').value = '申請公司';
    cover.getCell('B3').value = '範例精密工業股份有限公司';
    cover.getCell('A4').value = '補助標的';
    cover.getCell('B4').value = `${spec.cover.target === 'lowcarbon' ? '■' : '□'}低碳化　${spec.cover.target === 'smart' ? '■' : '□'}智慧化`;
    cover.getColumn(1).width = 14;
    cover.getColumn(2).width = 40;
  }
  if (!spec.noBudget) writeBudgetSheet(wb.addWorksheet(spec.sheetName ?? '經費預算表'), spec);
  for (const company of spec.companies ?? []) writeBudgetSheet(wb.addWorksheet(company.sheet), { ...spec, rows: company.rows, typedOver: undefined });
  for (const extra of spec.extraSheets ?? []) {
    const ws = wb.addWorksheet(extra.name);
    for (const row of extra.rows) ws.addRow(row);
  }

  let data: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
  if (spec.settings) data = await addWebExtensionSettings(data, spec.settings, { addinId: await addinId() });
  return stableZip(data);
}

/** Re-zips with fixed entry dates so regenerating an unchanged example gives the same bytes (no churn in git). */
async function stableZip(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const fixed = new Date(Date.UTC(2024, 0, 15));
  for (const entry of Object.values(zip.files)) entry.date = fixed;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function writeBudgetSheet(ws: ExcelJS.Worksheet, spec: ExampleSpec): void {
  const top = spec.origin?.row ?? 0;
  const left = spec.origin?.col ?? 0;
  const col = { label: left, gov: left + 1, self: left + 2, total: left + 3, percent: left + 4 };
  const at = (row: number, c: number) => ws.getCell(toA1(row, c));
  const addr = (row: number, c: number, absolute = false) =>
    absolute ? toA1(row, c).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : toA1(row, c);

  at(top, col.label).value = '經費預算表';
  at(top, col.label).font = { bold: true, size: 14 };
  at(top, col.label).alignment = { horizontal: 'center' };
  ws.mergeCells(top + 1, col.label + 1, top + 1, col.percent + 1);
  const unitLabel = spec.unitLabel === undefined ? '金額單位：千元' : spec.unitLabel;
  if (unitLabel) {
    at(top + 1, col.percent).value = unitLabel;
    at(top + 1, col.percent).alignment = { horizontal: 'right' };
  }
  const header = top + 2;
  ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'].forEach((h, i) => {
    const cell = at(header, left + i);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });

  const first = header + 1;
  const totalRow = first + spec.rows.length;
  const percentRow = totalRow + 1;
  const typedOver = spec.typedOver ?? {};

  // What each total cell shows: the typed-over constant where there is one, else what its formula gives.
  const shown = (row: number, c: number, computed: Fixed): Fixed => {
    const over = typedOver[toA1(row, c)];
    return over === undefined ? computed : amountOf(over);
  };
  // The rows the 合計 adds, each amount once; a 小計 sums the detail lines since the last non-detail row.
  const counted: number[] = [];
  const subtotalOf = new Map<number, number[]>();
  let pending: number[] = [];
  spec.rows.forEach((r, i) => {
    if (r.role === 'detail') return void pending.push(i);
    if (r.role === 'subtotal') {
      subtotalOf.set(i, pending);
      pending = [];
    } else counted.push(...pending.splice(0));
    if (r.role !== 'heading') counted.push(i);
  });
  counted.push(...pending);
  counted.sort((a, b) => a - b);
  const rowGov = (i: number): Fixed => {
    const under = subtotalOf.get(i);
    return under ? under.reduce((s, j) => s + rowGov(j), ZERO) : amountOf(spec.rows[i].gov);
  };
  const rowSelf = (i: number): Fixed => {
    const under = subtotalOf.get(i);
    return under ? under.reduce((s, j) => s + rowSelf(j), ZERO) : amountOf(spec.rows[i].self);
  };
  const rowTotals = spec.rows.map((_, i) => shown(first + i, col.total, rowGov(i) + rowSelf(i)));
  const govTotal = shown(totalRow, col.gov, counted.reduce((s, i) => s + rowGov(i), ZERO));
  const selfTotal = shown(totalRow, col.self, counted.reduce((s, i) => s + rowSelf(i), ZERO));
  const grandTotal = shown(totalRow, col.total, counted.reduce((s, i) => s + rowTotals[i], ZERO));
  const pct = (part: Fixed) => roundedPercent(part, grandTotal, 1);

  // Multiply before dividing, as the add-in's template does, so Excel's ROUND lands where exact rounding does.
  /** Writes a computed cell: a formula with its cached result, or (plain tables, typed-over cells) the number. */
  const put = (row: number, c: number, formula: string, result: Fixed | null, format: string) => {
    const cell = at(row, c);
    const over = typedOver[toA1(row, c)];
    if (over !== undefined) cell.value = over;
    else if (spec.formulas) cell.value = { formula, result: result === null ? undefined : num(result) } as ExcelJS.CellFormulaValue;
    else cell.value = result === null ? null : num(result);
    cell.numFmt = format;
  };

  spec.rows.forEach((r, i) => {
    const row = first + i;
    at(row, col.label).value = r.label;
    if (r.role === 'heading') return;
    const under = subtotalOf.get(i);
    if (under) {
      const range = (c: number) => `SUM(${addr(first + under[0], c)}:${addr(first + under[under.length - 1], c)})`;
      put(row, col.gov, range(col.gov), rowGov(i), AMOUNT_FORMAT);
      put(row, col.self, range(col.self), rowSelf(i), AMOUNT_FORMAT);
    } else for (const [c, v] of [
      [col.gov, r.gov],
      [col.self, r.self],
    ] as const) {
      at(row, c).value = v;
      at(row, c).numFmt = AMOUNT_FORMAT;
    }
    put(row, col.total, `${addr(row, col.gov)}+${addr(row, col.self)}`, rowTotals[i], AMOUNT_FORMAT);
    put(
      row,
      col.percent,
      `IF(${addr(totalRow, col.total, true)}=0,"",ROUND(${addr(row, col.total)}*100/${addr(totalRow, col.total, true)},1))`,
      pct(rowTotals[i]),
      PERCENT_FORMAT,
    );
  });

  at(totalRow, col.label).value = '合計';
  at(percentRow, col.label).value = '百分比(%)';
  const contiguous = counted.length === spec.rows.length;
  const sumOf = (c: number) =>
    contiguous ? `SUM(${addr(first, c)}:${addr(totalRow - 1, c)})` : counted.map((i) => addr(first + i, c)).join('+');
  put(totalRow, col.gov, sumOf(col.gov), govTotal, AMOUNT_FORMAT);
  put(totalRow, col.self, sumOf(col.self), selfTotal, AMOUNT_FORMAT);
  put(totalRow, col.total, sumOf(col.total), grandTotal, AMOUNT_FORMAT);
  const percentFormula = (c: number) =>
    `IF(${addr(totalRow, col.total)}=0,"",ROUND(${addr(totalRow, c)}*100/${addr(totalRow, col.total)},1))`;
  put(percentRow, col.gov, percentFormula(col.gov), pct(govTotal), PERCENT_FORMAT);
  put(percentRow, col.self, percentFormula(col.self), pct(selfTotal), PERCENT_FORMAT);
  put(percentRow, col.total, percentFormula(col.total), pct(grandTotal), PERCENT_FORMAT);

  const notes = spec.notes ?? ['註1：全新設備之購置費以總經費30%為上限', '註2：委託研究或驗證費以總經費40%為上限'];
  notes.forEach((note, i) => {
    at(percentRow + 1 + i, col.label).value = note;
  });

  const thin = { style: 'thin' as const };
  for (let row = header; row <= percentRow; row++) {
    for (let c = col.label; c <= col.percent; c++) at(row, c).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  ws.getColumn(col.label + 1).width = 24;
  for (let c = col.gov; c <= col.total; c++) ws.getColumn(c + 1).width = 13;
  ws.getColumn(col.percent + 1).width = 19;
}

let cachedAddinId: string | undefined;
/** The add-in's id from manifest.xml, so example settings look like the add-in saved them. */
async function addinId(): Promise<string> {
  if (cachedAddinId) return cachedAddinId;
  try {
    const manifest = await readFile(fileURLToPath(new URL('../manifest.xml', import.meta.url)), 'utf8');
    cachedAddinId = /<Id>([^<]+)<\/Id>/.exec(manifest)?.[1]?.trim();
  } catch {
    // No manifest yet: any GUID will do for an example.
  }
  cachedAddinId ??= '00000000-0000-4000-8000-000000000000';
  return cachedAddinId;
}

const COVER = {
  upgrade10: '產業及中小企業升級轉型 個案補助計畫（製造業10人以上）',
  upgradeUnder10: '產業及中小企業升級轉型 個案補助計畫（製造業9人以下）',
  chainLowcarbon: '以大帶小 低碳化 個案補助計畫（1+10）',
  chainSmart: '以大帶小 智慧化 個案補助計畫（1+4）',
  registered: '納管工廠 低碳及智慧化 基礎轉型 個案補助計畫',
  citdAlliance: '協助傳統產業技術開發計畫(CITD) 研發聯盟',
};

/** A company's budget in a plan of several companies: the program's items with these amounts. */
const company = (sheet: string, programId: string, amounts: Partial<Record<ItemId, [Typed, Typed]>>) => ({ sheet, rows: rowsFor(programId, amounts) });
/** A 研發聯盟 member's budget: the program names no items, so the usual 會計科目 as an applicant would write them. */
const allianceMember = (sheet: string, gov: number, self: number) => ({
  sheet,
  rows: [
    { label: '人事費', gov: Math.round(gov * 0.6), self: Math.round(self * 0.6) },
    { label: '消耗性器材及原材料費', gov: gov - Math.round(gov * 0.6), self: self - Math.round(self * 0.6) },
  ],
});

/** The bundled examples. Amounts are 千元 unless the example is about 元. */
export function exampleSpecs(): ExampleSpec[] {
  const upgradeClean = rowsFor('upgrade-10plus', {
    consumables: [300, 200],
    'new-equipment': [1800, 1900],
    'equipment-improvement': [1200, 800],
    'commissioned-research': [600, 400],
    personnel: [null, 1000],
    'intangible-assets': [null, 300],
  });
  return [
    {
      file: 'clean-upgrade-10plus.xlsx',
      about: 'clean budget, 升級轉型 10 人以上 (low-carbon), live formulas',
      cover: { title: COVER.upgrade10, target: 'lowcarbon' },
      rows: upgradeClean,
      formulas: true,
    },
    {
      file: 'clean-upgrade-under10.xlsx',
      about: 'clean budget, 升級轉型 9 人以下 (smart), live formulas',
      cover: { title: COVER.upgradeUnder10, target: 'smart' },
      rows: rowsFor('upgrade-under10', {
        consumables: [150, 120],
        'new-equipment': [900, 1000],
        'equipment-improvement': [850, 700],
        'commissioned-research': [500, 300],
        personnel: [null, 480],
        'intangible-assets': [null, 200],
      }),
      formulas: true,
    },
    {
      file: 'clean-chain-lowcarbon.xlsx',
      about: 'clean budget, 以大帶小 低碳化 (1+10), live formulas',
      cover: { title: COVER.chainLowcarbon, target: 'lowcarbon' },
      rows: rowsFor('chain-lowcarbon', {
        consumables: [2400, 1800],
        'new-equipment': [12000, 13500],
        'equipment-improvement': [6000, 5200],
        'commissioned-research': [3600, 2400],
        personnel: [null, 4800],
        'intangible-assets': [null, 600],
        'domestic-travel': [null, 360],
      }),
      formulas: true,
    },
    {
      file: 'clean-chain-smart.xlsx',
      about: 'clean budget, 以大帶小 智慧化 (1+4), live formulas',
      cover: { title: COVER.chainSmart, target: 'smart' },
      rows: rowsFor('chain-smart', {
        consumables: [1200, 900],
        'new-equipment': [9000, 9600],
        'equipment-improvement': [4200, 3800],
        'commissioned-research': [3000, 2000],
        personnel: [null, 3600],
        'intangible-assets': [null, 500],
        'domestic-travel': [null, 240],
      }),
      formulas: true,
    },
    {
      file: 'clean-registered-factory.xlsx',
      about: 'clean budget, 納管工廠 基礎轉型 (low-carbon), live formulas',
      cover: { title: COVER.registered, target: 'lowcarbon' },
      rows: rowsFor('registered-factory', {
        consumables: [200, 150],
        'new-equipment': [450, 500],
        'equipment-improvement': [650, 600],
        'commissioned-research': [150, 100],
        personnel: [null, 240],
        'foundation-works': [null, 160],
      }),
      formulas: true,
    },
    {
      file: 'seed-004-registered-factory.xlsx',
      about: 'SPEC §3 seed-004 table typed as plain numbers: two percentages (3.5, 8.8) are not what rounding gives',
      rows: rowsFor('registered-factory', {
        consumables: [240, 120],
        'new-equipment': [300, 300],
        'equipment-improvement': [900, 900],
        'commissioned-research': [60, 60],
        personnel: [null, 200],
        'foundation-works': [null, 300],
      }),
      formulas: false,
      // The brochure prints 3.5 and 8.8 where 120/3380 and 300/3380 round to 3.6 and 8.9.
      typedOver: { E7: 3.5, E9: 8.8 },
    },
    {
      file: 'mistake-self-only-personnel.xlsx',
      about: '人事費 funded with government money (self-only item)',
      cover: { title: COVER.upgrade10, target: 'smart' },
      rows: rowsFor('upgrade-10plus', {
        consumables: [300, 200],
        'new-equipment': [1500, 1900],
        'equipment-improvement': [1200, 800],
        'commissioned-research': [400, 400],
        personnel: [500, 700],
      }),
      formulas: true,
    },
    {
      file: 'mistake-gov-share-over-50.xlsx',
      about: 'government subsidy is 55% of the total',
      cover: { title: COVER.upgrade10, target: 'lowcarbon' },
      rows: rowsFor('upgrade-10plus', {
        consumables: [400, 100],
        'new-equipment': [1500, 1300],
        'equipment-improvement': [1600, 1000],
        'commissioned-research': [900, 500],
        personnel: [null, 800],
      }),
      formulas: true,
    },
    {
      file: 'mistake-new-equipment-over-30.xlsx',
      about: '全新設備之購置費 subsidy above 30% of the total',
      cover: { title: COVER.upgradeUnder10, target: 'smart' },
      rows: rowsFor('upgrade-under10', {
        consumables: [100, 150],
        'new-equipment': [1800, 2000],
        'equipment-improvement': [300, 700],
        personnel: [null, 600],
      }),
      formulas: true,
    },
    {
      file: 'mistake-typed-over-total.xlsx',
      about: 'a 合計 cell whose formula was typed over with a stale number',
      cover: { title: COVER.upgrade10, target: 'lowcarbon' },
      rows: upgradeClean,
      formulas: true,
      // 既有設備之改善費 was raised from 1,800 to 2,000 after its total had been typed in.
      typedOver: { D6: 1800 },
    },
    {
      file: 'mistake-amount-as-text.xlsx',
      about: 'amounts typed as text: "1,200" and full-width "１８００"',
      cover: { title: COVER.upgrade10, target: 'smart' },
      rows: rowsFor('upgrade-10plus', {
        consumables: [300, 200],
        'new-equipment': [1500, '１８００'],
        'equipment-improvement': ['1,200', 800],
        'commissioned-research': [600, 400],
        personnel: [null, 1000],
      }),
      formulas: false,
    },
    {
      file: 'amounts-in-yuan-labelled.xlsx',
      about: 'amounts in 元 with a 單位：元 label (converted, no unit finding)',
      cover: { title: COVER.registered, target: 'smart' },
      unitLabel: '單位：元',
      rows: rowsFor('registered-factory', {
        consumables: [180_000, 120_000],
        'new-equipment': [420_000, 480_000],
        'equipment-improvement': [600_000, 650_000],
        'commissioned-research': [120_000, 90_000],
        personnel: [null, 300_000],
      }),
      formulas: true,
    },
    {
      file: 'mistake-yuan-without-label.xlsx',
      about: 'amounts in 元 but no unit label: they read as 千元 far above the cap',
      cover: { title: COVER.registered, target: 'lowcarbon' },
      unitLabel: null,
      rows: rowsFor('registered-factory', {
        consumables: [180_000, 120_000],
        'new-equipment': [420_000, 480_000],
        'equipment-improvement': [600_000, 650_000],
        'commissioned-research': [120_000, 90_000],
        personnel: [null, 300_000],
      }),
      formulas: true,
    },
    {
      file: 'mistake-unknown-item.xlsx',
      about: 'a row label that is no accounting item (雜支), table not at A1',
      cover: { title: COVER.upgrade10, target: 'lowcarbon' },
      origin: { row: 2, col: 1 },
      rows: [
        ...rowsFor('upgrade-10plus', {
          consumables: [300, 200],
          'new-equipment': [1500, 1900],
          'equipment-improvement': [1200, 800],
          personnel: [null, 1000],
        }),
        { label: '雜支', gov: null, self: 150 },
      ],
      formulas: true,
    },
    {
      file: 'clean-itemised-equipment.xlsx',
      about: 'itemised: three machines listed under 全新設備之購置費 with a 小計, within every limit',
      cover: { title: COVER.upgrade10, target: 'smart' },
      rows: [
        ...rowsFor('upgrade-10plus', { consumables: [200, 200] }),
        ...itemised('upgrade-10plus', 'new-equipment', [
          ['(1) CNC 綜合加工機', 500, 700],
          ['(2) 三次元量測儀', 350, 450],
          ['(3) 自動倉儲系統', 250, 350],
        ]),
        ...rowsFor('upgrade-10plus', { 'equipment-improvement': [300, 300], personnel: [null, 600] }),
      ],
      formulas: true,
    },
    {
      file: 'mistake-itemised-equipment-over-30.xlsx',
      about: 'itemised: three machines under 全新設備之購置費 whose subsidy sums to 1,500 of 4,000 (37.5 % > 30 %)',
      cover: { title: COVER.upgrade10, target: 'smart' },
      rows: [
        ...rowsFor('upgrade-10plus', { consumables: [100, 100] }),
        ...itemised('upgrade-10plus', 'new-equipment', [
          ['(1) CNC 綜合加工機', 700, 700],
          ['(2) 三次元量測儀', 500, 500],
          ['(3) 自動倉儲系統', 300, 300],
        ]),
        ...rowsFor('upgrade-10plus', { personnel: [null, 800] }),
      ],
      formulas: true,
    },
    {
      file: 'mistake-missing-table.xlsx',
      about: 'a workbook without any 經費預算表',
      cover: { title: COVER.upgrade10, target: 'lowcarbon' },
      noBudget: true,
      rows: [],
      formulas: false,
    },
    {
      file: 'stored-setting-chain-smart.xlsx',
      about: 'saved by the add-in: program chain-smart stored in the workbook settings, no cover sheet',
      settings: { [SETTING_KEYS.program]: 'chain-smart', [SETTING_KEYS.templates]: JSON.stringify(['經費預算表']) },
      rows: rowsFor('chain-smart', {
        consumables: [1000, 800],
        'new-equipment': [5400, 6000],
        'equipment-improvement': [4000, 3600],
        'commissioned-research': [2400, 1600],
        personnel: [null, 2400],
        'domestic-travel': [null, 200],
      }),
      formulas: true,
    },
    ...consortiumSpecs(),
  ];
}

/** Plans of several companies (issue 24): a 總表 and one budget sheet per company. */
function consortiumSpecs(): ExampleSpec[] {
  const chainCompany = (sheet: string, programId: string) =>
    company(sheet, programId, {
      consumables: [300, 300],
      'new-equipment': [600, 900],
      'equipment-improvement': [900, 1000],
      personnel: [null, 300],
      'domestic-travel': [null, 50],
    });
  const plan = (about: string, file: string, cover: ExampleSpec['cover'], companies: { sheet: string; rows: BudgetRow[] }[]): ExampleSpec => ({
    file,
    about,
    cover,
    sheetName: '總表',
    rows: consolidatedRows(companies),
    companies,
    formulas: true,
  });
  const members = (n: number, programId: string) => Array.from({ length: n }, (_, i) => chainCompany(`合作廠商${i + 1}`, programId));
  return [
    plan('以大帶小 低碳化 1 + 3: a 總表 and four company budgets, within every limit', 'clean-chain-lowcarbon-1plus3.xlsx', { title: COVER.chainLowcarbon, target: 'lowcarbon' }, [
      chainCompany('中心廠', 'chain-lowcarbon'),
      ...members(3, 'chain-lowcarbon'),
    ]),
    plan('以大帶小 智慧化 with 5 members where 4 are allowed: member-count', 'mistake-chain-smart-1plus5.xlsx', { title: COVER.chainSmart, target: 'smart' }, [
      chainCompany('中心廠', 'chain-smart'),
      ...members(5, 'chain-smart'),
    ]),
    plan('CITD 研發聯盟 of 4: one member asks 2,400 千元 where each member may get 2,000: company-cap', 'mistake-citd-alliance-member-cap.xlsx', { title: COVER.citdAlliance }, [
      allianceMember('主導業者', 2500, 2600),
      allianceMember('成員甲', 2000, 2100),
      allianceMember('成員乙', 2400, 2500),
      allianceMember('成員丙', 1500, 1600),
    ]),
  ];
}

export async function writeExamples(dir: string, specs = exampleSpecs()): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const spec of specs) {
    const path = join(dir, spec.file);
    await writeFile(path, new Uint8Array(await buildExample(spec)));
    written.push(path);
  }
  return written;
}

/** The examples in the other formats an application arrives in (issue 22): an .ods workbook and two 計畫書. */
export interface DocumentExample {
  file: string;
  about: string;
  build: () => Promise<Buffer>;
}

export function documentExamples(): DocumentExample[] {
  const specs = exampleSpecs();
  const spec = (file: string) => specs.find((s) => s.file === file)!;
  return [
    {
      file: 'mistake-new-equipment-over-30.ods',
      about: 'the new-equipment example saved as OpenDocument (.ods, formulas as of:=[.B4]+[.C4])',
      build: async () => odsBytes(odsBodyFromSnapshot(await readWorkbookBuffer(await buildExample(spec('mistake-new-equipment-over-30.xlsx')))), ODS_STYLES),
    },
    {
      file: 'plan-clean-upgrade-10plus.docx',
      about: 'a Word 計畫書 whose 經費需求 table (amounts typed as text, 單位 in the paragraph above) is within every limit',
      build: () => docxBytes(docxBodyXml(planBlocks(CLEAN_PLAN))),
    },
    {
      file: 'plan-mistake-gov-share-over-50.odt',
      about: 'a Writer 計畫書 asking 54.1 % subsidy: gov-share, placed as 表 2 第 8 列第 2 欄',
      build: () => odtBytes(odtBodyXml(planBlocks(BREACHING_PLAN))),
    },
  ];
}

/** File names the script writes and may remove when stale. */
export const EXAMPLE_EXTENSIONS = /\.(?:xlsx|ods|docx|odt)$/;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = fileURLToPath(new URL('../examples/', import.meta.url));
  // Remove stale examples so a renamed one does not linger.
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (EXAMPLE_EXTENSIONS.test(name)) await rm(join(dir, name));
  }
  const specs = exampleSpecs();
  await writeExamples(dir, specs);
  for (const spec of specs) console.log(`examples/${spec.file}  — ${spec.about}`);
  for (const example of documentExamples()) {
    await writeFile(join(dir, example.file), new Uint8Array(await example.build()));
    console.log(`examples/${example.file}  — ${example.about}`);
  }
}
