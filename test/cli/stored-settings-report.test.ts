import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { writeHostileFile } from '../../bench/hostile-files';

/**
 * Issue 25, Must show 3, through the real command line: the two settings attacks of the issue give their errors back
 * (exit 1, not 0), and every report format shows the settings the check read and that they were not followed.
 */

let dir: string;
let hides: string;
let lowers: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-settings-'));
  hides = await writeHostileFile(dir, 'setting-hides-budget');
  lowers = await writeHostileFile(dir, 'setting-lowers-cap');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['check', '--lang', 'en', ...args], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), color: false });
  return { code, out, err };
}

interface JsonFile {
  program: string;
  programSource: string;
  settings: { setting: string; value: string; used: boolean }[];
  findings: { rule: string; severity: string; sheet: string | null; cell: string | null }[];
}

describe('settings stored in the workbook, through the CLI', () => {
  it('a review-sheet setting naming the budget sheet hides nothing: the errors stay, exit 1, the setting is a finding', async () => {
    const { code, out } = await run(['--format', 'json', hides]);
    expect(code).toBe(1);
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect(file.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain('gov-cap');
    expect(file.findings.filter((f) => f.rule === 'setting-conflict')).toMatchObject([{ severity: 'warning', sheet: '經費預算表' }]);
    expect(file.settings).toEqual([{ setting: 'review-sheet', value: '經費預算表', used: false }]);
    expect(file.programSource).toBe('workbook');
  });

  it("a stored program with a higher cap does not lower the cap breach: gov-cap stays an error, the cover's program is checked", async () => {
    const { code, out } = await run(['--format', 'json', lowers]);
    expect(code).toBe(1);
    const [file] = (JSON.parse(out) as { files: JsonFile[] }).files;
    expect([file.program, file.programSource]).toEqual(['upgrade-10plus', 'workbook']);
    expect(file.findings.filter((f) => f.rule === 'gov-cap').map((f) => f.severity)).toEqual(['error']);
    expect(file.findings.filter((f) => f.rule === 'setting-conflict')).toMatchObject([{ severity: 'warning', sheet: '封面', cell: 'A1' }]);
    expect(file.settings).toEqual([{ setting: 'program', value: 'chain-lowcarbon', used: false }]);
  });

  it('text, Markdown, HTML and xlsx reports show the stored settings and that they were not followed', async () => {
    const shown = 'program chain-lowcarbon (not followed: the workbook shows otherwise)';
    for (const format of ['text', 'md']) {
      const { out } = await run(['--format', format, lowers, hides]);
      expect(out).toContain(`Stored settings: ${shown}`);
      expect(out).toContain('Stored settings: review sheet (left out of the check) 經費預算表 (not followed');
    }
    const html = join(dir, 'report.html');
    await run(['--format', 'html', '--output', html, lowers]);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(html, 'utf8')).toContain(`Stored settings: ${shown}`);
    const xlsx = join(dir, 'report.xlsx');
    await run(['--format', 'xlsx', '--output', xlsx, lowers]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const overview = book.worksheets[0];
    const header = (overview.getRow(1).values as unknown[]).indexOf('Stored settings');
    expect(header).toBeGreaterThan(0);
    expect(overview.getRow(2).getCell(header).text).toContain(shown);
  });
});
