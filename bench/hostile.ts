/**
 * `npm run bench:hostile`: writes the crafted workbooks of issue 9 ("One batch, no report") into a temporary folder —
 * cells at A1 and XFD1048576, a whole-sheet merge, validation and defined name, zip bombs (about 4–5 MB each), a
 * 700,000-row data sheet (about 55 MB), plus /dev/zero and a FIFO — with a good workbook after each, runs ONE CLI check
 * over all of them, and prints the wall time, the peak memory (GNU time's maximum resident set) and what each file got.
 * Then it checks the 700,000-row workbook alone and prints its peak memory. Exits 1 if the batch took 3 minutes or
 * more, used 2 GB or more, or left any file without a report.
 *
 *   npm run bench:hostile [-- --keep]
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type HostileKind, writeHostileFile } from './hostile-files';

const { values } = parseArgs({ options: { keep: { type: 'boolean' } } });
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');

const KINDS: HostileKind[] = [
  'sparse-huge-address',
  'whole-sheet-merge',
  'whole-sheet-validation',
  'whole-sheet-defined-name',
  'zip-bomb-repeated-cell',
  'zip-bomb-whitespace',
  'zip-bomb-false-size',
  'dev-zero',
  'fifo',
  'rows-700k',
  'long-text-amount',
  'bracket-labels',
  'repeated-long-labels',
  'setting-hides-budget',
  'setting-lowers-cap',
];

interface Report {
  files: { file: string; findings: { rule: string; severity: string; message: string }[]; summary: Record<string, number> }[];
}

/** Runs the CLI under GNU time: its exit status, stdout, and the whole process's peak RSS (worker threads included). */
function timedCheck(files: string[], out: string): Promise<{ code: number; wallMs: number; peakMb: number; stdout: string }> {
  const timeFile = `${out}.time`;
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/time',
      ['-f', '%M', '-o', timeFile, process.execPath, bin, 'check', '--format', 'json', '--lang', 'en', '--timings', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      async (error, stdout, stderr) => {
        const wallMs = performance.now() - start;
        const peakKb = Number((await readFile(timeFile, 'utf8')).trim().split('\n').pop());
        process.stdout.write(stderr.replace(/^/gm, '    '));
        resolve({ code: error ? Number(error.code ?? -1) : 0, wallMs, peakMb: peakKb / 1024, stdout });
      },
    );
  });
}

const dir = await mkdtemp(join(tmpdir(), 'sb-hostile-'));
try {
  const good = join(root, 'examples/clean-upgrade-10plus.xlsx');
  const files: string[] = [];
  const genStart = performance.now();
  for (const [i, kind] of KINDS.entries()) {
    const path = await writeHostileFile(dir, kind);
    const size = kind === 'fifo' || kind === 'dev-zero' ? '' : ` (${((await stat(path)).size / 1024 / 1024).toFixed(1)} MB)`;
    console.log(`  wrote ${kind}${size}`);
    files.push(path);
    const copy = join(dir, `good-${i + 1}.xlsx`);
    await copyFile(good, copy);
    files.push(copy);
  }
  console.log(`generated ${files.length} files in ${((performance.now() - genStart) / 1000).toFixed(1)} s → ${dir}`);

  const batch = await timedCheck(files, join(dir, 'batch'));
  const report = JSON.parse(batch.stdout) as Report;
  const reported = new Set(report.files.map((f) => f.file));
  const missing = files.filter((f) => !reported.has(f));
  console.log(`\none CLI run over ${files.length} files: ${report.files.length} / ${files.length} files reported, ${(batch.wallMs / 1000).toFixed(1)} s wall, peak ${batch.peakMb.toFixed(0)} MB, exit ${batch.code}`);
  for (const f of report.files) {
    const notable = f.findings.filter((x) => x.severity !== 'info' || x.rule === 'sheet-truncated' || x.rule === 'no-cached-values');
    const what = notable.length === 0 ? 'no findings (clean)' : notable.map((x) => `${x.rule}: ${x.message}`).join(' | ');
    console.log(`  ${f.file.replace(`${dir}/`, '')}: ${what.slice(0, 220)}`);
  }

  const big = files.find((f) => f.endsWith('rows-700k.xlsx'))!;
  const alone = await timedCheck([big], join(dir, 'alone'));
  console.log(`\nthe 700,000-row workbook alone: ${(alone.wallMs / 1000).toFixed(1)} s wall, peak ${alone.peakMb.toFixed(0)} MB (whole CLI process, worker included)`);

  const ok = batch.wallMs < 180_000 && batch.peakMb < 2048 && missing.length === 0 && report.files.length === files.length;
  console.log(`\n${ok ? 'PASS' : 'FAIL'}: under 3 minutes ${batch.wallMs < 180_000}, under 2 GB ${batch.peakMb < 2048}, every file reported ${missing.length === 0}`);
  if (!ok) process.exitCode = 1;
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
