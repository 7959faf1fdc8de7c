import type ExcelJS from 'exceljs';
import type { Lang } from '../domain/findings';
import type { FileReport } from './file-report';
import { WORDS, expectedText, omittedText, settingsText, sortedBySeverity } from './format';
import { OVERVIEW_WORDS, overviewRow } from './overview';

/**
 * The batch report as a workbook reviewers sort, filter and annotate in Excel: an overview sheet (one row per file) and
 * a findings sheet (one row per finding, with file, sheet and cell columns), each with a free 審查備註 column. Workbook
 * text is written as text, never as a formula.
 */
const XLSX_WORDS = {
  'zh-TW': { overviewSheet: '總覽', findingsSheet: '問題清單', programId: '計畫別代碼', settings: '活頁簿儲存的設定', sheet: '工作表', notes: '審查備註', actual: '目前值', source: '依據' },
  en: { overviewSheet: 'Overview', findingsSheet: 'Findings', programId: 'Program id', settings: 'Stored settings', sheet: 'Sheet', notes: 'Reviewer notes', actual: 'Actual', source: 'Source' },
} as const;

/** XML 1.0 cannot hold most control characters; a workbook cell could, so they are dropped rather than break the file. */
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export async function buildReviewWorkbook(reports: readonly FileReport[], lang: Lang): Promise<Buffer> {
  const w = WORDS[lang];
  const o = OVERVIEW_WORDS[lang];
  const x = XLSX_WORDS[lang];
  // Loaded here, not at start-up: only an xlsx report pays for parsing ExcelJS.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'subsidy-budget';

  const overview = workbook.addWorksheet(x.overviewSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  overview.columns = [
    { header: o.file, width: 32 },
    { header: x.programId, width: 18 },
    { header: o.program, width: 36 },
    { header: o.total, width: 16, style: { numFmt: '#,##0' } },
    { header: o.subsidy, width: 16, style: { numFmt: '#,##0' } },
    { header: o.share, width: 12, style: { numFmt: '0.0"%"' } },
    { header: o.error, width: 8 },
    { header: o.warning, width: 8 },
    { header: o.info, width: 8 },
    { header: o.verdict, width: 14 },
    { header: x.settings, width: 40 },
    { header: x.notes, width: 40 },
  ];
  for (const report of reports) {
    const row = overviewRow(report, lang);
    overview.addRow([clean(row.file), row.program?.id ?? '', clean(row.program?.name ?? w.programUnknown), row.total, row.subsidy, row.share, row.error, row.warning, row.info, o.verdicts[row.verdict], clean(settingsText(report, lang)), null]);
  }
  styleHeader(overview);

  const findings = workbook.addWorksheet(x.findingsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  findings.columns = [
    { header: o.file, width: 32 },
    { header: x.sheet, width: 16 },
    { header: w.cell, width: 8 },
    { header: w.severityHeader, width: 8 },
    { header: w.rule, width: 24 },
    { header: w.message, width: 60 },
    { header: w.expected, width: 12 },
    { header: x.actual, width: 12 },
    { header: w.fix, width: 40 },
    { header: x.source, width: 30 },
    { header: x.notes, width: 40 },
  ];
  for (const report of reports) {
    for (const [severity, list] of sortedBySeverity(report.findings)) {
      for (const f of list) {
        const value = (v: number | string | null | undefined) => (typeof v === 'number' ? v : v === undefined || v === null ? null : clean(String(v)));
        const expected = f.expected === undefined ? null : typeof f.expected === 'number' ? f.expected : clean(expectedText({ ...f, actual: undefined }, lang, false));
        findings.addRow([
          clean(report.file),
          // A text document's table has no sheet or cell a reader could open; its place says where in the document.
          f.place ? clean(f.place) : f.sheet === null ? '' : clean(f.sheet),
          f.place ? '' : (f.cell ?? ''),
          w.severity[severity],
          f.rule,
          clean(f.message),
          expected,
          value(f.actual),
          clean(f.advice ?? ''),
          f.citation ? clean(`「${f.citation.quote}」 (${f.citation.seed})`) : '',
          null,
        ]);
      }
    }
    if (report.omittedFindings) findings.addRow([clean(report.file), '', '', '', '', omittedText(report.omittedFindings, lang)]);
  }
  findings.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  findings.getColumn(9).alignment = { wrapText: true, vertical: 'top' };
  styleHeader(findings);

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: sheet.columnCount } };
}
