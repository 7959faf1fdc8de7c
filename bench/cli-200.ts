/**
 * `npm run bench:cli`: generates 200 realistic application workbooks (cover sheet, budget table with formulas, an
 * equipment list, a staffing plan; one in six with a typical mistake) into a temporary folder — or, with --examples,
 * 13 copies of each workbook in examples/ (208 files) — and prints, measured in this run on these files:
 *
 * * the floor: reading every file and inflating every part of its zip, in one process (what any checker must do);
 * * ONE command-line check over all of them (`check --format json`, the compiled CLI with its worker pool, process
 *   start included), as wall time and as a ratio to the floor — the goal is 4× or less;
 * * where the CLI's time went (its own --timings: reading vs checking, summed over files in the workers).
 *
 * Each is the median of three runs, so one busy moment on the machine does not decide the figure.
 *
 *   npm run bench:cli [-- --files 200 --examples --keep]
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { writeExamples } from '../scripts/make-examples';
import { ZipArchive } from '../src/xlsx/zip';
import { applicationSpecs } from './applications';

const { values } = parseArgs({ options: { files: { type: 'string' }, examples: { type: 'boolean' }, keep: { type: 'boolean' } } });
const count = Number(values.files ?? 200);
const RUNS = 3;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Reads every file and inflates every compressed part of its zip; nothing else. */
async function floor(files: string[]): Promise<number> {
  const start = performance.now();
  for (const file of files) {
    const data = await readFile(file);
    const zip = new ZipArchive(data);
    for (const name of zip.names()) {
      const entry = zip.entry(name)!;
      if (entry.method === 8) inflateRawSync(data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize));
    }
  }
  return performance.now() - start;
}

const dir = await mkdtemp(join(tmpdir(), 'sb-bench-'));
try {
  const genStart = performance.now();
  let files: string[];
  if (values.examples) {
    const examples = fileURLToPath(new URL('../examples/', import.meta.url));
    const names = (await readdir(examples)).filter((n) => n.endsWith('.xlsx'));
    files = [];
    for (let copy = 1; copy <= 13; copy++) {
      for (const name of names) {
        const target = join(dir, `${copy}-${basename(name)}`);
        await copyFile(join(examples, name), target);
        files.push(target);
      }
    }
  } else files = await writeExamples(dir, applicationSpecs(count));
  const genMs = performance.now() - genStart;
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  console.log(
    `${values.examples ? 'copied' : 'generated'} ${files.length} workbooks (${(bytes / 1024).toFixed(0)} KiB, ${(bytes / files.length / 1024).toFixed(1)} KiB each) in ${genMs.toFixed(0)} ms → ${dir}`,
  );

  const bin = fileURLToPath(new URL('../bin/subsidy-budget.js', import.meta.url));
  const floors: number[] = [];
  const walls: { ms: number; result: Awaited<ReturnType<typeof run>> }[] = [];
  await floor(files); // the files into the page cache, for both sides alike
  for (let i = 0; i < RUNS; i++) {
    floors.push(await floor(files));
    const start = performance.now();
    const result = await run([bin, 'check', '--timings', '--format', 'json', ...files]);
    walls.push({ ms: performance.now() - start, result });
  }
  const floorMs = median(floors);
  const cli = walls.find((w) => w.ms === median(walls.map((x) => x.ms)))!;
  const report = JSON.parse(cli.result.stdout) as { files: { summary: { error: number; warning: number; info: number } }[] };
  const withErrors = report.files.filter((f) => f.summary.error > 0).length;
  console.log(`floor: reading ${files.length} files and inflating every part: ${floorMs.toFixed(0)} ms (${(floorMs / files.length).toFixed(2)} ms a file)`);
  console.log(
    `one CLI run over ${report.files.length} files: ${cli.ms.toFixed(0)} ms wall including process start (exit ${cli.result.code}), ${withErrors} files with errors`,
  );
  console.log(`check / floor: ${(cli.ms / floorMs).toFixed(1)}× (goal ≤ 4×; median of ${RUNS} runs each)`);
  process.stdout.write(cli.result.stderr.replace(/^/gm, '  '));
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
