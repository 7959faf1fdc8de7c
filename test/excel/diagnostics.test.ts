import { describe, expect, it } from 'vitest';
import { hostInfo, reportText, runDiagnostics } from '../../src/excel/diagnostics';
import { officeEnvironment } from '../../src/excel';
import { excelApiUpTo, installFakeOffice } from '../../src/fake-excel-host';

function setup(api?: string) {
  const scope = {};
  const host = installFakeOffice(scope, api ? { requirementSets: excelApiUpTo(api) } : {});
  return { host, env: officeEnvironment(scope), info: hostInfo(scope) };
}

describe('diagnostics (the self-test users run in Excel)', () => {
  it('passes every check on the strict fake host and leaves the workbook as it was', async () => {
    const { host, env, info } = setup();
    host.seed('Sheet1', [['mine', 1]]);
    const before = host.dumpSheet('Sheet1');
    const progress: number[] = [];
    const report = await runDiagnostics(env, info, (r) => progress.push(r.length));
    const failed = report.results.filter((r) => r.status === 'fail' || r.status === 'skipped');
    expect(failed).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual([
      'requirement-sets', 'read-path', 'null-object', 'settings', 'scratch-sheet', 'mark', 'fills', 'change-event', 'cell-edit', 'merges', 'notes',
      'notes-read', 'note-on-note', 'hidden', 'calc-mode', 'cleanup',
    ]);
    expect(report.results.find((r) => r.id === 'note-on-note')?.detail).toBe('refused: InvalidArgument');
    expect(report.results.find((r) => r.id === 'null-object')?.detail).toBe('refused: InvalidObjectPath');
    expect(report.results.find((r) => r.id === 'change-event')?.detail).toBe('triggerSource ThisLocalAddin');
    expect(progress).toEqual(report.results.map((_, i) => i + 1));
    expect(host.sheetNames()).toEqual(['Sheet1']);
    expect(host.dumpSheet('Sheet1')).toBe(before);
    expect([...host.settings.keys()]).toEqual([]);
    const text = reportText(report);
    expect(text).toMatch(/^subsidy-budget diagnostics/);
    expect(text).toContain('Excel: Excel fake on OfficeOnline');
    expect(text).toContain('ExcelApi: 1.1 1.2');
    expect(text).toMatch(/0 failed, 13 passed/);
    // Every result says what it means, under its line.
    const lines = text.split('\n');
    for (const r of report.results) {
      const at = lines.findIndex((l) => l.slice(6).startsWith(`${r.id.padEnd(16)} `));
      expect(lines[at + 1], r.id).toMatch(/^ {6}what it means: \S/);
    }
  });

  it('on ExcelApi 1.7 (Office 2019) skips what needs newer sets and still passes the rest', async () => {
    const { host, env, info } = setup('1.7');
    const report = await runDiagnostics(env, info);
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(['fills', 'merges', 'notes', 'notes-read', 'note-on-note']);
    expect(host.sheetNames()).toEqual(['Sheet1']);
  });

  it('fails the requirement check below ExcelApi 1.7 and stops', async () => {
    const { env, info } = setup('1.6');
    const report = await runDiagnostics(env, info);
    expect(report.results).toEqual([expect.objectContaining({ id: 'requirement-sets', status: 'fail' })]);
  });
});
