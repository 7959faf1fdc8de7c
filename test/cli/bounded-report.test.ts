import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { boundReport, capText, REPORT_BOUNDS } from '../../src/cli/bounds';
import type { FileReport } from '../../src/cli/file-report';
import { formatFileText, formatJson, formatMarkdown } from '../../src/cli/format';
import { formatHtml } from '../../src/cli/html';
import { buildReviewWorkbook } from '../../src/cli/xlsx-report';
import type { Finding } from '../../src/domain/findings';

/**
 * Issue 25 (1): a 30 KB workbook can repeat one 32,767-character string in thousands of cells, each finding quoting
 * it. Each file's report is bounded in its worker — findings, strings, lists — so no file costs another its report,
 * in any format, and what was cut is said ("… and N more").
 */
const LONG = '設'.repeat(32_767);
const CELLS = Array.from({ length: 1_000 }, (_, j) => `B${j + 1}`);
function hugeReport(file: string, count = 2_000): FileReport {
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
    rule: i % 10 === 0 ? 'gov-share' : 'unknown-item',
    severity: i % 10 === 0 ? 'error' : 'warning',
    sheet: '經費預算表',
    cell: `A${i + 4}`,
    message: `「${LONG}」不是會計科目`,
    advice: LONG,
    actual: LONG,
    cells: CELLS,
    fix: [{ sheet: '經費預算表', cell: `A${i + 4}`, from: LONG, to: '人事費' }],
  }));
  return { file, program: 'upgrade-10plus', programSource: 'option', target: null, findings, summary: { error: count / 10, warning: count - count / 10, info: 0 } };
}

describe('a bounded report per file', () => {
  it('keeps the most severe findings, cuts every string and list, and says what was cut; the counts stay whole', () => {
    const bounded = boundReport(hugeReport('a.xlsx'), 'en');
    expect(bounded.findings).toHaveLength(REPORT_BOUNDS.findings);
    expect(bounded.omittedFindings).toBe(2_000 - REPORT_BOUNDS.findings);
    // All 200 errors outrank the warnings: the 200 kept are the errors.
    expect(bounded.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(bounded.summary).toEqual({ error: 200, warning: 1_800, info: 0 });
    const f = bounded.findings[0];
    expect(f.message.length).toBeLessThan(REPORT_BOUNDS.chars + 40);
    expect(f.message).toMatch(/^「設+… and 30,775 more characters$/);
    expect(f.cells).toHaveLength(REPORT_BOUNDS.items + 1);
    expect(f.cells!.at(-1)).toBe('… and 900 more cells');
    expect(f.fix![0].from).toMatch(/more characters$/);
    expect(JSON.stringify(bounded).length).toBeLessThan(2_000_000);
    expect(capText('短', 5, 'zh-TW')).toBe('短');
    expect(capText('設'.repeat(10), 4, 'zh-TW')).toBe('設設設設…（另有 6 字）');
    // A surrogate pair is never split.
    expect(capText('😀😀', 3, 'en')).toBe('😀… and 2 more characters');
  });

  it('twelve such files still make one report in every format, each file saying what it left out', async () => {
    const reports = Array.from({ length: 12 }, (_, i) => boundReport(hugeReport(`f${i}.xlsx`, 500), 'en'));
    const json = JSON.parse(formatJson(reports)) as { files: { file: string; omittedFindings: number; findings: unknown[] }[] };
    expect(json.files.map((f) => f.file)).toEqual(reports.map((r) => r.file));
    expect(json.files.every((f) => f.omittedFindings === 300 && f.findings.length === 200)).toBe(true);
    for (const text of [formatFileText(reports[11], 'en'), formatMarkdown(reports, 'en'), formatHtml(reports, 'en')]) {
      expect(text).toContain('… and 300 more findings, not listed to keep the report bounded (the counts include them)');
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildReviewWorkbook(reports.slice(0, 2), 'en')) as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.getWorksheet('Findings')!.eachRow((row) => {
      const value = row.getCell(6).value;
      if (typeof value === 'string') cells.push(value);
    });
    expect(cells.filter((c) => c.startsWith('… and 300 more findings'))).toHaveLength(2);
  });
});
