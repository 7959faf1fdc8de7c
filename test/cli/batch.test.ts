import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/cli/batch';
import type { FileReport } from '../../src/cli/file-report';
import { cellReference, formatFileText, formatJson, formatMarkdown } from '../../src/cli/format';
import { snapshotFromRows, type WorkbookSnapshot } from '../../src/sheet/grid';
import { UnreadableFileError } from '../../src/xlsx/read';

/** A small seed-004-like budget: 人事費 with government money, so it has one self-only error. */
function budget(personnelGov: number): WorkbookSnapshot {
  return {
    settings: {},
    sheets: [
      snapshotFromRows('經費預算表', [
        ['會計科目', '政府補助款', '業者自籌款', '合計'],
        ['消耗性器材及原材料費', 240, 120, 360],
        ['既有設備之改善費', 900, 900, 1800],
        ['人事費', personnelGov, 200, 200 + personnelGov],
        ['合計', 1140 + personnelGov, 1220, 2360 + personnelGov],
      ]),
    ],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('checkFiles', () => {
  it('reads at most N files at a time and reports them in argument order, even when they finish out of order', async () => {
    const files = Array.from({ length: 12 }, (_, i) => `f${i}.xlsx`);
    let active = 0;
    let maxActive = 0;
    const emitted: number[] = [];
    const { reports } = await checkFiles(
      files,
      {
        lang: 'zh-TW',
        program: 'upgrade-10plus',
        concurrency: 4,
        read: async (file) => {
          active++;
          maxActive = Math.max(maxActive, active);
          const index = Number(file.slice(1, -5));
          await sleep((12 - index) * 3); // later files finish first
          active--;
          return budget(index % 3 === 0 ? 50 : 0);
        },
      },
      (_report, index) => emitted.push(index),
    );
    expect(maxActive).toBe(4);
    expect(emitted).toEqual(files.map((_, i) => i));
    expect(reports.map((r) => r.file)).toEqual(files);
    expect(reports.map((r) => r.summary.error > 0)).toEqual(files.map((_, i) => i % 3 === 0));
  });

  it('turns a read failure into an unreadable-file error in the chosen language and checks the rest', async () => {
    const { reports } = await checkFiles(
      ['good.xlsx', 'bad.xlsx'],
      {
        lang: 'en',
        program: 'upgrade-10plus',
        read: async (file) => {
          if (file === 'bad.xlsx') throw new UnreadableFileError(file, 'damaged', 'invalid zip data');
          return budget(0);
        },
      },
      () => {},
    );
    expect(reports[0].findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(reports[1]).toMatchObject({
      file: 'bad.xlsx',
      program: 'upgrade-10plus',
      summary: { error: 1, warning: 0, info: 0 },
      findings: [
        {
          rule: 'unreadable-file',
          severity: 'error',
          sheet: null,
          cell: null,
          message: 'The file cannot be read: the file is damaged or not an .xlsx workbook (invalid zip data).',
        },
      ],
    });
  });

  it('keeps going when checking one workbook throws, and says the checker failed rather than blaming the file', async () => {
    const broken = { settings: {}, sheets: null } as unknown as WorkbookSnapshot;
    const { reports } = await checkFiles(
      ['a.xlsx', 'b.xlsx'],
      { lang: 'zh-TW', read: async (file) => (file === 'a.xlsx' ? broken : budget(0)) },
      () => {},
    );
    expect(reports[0].findings).toHaveLength(1);
    expect(reports[0].findings[0]).toMatchObject({ rule: 'unreadable-file', severity: 'error' });
    expect(reports[0].findings[0].message).toMatch(/檢查程式發生錯誤/);
    expect(reports[1].summary.error).toBe(0);
  });
});

describe('report formats', () => {
  const report: FileReport = {
    file: 'a|b.xlsx',
    program: 'registered-factory',
    programSource: 'option',
    target: null,
    findings: [
      { rule: 'percent-mismatch', severity: 'warning', sheet: '經費預算表 (2)', cell: 'E7', message: 'line one\nline | two', expected: 3.6, actual: 3.5 },
      { rule: 'missing-table', severity: 'error', sheet: null, cell: null, message: 'no table' },
      { rule: 'program-assumed', severity: 'info', sheet: 'Budget', cell: null, message: 'assumed', expected: 1234567.5 },
    ],
    summary: { error: 1, warning: 1, info: 1 },
    budget: null,
  };

  it('writes cell references as Excel does, quoting sheet names that need it', () => {
    expect(cellReference({ sheet: '經費預算表', cell: 'B9' }, 'zh-TW')).toBe('經費預算表!B9');
    expect(cellReference({ sheet: '經費預算表 (2)', cell: 'E7' }, 'zh-TW')).toBe("'經費預算表 (2)'!E7");
    expect(cellReference({ sheet: "O'Neil", cell: 'A1' }, 'en')).toBe("'O''Neil'!A1");
    expect(cellReference({ sheet: 'Budget', cell: null }, 'en')).toBe('Budget');
    expect(cellReference({ sheet: null, cell: null }, 'en')).toBe('(whole workbook)');
  });

  it('text groups by severity in the order error, warning, info', () => {
    const text = formatFileText(report, 'en');
    const at = (s: string) => text.indexOf(s);
    expect(at('  Error (1)')).toBeLessThan(at('  Warning (1)'));
    expect(at('  Warning (1)')).toBeLessThan(at('  Info (1)'));
    expect(text).toContain("    '經費預算表 (2)'!E7  line one");
    expect(text).toContain('      Expected 3.6 (now 3.5)');
    expect(text).toContain('      Expected 1,234,567.5');
    expect(text).toMatch(/^ {2}Program: .+ \(registered-factory, given with --program\) {3}Target: not stated$/m);
    // A message with a line break keeps its second line under the first, not at the margin.
    expect(text).toContain("line one\n      line | two [percent-mismatch]");
  });

  it('json keeps exactly the documented keys per file', () => {
    const parsed = JSON.parse(formatJson([report]));
    expect(Object.keys(parsed)).toEqual(['version', 'files']);
    expect(Object.keys(parsed.files[0])).toEqual(['file', 'program', 'programSource', 'target', 'settings', 'findings', 'summary']);
    expect(parsed.files[0].findings[0]).toEqual(report.findings[0]);
  });

  it('markdown escapes pipes and line breaks so each finding stays one table row', () => {
    const md = formatMarkdown([report], 'en');
    expect(md).toContain('| a\\|b.xlsx | registered-factory | 1 | 1 | 1 |');
    const row = md.split('\n').find((l) => l.includes('E7'))!;
    expect(row).toContain('line one<br>line \\| two');
    expect(row.startsWith('| Warning |')).toBe(true);
  });
});
