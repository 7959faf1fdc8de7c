import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFirstRenderMs } from '../../src/preview/measure';
import { startPreview } from '../../src/preview/serve';
import type { StaticServer } from '../../src/preview/static-server';
import { ARTIFACTS, CHROMIUM_FLAGS, ensureProductionBuild } from './harness';

/** `npm run preview`: the grid over the in-memory workbook beside the production pane, all from 127.0.0.1. */

let server: StaticServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  await ensureProductionBuild();
  server = await startPreview();
  profile = mkdtempSync(join(tmpdir(), 'subsidy-budget-preview-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 860 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('browser preview', () => {
  it('typing into the grid updates the pane, the pane selects cells in the grid, and nothing leaves the machine', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const firstRender = await previewFirstRenderMs(page);
    // The pane rendered (the time itself is a figure for `npm run bench`, never a test's pass mark).
    expect(firstRender).toBeGreaterThan(0);

    const pane = page.frameLocator('#pane');
    await expect.poll(() => pane.getByTestId('start').count(), { timeout: 10_000 }).toBe(1);
    await pane.getByTestId('start-template').click();
    await pane.getByRole('dialog').getByRole('button', { name: '套用' }).click();
    // The grid shows the new sheet with the template's computed cells.
    await expect.poll(() => page.locator('.sheet-tabs button[aria-selected="true"]').textContent()).toBe('經費預算表');
    await expect.poll(() => page.locator('td[data-cell="A1"]').textContent()).toBe('經費預算表');

    // Type into the grid like a user: select B7, type, Enter.
    const row = await page.evaluate(() => {
      const host = (window as any).subsidyPreview.host;
      for (let r = 1; r < 40; r++) if (host.value('經費預算表', `A${r}`) === '既有設備之改善費') return r;
      return -1;
    });
    expect(row).toBeGreaterThan(0);
    await page.locator(`td[data-cell="B${row}"]`).click();
    await page.getByTestId('grid').focus();
    await page.keyboard.type('900');
    await page.keyboard.press('Enter');
    await page.locator(`td[data-cell="C${row}"]`).click();
    await page.getByTestId('grid').focus();
    await page.keyboard.type('300');
    await page.keyboard.press('Enter');
    // HyperFormula's totals show in the grid, and the pane re-checks by itself: gov 900 of 1,200 is over 50 %.
    await expect.poll(() => page.locator(`td[data-cell="D${row}"]`).textContent()).toBe('1,200');
    const share = pane.locator('[data-rule="gov-share"]');
    await expect.poll(() => share.count(), { timeout: 5_000 }).toBe(1);

    // Clicking the finding moves the grid's selection to its cell.
    const cell = (await share.getAttribute('data-cell'))!.split('!')[1];
    await share.locator('button').first().click();
    await expect.poll(() => page.locator('td.selected').getAttribute('data-cell')).toBe(cell);
    await expect.poll(() => page.getByTestId('grid-address').textContent()).toBe(`經費預算表!${cell}`);

    // 標示: the grid draws the mark where Excel would — the highest-priority conditional format wins over the
    // template's breach colour (issue 17 §3) — as the fake host's Excel rule says.
    await pane.getByTestId('more').click();
    await pane.getByTestId('action-mark').click();
    await expect.poll(() => pane.getByTestId('notice').textContent()).toContain('已標示');
    const shown = await page.evaluate((c) => (window as any).subsidyPreview.host.effectiveFormatAt('經費預算表', c).fill, cell);
    expect(shown).toBe('#FFEB9C');
    await expect.poll(() => page.locator(`td[data-cell="${cell}"]`).evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgb(255, 235, 156)');
    await page.screenshot({ path: join(ARTIFACTS, 'preview.png') });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  // The 診斷 page over the fake host in its strict (documented) mode.
  it('diagnostics: runs every check in the preview, all passing, leaves no scratch sheet, and copies the plain-text report', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const pane = page.frameLocator('#pane');
    await expect.poll(() => pane.getByTestId('start').count(), { timeout: 20_000 }).toBe(1);

    // The page is a separate chunk, loaded only when opened.
    await pane.getByTestId('more').click();
    await pane.getByTestId('menu-diagnostics').click();
    await pane.getByTestId('diagnostics-run').click();
    await expect.poll(() => pane.getByTestId('diagnostics-summary').count(), { timeout: 30_000 }).toBe(1);
    const statuses = await pane.locator('[data-testid="diagnostics-results"] li').evaluateAll((items) =>
      items.map((li) => `${li.getAttribute('data-check')}:${li.getAttribute('data-status')}`),
    );
    expect(statuses).toEqual([
      'requirement-sets:pass', 'read-path:pass', 'null-object:info', 'settings:pass', 'scratch-sheet:pass', 'mark:pass', 'fills:info',
      'change-event:pass', 'cell-edit:pass', 'merges:pass', 'notes:pass', 'notes-read:pass', 'note-on-note:info', 'hidden:pass',
      'calc-mode:pass', 'cleanup:pass',
    ]);
    const report = await pane.getByTestId('diagnostics-report').inputValue();
    expect(report).toMatch(/^subsidy-budget diagnostics/);
    expect(report).toContain('0 failed, 13 passed');
    expect(await page.evaluate(() => (window as unknown as { subsidyPreview: { host: { sheetNames(): string[] } } }).subsidyPreview.host.sheetNames())).toEqual(['工作表1']);

    await pane.getByTestId('diagnostics-copy').click();
    await expect.poll(() => pane.getByTestId('diagnostics-copied').textContent()).toContain('已複製');
    await page.screenshot({ path: join(ARTIFACTS, 'diagnostics-preview.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
