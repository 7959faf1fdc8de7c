import { toA1 } from '../../src/sheet/grid';
import type { CellSpec, SheetSpec } from './workbook';

/**
 * Sheets of an application as reviewers receive them: a cover (封面) naming the program, the 基本資料 form, the
 * 經費預算表 with the applicant's own labels and subtotals, and the related lists. Every composer is deterministic,
 * so a case can state its expected findings by cell address; the layout of each is documented where it is built.
 */

// ---------------------------------------------------------------------------------------------------------------
// 封面

export const PROGRAM_TITLES = {
  'upgrade-10plus': '經濟部中小及新創企業署 中小企業升級轉型補助計畫 個案補助（製造業10人以上）',
  'upgrade-under10': '經濟部中小及新創企業署 中小企業升級轉型補助計畫 個案補助（製造業9人以下）',
  'chain-lowcarbon': '經濟部 製造業以大帶小低碳化轉型補助計畫（1+10）',
  'chain-smart': '經濟部 製造業以大帶小智慧化轉型補助計畫（1+4）',
  'registered-factory': '經濟部 納管工廠低碳及智慧化基礎轉型個案補助計畫',
} as const;

/**
 * Sheet 封面: A1 the year line, A2 the program title (the statement a reviewer reads first), A4 計畫名稱, A5 申請單位,
 * A7 the date. `title` is the program line as the applicant typed it.
 */
export function cover(title: string, opts: { project?: string; company?: string; name?: string } = {}): SheetSpec {
  return {
    name: opts.name ?? '封面',
    cells: {
      A1: '115年度',
      A2: title,
      A4: `計畫名稱：${opts.project ?? '精密零件產線智慧化升級計畫'}`,
      A5: `申請單位：${opts.company ?? '宏昌精密工業股份有限公司'}`,
      A7: '中華民國115年3月',
    },
    merges: ['A2:H2'],
    widths: { A: 20 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 基本資料

export interface BasicAmounts {
  total: CellSpec;
  gov: CellSpec;
  self: CellSpec;
  /** Shown percentages (44.4); omitted = not typed. */
  govPct?: number;
  selfPct?: number;
}

/**
 * How the applicant filled the 申請總經費 line of 基本資料 (always from row 10 of the sheet):
 * * `same-row`: A10 申請總經費 | B10 total | C10 千元 | D10 補助款 | E10 gov | F10 千元(44.4%) | G10 自籌款 | H10 self | I10 千元(55.6%)
 * * `vertical`: A10/A11/A12 labels 申請總經費 / 補助款 / 自籌款, B amounts, C 千元, D percentages as typed (44.4%)
 * * `label-above`: row 10 the form's labels (申請總經費 千元 | 補助款 千元(%) | 自籌款 千元(%)) in A/B/C, row 11 the
 *   amounts, row 12 the percentages ("(44.4%)")
 * * `form-labels`: the form's labels in A10/A11/A12 (申請總經費 千元, 補助款 千元(%), 自籌款 千元(%)), amounts in B,
 *   percentages as numbers in C
 * * `in-cell`: the value typed into the label cell, A10 "申請總經費：3,380千元", A11 "補助款：1,500千元（44.4%）", A12 …
 */
export type BasicInfoLayout = 'same-row' | 'vertical' | 'label-above' | 'form-labels' | 'in-cell';

const shownAmount = (v: CellSpec): string =>
  typeof v === 'number' ? v.toLocaleString('en-US') : v !== null && typeof v === 'object' ? shownAmount(v.v ?? null) : (v ?? '');

export function basicInfo(
  layout: BasicInfoLayout,
  amounts: BasicAmounts,
  opts: { target?: 'lowcarbon' | 'smart' | null; program?: string; name?: string } = {},
): SheetSpec {
  const tick = (t: 'lowcarbon' | 'smart') => (opts.target === t ? '■' : '□');
  const cells: Record<string, CellSpec> = {
    A1: '基本資料暨同意聲明',
    A2: '一、計畫基本資料',
    A3: '計畫名稱',
    B3: '精密零件產線智慧化升級計畫',
    A4: '計畫期間',
    B4: '自115年7月1日至116年6月30日（計12個月）',
    A5: '補助標的',
    B5: `${tick('lowcarbon')}低碳化　${tick('smart')}智慧化`,
    A6: '計畫主持人',
    B6: '公司電話',
    C6: '04-2359-1234#201',
    A7: '計畫聯絡人',
    B7: '電子信箱',
    C7: 'pm@hongchang.com.tw',
    A13: '二、業者基本資料',
    A14: '業者名稱',
    B14: '宏昌精密工業股份有限公司',
    A15: '實收資本額',
    B15: '12,000千元',
  };
  if (opts.program) {
    cells.A8 = '申請計畫別';
    cells.B8 = opts.program;
  }
  const pct = (p: number | undefined) => (p === undefined ? '' : `${p.toFixed(1)}%`);
  const { total, gov, self, govPct, selfPct } = amounts;
  switch (layout) {
    case 'same-row':
      Object.assign(cells, {
        A10: '申請總經費',
        B10: total,
        C10: '千元',
        D10: '補助款',
        E10: gov,
        F10: govPct === undefined ? '千元' : `千元(${pct(govPct)})`,
        G10: '自籌款',
        H10: self,
        I10: selfPct === undefined ? '千元' : `千元(${pct(selfPct)})`,
      });
      break;
    case 'vertical':
      Object.assign(cells, {
        A10: '申請總經費',
        B10: total,
        C10: '千元',
        A11: '補助款',
        B11: gov,
        C11: '千元',
        D11: pct(govPct) || null,
        A12: '自籌款',
        B12: self,
        C12: '千元',
        D12: pct(selfPct) || null,
      });
      break;
    case 'label-above':
      Object.assign(cells, {
        A10: '申請總經費 千元',
        B10: '補助款 千元(%)',
        C10: '自籌款 千元(%)',
        A11: total,
        B11: gov,
        C11: self,
        B12: govPct === undefined ? null : `(${pct(govPct)})`,
        C12: selfPct === undefined ? null : `(${pct(selfPct)})`,
      });
      break;
    case 'form-labels':
      Object.assign(cells, {
        A10: '申請總經費 千元',
        B10: total,
        A11: '補助款 千元(%)',
        B11: gov,
        C11: govPct ?? null,
        A12: '自籌款 千元(%)',
        B12: self,
        C12: selfPct ?? null,
      });
      break;
    case 'in-cell':
      Object.assign(cells, {
        A10: `申請總經費：${shownAmount(total)}千元`,
        A11: `補助款：${shownAmount(gov)}千元${govPct === undefined ? '' : `（${pct(govPct)}）`}`,
        A12: `自籌款：${shownAmount(self)}千元${selfPct === undefined ? '' : `（${pct(selfPct)}）`}`,
      });
      break;
  }
  return { name: opts.name ?? '基本資料', cells, widths: { A: 16, B: 16, C: 16 } };
}

// ---------------------------------------------------------------------------------------------------------------
// 經費預算表

export type Typed = number | string | null;

/** One line of the budget table, top to bottom. */
export type BudgetLine =
  | { label: string; gov: Typed; self: Typed }
  /** A subtotal of the item lines since the previous subtotal (or the header); '' leaves its label blank. */
  | { subtotal: string }
  /** A line inside the table with text only (a group heading such as 一、資本支出). */
  | { heading: string }
  | { blank: true };

export interface BudgetOptions {
  name?: string;
  /** The unit label in E2; null writes none. Default 金額單位：千元. */
  unit?: string | null;
  /**
   * How the computed cells (合計 column, 合計 row, percentages) are filled: `formulas` with cached results (a file
   * Excel saved), `uncached` formulas (a file a script wrote), or `typed` numbers.
   */
  totals?: 'formulas' | 'uncached' | 'typed';
  /** The 合計 row also adds the subtotal rows (counts them twice). */
  totalCountsSubtotals?: boolean;
  /** Amounts are stored ×1000 (元) and shown in 千元 through this number format ("#,##0,"). */
  scaledFormat?: string;
  /** Notes under the table; default the two template notes. */
  notes?: string[];
  percentColumn?: boolean;
}

export interface BudgetLayout {
  sheet: SheetSpec;
  /** Row numbers (1-based) of each line, the 合計 row and the 百分比 row, for cases that patch cells. */
  lineRows: number[];
  totalRow: number;
  percentRow: number;
}

const AMOUNT = '#,##0';
const PERCENT = '0.0';

const amountOf = (v: Typed): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v.replace(/[,，\s]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
};

/** Excel's ROUND(x*100/total, 1) for whole amounts, exactly (half away from zero). */
export function percent1(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.floor((2 * part * 1000 + whole) / (2 * whole)) / 10;
}

/**
 * Sheet 經費預算表: A1 title, E2 unit label, row 3 header (會計科目 | 政府補助款 | 業者自籌款 | 合計 | 各科目補助比例(%)),
 * lines from row 4 in order, then 合計 and 百分比(%), then the notes.
 */
export function budget(lines: BudgetLine[], opts: BudgetOptions = {}): BudgetLayout {
  const totals = opts.totals ?? 'formulas';
  const scale = opts.scaledFormat ? 1000 : 1;
  const amountFormat = opts.scaledFormat ?? AMOUNT;
  const withPercent = opts.percentColumn ?? true;
  const cells: Record<string, CellSpec> = {
    A1: '經費預算表',
    A3: '會計科目',
    B3: '政府補助款',
    C3: '業者自籌款',
    D3: '合計',
  };
  if (opts.unit !== null) cells[withPercent ? 'E2' : 'D2'] = opts.unit ?? '金額單位：千元';
  if (withPercent) cells.E3 = '各科目補助比例(%)';

  const first = 4;
  const lineRows = lines.map((_, i) => first + i);
  const totalRow = first + lines.length;
  const percentRow = totalRow + 1;
  const rowTotal = lines.map(() => 0);
  const gov = lines.map(() => 0);
  const self = lines.map(() => 0);
  const itemRows: number[] = [];
  const subtotalRows: number[] = [];
  let groupStart = 0;
  lines.forEach((line, i) => {
    if ('label' in line) {
      gov[i] = amountOf(line.gov);
      self[i] = amountOf(line.self);
      rowTotal[i] = gov[i] + self[i];
      itemRows.push(i);
    } else if ('subtotal' in line) {
      for (let j = groupStart; j < i; j++) {
        if (!('label' in lines[j])) continue;
        gov[i] += gov[j];
        self[i] += self[j];
      }
      rowTotal[i] = gov[i] + self[i];
      subtotalRows.push(i);
      groupStart = i + 1;
    }
  });
  const summed = opts.totalCountsSubtotals ? [...itemRows, ...subtotalRows] : itemRows;
  const govTotal = summed.reduce((s, i) => s + gov[i], 0);
  const selfTotal = summed.reduce((s, i) => s + self[i], 0);
  const grand = govTotal + selfTotal;

  /** A computed cell: formula with (or without) its result, or the typed number. */
  const computed = (formula: string, result: number | '', fmt: string): CellSpec =>
    totals === 'typed' ? (result === '' ? null : { v: result, fmt }) : totals === 'uncached' ? { f: formula, fmt } : { f: formula, v: result, fmt };
  /** What ROUND(part*100/total, 1) shows; the template's IF(total=0,"",…) leaves it blank for an empty table. */
  const shownPercent = (part: number): number | '' => (grand === 0 ? '' : percent1(part, grand));
  const pctFormula = (a1: string) => `IF($D$${totalRow}=0,"",ROUND(${a1}*100/$D$${totalRow},1))`;
  const typedAmount = (v: Typed): CellSpec => (typeof v === 'number' ? { v: v * scale, fmt: amountFormat } : v);

  lines.forEach((line, i) => {
    const r = lineRows[i];
    if ('blank' in line) return;
    if ('heading' in line) {
      cells[`A${r}`] = line.heading;
      return;
    }
    if ('label' in line) {
      cells[`A${r}`] = line.label;
      cells[`B${r}`] = typedAmount(line.gov);
      cells[`C${r}`] = typedAmount(line.self);
    } else {
      cells[`A${r}`] = line.subtotal || null;
      let start = i;
      while (start > 0 && !('subtotal' in lines[start - 1])) start--;
      const from = lineRows[start];
      cells[`B${r}`] = computed(`SUM(B${from}:B${r - 1})`, gov[i] * scale, amountFormat);
      cells[`C${r}`] = computed(`SUM(C${from}:C${r - 1})`, self[i] * scale, amountFormat);
    }
    cells[`D${r}`] = computed(`B${r}+C${r}`, rowTotal[i] * scale, amountFormat);
    if (withPercent) cells[`E${r}`] = computed(pctFormula(`D${r}`), shownPercent(rowTotal[i]), PERCENT);
  });

  const sumList = (col: string) => `SUM(${summed.map((i) => `${col}${lineRows[i]}`).join(',')})`;
  cells[`A${totalRow}`] = '合計';
  cells[`B${totalRow}`] = computed(sumList('B'), govTotal * scale, amountFormat);
  cells[`C${totalRow}`] = computed(sumList('C'), selfTotal * scale, amountFormat);
  cells[`D${totalRow}`] = computed(sumList('D'), grand * scale, amountFormat);
  cells[`A${percentRow}`] = '百分比(%)';
  cells[`B${percentRow}`] = computed(`IF(D${totalRow}=0,"",ROUND(B${totalRow}*100/D${totalRow},1))`, shownPercent(govTotal), PERCENT);
  cells[`C${percentRow}`] = computed(`IF(D${totalRow}=0,"",ROUND(C${totalRow}*100/D${totalRow},1))`, shownPercent(selfTotal), PERCENT);
  cells[`D${percentRow}`] = computed(`IF(D${totalRow}=0,"",ROUND(D${totalRow}*100/D${totalRow},1))`, grand === 0 ? '' : 100, PERCENT);

  const notes = opts.notes ?? ['註1：全新設備之購置費以總經費30%為上限', '註2：委託研究或驗證費以總經費40%為上限'];
  notes.forEach((note, i) => {
    cells[`A${percentRow + 1 + i}`] = note;
  });
  return {
    sheet: { name: opts.name ?? '經費預算表', cells, merges: ['A1:E1'], widths: { A: 30, B: 12, C: 12, D: 12, E: 14 } },
    lineRows,
    totalRow,
    percentRow,
  };
}

/** The totals a budget's lines add up to (items only), for writing 基本資料 that agrees with it. */
export function totalsOf(lines: BudgetLine[]): { total: number; gov: number; self: number; govPct: number; selfPct: number } {
  let gov = 0;
  let self = 0;
  for (const line of lines) {
    if (!('label' in line)) continue;
    gov += amountOf(line.gov);
    self += amountOf(line.self);
  }
  const total = gov + self;
  return { total, gov, self, govPct: percent1(gov, total), selfPct: percent1(self, total) };
}

// ---------------------------------------------------------------------------------------------------------------
// Related lists (參、設備購置或改善規劃; 投入人力規劃; 委託研究及驗證單位規劃), one sheet

export interface PlanLists {
  /** 設備名稱(含品牌、型號) | 用途/規格 | 預估費用(不含稅) | 採購對象/產地, amounts in 千元. */
  newEquipment?: [string, string, number, string][];
  /** 設備名稱 | 改善重點 | 預估費用(不含稅) | 委託對象 */
  improvement?: [string, string, number, string][];
  /** 姓名/職稱 | 專長/經歷 | 工作內容 | 投入人月 */
  personnel?: [string, string, string, number][];
  /** 委託單位(全名) | 委託內容 | 合作金額(不含稅) */
  commissions?: [string, string, number][];
}

/** Sheet 計畫內容: each list under its heading, a blank row between lists, no totals (as most applicants leave them). */
export function planLists(lists: PlanLists, name = '計畫內容'): SheetSpec {
  const cells: Record<string, CellSpec> = {};
  let r = 1;
  const put = (row: (string | number)[]) => {
    row.forEach((v, c) => {
      cells[toA1(r - 1, c)] = v;
    });
    r++;
  };
  const section = (heading: string, header: string[], rows: (string | number)[][]) => {
    put([heading]);
    put(header);
    rows.forEach(put);
    r += 2;
  };
  if (lists.newEquipment) section('一、全新設備購置', ['設備名稱(含品牌、型號)', '用途/規格', '預估費用(不含稅)(千元)', '採購對象/產地'], lists.newEquipment);
  if (lists.improvement) section('二、既有設備改善', ['設備名稱', '改善重點', '預估費用(不含稅)(千元)', '委託對象'], lists.improvement);
  if (lists.personnel) section('投入人力規劃', ['姓名/職稱', '專長/經歷', '工作內容', '投入人月'], lists.personnel);
  if (lists.commissions) section('委託研究及驗證單位規劃', ['委託單位(全名)', '委託內容', '合作金額(不含稅)(千元)'], lists.commissions);
  return { name, cells, widths: { A: 28, B: 24, C: 18, D: 16 } };
}
