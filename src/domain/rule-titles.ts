import type { Lang, RuleId } from './findings';
import { BUDGET_RULES, WORKBOOK_RULES } from './rules';
import { basicInfoMismatch } from './rules/basic-info-mismatch';
import { programConflict } from './rules/program-conflict';

/** Titles of the findings that come from outside the rule modules (reading, the program, the benefit tables). */
const OTHER_TITLES: Partial<Record<RuleId, { 'zh-TW': string; en: string }>> = {
  'missing-table': { 'zh-TW': '找不到經費預算表', en: 'No budget table found' },
  'program-unknown': { 'zh-TW': '無法判斷補助計畫別', en: 'The program could not be told' },
  'program-assumed': { 'zh-TW': '補助計畫別為推定', en: 'The program was assumed' },
  'setting-conflict': { 'zh-TW': '活頁簿儲存的設定與內容不符', en: "A stored setting disagrees with the workbook" },
  'no-cached-values': { 'zh-TW': '公式沒有計算結果（未重新計算）', en: 'Formulas without computed values' },
  'sheet-truncated': { 'zh-TW': '工作表只讀取了一部分', en: 'A sheet was read only in part' },
  'unreadable-file': { 'zh-TW': '檔案無法讀取', en: 'The file could not be read' },
  'plan-without-total': { 'zh-TW': '聯合計畫沒有總表（以各公司合計判斷）', en: 'A plan of several companies without a 總表 (judged on their sum)' },
  'economic-benefits-min': { 'zh-TW': '經濟效益項目不足', en: 'Too few economic benefits' },
  'technical-benefits-min': { 'zh-TW': '技術效益項目不足', en: 'Too few technical benefits' },
  'lowcarbon-benefit-required': { 'zh-TW': '低碳化須填減碳效益', en: 'A low-carbon plan needs a carbon benefit' },
  'benefit-percent-mismatch': { 'zh-TW': '效益百分比與前後數值不符', en: 'A benefit percentage disagrees with its before and after' },
  'benefit-outside-typical-range': { 'zh-TW': '效益超出常見範圍', en: 'A benefit outside the usual range' },
  'equipment-sum-mismatch': { 'zh-TW': '設備明細合計與經費預算表不符', en: 'The equipment list disagrees with the budget' },
  'detail-sum-mismatch': { 'zh-TW': '經費明細與經費預算表科目不符', en: 'The cost breakdown disagrees with the budget' },
  'improvement-sum-mismatch': { 'zh-TW': '改善明細合計與經費預算表不符', en: 'The improvement list disagrees with the budget' },
  'commission-sum-mismatch': { 'zh-TW': '委託明細合計與經費預算表不符', en: 'The commission list disagrees with the budget' },
  'commission-contract-required': { 'zh-TW': '委託金額達 15 萬元以上須簽訂契約', en: 'A commission of 150 thousand or more needs a signed contract' },
  'domestic-equipment-share': { 'zh-TW': '國產設備占全新設備購置比例', en: 'Share of domestic equipment in new equipment' },
  'personnel-plan-missing': { 'zh-TW': '編列人事費但沒有投入人力規劃', en: 'Personnel costs without a staffing plan' },
  'person-months-exceeded': { 'zh-TW': '投入人月超過計畫期間', en: 'Person-months beyond the project period' },
};

/** A rule named in words for people (a reviewer's sheet, a report), never by its id. */
export function ruleTitle(rule: RuleId, lang: Lang): string {
  const fromModule = [...BUDGET_RULES, ...WORKBOOK_RULES, basicInfoMismatch, programConflict].find((r) => r.id === rule)?.title;
  const title = fromModule ?? OTHER_TITLES[rule];
  return title ? title[lang] : rule;
}
