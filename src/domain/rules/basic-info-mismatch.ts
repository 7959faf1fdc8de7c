import { parseNumericText } from '../amount';
import type { RawCell } from '../budget';
import type { BudgetSummary } from '../engine';
import { type Fixed, ZERO, comparePercentDistance, format, formatAmount as show, fromNumber, roundedPercent, toNumber } from '../money';
import type { WorkbookRule } from './workbook-rule';

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
const NAMES: Record<BasicInfoField, [string, string]> = { total: ['申請總經費', 'total budget'], gov: ['補助款', 'subsidy'], self: ['自籌款', 'self-funding'] };

/**
 * SPEC §5 `basic-info-mismatch`: 基本資料's 申請總經費, 補助款, 自籌款 and their percentages each compared with the budget
 * table ("申請經費須與經費預算表一致"), a mismatch reported at the cell that holds it.
 */
export const basicInfoMismatch: WorkbookRule<{ basicInfo: BasicInfo; summary: BudgetSummary }> = {
  id: 'basic-info-mismatch',
  severity: 'error',
  title: { 'zh-TW': '基本資料的申請經費與經費預算表不一致', en: '基本資料 disagrees with the budget table' },
  check({ basicInfo, summary: s }, report) {
    const grand = fromNumber(s.grandTotal);
    const parts: Record<BasicInfoField, Fixed> = { total: grand, gov: fromNumber(s.govTotal), self: fromNumber(s.selfTotal) };
    for (const { field, cell, text, holds } of basicInfo.fields) {
      const [zh, en] = NAMES[field];
      const { amount, percent } = holds === 'percent' ? { amount: null, percent: readPercentText(text) } : readBasicInfoText(text);
      const expected = parts[field];
      const expectedPercent = field === 'total' || grand === ZERO ? null : roundedPercent(expected, grand, 1);
      const amountWrong = amount !== null && amount !== expected;
      const percentWrong = percent !== null && expectedPercent !== null && comparePercentDistance(percent, expected, grand, PERCENT_TOLERANCE) > 0;
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
  const p = /([\d.]+)\s*[%％]/.exec(text.slice(m?.[0].length ?? 0));
  return { amount, percent: p ? readPercentText(p[1]) : null };
}

/** A percentage in a cell of its own: "44.4%", "(44.4%)", "千元(44.4%)", 44.4. */
function readPercentText(text: string): Fixed | null {
  const p = /(\d[\d.]*)/.exec(text);
  const n = p ? parseNumericText(p[1]) : null;
  return typeof n === 'bigint' ? n : null;
}
