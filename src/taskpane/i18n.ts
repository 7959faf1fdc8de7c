import type { Lang, Severity } from '../domain/findings';

/**
 * Every string the task pane shows, in both languages. Placeholders are `{name}`; `t()` fills them.
 * Findings' own messages come from the rule engine in the pane's language, not from here.
 */
const zh = {
  appTitle: '經費預算檢查',
  languageLabel: '語言',
  programLabel: '補助計畫',
  programPlaceholder: '選擇補助計畫',
  programSaved: '已將補助計畫記錄在活頁簿中。',
  targetLabel: '補助標的',
  targetPlaceholder: '未指定',
  targetSaved: '已將補助標的記錄在活頁簿中。',
  targetByProgram: '由補助計畫決定',
  targetTicked: '依活頁簿中勾選的補助標的',
  programFromWorkbook: '{name}（記錄於活頁簿）',
  programDetected: '{name}（依表格的會計科目判斷）',
  programAssumed: '活頁簿未指定補助計畫，暫以「{name}」檢查。',
  tabBudget: '經費預算',
  tabsLabel: '檢視',
  tabBenefits: '預期效益',
  actionsLabel: '動作',
  insertTemplate: '插入範本',
  reviewSheet: '建立審查意見表',
  reviewSheetDone: '審查意見表已更新 {count} 個儲存格；請在「分數」欄輸入 0–100 分。',
  recalculate: '重新計算',
  check: '檢查',
  mark: '標示',
  clearMarks: '清除標示',
  working: '處理中…',
  reading: '讀取活頁簿…',
  loading: '載入中…',
  writing: '寫入活頁簿…',
  checking: '檢查中…',
  liveOn: '編輯經費預算表後會自動重新檢查。',
  liveOff: '此版本的 Excel 不支援變更事件，編輯後請按「檢查」。',
  lastChecked: '最後檢查：{time}',
  confirmTitleTemplate: '插入經費預算表範本',
  confirmTitleRecalc: '重新計算',
  confirmTitleBenefits: '填入預期效益',
  confirmIntro: '以下 {count} 個儲存格將會寫入：',
  confirmNewSheet: '將新增工作表「{sheet}」。',
  confirmReplaces: '以下儲存格已有您輸入的內容，將被取代：',
  confirmOld: '原為',
  confirmNew: '改為',
  confirmBlank: '（空白）',
  confirmApply: '套用',
  confirmReplace: '全部套用（取代）',
  confirmKeep: '保留我輸入的內容',
  confirmCancel: '取消',
  nothingToChange: '沒有需要變更的儲存格，所有公式與數值都正確。',
  templateInserted: '已插入範本於工作表「{sheet}」。',
  recalcDone: '已更新 {count} 個儲存格。',
  marksAdded: '已標示 {count} 個儲存格。',
  marksCleared: '已清除標示，格式已還原。',
  nothingToMark: '沒有可標示的儲存格。',
  findingsTitle: '檢查結果',
  findingsNone: '沒有發現問題。',
  findingsNotRun: '尚未檢查。',
  severity_error: '錯誤',
  severity_warning: '警告',
  severity_info: '提示',
  countsLabel: '錯誤 {error}、警告 {warning}、提示 {info}',
  workbookLevel: '活頁簿',
  expected: '應為：{value}',
  actual: '目前：{value}',
  fix: '建議：{text}',
  citationShow: '依據',
  citationHide: '隱藏依據',
  citationSource: '出處：{title}',
  goToCell: '前往儲存格 {cell}',
  summaryTitle: '經費摘要（千元）',
  summaryNone: '找不到經費預算表。請按「插入範本」建立，或開啟含有經費預算表的活頁簿。',
  grandTotal: '總經費',
  govTotal: '政府補助款',
  selfTotal: '業者自籌款',
  govShare: '補助款占總經費',
  headroomTitle: '距離上限',
  headroomShare: '補助比例上限 {percent}%',
  headroomCap: '補助上限 {amount} 千元',
  headroomItem: '{item}（補助款 ≤ 總經費 {percent}%）',
  headroomItemTotal: '{item}（科目合計 ≤ 總經費 {percent}%）',
  headroomLeft: '尚可增加 {amount}',
  headroomOver: '超出 {amount}',
  unavailableValidation: '此版本的 Excel 不支援資料驗證（需要 ExcelApi 1.8），範本將不含輸入限制，但公式與條件式格式照常運作。',
  unavailableEvents: '此版本的 Excel 不支援變更事件，無法自動重新檢查。',
  errorTitle: '無法完成',
  details: '詳細資訊',
  dismiss: '關閉',
  unexpectedError: '發生未預期的錯誤。',
  // benefits tab
  benefitsIntro: '輸入基準值與目標值，系統會計算並填入預期效益表。只會更新由本工具填寫的儲存格；要取代您輸入的內容前會先詢問。',
  benefitsEconomic: '經濟效益',
  benefitsLowcarbon: '技術效益（一）低碳化',
  benefitsSmart: '技術效益（二）智慧化',
  benefitsFill: '計算並填入',
  benefitsFilled: '已填入 {count} 個儲存格。',
  benefitsNothing: '請至少輸入一個項目。',
  benefitsResult: '計算結果',
  bf_newInvestment: '新增投資（億元）',
  bf_costReduction: '降低成本（億元）',
  bf_jobs: '增加就業人數（人）',
  bf_outputValue: '增加產值（億元）',
  bf_carbonBaseline: '導入前年排放量（公噸 CO2e）',
  bf_carbonReduction: '減少碳排放量（公噸 CO2e）',
  bf_carbonSavedKwh: '或：節省用電換算（度）',
  bf_factorOverride: '自訂排碳係數（kg CO2e/度，選填）',
  bf_electricityBaseline: '導入前年用電量（度）',
  bf_electricitySaved: '減少用電量（度）',
  bf_oeeBefore: 'OEE 導入前（%）',
  bf_oeeAfter: 'OEE 導入後（%）',
  bf_oeeAvailability: '或：稼動率（%）',
  bf_oeePerformance: '產能效率（%）',
  bf_oeeQuality: '良品率（%）',
  bf_yieldBefore: '生產良率 導入前（%）',
  bf_yieldAfter: '生產良率 導入後（%）',
  bf_deliveryBefore: '產品達交率 導入前（%）',
  bf_deliveryAfter: '產品達交率 導入後（%）',
  bf_staffBefore: '產線人力 導入前（人）',
  bf_staffAfter: '產線人力 導入後（人）',
  factorYear: '電力排碳係數年份',
  methodLabel: '「相較提升」計算方式',
  methodPoints: '百分點（導入後 − 導入前）',
  methodRelative: '相對提升（÷ 導入前）',
  fromBudget: '由經費預算帶入',
  fromBudgetNone: '經費預算表中沒有設備相關科目，無法帶入。',
  benefitsTarget: '補助標的：{target}',
  targetLowcarbon: '低碳化',
  targetSmart: '智慧化',
  targetUnknown: '未指定（兩個技術效益表都會加入）',
  // verdict, start card, fixes, largest subsidy, overflow menu
  verdictErrors: '{count} 個錯誤：目前不符補助規定',
  verdictWarnings: '{count} 個警告：符合各項上限，送件前請確認',
  verdictOk: '符合各項上限',
  verdictEmpty: '經費預算表尚未填寫',
  verdictStart: '尚未建立經費預算表',
  verdictJump: '前往檢查結果',
  startTitle: '開始',
  startStep1: '確認補助計畫',
  startStep2: '插入官方經費預算表',
  startStep3: '在表中輸入金額（千元），檢查會自動執行',
  emptyHint: '在「政府補助款」與「業者自籌款」欄輸入金額（千元），每次輸入後會自動檢查。',
  moreActions: '更多動作',
  menuLanguage: 'English',
  diagnostics: '診斷資訊',
  confirmProgram: '確認',
  fixButton: '一鍵修正',
  fixApplied: '已修正 {count} 個儲存格；重新檢查後，此問題已解決。',
  fixNotCleared: '已寫入 {count} 個儲存格，但重新檢查後此問題仍在，請查看。',
  fixStale: '儲存格在檢查後已被修改，已重新檢查，請再試一次。',
  confirmTitleFix: '修正',
  confirmTitleMaximize: '最大合法補助款',
  confirmTitleReview: '審查意見表',
  confirmShowAll: '顯示全部 {count} 個儲存格',
  confirmHideAll: '隱藏儲存格清單',
  confirmTemplateSummary: '新增工作表「{sheet}」：官方格式，{items} 個科目，含合計公式與超限標示。',
  maximizeTitle: '調整為最大合法補助款',
  maximizeSummary: '補助款由 {from}調整為 {to}，受「{binding}」限制。各科目合計與總經費不變，只調整由誰出資。',
  maximizeApplied: '補助款已調整為 {amount}。',
  maximizeNothing: '補助款已是最大的合法金額，不需調整。',
  maximizeMore: '可再增加的補助款',
  maximizeLess: '須減少的補助款',
  maximizeBinding: '受「{binding}」限制',
  maximizePreview: '預覽最大補助款',
  fixAll: '一次修正全部 {count} 項上限',
  fixAllHint: '維持各科目合計與總經費，改列業者自籌款，取最大合法補助款；套用前會先預覽。',
  reviewerMenuOn: '審查模式（不變更申請資料）',
  reviewerMenuOff: '離開審查模式',
  reviewerOn: '審查模式：不會變更申請人的金額或設定；改選計畫別或補助標的只用於本窗格的檢查。',
  reviewerOff: '已離開審查模式：依活頁簿的計畫別與補助標的檢查。',
  reviewerBanner: '審查模式：只檢查與標示，不修改申請資料',
  reviewerProgram: '以「{name}」檢查（僅本窗格，未寫入活頁簿）。',
  reviewerTarget: '以所選補助標的檢查（僅本窗格，未寫入活頁簿）。',
  confirmCellChanged: '（已變更）',
  limitsTitle: '各項上限',
  limitsMeaning: '維持各科目合計與總經費、只調整由誰出資時，各項上限下補助款尚可增加或須減少的金額（千元）。',
  amountK: '{amount} 千元',
  programDetectedShort: '依表格的會計科目判斷',
  targetHint: '決定須填寫哪一個技術效益表',
  benefitsSummary: '在「{sheet}」填入預期效益表（{count} 個儲存格，含計算說明），只寫入本工具負責的儲存格。',
  word_error: '錯誤',
  word_warning: '警告',
  word_info: '提示',
  // Re-validation on confirm, merges, diagnostics entry (officejs)
  planChanged: '對話框開啟期間表格已變更，尚未寫入任何儲存格。以下是依目前表格重新計算的變更，請再確認一次。',
  fixWithdrawn: '對話框開啟期間表格已變更，這個問題已不存在，因此未寫入任何儲存格。',
  maximizeWithdrawn: '對話框開啟期間表格已變更，補助款已是最大的合法金額，因此未寫入任何儲存格。',
  reviewCreateSummary: '新增「{sheet}」工作表：預算摘要、評分表（合理性 30%、可行性 30%、效益性 40%）與 {count} 項檢查結果，並列出檔名、計畫別與補助標的。',
  reviewUpdateSummary: '更新「{sheet}」工作表：摘要與檢查結果依目前預算更新（{count} 格）；分數、審查意見、審查日期與審查人保留。',
  reviewKeptCells: '您改過的 {count} 格（{cells}）也保留不動。',
  reviewUpToDate: '審查意見表已是最新，沒有需要更新的儲存格。',
  consequencesTitle: '對經費的影響（千元）',
  consequenceGov: '政府補助款',
  consequenceTotal: '總經費',
  consequenceShare: '補助比例',
  consequenceItem: '{item} 合計',
  consequenceSame: '（不變）',
  mergeConflict: '無法寫入：以下儲存格位於您合併的儲存格範圍內：{cells}。請先取消合併，或改用其他位置。',
  mergesUnknown: '這個版本的 Excel 無法讀取合併儲存格，無法確認寫入位置不在合併範圍內。',
};

export type MessageKey = keyof typeof zh;

const TABLES: Partial<Record<Lang, Record<MessageKey, string>>> = { 'zh-TW': zh };

/**
 * Makes `lang`'s strings available to `t()`. The English ones load on demand, from their own chunk (most people read
 * the pane in Chinese, and the first load is budgeted): the pane awaits this before its first render and before
 * switching language.
 */
export async function loadMessages(lang: Lang): Promise<void> {
  if (TABLES[lang]) return;
  const en: Record<MessageKey, string> = (await import(/* webpackChunkName: "i18n-en" */ './i18n-en')).en;
  TABLES[lang] = en;
}

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const table = TABLES[lang];
  // Never Chinese in place of English: a missing load is a bug to see, not a pane in the wrong language.
  if (!table) throw new Error(`The pane's ${lang} strings are not loaded (call loadMessages first)`);
  // "{count:1 error|{count} errors}": the first form when the number is 1 (English plurals), else the second.
  const template = table[key].replace(/\{(\w+):((?:[^{}|]|\{\w+\})*)\|((?:[^{}|]|\{\w+\})*)\}/g, (whole, name: string, one: string, other: string) =>
    name in params ? (Number(params[name]) === 1 ? one : other) : whole,
  );
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function severityLabel(lang: Lang, severity: Severity): string {
  return t(lang, `severity_${severity}`);
}

/** One finding's severity as a word beside its icon: 錯誤 / Error. */
export function severityWord(lang: Lang, severity: Severity): string {
  return t(lang, `word_${severity}`);
}

/** zh-TW unless Office says the display language is something other than Chinese. */
export function langFromDisplayLanguage(displayLanguage: string | undefined | null): Lang {
  if (!displayLanguage) return 'zh-TW';
  return /^zh\b|^zh-/i.test(displayLanguage) ? 'zh-TW' : 'en';
}

export const LANG_NAMES: Record<Lang, string> = { 'zh-TW': '中文', en: 'English' };

const PICKED_LANG_KEY = 'subsidy-budget.lang';

/** The language the user picked in the pane on this computer, if any (storage may be unavailable in a host). */
export function pickedLang(): Lang | null {
  try {
    const value = globalThis.localStorage?.getItem(PICKED_LANG_KEY);
    return value === 'en' || value === 'zh-TW' ? value : null;
  } catch {
    return null;
  }
}

export function rememberPickedLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(PICKED_LANG_KEY, lang);
  } catch {
    // Not remembered: the pane follows Office's language next time.
  }
}
