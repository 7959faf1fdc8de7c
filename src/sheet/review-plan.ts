import { fromA1 } from '../domain/a1';
import type { BudgetSummary } from '../domain/summary';
import { t, SEVERITY_ORDER, type Finding, type Lang, type Severity } from '../domain/findings';
import { findProgram, type Target } from '../domain/programs';
import { ruleTitle } from '../domain/rule-titles';
import { Grid, SETTING_KEYS, type WorkbookSnapshot } from './grid';
import { readReviewSetting, withoutReviewSheet, type ReviewSetting } from './review-setting';
import { formula, num, text, type CellContent, type Plan, type PlanOp } from './plan';

export { readReviewSetting, withoutReviewSheet } from './review-setting';

/**
 * The 審查意見 (review) sheet a program office fills in per application: the budget summary, the scoring grid with the
 * official weights (合理性 30 %, 可行性 30 %, 效益性 40 %; reviewers type 0–100, the weighted total is a live formula),
 * the findings with links to their cells, and a comments column. Created on request on a new sheet, never over an
 * existing one; run again, it rewrites only the cells it owns and still holds what it last wrote — never the
 * reviewer's scores or comments, nor a cell the reviewer has changed.
 */

export const REVIEW_SHEET = '審查意見';

/** The official scoring parts and weights. */
export const REVIEW_WEIGHTS = [
  { part: { 'zh-TW': '合理性', en: 'Reasonableness' }, weight: 0.3 },
  { part: { 'zh-TW': '可行性', en: 'Feasibility' }, weight: 0.3 },
  { part: { 'zh-TW': '效益性', en: 'Benefit' }, weight: 0.4 },
] as const;

/** Fixed cells of the layout (A1 on the review sheet). */
export const REVIEW_LAYOUT = {
  scoreRows: [12, 13, 14], // rows of 合理性 / 可行性 / 效益性 (1-based)
  scoreColumn: 'C',
  weightColumn: 'B',
  weightedColumn: 'D',
  totalCell: 'D15',
  findingsHeaderRow: 18,
  commentColumn: 'E',
  /** The application named at the top, beside the summary: labels in D, values in E. */
  header: { file: 'E3', program: 'E4', target: 'E5', date: 'E6', reviewer: 'E7' },
} as const;

/** What the sheet names at its top besides the budget: the check's program and 補助標的, the file and today's date. */
export interface ReviewHeader {
  program?: string | null;
  target?: Target | null;
  /** The workbook's file name; null when unsaved or the host cannot say. */
  file?: string | null;
  /** The review's date as written (yyyy-mm-dd), on creation; the reviewer may change it. */
  date?: string;
}

const TARGET_WORDS: Record<Lang, Record<Target, string>> = {
  'zh-TW': { lowcarbon: '低碳化', smart: '智慧化' },
  en: { lowcarbon: 'Low-carbon', smart: 'Smart' },
};

/** A string literal inside a formula: the text can never become formula syntax. */
const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** `=HYPERLINK("#'經費預算表'!B8","經費預算表!B8")`: a click in Excel goes to the finding's cell. */
function linkTo(finding: Finding): CellContent {
  if (!finding.sheet) return text('');
  const target = `'${finding.sheet.replace(/'/g, "''")}'${finding.cell ? `!${finding.cell}` : '!A1'}`;
  const label = finding.cell ? `${finding.sheet}!${finding.cell}` : finding.sheet;
  return formula(`=HYPERLINK(${literal(`#${target}`)},${literal(label)})`);
}

const SEVERITY_WORDS: Record<Lang, Record<Severity, string>> = {
  'zh-TW': { error: '錯誤', warning: '警告', info: '提示' },
  en: { error: 'Error', warning: 'Warning', info: 'Info' },
};

/** Every cell the sheet owns with its content, in writing order. Reviewer cells (scores, comments) are not among them. */
function desiredCells(findings: readonly Finding[], budget: BudgetSummary | null, lang: Lang, previousRows: number, header: ReviewHeader): { cell: string; content: CellContent }[] {
  const tr = (zh: string, en: string) => t(lang, zh, en);
  const L = REVIEW_LAYOUT;
  const out: { cell: string; content: CellContent }[] = [];
  const put = (cell: string, content: CellContent) => out.push({ cell, content });
  put('A1', text(tr('審查意見', 'Review')));
  put('A3', text(tr('一、經費預算摘要（千元）', '1. Budget summary (NT$ thousand)')));
  const amounts: [string, number | null][] = [
    [tr('總經費', 'Total'), budget?.grandTotal ?? null],
    [tr('政府補助款', 'Subsidy'), budget?.govTotal ?? null],
    [tr('業者自籌款', 'Self-funded'), budget?.selfTotal ?? null],
    [tr('補助比例(%)', 'Subsidy share (%)'), budget?.govSharePercent ?? null],
  ];
  amounts.forEach(([label, value], i) => {
    put(`A${4 + i}`, text(label));
    put(`B${4 + i}`, value === null ? text(tr('（找不到經費預算表）', '(no budget table)')) : num(value));
  });
  // The application at the top: the tool's cells, updated on every run (the date and reviewer are the reviewer's).
  const H = L.header;
  const program = header.program ? findProgram(header.program) : undefined;
  put('D3', text(tr('檔名', 'File')));
  put(H.file, text(header.file ?? tr('（尚未存檔）', '(not saved yet)')));
  put('D4', text(tr('計畫別', 'Program')));
  put(H.program, text(program ? program.name[lang] : tr('（無法判斷）', '(unknown)')));
  put('D5', text(tr('補助標的', 'Target')));
  put(H.target, text(header.target ? TARGET_WORDS[lang][header.target] : tr('（未指定）', '(not given)')));
  put('D6', text(tr('審查日期', 'Review date')));
  put('D7', text(tr('審查人', 'Reviewer')));
  put('A10', text(tr('二、評分（每項 0–100 分）', '2. Scores (0–100 each)')));
  put('A11', text(tr('審查項目', 'Part')));
  put('B11', text(tr('權重', 'Weight')));
  put('C11', text(tr('分數', 'Score')));
  put('D11', text(tr('加權分數', 'Weighted')));
  REVIEW_WEIGHTS.forEach((w, i) => {
    const row = L.scoreRows[i];
    put(`A${row}`, text(w.part[lang]));
    put(`B${row}`, num(w.weight));
    put(`D${row}`, formula(`=IF(C${row}="","",B${row}*C${row})`));
  });
  const [first, , last] = L.scoreRows;
  put(`A${last + 1}`, text(tr('加權總分', 'Weighted total')));
  put(`B${last + 1}`, formula(`=SUM(B${first}:B${last})`));
  // Blank until all three scores are in: a partial sum would read as a failing score.
  put(L.totalCell, formula(`=IF(COUNT(C${first}:C${last})<3,"",SUMPRODUCT(B${first}:B${last},C${first}:C${last}))`));
  put('A17', text(tr('三、檢查結果', '3. Findings')));
  const h = L.findingsHeaderRow;
  put(`A${h}`, text(tr('嚴重度', 'Severity')));
  put(`B${h}`, text(tr('儲存格', 'Cell')));
  put(`C${h}`, text(tr('說明', 'Message')));
  put(`D${h}`, text(tr('規則', 'Rule')));
  put(`${L.commentColumn}${h}`, text(tr('審查意見', 'Reviewer comments')));
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  sorted.forEach((f, i) => {
    const row = h + 1 + i;
    put(`A${row}`, text(SEVERITY_WORDS[lang][f.severity]));
    put(`B${row}`, f.sheet ? linkTo(f) : text(tr('（整本活頁簿）', '(whole workbook)')));
    put(`C${row}`, text(f.message));
    put(`D${row}`, text(ruleTitle(f.rule, lang)));
  });
  if (sorted.length === 0) put(`C${h + 1}`, text(tr('沒有發現問題', 'No findings')));
  // Rows the previous run filled that this run does not: cleared (when still ours).
  const used = Math.max(sorted.length, 1);
  for (let i = used; i < previousRows; i++) for (const col of ['A', 'B', 'C', 'D']) put(`${col}${h + 1 + i}`, { kind: 'blank' });
  return out;
}

const asStored = (c: CellContent): string | number | null =>
  c.kind === 'number' ? c.value : c.kind === 'text' ? c.text : c.kind === 'formula' ? c.formula : null;

/** A free sheet name: 審查意見, else 審查意見 (2), (3) … */
function freeName(snapshot: WorkbookSnapshot): string {
  const taken = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(REVIEW_SHEET)) return REVIEW_SHEET;
  for (let n = 2; ; n++) if (!taken.has(`${REVIEW_SHEET} (${n})`)) return `${REVIEW_SHEET} (${n})`;
}

export interface ReviewPlan {
  plan: Plan;
  sheet: string;
  /** True when the sheet is created; false when an existing review sheet is updated. */
  created: boolean;
  /** Cells the plan left alone because the reviewer changed them since the add-in wrote them. */
  kept: string[];
}

export function buildReviewSheetPlan(
  snapshot: WorkbookSnapshot,
  check: { findings: readonly Finding[]; budget: BudgetSummary | null },
  lang: Lang = 'zh-TW',
  header: ReviewHeader = {},
): ReviewPlan {
  const stored = readReviewSetting(snapshot);
  // Only a sheet that holds no budget table: a stored setting naming the application's own sheet must not get it rewritten.
  const left = withoutReviewSheet(snapshot).left;
  const existing = stored && left ? snapshot.sheets.find((s) => s.name === left) : undefined;
  const sheet = existing ? existing.name : freeName(snapshot);
  const previous = existing && stored ? stored.written : {};
  const grid = existing ? new Grid(existing) : null;
  const h = REVIEW_LAYOUT.findingsHeaderRow;
  const previousRows = Object.keys(previous).filter((a1) => a1.startsWith('C') && fromA1(a1).row + 1 > h).length;

  const ops: PlanOp[] = existing ? [] : [{ op: 'addSheet', sheet }];
  const written: ReviewSetting['written'] = {};
  const kept: string[] = [];
  for (const { cell, content } of desiredCells(check.findings, check.budget, lang, previousRows, header)) {
    const proposed = asStored(content);
    if (grid) {
      const { row, col } = fromA1(cell);
      const current = grid.formula(row, col) ?? grid.value(row, col);
      const same = current === proposed || (current !== null && proposed !== null && String(current) === String(proposed));
      if (same) {
        if (proposed !== null) written[cell] = proposed;
        continue;
      }
      const ours = current === null || (cell in previous && String(previous[cell]) === String(current));
      if (!ours) {
        kept.push(cell);
        continue;
      }
    }
    ops.push({ op: 'write', sheet, cell, content });
    if (proposed !== null) written[cell] = proposed;
  }

  if (!existing) {
    const L = REVIEW_LAYOUT;
    // The date of the review, once: the reviewer's from then on (a re-run never moves it).
    if (header.date) ops.push({ op: 'write', sheet, cell: L.header.date, content: text(header.date) });
    const [first, , last] = L.scoreRows;
    const scores = `${L.scoreColumn}${first}:${L.scoreColumn}${last}`;
    ops.push(
      { op: 'format', sheet, range: 'A1', format: { bold: true, fontSize: 14 } },
      { op: 'format', sheet, range: 'A3', format: { bold: true } },
      { op: 'format', sheet, range: 'A10', format: { bold: true } },
      { op: 'format', sheet, range: 'A17', format: { bold: true } },
      { op: 'format', sheet, range: 'B4:B6', format: { numberFormat: '#,##0' } },
      { op: 'format', sheet, range: 'B7', format: { numberFormat: '0.0' } },
      { op: 'format', sheet, range: `A11:D${last + 1}`, format: { border: { style: 'thin', color: '#A6A6A6' } } },
      { op: 'format', sheet, range: 'A11:D11', format: { bold: true, fill: '#F2F2F2' } },
      { op: 'format', sheet, range: `B${first}:B${last + 1}`, format: { numberFormat: '0%' } },
      { op: 'format', sheet, range: scores, format: { fill: '#FFF9E0' } },
      { op: 'format', sheet, range: `${L.header.date}:${L.header.reviewer}`, format: { fill: '#FFF9E0' } },
      { op: 'format', sheet, range: 'D3:D7', format: { bold: true } },
      { op: 'format', sheet, range: `D${first}:D${last + 1}`, format: { numberFormat: '0.0' } },
      { op: 'format', sheet, range: `A${last + 1}:D${last + 1}`, format: { bold: true } },
      { op: 'format', sheet, range: `A${h}:E${h}`, format: { bold: true, fill: '#F2F2F2' } },
      { op: 'columnWidth', sheet, column: 'A', width: 16 },
      { op: 'columnWidth', sheet, column: 'B', width: 20 },
      { op: 'columnWidth', sheet, column: 'C', width: 60 },
      { op: 'columnWidth', sheet, column: 'D', width: 30 },
      { op: 'columnWidth', sheet, column: 'E', width: 40 },
      {
        op: 'validation',
        sheet,
        range: scores,
        rule: { type: 'wholeNumber', min: 0, max: 100 },
        error: { title: t(lang, '分數', 'Score'), message: t(lang, '請輸入 0 到 100 的整數分數', 'Enter a whole score from 0 to 100') },
      },
    );
  }
  ops.push({ op: 'setting', key: SETTING_KEYS.review, value: JSON.stringify({ version: 1, sheet, written } satisfies ReviewSetting) });
  if (!existing) ops.push({ op: 'activate', sheet, cell: `${REVIEW_LAYOUT.scoreColumn}${REVIEW_LAYOUT.scoreRows[0]}` });
  const writes = ops.filter((o) => o.op === 'write').length;
  const title = existing
    ? t(lang, `更新「${sheet}」工作表（${writes} 格）`, `Update the sheet "${sheet}" (${writes} cells)`)
    : t(lang, `新增「${sheet}」工作表`, `Add the sheet "${sheet}"`);
  return { plan: { title, ops }, sheet, created: !existing, kept };
}
