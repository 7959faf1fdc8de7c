/**
 * The rule catalogue: every rule id the checker reports, once, with its severity, what kind of rule it is, its title in
 * both languages, when it fires (the README's rule table is generated from this: `npm run rule-table`) and, where the
 * rule comes from a brochure rather than from arithmetic, its citation. `RuleId` is derived from it, so a finding can
 * only carry a catalogued id, and `finding()` / `ruleFacts()` take the severity from here: a rule never reports at
 * another severity (except a program limit stated 為原則, reported as a warning).
 *
 * Where each kind is checked:
 * - `budget`, `hygiene`: one module per rule in this folder, listed in `BUDGET_RULES` (index.ts), run per table;
 * - `workbook`: modules in `WORKBOOK_RULES`, run once per workbook over every table's model;
 * - `statement`: modules run over what the sheet layer read outside the tables (program statements, 基本資料);
 * - `cross-table`: domain/cross-checks.ts (the form's lists against the budget);
 * - `benefit`: domain/benefits/rules.ts (the 預期效益 tables);
 * - `reading`: sheet/reading-notes.ts (what the file reader could not give);
 * - `checker`: the checker's own notices (sheet/check.ts, domain/engine.ts, cli/check-one.ts).
 *
 * This module imports no rule module (they import it), so findings.ts can derive `RuleId` without an import circle.
 */
import type { Citation, Localized } from '../programs/schema';
import { SEED_001, SEED_004 } from '../sources';

export type Severity = 'error' | 'warning' | 'info';

export type RuleKind = 'budget' | 'hygiene' | 'workbook' | 'statement' | 'cross-table' | 'benefit' | 'reading' | 'checker';

export interface RuleEntry {
  id: string;
  severity: Severity;
  kind: RuleKind;
  title: Localized;
  /** When the rule fires, in English (the README's rule table). */
  firesWhen: string;
  /** Where the rule comes from, when it is one fixed quote (program limits cite the program's own rule set instead). */
  citation?: Citation;
}

export const RULE_CATALOGUE = [
  {
    id: 'not-a-number',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '金額欄位不是數字', en: 'An amount cell is not a number' },
    firesWhen: "an amount cell holds text that is no number",
  },
  {
    id: 'number-as-text',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '金額以文字輸入', en: 'An amount is typed as text' },
    firesWhen: "an amount is text that reads as a number (\"1,200\", \"１２００\")",
  },
  {
    id: 'negative-amount',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '金額為負數', en: 'An amount is negative' },
    firesWhen: "a 政府補助款 or 業者自籌款 is below 0",
  },
  {
    id: 'fractional-amount',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '金額含不足千元的小數', en: 'An amount has a fraction of NT$ thousand' },
    firesWhen: "an amount has a fraction of 千元",
  },
  {
    id: 'empty-budget',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '經費預算表沒有任何金額', en: 'The budget table has no amounts' },
    firesWhen: "the table has no amounts at all (all blank or 0)",
  },
  {
    id: 'unread-row',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '表內有未計入的金額列', en: 'A row with amounts the checker could not place' },
    firesWhen: "a row inside the table holds amounts but is neither an item, a subtotal nor the 合計 (e.g. below the 合計, or a note with numbers): not counted, so reported",
  },
  {
    id: 'item-label-variant',
    severity: 'info',
    kind: 'budget',
    title: { 'zh-TW': '科目名稱與官方用語不同，已按官方科目檢查', en: 'An item under another wording, checked as the official item' },
    firesWhen: "a row read as an official item under another wording (人事費用, 委託研究/驗證費, 人員費 — normalised, a synonym in `programs/synonyms.ts`, or a near spelling); it keeps every rule of that item",
  },
  {
    id: 'unknown-item',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '非本計畫會計科目', en: 'A row is not one of the program’s accounting items' },
    firesWhen: "a row label is not one of the program's items, after normalisation, synonyms and near-match",
  },
  {
    id: 'row-total-mismatch',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '列合計不等於補助款加自籌款', en: 'A row total is not subsidy + self-funded' },
    firesWhen: "a row's 合計 ≠ gov + self",
  },
  {
    id: 'column-total-mismatch',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '合計列不等於該欄加總', en: 'A column total is not the sum of its column' },
    firesWhen: "a 合計-row or 小計-row cell ≠ the sum of the item rows it covers",
  },
  {
    id: 'subtotal-double-counted',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '合計重複計入小計', en: 'The total counts a subtotal twice' },
    firesWhen: "a 合計 cell counts a 小計 together with the rows it sums",
  },
  {
    id: 'percent-mismatch',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '百分比與實際占比不符', en: 'A percentage is not the rounded share' },
    firesWhen: "a percentage is more than 0.05 from the exact share (several in one table: one finding listing the cells)",
  },
  {
    id: 'hardcoded-total',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '合計或百分比為手動輸入的數字', en: 'A total or percentage is a typed number' },
    firesWhen: "a 合計 or percentage cell is a typed constant where the workbook uses formulas (several in one table: one finding listing the cells)",
  },
  {
    id: 'unit-suspect',
    severity: 'warning',
    kind: 'budget',
    title: { 'zh-TW': '金額疑似以元填寫', en: 'The amounts look like NT$, not NT$ thousand' },
    firesWhen: "no unit label and the amounts look like 元",
  },
  {
    id: 'gov-share',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '政府補助款超過總經費比例上限', en: 'The subsidy exceeds its share of the total' },
    firesWhen: "gov total > 50 % of the grand total",
  },
  {
    id: 'gov-cap',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '政府補助款超過計畫補助上限', en: 'The subsidy exceeds the program cap' },
    firesWhen: "gov total > the program's cap (also a cap per track, or under a condition on the applicant)",
  },
  {
    id: 'self-share',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '業者自籌款低於計畫規定下限', en: 'Self-funding is below the program minimum' },
    firesWhen: "業者自籌款 below the program's minimum (a share such as 2/3 or 50 % 以上, or an amount), where it is not just the complement of the share limit",
  },
  {
    id: 'fixed-split',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '補助款與自籌款比例不符計畫規定', en: 'The split of subsidy and self-funding differs from the program' },
    firesWhen: "the program fixes the split (政府 70 % / 自籌 30 %) and the table differs beyond the tolerance in its file",
  },
  {
    id: 'fixed-amount',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '金額不符計畫的定額規定', en: 'An amount differs from the program\'s fixed amount' },
    firesWhen: "the program fixes the subsidy or the fee (定額 250萬元/年, 自籌款 9萬元) and the table differs",
  },
  {
    id: 'total-cap',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '總經費超過計畫經費上限', en: 'The total exceeds the program\'s budget cap' },
    firesWhen: "總經費 over a program's cap on the whole budget (where the brochure's 經費上限 is read as the total)",
  },
  {
    id: 'fact-needed',
    severity: 'info',
    kind: 'budget',
    title: { 'zh-TW': '需要申請者資料才能檢查的規定', en: 'A limit that needs applicant data to be checked' },
    firesWhen: "a limit of the program depends on an applicant fact the workbook does not give (paid-in capital, SME status …): said, not guessed",
  },
  {
    id: 'self-only-item',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '僅能編列於自籌款的科目有政府補助款', en: 'A self-funded-only item has a subsidy' },
    firesWhen: "a self-funded-only item (人事費 …) holds 政府補助款",
  },
  {
    id: 'item-cap',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '科目超過總經費比例上限', en: 'An item exceeds its share of the total' },
    firesWhen: "全新設備 / 委託研究 over 30 % / 40 % of the total on its configured base",
  },
  {
    id: 'unlisted-item-funded',
    severity: 'error',
    kind: 'budget',
    title: { 'zh-TW': '非本計畫會計科目編列政府補助款', en: 'A row that is not a program item holds subsidy' },
    firesWhen: "a row that is not one of the program's items holds 政府補助款 (the subsidy funds only the program's items)",
  },
  {
    id: 'error-value',
    severity: 'error',
    kind: 'hygiene',
    title: { 'zh-TW': '表內有錯誤值（#REF!、#VALUE!、#DIV/0! 等）', en: 'An error value (#REF!, #VALUE!, #DIV/0!) inside the table' },
    firesWhen: "a table cell shows #REF!, #VALUE!, #DIV/0!, #N/A … (reported instead of `not-a-number`)",
  },
  {
    id: 'sum-range-incomplete',
    severity: 'warning',
    kind: 'hygiene',
    title: { 'zh-TW': '加總公式漏列表內的列', en: 'A sum formula leaves out rows of the table' },
    firesWhen: "a 合計-row sum stops short of or skips item rows, or a row's 合計 adds only one part; the message names the range and the missed cells (\"SUM(C4:C8) 漏列 C9\")",
  },
  {
    id: 'inconsistent-formula',
    severity: 'warning',
    kind: 'hygiene',
    title: { 'zh-TW': '公式與同欄（列）其他公式不一致', en: 'A formula differs from its neighbours' },
    firesWhen: "a formula in the 合計 or percentage column, or along the 合計 row, differs in R1C1 form from the clear majority of its neighbours",
  },
  {
    id: 'formula-constant',
    severity: 'warning',
    kind: 'hygiene',
    title: { 'zh-TW': '公式內含常數', en: 'A number typed inside a formula' },
    firesWhen: "a formula holds a typed number (`=B4+C4+100`, `=B5*0.5`); 0, a ROUND's digits, ×/÷ 100 or 1000 and IF(…,100) are not counted",
  },
  {
    id: 'reference-outside-table',
    severity: 'warning',
    kind: 'hygiene',
    title: { 'zh-TW': '公式參照空白儲存格或表外儲存格', en: 'A formula refers to an empty cell or a cell outside the table' },
    firesWhen: "a formula refers directly to an empty cell, or to a non-empty cell outside the table and the workbook's other budget tables",
  },
  {
    id: 'hidden-amounts',
    severity: 'warning',
    kind: 'hygiene',
    title: { 'zh-TW': '表內有隱藏的列或欄含有金額', en: 'A hidden row or column inside the table holds amounts' },
    firesWhen: "a hidden row or column inside the table holds amounts",
  },
  {
    id: 'manual-calculation',
    severity: 'warning',
    kind: 'workbook',
    title: { 'zh-TW': '活頁簿設為手動計算', en: 'The workbook is set to manual calculation' },
    firesWhen: "the workbook is set to manual calculation, so the stored results may be stale (workbook-level; from the file, or Excel's calculation mode in the pane)",
  },
  {
    id: 'consolidation-mismatch',
    severity: 'error',
    kind: 'workbook',
    title: { 'zh-TW': '以大帶小總表不等於各公司預算之和', en: 'A 以大帶小 總表 amount is not the sum of the companies\' amounts' },
    firesWhen: "in a 以大帶小 workbook (a sheet named 總表/彙總/合併 and at least two company budgets), a consolidated amount ≠ the sum of the companies' amounts for that item (workbook-level)",
  },
  {
    id: 'member-count',
    severity: 'error',
    kind: 'workbook',
    title: { 'zh-TW': '合作廠商家數不符計畫規定', en: "The number of companies breaks the program's rule" },
    firesWhen: "a plan of several companies (a 總表 and one budget sheet per company, or two or more company sheets) has more members than its program allows (以大帶小 智慧化 1 + 4, 低碳化 1 + 10) or fewer companies than it needs (CITD 研發聯盟: 3), at the first member too many (or the 總表), naming every company; a plan in one table is not counted",
  },
  {
    id: 'company-cap',
    severity: 'error',
    kind: 'workbook',
    title: { 'zh-TW': '單一業者之政府補助款超過其上限', en: "One company's subsidy exceeds its own cap" },
    firesWhen: "one company's 政府補助款 over its own cap (研發聯盟: 主導業者 2,500 千元, each other member 2,000 千元), at that company's 合計",
  },
  {
    id: 'program-conflict',
    severity: 'warning',
    kind: 'statement',
    title: { 'zh-TW': '活頁簿所載計畫別與檢查的計畫別或科目不一致', en: 'The workbook names another program than the one checked or its items suggest' },
    firesWhen: "the option or stored setting, the workbook's statements (cover, 基本資料, a ticked box, the template's notes) and its items point to different programs: at the statement's cell, naming both and the one used",
  },
  {
    id: 'basic-info-mismatch',
    severity: 'error',
    kind: 'statement',
    title: { 'zh-TW': '基本資料的申請經費與經費預算表不一致', en: '基本資料 disagrees with the budget table' },
    firesWhen: "a 基本資料 cell (申請總經費, 補助款, 自籌款 or one of their percentages), in any layout, disagrees with the budget table",
  },
  {
    id: 'equipment-sum-mismatch',
    severity: 'warning',
    kind: 'cross-table',
    title: { 'zh-TW': '設備明細合計與經費預算表不符', en: 'The equipment list disagrees with the budget' },
    firesWhen: 'the 全新設備購置 list adds up to another amount than the budget\'s 全新設備之購置費 (in 元, 千元 or 萬元 as labelled)',
  },
  {
    id: 'improvement-sum-mismatch',
    severity: 'warning',
    kind: 'cross-table',
    title: { 'zh-TW': '改善明細合計與經費預算表不符', en: 'The improvement list disagrees with the budget' },
    firesWhen: 'the 既有設備改善 list adds up to another amount than the budget\'s 既有設備改善費',
  },
  {
    id: 'commission-sum-mismatch',
    severity: 'warning',
    kind: 'cross-table',
    title: { 'zh-TW': '委託明細合計與經費預算表不符', en: 'The commission list disagrees with the budget' },
    firesWhen: 'the 委託研究及驗證單位規劃 adds up to another amount than the budget\'s 委託研究或驗證費',
  },
  {
    id: 'detail-sum-mismatch',
    severity: 'warning',
    kind: 'cross-table',
    title: { 'zh-TW': '經費明細與經費預算表科目不符', en: 'The cost breakdown disagrees with the budget' },
    firesWhen: "the lines of a 經費明細 sheet (會計科目, 項目, 數量, 單價, 金額) add up to another amount than the budget table's item, at the detail sheet's 小計",
  },
  {
    id: 'commission-contract-required',
    severity: 'info',
    kind: 'cross-table',
    title: { 'zh-TW': '委託金額達 15 萬元以上須簽訂契約', en: 'A commission of 150 thousand or more needs a signed contract' },
    firesWhen: 'one commission in the plan is 150 千元 (15 萬元) or more: a signed contract is needed',
    citation: { seed: SEED_001, quote: '委託單一對象之費用達 **新臺幣 15 萬元以上須 簽訂契約**' },
  },
  {
    id: 'domestic-equipment-share',
    severity: 'info',
    kind: 'cross-table',
    title: { 'zh-TW': '國產設備占全新設備購置比例', en: 'Share of domestic equipment in new equipment' },
    firesWhen: 'the new-equipment list states where each machine comes from: the domestic share, and whether it reaches the 50 % that is supported first',
    citation: { seed: SEED_001, quote: '國產設備購置費(註)占計畫總購置金額比例達 50%以上，得優先支持' },
  },
  {
    id: 'personnel-plan-missing',
    severity: 'warning',
    kind: 'cross-table',
    title: { 'zh-TW': '編列人事費但沒有投入人力規劃', en: 'Personnel costs without a staffing plan' },
    firesWhen: 'the budget has 人事費 but the application form holds no 投入人力規劃 (only where the form is there)',
    citation: { seed: SEED_004, quote: '如於經費預算表編列人事費，須提供填寫投入人力規劃，以利查核' },
  },
  {
    id: 'person-months-exceeded',
    severity: 'error',
    kind: 'cross-table',
    title: { 'zh-TW': '投入人月超過計畫期間', en: 'Person-months beyond the project period' },
    firesWhen: 'a person in the staffing plan is given more person-months than the program\'s duration',
  },
  {
    id: 'economic-benefits-min',
    severity: 'error',
    kind: 'benefit',
    title: { 'zh-TW': '經濟效益項目不足', en: 'Too few economic benefits' },
    firesWhen: 'fewer than 2 經濟效益 items are filled in (or the table is missing)',
    citation: { seed: SEED_004, quote: '☑ **經濟效益**須至少2項，其餘得自行增列' },
  },
  {
    id: 'technical-benefits-min',
    severity: 'error',
    kind: 'benefit',
    title: { 'zh-TW': '技術效益項目不足', en: 'Too few technical benefits' },
    firesWhen: 'fewer than 2 技術效益 items are filled in (or the table is missing)',
    citation: { seed: SEED_004, quote: '☑ **技術效益**須至少2項(依申請標的)' },
  },
  {
    id: 'lowcarbon-benefit-required',
    severity: 'error',
    kind: 'benefit',
    title: { 'zh-TW': '低碳化須填減碳效益', en: 'A low-carbon plan needs a carbon benefit' },
    firesWhen: 'a 低碳化 application states neither 減少碳排放量 nor 減少用電量',
    citation: { seed: SEED_004, quote: '其中如申請**低碳化**標的「**減少碳排放量**」或「**減少用電量**」須至少選填1項' },
  },
  {
    id: 'target-unknown',
    severity: 'info',
    kind: 'benefit',
    title: { 'zh-TW': '無法判斷申請標的，未檢查低碳化效益', en: 'The application target is unknown: the low-carbon benefit was not checked' },
    firesWhen: 'no carbon or electricity saving is stated and the target (低碳化 / 智慧化) is neither ticked nor given: the low-carbon requirement is said, not checked',
    citation: { seed: SEED_004, quote: '其中如申請**低碳化**標的「**減少碳排放量**」或「**減少用電量**」須至少選填1項' },
  },
  {
    id: 'benefit-percent-mismatch',
    severity: 'warning',
    kind: 'benefit',
    title: { 'zh-TW': '效益百分比與前後數值不符', en: 'A benefit percentage disagrees with its before and after' },
    firesWhen: 'a stated benefit percentage (減碳 %, 節電率, 相較提升 %) disagrees with the figures beside it beyond rounding',
  },
  {
    id: 'benefit-outside-typical-range',
    severity: 'info',
    kind: 'benefit',
    title: { 'zh-TW': '效益超出常見範圍', en: 'A benefit outside the usual range' },
    firesWhen: 'a benefit is outside the range quoted to applicants (減碳 10–15 %, OEE 10–20 % …): reviewers will expect support',
  },
  {
    id: 'no-cached-values',
    severity: 'info',
    kind: 'reading',
    title: { 'zh-TW': '公式沒有計算結果（未重新計算）', en: 'Formulas without computed values' },
    firesWhen: 'formulas saved without results could not be computed here; no finding is reported at those cells',
  },
  {
    id: 'sheet-truncated',
    severity: 'info',
    kind: 'reading',
    title: { 'zh-TW': '工作表只讀取了一部分', en: 'A sheet was read only in part' },
    firesWhen: 'a sheet reaches beyond the first 5,000 rows or 256 columns; the rest was not read',
  },
  {
    id: 'missing-table',
    severity: 'error',
    kind: 'checker',
    title: { 'zh-TW': '找不到經費預算表', en: 'No budget table found' },
    firesWhen: 'no sheet has a header with 會計科目 / 政府補助款 / 業者自籌款',
  },
  {
    id: 'program-assumed',
    severity: 'info',
    kind: 'checker',
    title: { 'zh-TW': '補助計畫別為推定', en: 'The program was assumed' },
    firesWhen: 'neither an option, a stored setting, the workbook\'s words nor its items say which program: checked as the default (the pane hides it beside its picker)',
  },
  {
    id: 'program-unknown',
    severity: 'warning',
    kind: 'checker',
    title: { 'zh-TW': '無法判斷補助計畫別', en: 'The program could not be told' },
    firesWhen: 'the workbook names a program whose rules are not known here: only the arithmetic is checked',
  },
  {
    id: 'setting-conflict',
    severity: 'warning',
    kind: 'checker',
    title: { 'zh-TW': '活頁簿儲存的設定與內容不符', en: 'A stored setting disagrees with the workbook' },
    firesWhen: "a setting stored in the workbook (the program, the 審查意見 sheet) disagrees with what the workbook's cells say: the cells win, at the statement's cell or the sheet",
  },
  {
    id: 'plan-without-total',
    severity: 'info',
    kind: 'checker',
    title: { 'zh-TW': '聯合計畫沒有總表（以各公司合計判斷）', en: 'A plan of several companies without a 總表 (judged on their sum)' },
    firesWhen: "a plan of several companies has no 總表: its share and caps are judged on the companies' sum, item by item",
  },
  {
    id: 'unreadable-file',
    severity: 'error',
    kind: 'checker',
    title: { 'zh-TW': '檔案無法讀取', en: 'The file could not be read' },
    firesWhen: 'the file is missing, not a regular file, too large, not a format the checker reads (see File formats), password-protected, a PDF, damaged, a zip bomb, or ran out of its time or memory bound',
  },
] as const satisfies readonly RuleEntry[];

/** Every rule id (SPEC §5), derived from the catalogue. */
export type RuleId = (typeof RULE_CATALOGUE)[number]['id'];

const BY_ID = new Map<string, RuleEntry>(RULE_CATALOGUE.map((entry) => [entry.id, entry]));

/** The catalogue entry of a rule. */
export function ruleEntry(id: RuleId): RuleEntry {
  return BY_ID.get(id)!;
}

/** What a rule module takes from the catalogue: its id, severity and title (spread into the module's object). */
export function ruleFacts<Id extends RuleId>(id: Id): { id: Id; severity: Severity; title: Localized } {
  const { severity, title } = ruleEntry(id);
  return { id, severity, title };
}
