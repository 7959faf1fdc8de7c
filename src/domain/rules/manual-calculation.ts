import type { WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';

/** A workbook set to manual calculation: the results stored in the file (what the checker reads) may be stale. */
export const manualCalculation: WorkbookRule = {
  ...ruleFacts('manual-calculation'),
  check(facts, report) {
    if (facts.calcMode !== 'manual') return;
    report.add(null, report.t('活頁簿設為「手動計算」：檔案中儲存的公式結果可能尚未更新，檢查所讀的合計可能與重新計算後不同', 'The workbook is set to manual calculation: the formula results stored in it may be stale, so the totals checked may differ from a recalculation'), {
      advice: report.t('在 Excel 的「公式 → 計算選項」改為「自動」，重新計算後存檔', 'In Excel, set Formulas → Calculation Options to Automatic, recalculate and save'),
    });
  },
};
