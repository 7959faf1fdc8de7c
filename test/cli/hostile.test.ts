import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHEAP_KINDS, writeHostile, writeHostileFile } from '../../bench/hostile-files';

const root = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Report {
  files: { file: string; findings: { rule: string; severity: string; message: string }[]; summary: { error: number } }[];
}

describe('one batch of hostile files, a good file after each', () => {
  it('reports every file: the hostile ones as unreadable or read within bounds, every good one checked clean', async () => {
    const files: string[] = [];
    for (const kind of CHEAP_KINDS) {
      files.push(await writeHostileFile(dir, kind));
      const good = join(dir, `good-after-${kind}.xlsx`);
      await copyFile(join(root, 'examples/clean-upgrade-10plus.xlsx'), good);
      files.push(good);
    }
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(root, 'bin/subsidy-budget.js'), 'check', '--format', 'json', '--lang', 'en', ...files], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((f) => f.file)).toEqual(files);
    const byFile = new Map(report.files.map((f) => [f.file, f]));
    const unreadable = (file: string) => byFile.get(file)!.findings.filter((f) => f.rule === 'unreadable-file').map((f) => f.message);
    for (const file of files.filter((f) => f.includes('good-after-'))) expect(byFile.get(file)!.findings).toEqual([]);
    expect(unreadable(join(dir, 'zip-bomb-false-size.xlsx'))).toEqual([expect.stringMatching(/zip bomb.*declared 2 KB/)]);
    expect(unreadable(join(dir, 'fifo.xlsx'))).toEqual([expect.stringMatching(/not a regular file.*FIFO/)]);
    expect(unreadable('/dev/zero')).toEqual([expect.stringMatching(/not a regular file.*character device/)]);
    // The sparse, whole-sheet merge, validation and defined-name workbooks are read and checked: their tables are clean.
    for (const kind of ['sparse-huge-address', 'whole-sheet-merge', 'whole-sheet-validation', 'whole-sheet-defined-name']) {
      expect(byFile.get(join(dir, `${kind}.xlsx`))!.summary.error).toBe(0);
    }
    // Settings stored in the workbook silence nothing: the 8,000-over-5,000 cap breach stays an error under both, and
    // each setting is named as disagreeing with the workbook.
    for (const kind of ['setting-hides-budget', 'setting-lowers-cap']) {
      const findings = byFile.get(join(dir, `${kind}.xlsx`))!.findings;
      expect(findings.filter((f) => f.rule === 'gov-cap').map((f) => f.severity)).toEqual(['error']);
      expect(findings.filter((f) => f.rule === 'setting-conflict').map((f) => f.severity)).toEqual(['warning']);
    }
    expect(report.files.filter((f) => f.summary.error > 0)).toHaveLength(5);
  }, 120_000);
});

describe('a file that takes too long', () => {
  it('is reported as unreadable, saying why, and the next file is still checked', async () => {
    // 1.3 million cells to take in before the cell bound stops it: seconds of work, far over the 1 s bound.
    const slow = writeHostile(dir, 'zip-bomb-repeated-cell', { bombBytes: 1024 * 1024 * 1024 });
    const good = join(root, 'examples/clean-upgrade-10plus.xlsx');
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      // The good file gets a fresh worker, whose start-up does not count against its time.
      execFile(process.execPath, [join(root, 'bin/subsidy-budget.js'), 'check', '--format', 'json', '--lang', 'en', '--file-timeout', '1', slow, good], (error, stdout) =>
        resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files[0].findings.map((f) => f.message)).toEqual([expect.stringMatching(/longer than the time bound \(--file-timeout\) \(1 s\)/)]);
    expect(report.files[1].findings).toEqual([]);
  }, 120_000);
});
