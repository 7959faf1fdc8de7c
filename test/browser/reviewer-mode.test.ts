import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserPerFile, menu, openPane, openWithTemplate, pasteRows } from './harness';

/**
 * Issue 17 §4 in the real pane: reviewer mode offers nothing that changes the applicant's numbers or settings, and
 * choosing a program there checks against it without writing into the workbook.
 */
const SHEET = '經費預算表';
const chromium = browserPerFile();

const workbook = (page: Page) =>
  page.evaluate((sheet) => {
    const fake = (window as any).fakeHost;
    return JSON.stringify({ settings: [...fake.settings], sheet: fake.dumpSheet(sheet) });
  }, SHEET);

describe.each([320, 450])('reviewer mode at %i px', (width) => {
  it('no fix, maximum, template, repair or benefits; the program select checks without writing', async () => {
    const { page, problems } = await openPane(chromium.browser(), chromium.fakeOffice(), { width, height: 800 });
    await openWithTemplate(page);
    await pasteRows(page, [['全新設備之購置費', 1200, 300]]);
    await expect.poll(() => page.getByTestId('fix').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('maximum-preview').count()).toBe(1);

    await menu(page, 'action-reviewer');
    await expect.poll(() => page.getByTestId('reviewer-mode').count()).toBe(1);
    const before = await workbook(page);
    expect(await page.getByTestId('fix').count()).toBe(0);
    expect(await page.getByTestId('fix-all').count()).toBe(0);
    expect(await page.getByTestId('maximum-preview').count()).toBe(0);
    expect(await page.getByTestId('maximum-more').count()).toBe(1); // the figure is still there to read
    expect(await page.getByRole('tab', { name: '預期效益' }).count()).toBe(0);
    await page.getByTestId('more').click();
    expect(await page.getByTestId('action-recalc').count()).toBe(0);
    expect(await page.getByTestId('action-template').count()).toBe(0);
    expect(await page.getByTestId('action-review').count()).toBe(1);
    await page.keyboard.press('Escape');

    await page.getByTestId('program').selectOption('upgrade-under10');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('未寫入活頁簿');
    expect(await page.getByTestId('program').inputValue()).toBe('upgrade-under10');
    expect(await workbook(page)).toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, `reviewer-mode-${width}.png`), fullPage: true });

    // Off again: the applicant's actions return and the workbook's program decides.
    await menu(page, 'action-reviewer');
    await expect.poll(() => page.getByTestId('reviewer-mode').count()).toBe(0);
    await expect.poll(() => page.getByTestId('program').inputValue()).toBe('upgrade-10plus');
    expect(await page.getByTestId('fix').count()).toBeGreaterThan(0);
    expect(await workbook(page)).toBe(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});
