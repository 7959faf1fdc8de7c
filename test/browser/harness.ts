import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/preview/static-server';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const DIST_TEST = join(ROOT, 'dist-test');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const OFFICE_JS_PATTERN = 'https://appsforoffice.microsoft.com/**';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The production build the tests run against. `npm test` builds first (the `pretest` script); run alone, the browser
 * tests build once when `dist/` lacks it, one worker building while the others wait.
 */
export async function ensureProductionBuild(): Promise<void> {
  const page = join(DIST, 'taskpane.html');
  if (existsSync(page)) return;
  const lock = join(ROOT, '.browser-build.lock');
  try {
    mkdirSync(lock); // atomic: exactly one worker gets it
  } catch {
    const deadline = Date.now() + 170_000;
    while (!existsSync(page) || existsSync(lock)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build dist/');
      await new Promise((r) => setTimeout(r, 250));
    }
    return;
  }
  try {
    execFileSync('npm', ['run', '--silent', 'build:local'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The fake Excel host as a browser script that stands in for office.js (HyperFormula inside). */
export async function buildFakeOffice(): Promise<string> {
  mkdirSync(DIST_TEST, { recursive: true });
  const outfile = join(DIST_TEST, 'fake-office.js');
  await build({
    entryPoints: [join(ROOT, 'test/browser/fake-office-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    minify: true,
  });
  return outfile;
}

export interface BrowserSession {
  context: BrowserContext;
  server: StaticServer;
  close(): Promise<void>;
}

/** Chromium from Debian with a fresh profile, and `dist/` served on 127.0.0.1. */
export async function launch(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'subsidy-budget-chromium-'));
  const server = await serveStatic([{ prefix: '/', dir: DIST }]);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 450, height: 900 },
    locale: 'zh-TW',
  });
  return {
    context,
    server,
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the built task pane with the office.js request answered by the fake host. `problems` collects page errors and
 * any request that leaves 127.0.0.1, for the test to assert empty.
 */
export async function openPane(
  session: BrowserSession,
  fakeOffice: string,
  options: { width?: number; height?: number; query?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const width = options.width ?? 450;
  const page = await session.context.newPage();
  await page.setViewportSize({ width, height: options.height ?? 900 });
  const problems: string[] = [];
  await page.route(OFFICE_JS_PATTERN, (route) => route.fulfill({ path: fakeOffice, contentType: 'text/javascript' }));
  // Each pane opens as on a computer where nobody picked a language yet, so it follows Office's.
  await page.addInitScript(() => {
    localStorage.removeItem('subsidy-budget.lang');
    localStorage.removeItem('subsidy-budget.reviewer'); // nor chose reviewer mode
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(session.server.url) && !url.startsWith('https://appsforoffice.microsoft.com/') && !url.startsWith('data:')) {
      problems.push(`offsite request: ${url}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${session.server.url}/taskpane.html${options.query ?? ''}`);
  return { page, problems };
}

/** Chooses an entry of the pane's overflow menu (mark, clear marks, recalculate, check, language …). */
export async function menu(page: Page, testId: string): Promise<void> {
  await page.getByTestId('more').click();
  await page.getByTestId(testId).click();
}

/**
 * Waits until every finite animation on the page has finished (a dialog fading in or out), instead of a fixed delay
 * that is too short on a slow machine. Endless ones (a spinner) are not waited for.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Whether the element's box lies entirely inside the viewport: what a person sees without scrolling. */
export async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

/** One Chromium with the production build and the fake office.js for a test file; `close` in afterAll. */
export async function browserForTests(): Promise<{ browser: BrowserSession; fakeOffice: string }> {
  await ensureProductionBuild();
  const fakeOffice = await buildFakeOffice();
  const browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
  return { browser, fakeOffice };
}

/**
 * One Chromium with the production build for the test file that calls this at its top (beforeAll/afterAll
 * registered here): `browser()` and `fakeOffice()` are ready inside its tests.
 */
export function browserPerFile(): { browser: () => BrowserSession; fakeOffice: () => string } {
  let session: BrowserSession | undefined;
  let office = '';
  beforeAll(async () => {
    ({ browser: session, fakeOffice: office } = await browserForTests());
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });
  return { browser: () => session!, fakeOffice: () => office };
}

/** The start card's 插入範本, applied: the official table, empty. */
export async function openWithTemplate(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
  await page.getByTestId('start-template').click();
  await page.getByRole('dialog').getByTestId('confirm-apply').click();
  await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('empty');
}

/**
 * Pastes 政府補助款 / 業者自籌款 into the template's rows by their label (a paste: the template's validation does not
 * apply, so 人事費 200 goes in), then checks from the menu.
 */
export async function pasteRows(page: Page, rows: [label: string, gov: number, self: number][], sheet = '經費預算表'): Promise<void> {
  await page.evaluate(
    ({ sheet, rows }) => {
      const fake = (window as any).fakeHost;
      for (const [label, gov, self] of rows) {
        let r = 1;
        while (fake.value(sheet, `A${r}`) !== label) if (++r > 60) throw new Error(`no row ${label}`);
        fake.seed(sheet, [[gov, self]], `B${r}`);
      }
    },
    { sheet, rows },
  );
  await menu(page, 'action-check');
}

/** The review's budget (ux-2 §2), as the session tests use it. */
export { THREE_ERRORS } from '../taskpane/pane-fixture';

/** The row (1-based) whose column A holds `label` on the template sheet. */
export async function rowOf(page: Page, label: string, sheet = '經費預算表'): Promise<number> {
  return page.evaluate(
    ({ sheet, label }) => {
      const fake = (window as any).fakeHost;
      for (let r = 1; r <= 60; r++) if (fake.value(sheet, `A${r}`) === label) return r;
      throw new Error(`no row labelled ${label}`);
    },
    { sheet, label },
  );
}
