import { SETTING_KEYS, type WorkbookSnapshot } from './grid';
import { locateBudgetTables } from './locate';

/**
 * Where the add-in's 審查意見 sheet is and what it last wrote there (stored in the workbook's settings). Apart from
 * review-plan.ts so that every check can leave the review sheet out without loading the plan builder, which the pane
 * loads only when a reviewer asks for the sheet.
 */
export interface ReviewSetting {
  version: 1;
  sheet: string;
  /** A1 → what the add-in last wrote there (formula text for formulas). */
  written: Record<string, string | number>;
}

export function readReviewSetting(snapshot: WorkbookSnapshot): ReviewSetting | null {
  try {
    const raw = snapshot.settings[SETTING_KEYS.review];
    if (!raw) return null;
    const s = JSON.parse(raw) as ReviewSetting;
    return s?.version === 1 && typeof s.sheet === 'string' && s.written && typeof s.written === 'object' ? s : null;
  } catch {
    return null;
  }
}

/**
 * The workbook without the add-in's review sheet: the reviewer's sheet is not part of the application checked. A setting
 * is invisible in Excel, so it cannot hide a budget table (issue 25): a named sheet that holds one is checked, and
 * `refused` names it so the check can say the setting disagrees with the workbook.
 */
export function withoutReviewSheet(snapshot: WorkbookSnapshot): { snapshot: WorkbookSnapshot; left: string | null; refused: string | null } {
  const review = readReviewSetting(snapshot)?.sheet;
  const sheet = review === undefined ? undefined : snapshot.sheets.find((s) => s.name === review);
  if (!sheet) return { snapshot, left: null, refused: null };
  if (locateBudgetTables({ ...snapshot, sheets: [sheet] }).length > 0) return { snapshot, left: null, refused: sheet.name };
  return { snapshot: { ...snapshot, sheets: snapshot.sheets.filter((s) => s !== sheet) }, left: sheet.name, refused: null };
}
