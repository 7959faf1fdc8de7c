import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, THREE_ERRORS, animationsSettled, browserPerFile, openPane, openWithTemplate, pasteRows } from './harness';

/**
 * Issue 17 §2 in the real pane: with several limits broken one action fixes them all at the largest legal subsidy,
 * keeping every item's total and 總經費; the card's limit rows count as its headline does.
 */

const chromium = browserPerFile();

describe.each([320, 450])('the limits card at %i px', (width) => {
  it('three limits broken: the rows agree with the headline, and one action clears all three keeping the project', async () => {
    const { page, problems } = await openPane(chromium.browser(), chromium.fakeOffice(), { width, height: width === 320 ? 700 : 900 });
    await openWithTemplate(page);
    await pasteRows(page, THREE_ERRORS);
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
