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
import type { ItemId } from '../src/domain/programs';
import { type ExampleSpec, type Typed, rowsFor, writeExamples } from '../scripts/make-examples';

const { values } = parseArgs({ options: { files: { type: 'string' }, keep: { type: 'boolean' } } });
const count = Number(values.files ?? 200);

/** A small deterministic PRNG so every run measures the same workbooks. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20240115);
const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));

const PROGRAMS: { id: string; cap: number; title: string; selfOnly: ItemId[] }[] = [
  { id: 'upgrade-10plus', cap: 5000, title: '產業及中小企業升級轉型 個案補助計畫（製造業10人以上）', selfOnly: ['personnel', 'intangible-assets'] },
  { id: 'upgrade-under10', cap: 3000, title: '產業及中小企業升級轉型 個案補助計畫（製造業9人以下）', selfOnly: ['personnel', 'intangible-assets'] },
  { id: 'chain-lowcarbon', cap: 30000, title: '以大帶小 低碳化 個案補助計畫（1+10）', selfOnly: ['personnel', 'intangible-assets', 'domestic-travel'] },
  { id: 'chain-smart', cap: 20000, title: '以大帶小 智慧化 個案補助計畫（1+4）', selfOnly: ['personnel', 'intangible-assets', 'domestic-travel'] },
  { id: 'registered-factory', cap: 1500, title: '納管工廠 低碳及智慧化 基礎轉型 個案補助計畫', selfOnly: ['personnel', 'foundation-works'] },
];

function workbookSpec(index: number): ExampleSpec {
  const program = PROGRAMS[index % PROGRAMS.length];
  // A gov total of 60–95 % of the cap, split over the fundable items within their limits.
  const gov = Math.round(program.cap * (0.6 + random() * 0.35));
  const share = (part: number) => Math.round(gov * part);
  const amounts: Partial<Record<ItemId, [Typed, Typed]>> = {
    consumables: [share(0.08), share(0.05 + random() * 0.05)],
    'new-equipment': [share(0.4), share(0.45 + random() * 0.2)],
    'equipment-improvement': [share(0.32), share(0.25 + random() * 0.1)],
    'commissioned-research': [gov - share(0.08) - share(0.4) - share(0.32), share(0.1)],
  };
  for (const item of program.selfOnly) amounts[item] = [null, share(0.05 + random() * 0.1)];

  const mistake = index % 6 === 5 ? Math.floor(index / 6) % 4 : -1;
  if (mistake === 0) amounts.personnel = [share(0.05), share(0.1)]; // self-only item with gov money
  // 1: an amount typed as text with a thousands separator; 2: a row total typed over; 3: a row label that is no accounting item.
  if (mistake === 1) {
    const [improvementGov, improvementSelf] = amounts['equipment-improvement']!;
    amounts['equipment-improvement'] = [Number(improvementGov).toLocaleString('en-US'), improvementSelf];
  }

  const equipment = Array.from({ length: between(8, 40) }, (_, i) => [
    `設備 ${i + 1}（品牌 型號 ${between(100, 999)}）`,
    i % 3 === 0 ? '空壓機節能改善' : i % 3 === 1 ? '智慧感測與監控' : '產線自動化',
    between(50, 900),
    i % 2 === 0 ? '國產' : '日本',
  ]);
  const staff = Array.from({ length: between(3, 12) }, (_, i) => [`員工${i + 1}／工程師`, '製程改善', '導入與驗證', between(2, 12)]);

  return {
    file: `application-${String(index + 1).padStart(3, '0')}.xlsx`,
    about: '',
    cover: { title: program.title, target: random() < 0.5 ? 'lowcarbon' : 'smart' },
    rows: [...rowsFor(program.id, amounts), ...(mistake === 3 ? [{ label: '雜支', gov: null, self: between(10, 90) }] : [])],
    formulas: index % 5 !== 4, // one in five typed as plain numbers
    typedOver: mistake === 2 ? { D5: 1 } : undefined,
    extraSheets: [
      { name: '設備購置或改善規劃', rows: [['設備名稱(含品牌、型號)', '用途/規格', '預估費用(不含稅)', '採購對象/產地'], ...equipment] },
      { name: '投入人力規劃', rows: [['姓名/職稱', '專長/經歷', '工作內容', '投入人月'], ...staff] },
    ],
  };
}

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
    Array.from({ length: count }, (_, i) => workbookSpec(i)),
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
