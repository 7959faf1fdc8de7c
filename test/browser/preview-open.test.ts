import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/serve';
import type { StaticServer } from '../../src/preview/static-server';
import { ARTIFACTS, CHROMIUM_FLAGS, ensureProductionBuild } from './harness';

/**
 * `npm run preview` opens a file (issue 22 §5): a reviewer without Excel picks or drops an .ods/.xlsx, sees it on the
 * grid and the pane's findings marked on it; the file is read by the preview's own server on 127.0.0.1.
 */

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
let server: StaticServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  await ensureProductionBuild();
  server = await startPreview();
  profile = mkdtempSync(join(tmpdir(), 'subsidy-budget-preview-open-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 860 } });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

type Preview = { subsidyPreview: { host: { sheetNames(): string[]; value(sheet: string, cell: string): unknown; } } };

describe('the preview opens a file', () => {
  it('an .ods picked in the file picker is drawn on the grid, checked by the pane and its finding marked; nothing leaves the machine', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const pane = page.frameLocator('#pane');
    await expect.poll(() => pane.getByTestId('start').count(), { timeout: 20_000 }).toBe(1);

    await page.locator('#open-file').setInputFiles(join(EXAMPLES, 'mistake-new-equipment-over-30.ods'));
    await expect.poll(() => page.locator('#open-status').textContent(), { timeout: 10_000 }).toBe('mistake-new-equipment-over-30.ods（ods）');
    expect(await page.evaluate(() => (window as unknown as Preview).subsidyPreview.host.sheetNames())).toEqual(['基本資料', '經費預算表']);
    await page.locator('.sheet-tabs button', { hasText: '經費預算表' }).click();
    await expect.poll(() => page.locator('td[data-cell="B5"]').textContent()).toBe('1,800');
    // The total is the .ods formula, recalculated in the grid.
    expect(await page.evaluate(() => (window as unknown as Preview).subsidyPreview.host.value('經費預算表', 'D8'))).toBe(5650);

    // The reloaded pane checks the opened workbook: the new-equipment cap at B5.
    const cap = pane.locator('[data-rule="item-cap"]');
    await expect.poll(() => cap.count(), { timeout: 20_000 }).toBe(1);
    expect(await cap.getAttribute('data-cell')).toBe('經費預算表!B5');
    await pane.getByTestId('more').click();
    await pane.getByTestId('action-mark').click();
    await expect.poll(() => pane.locator('body').textContent(), { timeout: 10_000 }).toContain('已標示 1 個儲存格');
    // The pane's marks are drawn by the host (a fill where the API set allows it, else a note): check the pane's word.

    await page.screenshot({ path: join(ARTIFACTS, 'preview-open-ods.png') });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it('an .xlsx dropped on the grid replaces the workbook; a 計畫書 or a PDF is refused with what to do', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const pane = page.frameLocator('#pane');
    await expect.poll(() => pane.getByTestId('start').count(), { timeout: 20_000 }).toBe(1);
    const drop = async (file: string, bytes: Buffer) => {
      const transfer = await page.evaluateHandle(
        ({ name, data }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(data)], name));
          return dt;
        },
        { name: file, data: [...bytes] },
      );
      await page.dispatchEvent('.workbook', 'drop', { dataTransfer: transfer });
    };
    await drop('mistake-gov-share-over-50.xlsx', readFileSync(join(EXAMPLES, 'mistake-gov-share-over-50.xlsx')));
    await expect.poll(() => page.locator('#open-status').textContent(), { timeout: 10_000 }).toBe('mistake-gov-share-over-50.xlsx（xlsx）');
    await expect.poll(() => pane.locator('[data-rule="gov-share"]').count(), { timeout: 20_000 }).toBe(1);

    await drop('plan.docx', readFileSync(join(EXAMPLES, 'plan-clean-upgrade-10plus.docx')));
    await expect.poll(() => page.locator('#open-status').textContent(), { timeout: 10_000 }).toMatch(/plan\.docx 是計畫書（docx）.*subsidy-budget check plan\.docx/);
    await drop('計畫書.pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
    await expect.poll(() => page.locator('#open-status').textContent(), { timeout: 10_000 }).toMatch(/不支援 PDF/);
    // A refused file leaves the workbook shown before as it was.
    expect(await page.evaluate(() => (window as unknown as Preview).subsidyPreview.host.sheetNames())).toContain('經費預算表');
    await page.close();
  });
});
