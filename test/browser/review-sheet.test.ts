import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_LAYOUT, REVIEW_SHEET } from '../../src/sheet/review-plan';
import { ARTIFACTS, browserForTests, menu, openPane, type BrowserSession } from './harness';

/**
 * A reviewer in the production pane: with an application's budget open, 建立審查意見表 from the overflow menu adds the
 * 審查意見 sheet (previewed, then applied); scores typed into the sheet give the weighted total by its live formula.
 */
const SHEET = '經費預算表';
let browser: BrowserSession;
let fakeOffice: string;

beforeAll(async () => {
  ({ browser, fakeOffice } = await browserForTests());
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const host = <T>(page: Page, fn: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(({ fn, args }) => (window as any).fakeHost[fn](...args), { fn, args }) as Promise<T>;

describe('審查意見 in the pane', () => {
  it('creates the review sheet, then typed scores give the weighted total', async () => {
    const { page, problems } = await openPane(browser, fakeOffice);
    // The application: the official table inserted, an amount that breaks the 50 % share typed in.
    await page.getByTestId('start-template').click();
    await page.getByRole('dialog').getByRole('button', { name: '套用' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(SHEET);
    await host(page, 'userEdit', SHEET, 'B6', 900);
    await host(page, 'userEdit', SHEET, 'C6', 300);

    await menu(page, 'action-review');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '套用' }).click();
    await expect.poll(() => host<string[]>(page, 'sheetNames')).toContain(REVIEW_SHEET);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('審查意見表');

    // The findings are listed with links to their cells; the weights are the official ones.
    const first = REVIEW_LAYOUT.findingsHeaderRow + 1;
    expect(await host<string>(page, 'formula', REVIEW_SHEET, `B${first}`)).toMatch(/^=HYPERLINK\("#'經費預算表'!/);
    expect(await Promise.all(REVIEW_LAYOUT.scoreRows.map((r) => host(page, 'value', REVIEW_SHEET, `B${r}`)))).toEqual([0.3, 0.3, 0.4]);

    const [a, b, c] = REVIEW_LAYOUT.scoreRows.map((r) => `${REVIEW_LAYOUT.scoreColumn}${r}`);
    await host(page, 'userEdit', REVIEW_SHEET, a, 70);
    await host(page, 'userEdit', REVIEW_SHEET, b, 80);
    await host(page, 'userEdit', REVIEW_SHEET, c, 90);
    expect(await host<number>(page, 'value', REVIEW_SHEET, REVIEW_LAYOUT.totalCell)).toBeCloseTo(0.3 * 70 + 0.3 * 80 + 0.4 * 90, 9);
    // The review sheet is not part of the application: the pane's check ignores it.
    await menu(page, 'action-check');
    await page.screenshot({ path: join(ARTIFACTS, 'review-sheet-pane.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
