import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_IDS } from '../../src/domain/programs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');
const example = (name: string) => join(root, 'examples', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed launcher as a reviewer would, in a child process. */
function cli(args: string[], cwd = root): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface JsonReport {
  version: number;
  files: {
    file: string;
    program: string | null;
    target: string | null;
    findings: { rule: string; severity: string; sheet: string | null; cell: string | null; cells?: string[]; message: string }[];
    summary: { error: number; warning: number; info: number };
  }[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('subsidy-budget check: exit status', () => {
  it('exits 0 when no file has an error', async () => {
    const run = await cli(['check', example('clean-upgrade-10plus.xlsx'), example('seed-004-registered-factory.xlsx')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 when any file has an error', async () => {
    const run = await cli(['check', example('clean-upgrade-10plus.xlsx'), example('mistake-self-only-personnel.xlsx')]);
    expect(run.code).toBe(1);
  });

  it.each([
    [['check', '--colour', example('clean-upgrade-10plus.xlsx')], /unknown option --colour/],
    [['check'], /no files to check/],
    [['check', '--format', 'pdf', 'a.xlsx'], /unknown --format "pdf"/],
    [['check', '--format', 'xlsx', 'a.xlsx'], /--format xlsx needs --output/],
    [['check', '--fail-on', 'info', 'a.xlsx'], /unknown --fail-on "info"/],
    [['check', '--target', 'green', 'a.xlsx'], /unknown --target "green"/],
    [['check', '--program'], /--program needs a value/],
    [['verify', 'a.xlsx'], /unknown command "verify"/],
  ])('exits 2 with a usage message for %j', async (args, message) => {
    const run = await cli([...args, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage:/);
    expect(run.stdout).toBe('');
  });

  it('names the valid programs when --program is unknown', async () => {
    const run = await cli(['check', '--program', 'upgrade-20plus', example('clean-upgrade-10plus.xlsx')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('upgrade-20plus');
    for (const id of PROGRAM_IDS) expect(run.stderr).toContain(id);
    expect(run.stderr).toMatch(/用法/);
  });

  it('prints help on --help and exits 0', async () => {
    const run = await cli(['check', '--help', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/subsidy-budget check \[--program <id>\]/);
    expect(run.stdout).toMatch(/--format/);
  });
});

describe('subsidy-budget check: reports', () => {
  it('--format json prints one document with the SPEC §6 shape, files in argument order', async () => {
    const files = [
      example('mistake-self-only-personnel.xlsx'),
      example('clean-chain-smart.xlsx'),
      example('seed-004-registered-factory.xlsx'),
    ];
    const run = await cli(['check', '--format', 'json', ...files]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.files.map((f) => f.file)).toEqual(files);
    for (const file of report.files) {
      expect(Object.keys(file).sort()).toEqual(['file', 'findings', 'program', 'programSource', 'settings', 'summary', 'target']);
      const counts = { error: 0, warning: 0, info: 0 } as Record<string, number>;
      for (const f of file.findings) counts[f.severity]++;
      expect(file.summary).toEqual(counts);
    }
    const [personnel, chain] = report.files;
    expect(personnel.program).toBe('upgrade-10plus');
    expect(personnel.findings).toContainEqual(
      expect.objectContaining({ rule: 'self-only-item', severity: 'error', sheet: '經費預算表', cell: 'B8', expected: 0, actual: 500 }),
    );
    expect(chain).toMatchObject({ program: 'chain-smart', target: 'smart', summary: { error: 0 } });
  });

  it('the seed-004 table checked as registered-factory: no errors, one percent-mismatch warning listing its two cells', async () => {
    const run = await cli(['check', '--format', 'json', '--program', 'registered-factory', example('seed-004-registered-factory.xlsx')]);
    expect(run.code).toBe(0);
    const [file] = (JSON.parse(run.stdout) as JsonReport).files;
    expect(file.program).toBe('registered-factory');
    expect(file.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const warnings = file.findings.filter((f) => f.severity === 'warning');
    // 委託研究或驗證費: 120/3380 = 3.55 → 3.6, shown 3.5; 基礎工程施工費: 300/3380 = 8.88 → 8.9, shown 8.8.
    expect(warnings.map((f) => [f.rule, f.cell, f.cells])).toEqual([['percent-mismatch', 'E7', ['E7', 'E9']]]);
    expect(warnings[0].message).toBe('2 個百分比與實際占比不符：E7 應為 3.6（表上為 3.50）、E9 應為 8.9（表上為 8.80）');
  });

  it('reports an unreadable file as a finding and still checks the others', async () => {
    const notXlsx = join(dir, 'budget.xlsx');
    await writeFile(notXlsx, '會計科目,政府補助款,業者自籌款\n');
    const missing = join(dir, 'missing.xlsx');
    const files = [example('clean-upgrade-10plus.xlsx'), notXlsx, missing, example('mistake-gov-share-over-50.xlsx')];
    const run = await cli(['check', '--format', 'json', '--lang', 'en', ...files]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.map((f) => f.file)).toEqual(files);
    expect(report.files[0].summary).toEqual({ error: 0, warning: 0, info: 0 });
    for (const [index, reason] of [
      [1, /not a workbook or document this checker reads \(\.xlsx, \.xlsm, \.ods, \.fods, \.xls, \.docx, \.odt\)/],
      [2, /does not exist/],
    ] as const) {
      expect(report.files[index].findings).toEqual([
        expect.objectContaining({ rule: 'unreadable-file', severity: 'error', sheet: null, cell: null, message: expect.stringMatching(reason) }),
      ]);
    }
    expect(report.files[3].findings.map((f) => f.rule)).toContain('gov-share');
  });

  it('text output: header per file, findings grouped by severity with the cell address first, a summary line', async () => {
    const run = await cli(['check', example('mistake-typed-over-total.xlsx'), example('clean-upgrade-10plus.xlsx')]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(example('mistake-typed-over-total.xlsx'));
    expect(lines[1]).toMatch(/^ {2}計畫別：.*\(upgrade-10plus, 依活頁簿內容判斷\) {3}補助標的：低碳化$/);
    const errorsAt = lines.indexOf('  錯誤 (1)');
    expect(errorsAt).toBeGreaterThan(1);
    // The typed constant in D6 is the same slip as the wrong total there: one finding, not a second warning.
    expect(lines.some((l) => /^ {2}警告 \(\d+\)$/.test(l))).toBe(false);
    expect(lines[errorsAt + 1]).toMatch(/^ {4}經費預算表!D6 {2}合計應為 2,000.*\[row-total-mismatch\]$/);
    expect(lines[errorsAt + 2]).toBe('      應為 2,000（目前 1,800）');
    expect(lines[errorsAt + 3]).toMatch(/^ {6}修正：/);
    expect(run.stdout).toContain(`${example('clean-upgrade-10plus.xlsx')}\n`);
    expect(run.stdout).toContain('  沒有發現問題');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^共 2 個檔案，1 個有錯誤；錯誤 1、警告 0、提示 0$/);
  });

  it('--lang en gives English headings and messages', async () => {
    const run = await cli(['check', '--lang', 'en', example('mistake-self-only-personnel.xlsx')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}Program: .* \(upgrade-10plus, recognised from the workbook\) {3}Target: smart manufacturing$/m);
    expect(run.stdout).toContain('  Error (1)');
    const finding = run.stdout.split('\n').find((l) => l.includes('[self-only-item]'))!;
    expect(finding).toMatch(/^ {4}經費預算表!B8 {2}/);
    expect(finding.replace('經費預算表!B8', '')).not.toMatch(/[\u4e00-\u9fff]{4}/); // the message itself is English
    expect(run.stdout).toMatch(/Expected 0 \(now 500\)/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 file, 1 with errors; 1 error, 0 warnings, 0 info');
  });

  it('--format md writes a report with an overview table and one findings table per file', async () => {
    const files = [example('mistake-self-only-personnel.xlsx'), example('clean-upgrade-10plus.xlsx')];
    const run = await cli(['check', '--format', 'md', ...files]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^# 經費預算表檢查報告\n/);
    expect(run.stdout).toContain('| 檔案 | 計畫別 | 錯誤 | 警告 | 提示 |');
    expect(run.stdout).toContain(`| ${files[0]} | upgrade-10plus | 1 | 0 | 0 |`);
    expect(run.stdout).toContain(`## ${files[0]}`);
    expect(run.stdout).toMatch(/\| 錯誤 \| `經費預算表!B8` \| 人事費.* \| 0（目前 500） \| .* \| `self-only-item`<br>「.*」 \(001_[0-9a-f]+\.txt\) \|/);
    expect(run.stdout).toContain(`## ${files[1]}`);
  });

  it('runs through npm as SPEC §6 documents it', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(
        'npm',
        ['run', '--silent', 'check', '--', '--format', 'json', '--program', 'registered-factory', 'examples/seed-004-registered-factory.xlsx'],
        { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).files[0].summary).toEqual({ error: 0, warning: 1, info: 0 });
  });

  it('--timings prints where the time went to stderr and leaves stdout a clean JSON document', async () => {
    const run = await cli(['check', '--timings', '--format', 'json', example('clean-upgrade-10plus.xlsx')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1 });
    expect(run.stderr).toMatch(/timings: 1 files in \d+ ms/);
    expect(run.stderr).toMatch(/reading files .*:\s+\d+ ms/);
    expect(run.stderr).toMatch(/checking .*:\s+\d+ ms/);
  });
});

describe('subsidy-budget template', () => {
  it('writes the official table for a program, which the checker then reads without errors', async () => {
    const out = join(dir, 'template-chain-smart.xlsx');
    const run = await cli(['template', '--program', 'chain-smart', '--lang', 'en', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);
    const check = await cli(['check', '--format', 'json', '--program', 'chain-smart', out]);
    expect(check.code).toBe(0);
    const [file] = (JSON.parse(check.stdout) as JsonReport).files;
    expect(file.findings.map((f) => f.rule)).not.toContain('missing-table');
    // Without --program the template's own notes say which program it is for.
    const detected = await cli(['check', '--format', 'json', out]);
    // An empty template is read whole: the only finding is that it has no amounts yet.
    const [detectedFile] = (JSON.parse(detected.stdout) as JsonReport).files;
    expect(detectedFile.program).toBe('chain-smart');
    expect(detectedFile.findings.map((f) => [f.rule, f.severity])).toEqual([['empty-budget', 'warning']]);
  }, 90_000); // three CLI runs, each starting a worker thread

  it('says so clearly when the folder to write into does not exist', async () => {
    const run = await cli(['template', '--program', 'upgrade-10plus', '--lang', 'en', join(dir, 'no-such-folder', 'x.xlsx')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*x\.xlsx: its folder does not exist/);
  });

  it('never replaces an existing file unless told to', async () => {
    const out = join(dir, 'taken.xlsx');
    await copyFile(example('clean-upgrade-10plus.xlsx'), out);
    const refused = await cli(['template', '--program', 'upgrade-10plus', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/已存在/);
    const kept = await cli(['check', '--format', 'json', out]);
    expect((JSON.parse(kept.stdout) as JsonReport).files[0].program).toBe('upgrade-10plus');
    expect(kept.stdout).not.toContain('missing-table');

    const forced = await cli(['template', '--program', 'registered-factory', '--force', out]);
    expect(forced.code).toBe(0);
  });

  it('refuses, saying why and what to do instead, for a program whose brochure names no budget items', async () => {
    const out = join(dir, 'template-sbir.xlsx');
    const run = await cli(['template', '--program', 'sbir-phase1', '--lang', 'en', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no template for .*sbir-phase1.*names no budget items.*check --program sbir-phase1/);
    expect(run.stderr).not.toMatch(/TypeError|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('needs a program', async () => {
    const run = await cli(['template', join(dir, 'x.xlsx'), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template needs --program/);
  });
});
