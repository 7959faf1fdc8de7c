import { parseNumericText } from '../amount';
import type { RawCell } from '../budget';
import type { BudgetSummary } from '../summary';
import type { CellChange } from '../findings';
import { current, inStoredUnits } from '../fixes';
import { type Fixed, ZERO, comparePercentDistance, format, formatAmount as show, fromNumber, roundedPercent, toDecimalString, toNumber } from '../money';
import { findPercent, groupThousands } from '../scan';
import { runWorkbookRules, type WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';

const isDigitOrPoint = (ch: string) => ch === '.' || (ch >= '0' && ch <= '9');

export type BasicInfoField = 'total' | 'gov' | 'self';

/**
 * 基本資料: 申請總經費 / 補助款 / 自籌款 as typed, one entry per cell: "1,500 千元(44.4%)" holds the amount and maybe
 * its percentage; a cell of its own beside or under the amount ("千元(44.4%)", "44.4%", 44.4) holds only the percentage.
 */
export interface BasicInfo {
  sheet: string;
  fields: { field: BasicInfoField; cell: RawCell; text: string; holds: 'both' | 'percent' }[];
}

const PERCENT_TOLERANCE = fromNumber(0.05);
/** What 基本資料 is compared with: the budget table's totals in 千元. */
export type BasicInfoTotals = Pick<BudgetSummary, 'grandTotal' | 'govTotal' | 'selfTotal'>;
const NAMES: Record<BasicInfoField, [string, string]> = { total: ['申請總經費', 'total budget'], gov: ['補助款', 'subsidy'], self: ['自籌款', 'self-funding'] };

/**
 * SPEC §5 `basic-info-mismatch`: 基本資料's 申請總經費, 補助款, 自籌款 and their percentages each compared with the budget
 * table ("申請經費須與經費預算表一致"), a mismatch reported at the cell that holds it.
 */
export const basicInfoMismatch: WorkbookRule<{ basicInfo: BasicInfo; summary: BasicInfoTotals }> = {
  ...ruleFacts('basic-info-mismatch'),
  check({ basicInfo, summary: s }, report) {
    const grand = fromNumber(s.grandTotal);
    const parts = partsOf(s);
    for (const entry of basicInfo.fields) {
      const { field, cell, text } = entry;
      const [zh, en] = NAMES[field];
      const { amount, percent } = readEntry(entry);
      const expected = parts[field];
      const expectedPercent = field === 'total' || grand === ZERO ? null : roundedPercent(expected, grand, 1);
      const { amountWrong, percentWrong } = judge(entry, s);
      if (!amountWrong && !percentWrong) continue;
      const pct = expectedPercent === null ? null : `${format(expectedPercent, 1)}%`;
      const [shownZh, shownEn] = amountWrong
        ? [`${show(expected)} 千元${pct ? `（${pct}）` : ''}`, `${show(expected)} thousand${pct ? ` (${pct})` : ''}`]
        : [pct!, pct!];
      report.add(cell.loc, report.t(`基本資料「${zh}」為 ${text}，與經費預算表的 ${shownZh} 不一致（申請經費須與經費預算表一致）`, `基本資料 ${en} says ${text}, but the budget table gives ${shownEn}`), {
        expected: toNumber(amountWrong ? expected : expectedPercent!),
        actual: amountWrong ? toNumber(amount!) : toNumber(percent!),
        advice: report.t(`改為 ${shownZh}`, `Change it to ${shownEn}`),
      });
    }
  },
};

/** "3,380" / "1,500千元(44.4%)" / "1500 千元 ( 44.4 % )" / "5,900,000元" → amount in 千元 and the percentage, where present. */
function readBasicInfoText(text: string): { amount: Fixed | null; percent: Fixed | null } {
  const m = /^([\d,.]+)\s*(千元|萬元|元)?/.exec(text);
  let amount: Fixed | null = null;
  if (m) {
    const n = parseNumericText(m[1]);
    if (n !== null && n !== 'blank') amount = m[2] === '元' ? n / 1000n : m[2] === '萬元' ? n * 10n : n;
  }
  const p = findPercent(text.slice(m?.[0].length ?? 0), isDigitOrPoint, isDigitOrPoint);
  return { amount, percent: p ? readPercentText(p[1]) : null };
}

/** A percentage in a cell of its own: "44.4%", "(44.4%)", "千元(44.4%)", 44.4. */
function readPercentText(text: string): Fixed | null {
  const p = /(\d[\d.]*)/.exec(text);
  const n = p ? parseNumericText(p[1]) : null;
  return typeof n === 'bigint' ? n : null;
}

const partsOf = (s: BasicInfoTotals): Record<BasicInfoField, Fixed> => ({ total: fromNumber(s.grandTotal), gov: fromNumber(s.govTotal), self: fromNumber(s.selfTotal) });

/** The amount (千元) and the percentage an entry states, where it states them. */
function readEntry({ text, holds }: BasicInfo['fields'][number]): { amount: Fixed | null; percent: Fixed | null } {
  return holds === 'percent' ? { amount: null, percent: readPercentText(text) } : readBasicInfoText(text);
}

/** Whether an entry's amount and percentage disagree with the budget's totals. */
function judge(entry: BasicInfo['fields'][number], totals: BasicInfoTotals): { amountWrong: boolean; percentWrong: boolean } {
  const parts = partsOf(totals);
  const { amount, percent } = readEntry(entry);
  const expected = parts[entry.field];
  const percentChecked = entry.field !== 'total' && parts.total !== ZERO;
  return {
    amountWrong: amount !== null && amount !== expected,
    percentWrong: percent !== null && percentChecked && comparePercentDistance(percent, expected, parts.total, PERCENT_TOLERANCE) > 0,
  };
}

/**
 * The 基本資料 cells a budget fix must change too: each typed amount or percentage (not a formula, which recomputes)
 * that agreed with the budget before and would not after, rewritten in its own form — "2,500" stays a number with
 * separators, "補助款：2,500千元（42.4%）" keeps its words, 0.424 in a 0.0% cell stays a fraction, an amount said in 元
 * stays in 元. Checked against the rule: null when the cells cannot be rewritten so that it passes.
 */
export function basicInfoFollow(basicInfo: BasicInfo, before: BasicInfoTotals, after: BasicInfoTotals): CellChange[] | null {
  const parts = partsOf(after);
  const changes: CellChange[] = [];
  const fields = basicInfo.fields.map((entry) => {
    if (entry.cell.formula !== null) return entry;
    const was = judge(entry, before);
    const now = judge(entry, after);
    const amountFollows = !was.amountWrong && now.amountWrong;
    const percentFollows = !was.percentWrong && now.percentWrong;
    if (!amountFollows && !percentFollows) return entry;
    const percent = parts.total === ZERO ? null : roundedPercent(parts[entry.field], parts.total, 1);
    const edit: TextEdit = { amount: amountFollows ? parts[entry.field] : null, percent: percentFollows ? percent : null, holds: entry.holds };
    const text = rewriteText(entry.text, edit);
    const value = rewriteValue(entry.cell, entry.text, edit);
    if (text === null || value === null) return null;
    changes.push(inStoredUnits(entry.cell, { ...entry.cell.loc, from: current(entry.cell), to: value }));
    return { ...entry, text, cell: { ...entry.cell, value } };
  });
  if (fields.some((f) => f === null)) return null;
  // Solved against the rule: the rewritten cells pass, and no typed cell that passed before fails now (formulas are
  // left to recompute from the table).
  const key = (f: { sheet: string | null; cell: string | null }) => `${f.sheet}!${f.cell}`;
  const failing = (entries: BasicInfo['fields'], totals: BasicInfoTotals) => {
    const typed = entries.filter((e) => e.cell.formula === null);
    return new Set(runWorkbookRules({ basicInfo: { ...basicInfo, fields: typed }, summary: totals }, 'zh-TW', [basicInfoMismatch]).map(key));
  };
  const failedBefore = failing(basicInfo.fields, before);
  const failsAfter = failing(fields as BasicInfo['fields'], after);
  return [...failsAfter].some((k) => !failedBefore.has(k)) ? null : changes;
}

interface TextEdit {
  /** The new amount in 千元, or null to keep it. */
  amount: Fixed | null;
  /** The new percentage (one decimal), or null to keep it. */
  percent: Fixed | null;
  holds: 'both' | 'percent';
}

const DIGITS = '0-9０-９';
const NUMBER = new RegExp(`[${DIGITS}][${DIGITS},，.．]*`);
const DIGIT = new RegExp(`[${DIGITS}]`);
const PERCENT_RUN = new RegExp(`[${DIGITS}.．]`);
/** `([digit][digit.．]*)(\s*[%％])`, found in linear time. */
const percentNumber = (text: string) => findPercent(text, (ch) => DIGIT.test(ch), (ch) => PERCENT_RUN.test(ch));

/** Text with one number replaced, written as the old one was: full-width digits, thousands separators. */
function replaceNumber(text: string, match: RegExpExecArray, group: number, value: Fixed, decimals: number | null): string {
  const old = match[group];
  const fullWidth = /[０-９]/.test(old);
  const separator = /，/.test(old) ? '，' : /,/.test(old) ? ',' : null;
  let digits = decimals === null ? toDecimalString(value) : format(value, decimals).replace(/,/g, '');
  if (separator) digits = digits.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => sign + groupThousands(int, separator));
  if (fullWidth) digits = digits.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const start = match.index + match[0].indexOf(old);
  return text.slice(0, start) + digits + text.slice(start + old.length);
}

/** The unit an amount text states after its number: 元 ×1000, 萬元 ÷10, else 千元. */
function unitFactor(text: string): { to: (k: Fixed) => Fixed } {
  const m = new RegExp(`${NUMBER.source}\\s*(千元|仟元|萬元|元)?`).exec(text);
  const unit = m?.[1];
  return { to: (k) => (unit === '元' ? k * 1000n : unit === '萬元' ? k / 10n : k) };
}

/** `text` (what the reader saw, or a cell's own text) with the amount and/or percentage replaced; null if not found. */
function rewriteText(text: string, edit: TextEdit): string | null {
  let out = text;
  if (edit.percent !== null) {
    const m = percentNumber(out) ?? (edit.holds === 'percent' ? NUMBER.exec(out) : null);
    if (!m) return null;
    out = replaceNumber(out, m, m.length > 2 ? 1 : 0, edit.percent, 1);
  }
  if (edit.amount !== null) {
    const m = NUMBER.exec(out);
    if (!m) return null;
    out = replaceNumber(out, m, 0, unitFactor(text).to(edit.amount), null);
  }
  return out;
}

/** What the cell should show after the edit: a number stays a number, text is rewritten. */
function rewriteValue(cell: RawCell, readText: string, edit: TextEdit): number | string | null {
  if (typeof cell.value === 'string') return rewriteText(cell.value, edit);
  if (typeof cell.value !== 'number') return null;
  if (edit.holds === 'percent') {
    if (edit.percent === null) return null;
    return cell.percentFormat ? Number((toNumber(edit.percent) / 100).toFixed(4)) : toNumber(edit.percent);
  }
  if (edit.amount === null) return null;
  return toNumber(unitFactor(readText).to(edit.amount));
}
