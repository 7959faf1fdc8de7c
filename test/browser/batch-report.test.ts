import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationSpecs } from '../../bench/applications';
import { rowsFor, writeExamples } from '../../scripts/make-examples';
import { ARTIFACTS, CHROMIUM_FLAGS, ROOT } from './harness';

/**
 * The batch report a program office files: 200 generated applications (plus one whose labels try to inject HTML) →
 * one HTML file in one CLI run, opened offline in Chromium. Screenshots go to test-artifacts/ to be looked at.
 */
let dir: string;
let reportPath: string;
let browser: Browser;
let run: { code: number; stderr: string };
/** A row label (short enough to be read as one) that would load an image from the network if it were not escaped. */
const HOSTILE = '<img src=//203.0.113.7>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-html-report-'));
  const files = await writeExamples(dir, [
    ...applicationSpecs(200),
    {
      file: 'hostile-labels.xlsx',
      about: '',
      formulas: true,
      rows: [...rowsFor('upgrade-10plus', { consumables: [100, 100] }), { label: HOSTILE, gov: 50, self: 50 }],
    },
  ]);
  reportPath = join(dir, 'review.html');
  run = await new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(ROOT, 'bin/subsidy-budget.js'), 'check', '--format', 'html', '--output', reportPath, ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('check --format html over 200 workbooks', () => {
  it('writes one report in one run; the exit status says some files have errors', async () => {
    expect(run.stderr).toMatch(/201 個檔案的報告/);
    expect(run.code).toBe(1);
    const html = await readFile(reportPath, 'utf8');
    expect(html.match(/<section class="file"/g)).toHaveLength(201);
    // Workbook text is escaped: the hostile label appears only as text.
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=//203.0.113.7&gt;');
  });

  it('opens offline: no request leaves the page, the overview sorts and filters, and one file shows its grid', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (request.url() !== pathToFileURL(reportPath).href) requests.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(reportPath).href);
    await page.screenshot({ path: join(ARTIFACTS, 'batch-report-overview.png') });

    expect(await page.locator('table.overview tbody tr').count()).toBe(201);
    // Sort by subsidy, descending: the values read back in order.
    const subsidyHeader = page.locator('table.overview th').nth(3);
    await subsidyHeader.click();
    await subsidyHeader.click();
    expect(await subsidyHeader.getAttribute('aria-sort')).toBe('descending');
    const subsidies = await page.$$eval('table.overview tbody tr', (rows) =>
      rows.map((r) => (r as HTMLTableRowElement).cells[3].getAttribute('data-sort')).filter((v) => v !== '').map(Number),
    );
    expect(subsidies.length).toBeGreaterThan(190);
    expect(subsidies).toEqual([...subsidies].sort((a, b) => b - a));

    // Filter to the files with errors, then by name.
    await page.selectOption('#verdict', 'error');
    const errorRows = await page.locator('table.overview tbody tr:not([hidden])').count();
    const expectedErrors = await page.locator('table.overview tbody tr[data-verdict="error"]').count();
    expect(errorRows).toBe(expectedErrors);
    expect(errorRows).toBeGreaterThan(0);
    expect(errorRows).toBeLessThan(201);
    await page.fill('#filter', 'application-006');
    expect(await page.locator('table.overview tbody tr:not([hidden])').count()).toBe(1);
    expect(await page.textContent('#shown')).toContain('1');

    // application-006 has 人事費 with government money: its grid marks that cell as an error.
    const section = page.locator('section.file', { hasText: 'application-006.xlsx' }).first();
    await section.scrollIntoViewIfNeeded();
    const marked = section.locator('table.sheet td.mark.error');
    expect(await marked.count()).toBeGreaterThan(0);
    expect(await marked.first().getAttribute('title')).toMatch(/人事費|自籌/);
    await section.screenshot({ path: join(ARTIFACTS, 'batch-report-file.png') });

    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
