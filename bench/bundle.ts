/**
 * The task pane's weight and speed (`npm run bench`): the gzipped size of the JavaScript the production taskpane.html
 * loads up front (budget 160 KB), chunk by chunk, then the chunks loaded on demand (the benefits tab, the confirmation
 * dialog); and the time from opening the browser preview to the pane's first render in Debian's Chromium (median of
 * several fresh loads, printed with the same run's office-free baseline so machines can be compared). Builds the
 * production bundle first unless `--no-build` is given. Exits non-zero only when the size budget is exceeded: time
 * depends on the machine and is reported, never judged.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { previewFirstRenderMs } from '../src/preview/measure';
import { startPreview } from '../src/preview/serve';
import { CHROMIUM_FLAGS } from '../test/browser/harness';
import { PANE_JS_BUDGET_BYTES, gzippedBytes, pageAssets } from '../test/page-assets';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const LOADS = 7;

if (!process.argv.includes('--no-build')) {
  execFileSync('npm', ['run', '--silent', 'build:local'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// 1. Size: every local script taskpane.html loads (office.js comes from Microsoft's CDN and is not ours), then the rest.
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
function sizes(file: string): { raw: number; gzipped: number } {
  return { raw: statSync(join(DIST, file)).size, gzipped: gzippedBytes(join(DIST, file)) };
}
const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
const { scripts: upFront, stylesheets } = pageAssets(html);
const onDemand = readdirSync(DIST).filter((f) => f.endsWith('.js') && !upFront.includes(f)).sort();
let raw = 0;
let gzipped = 0;
console.log('task pane JavaScript, loaded with taskpane.html:');
for (const src of upFront) {
  const size = sizes(src);
  raw += size.raw;
  gzipped += size.gzipped;
  console.log(`  ${src.padEnd(30)} ${kb(size.raw)} raw  ${kb(size.gzipped)} gzip`);
}
const sizeOk = gzipped <= PANE_JS_BUDGET_BYTES;
console.log(`  ${'total'.padEnd(30)} ${kb(raw)} raw  ${kb(gzipped)} gzip  (budget 160 KB) ${sizeOk ? 'OK' : 'OVER'}`);
console.log('loaded on demand (when the view is first opened):');
let lazyGzipped = 0;
for (const file of onDemand) {
  const size = sizes(file);
  lazyGzipped += size.gzipped;
  console.log(`  ${file.padEnd(30)} ${kb(size.raw)} raw  ${kb(size.gzipped)} gzip`);
}
console.log(`  ${'all chunks together'.padEnd(30)} ${' '.repeat(14)} ${kb(gzipped + lazyGzipped)} gzip`);
// The styles: Fluent's, extracted from the script at build time, and the theme as CSS variables (not part of the budget,
// which is about script to parse and run, but reported so that moving weight out of the script stays visible).
console.log('stylesheets, loaded with taskpane.html:');
for (const href of stylesheets) {
  const size = sizes(href);
  console.log(`  ${href.padEnd(30)} ${kb(size.raw)} raw  ${kb(size.gzipped)} gzip`);
}

// 2. First render in the preview, in Chromium.
const server = await startPreview();
const profile = mkdtempSync(join(tmpdir(), 'subsidy-budget-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_FLAGS,
  viewport: { width: 1280, height: 860 },
});
const times: number[] = [];
const pageReady: number[] = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    times.push(await previewFirstRenderMs(page));
    // The same run's yardstick: when the preview page itself (no pane) had its DOM ready.
    pageReady.push(
      await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
    );
    await page.close();
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `preview first render: median ${median(times).toFixed(0)} ms over ${LOADS} loads (min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}); ` +
    `${(median(times) / median(pageReady)).toFixed(1)} × the preview page's own DOM-ready time (${median(pageReady).toFixed(0)} ms) in the same run`,
);

if (!sizeOk) process.exitCode = 1;
