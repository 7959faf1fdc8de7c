import { finding, t, type Finding, type Lang } from '../domain/findings';
import { columnLetter, SHEET_READ_BOUNDS, type WorkbookSnapshot } from './grid';

/**
 * What the file reader could not give the checker, said once per workbook: formulas without stored results that could
 * not be computed (`no-cached-values`), and sheets read only in part (`sheet-truncated`). Findings that rest on a value
 * nobody knows are withdrawn rather than reported as blank totals.
 */
export function readingFindings(snapshot: WorkbookSnapshot, lang: Lang): Finding[] {
  const findings: Finding[] = [];
  const unknown = snapshot.sheets.flatMap((s) => (s.uncomputed ?? []).map((cell) => ({ sheet: s.name, cell })));
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, 8)
      .map((u) => `${u.sheet}!${u.cell}`)
      .join(lang === 'en' ? ', ' : '、');
    const more = unknown.length > 8 ? t(lang, ` 等 ${unknown.length} 格`, ` and ${unknown.length - 8} more`) : '';
    findings.push(
      finding(
        'no-cached-values',
        null,
        t(
          lang,
          `${shown}${more} 的公式沒有儲存計算結果（檔案可能由程式產生），且無法在此計算；這些格的合計與比例未比對。`,
          `The formulas in ${shown}${more} have no stored results (the file was probably written by a program) and could not be computed here; their totals and percentages were not compared.`,
        ),
        {
          advice: t(
            lang,
            '請以 Excel 開啟並存檔一次，讓公式結果存入檔案，再檢查。',
            'Open the file in Excel and save it once so the results are stored, then check again.',
          ),
        },
        unknown[0].sheet,
      ),
    );
  }
  for (const sheet of snapshot.sheets) {
    const clip = sheet.clipped;
    if (!clip) continue;
    const parts: string[] = [];
    if (clip.rowsFrom !== undefined)
      parts.push(
        t(
          lang,
          `第 ${(clip.rowsFrom + 1).toLocaleString('en-US')} 列以下`,
          `rows from ${(clip.rowsFrom + 1).toLocaleString('en-US')} on`,
        ),
      );
    if (clip.colsFrom !== undefined)
      parts.push(t(lang, `${columnLetter(clip.colsFrom)} 欄以右`, `columns from ${columnLetter(clip.colsFrom)} on`));
    const declared = clip.dimension
      ? t(lang, `（工作表自稱範圍 ${clip.dimension}）`, ` (the sheet declares ${clip.dimension})`)
      : '';
    findings.push(
      finding(
        'sheet-truncated',
        null,
        t(
          lang,
          `工作表「${sheet.name}」只讀取前 ${SHEET_READ_BOUNDS.rows.toLocaleString('en-US')} 列、${SHEET_READ_BOUNDS.cols} 欄；${parts.join('、')}未讀取${declared}。經費預算表若在該處，不會被檢查。`,
          `Sheet "${sheet.name}" was read only within its first ${SHEET_READ_BOUNDS.rows.toLocaleString('en-US')} rows and ${SHEET_READ_BOUNDS.cols} columns; ${parts.join(' and ')} were not read${declared}. A budget table there would not be checked.`,
        ),
        {},
        sheet.name,
      ),
    );
  }
  return findings;
}

/** Drops findings located on a cell whose value is unknown (an uncomputed formula): they would compare against blank. */
export function withoutUnknownValues(findings: Finding[], snapshot: WorkbookSnapshot): Finding[] {
  const unknown = new Set(snapshot.sheets.flatMap((s) => (s.uncomputed ?? []).map((cell) => `${s.name}!${cell}`)));
  if (unknown.size === 0) return findings;
  return findings.filter((f) => f.sheet === null || f.cell === null || !unknown.has(`${f.sheet}!${f.cell}`));
}
