/**
 * `npm run bench:cli`: generates 200 realistic application workbooks (cover sheet, budget table with formulas, an
 * equipment list, a staffing plan; one in six with a typical mistake) into a temporary folder, runs ONE command-line
 * check over all of them, and prints the wall time and where it went (the CLI's own --timings: reading vs checking).
 *
 *   npm run bench:cli [-- --files 200 --keep]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeExamples } from '../scripts/make-examples';
import { applicationSpecs } from './applications';

const { values } = parseArgs({ options: { files: { type: 'string' }, keep: { type: 'boolean' } } });
const count = Number(values.files ?? 200);

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const dir = await mkdtemp(join(tmpdir(), 'sb-bench-'));
try {
  const genStart = performance.now();
  const files = await writeExamples(
    dir,
    applicationSpecs(count),
  );
  const genMs = performance.now() - genStart;
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  console.log(`generated ${files.length} workbooks (${(bytes / 1024).toFixed(0)} KiB, ${(bytes / files.length / 1024).toFixed(1)} KiB each) in ${genMs.toFixed(0)} ms → ${dir}`);

  const bin = fileURLToPath(new URL('../bin/subsidy-budget.js', import.meta.url));
  const start = performance.now();
  const result = await run([bin, 'check', '--timings', '--format', 'json', ...files]);
  const wall = performance.now() - start;
  const report = JSON.parse(result.stdout) as { files: { summary: { error: number; warning: number; info: number } }[] };
  const withErrors = report.files.filter((f) => f.summary.error > 0).length;
  console.log(`one CLI run over ${report.files.length} files: ${wall.toFixed(0)} ms wall including process start (exit ${result.code}), ${withErrors} files with errors`);
  process.stdout.write(result.stderr.replace(/^/gm, '  '));
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
