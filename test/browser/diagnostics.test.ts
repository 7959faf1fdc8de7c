import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/serve';
import type { StaticServer } from '../../src/preview/static-server';
import { ARTIFACTS, CHROMIUM_FLAGS, ensureProductionBuild } from './harness';

/** The 診斷 page in the browser preview over the fake host (strict null objects): every check passes. */

let server: StaticServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  await ensureProductionBuild();
  server = await startPreview();
  profile = mkdtempSync(join(tmpdir(), 'subsidy-budget-diagnostics-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('diagnostics page', () => {
  it('runs every check in the preview, all passing, leaves no scratch sheet, and copies the plain-text report', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const pane = page.frameLocator('#pane');
    await expect.poll(() => pane.locator('[data-rule="missing-table"]').count(), { timeout: 20_000 }).toBe(1);

    // The page is a separate chunk, loaded only when opened.
    await pane.getByTestId('open-diagnostics').click();
    await pane.getByTestId('diagnostics-run').click();
    await expect.poll(() => pane.getByTestId('diagnostics-summary').count(), { timeout: 30_000 }).toBe(1);
    const statuses = await pane.locator('[data-testid="diagnostics-results"] li').evaluateAll((items) =>
      items.map((li) => `${li.getAttribute('data-check')}:${li.getAttribute('data-status')}`),
    );
    expect(statuses).toEqual([
      'requirement-sets:pass', 'read-path:pass', 'null-object:info', 'settings:pass', 'scratch-sheet:pass', 'mark:pass', 'fills:info',
      'change-event:pass', 'cell-edit:pass', 'merges:pass', 'notes:pass', 'cleanup:pass',
    ]);
    const report = await pane.getByTestId('diagnostics-report').inputValue();
    expect(report).toMatch(/^subsidy-budget diagnostics/);
    expect(report).toContain('0 failed, 10 passed');
    expect(await page.evaluate(() => (window as unknown as { subsidyPreview: { host: { sheetNames(): string[] } } }).subsidyPreview.host.sheetNames())).toEqual(['工作表1']);

    await pane.getByTestId('diagnostics-copy').click();
    await expect.poll(() => pane.getByTestId('diagnostics-copied').textContent()).toContain('已複製');
    await page.screenshot({ path: join(ARTIFACTS, 'diagnostics-preview.png') });
    expect(errors).toEqual([]);
  });
});
