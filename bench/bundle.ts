/**
 * The task pane's weight and speed (`npm run bench`): the gzipped size of the JavaScript the production
 * taskpane.html loads (limit 250 KB), and the time from opening the browser preview to the pane's first render in
 * Debian's Chromium (limit 1 s; median of several fresh loads). Builds the production bundle first unless
 * `--no-build` is given. Exits non-zero when a limit is exceeded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { previewFirstRenderMs } from '../src/preview/measure';
import { startPreview } from '../src/preview/serve';
import { CHROMIUM_FLAGS } from '../test/browser/harness';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const GZIP_LIMIT_BYTES = 250 * 1024;
const FIRST_RENDER_LIMIT_MS = 1000;
const LOADS = 7;

if (!process.argv.includes('--no-build')) {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// 1. Size: every local script taskpane.html loads (office.js comes from Microsoft's CDN and is not ours).
const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
let raw = 0;
let gzipped = 0;
for (const src of scripts) {
  const bytes = readFileSync(join(DIST, src));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  console.log(`  ${src.padEnd(28)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB raw  ${(gz / 1024).toFixed(1).padStart(6)} KB gzip`);
}
const sizeOk = gzipped <= GZIP_LIMIT_BYTES;
console.log(`task pane JavaScript: ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped (limit 250 KB) ${sizeOk ? 'OK' : 'OVER'}`);

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
try {
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    times.push(await previewFirstRenderMs(page));
    await page.close();
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const renderOk = median < FIRST_RENDER_LIMIT_MS;
console.log(
  `preview first render: median ${median.toFixed(0)} ms over ${LOADS} loads (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}; limit 1000 ms) ${renderOk ? 'OK' : 'OVER'}`,
);

if (!sizeOk || !renderOk) process.exitCode = 1;
