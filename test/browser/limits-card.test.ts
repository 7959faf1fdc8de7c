import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, animationsSettled, browserForTests, menu, openPane, type BrowserSession } from './harness';

/**
 * Issue 17 §2 in the real pane: with several limits broken one action fixes them all at the largest legal subsidy,
 * keeping every item's total and 總經費; the card's limit rows count as its headline does.
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

async function paste(page: Page, rows: [string, number, number][]): Promise<void> {
  await page.evaluate(
    ({ sheet, rows }) => {
      const fake = (window as any).fakeHost;
      for (const [label, gov, self] of rows) {
        let r = 1;
        while (fake.value(sheet, `A${r}`) !== label) r++;
        fake.seed(sheet, [[gov, self]], `B${r}`);
      }
    },
    { sheet: SHEET, rows },
  );
  await menu(page, 'action-check');
}

describe.each([320, 450])('the limits card at %i px', (width) => {
  it('three limits broken: the rows agree with the headline, and one action clears all three keeping the project', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { width, height: width === 320 ? 700 : 900 });
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('start-template').click();
    await page.getByRole('dialog').getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('empty');
    await paste(page, [
      ['消耗性器材及原材料費', 240, 120],
      ['全新設備之購置費', 1200, 300],
      ['既有設備之改善費', 900, 900],
      ['委託研究或驗證費', 60, 60],
      ['人事費', 200, 0],
    ]);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/^3 個錯誤/);

    // The headline and the 50 % row: the same 610.
    await expect.poll(() => page.getByTestId('maximum-more').textContent()).toContain('610 千元');
    await page.getByTestId('limits-toggle').click();
    expect(await page.getByTestId('headroom-share').locator('dd').textContent()).toBe('超出 610');
    expect(await page.getByTestId('headroom-item-new-equipment').locator('dd').textContent()).toBe('超出 6');
    expect(await page.getByTestId('limits-meaning').textContent()).toContain('維持各科目合計與總經費');
    await page.getByTestId('budget-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `limits-card-${width}.png`) });

    const fixAll = page.getByTestId('fix-all');
    expect(await fixAll.textContent()).toBe('一次修正全部 3 項上限');
    await page.getByTestId('verdict').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `fix-all-button-${width}.png`) });
    await fixAll.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('consequence-total').textContent()).toBe('總經費3,980（不變）');
    expect(await dialog.getByTestId('consequence-gov').textContent()).toBe('政府補助款2,600 → 1,990');
    await animationsSettled(page);
    await page.screenshot({ path: join(ARTIFACTS, `fix-all-dialog-${width}.png`) });
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).not.toBe('errors');
    expect(await page.locator('li[data-severity="error"]').count()).toBe(0);
    expect(await page.getByTestId('grand-total').textContent()).toContain('3,980');
    expect(await page.getByTestId('gov-total').textContent()).toContain('1,990');
    expect(await page.getByTestId('fix-all').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
