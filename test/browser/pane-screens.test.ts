import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, THREE_ERRORS, animationsSettled, browserForTests, inViewport, menu, openPane, pasteRows, type BrowserSession } from './harness';

/**
 * The rebuilt pane as an accountant meets it, at the sizes Excel gives a task pane (320 × 700 and 450 × 900), in zh-TW
 * and English: screenshots of each step under test-artifacts/screens/, and what must hold at each.
 */

const SHEET = '經費預算表';
const SHOTS = join(ARTIFACTS, 'screens');
let browser: BrowserSession;
let fakeOffice: string;

beforeAll(async () => {
  ({ browser, fakeOffice } = await browserForTests());
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 320, height: 700 },
  { width: 450, height: 900 },
];

describe.each(SIZES)('task pane at $width × $height', ({ width, height }) => {
  it.each(['zh-TW', 'en'] as const)('in %s: first open, empty template, three errors, marks, the largest subsidy, a one-click fix', { timeout: 120_000 }, async (lang) => {
    const { page, problems } = await openPane(browser, fakeOffice, { width, height, query: lang === 'en' ? '?displayLanguage=en-US' : '' });
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${width}x${height}-${lang}-${name}.png`) });
    const dialog = page.getByRole('dialog');

    // 1. First open on an empty workbook: a start card with inserting the table as the primary action; no error.
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('start');
    expect(await page.locator('[data-severity="error"]').count()).toBe(0);
    await shot('01-first-open');

    // 2. The template inserted and empty: "not filled in yet", not "no problems".
    await page.getByTestId('start-template').click();
    await expect.poll(() => dialog.getByTestId('confirm-summary').textContent()).toContain(SHEET);
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('empty');
    await shot('02-template-empty');

    // 3. A budget with three errors: the verdict says so, the self-only slip comes first, and at 320 × 700 the verdict
    // and the first error's text are on screen without scrolling (where they are, not a scroll offset: fonts differ).
    await pasteRows(page, THREE_ERRORS);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(lang === 'en' ? /^3 errors/ : /^3 個錯誤/);
    const errors = page.locator('li[data-severity="error"]');
    expect(await errors.evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')))).toEqual(['self-only-item', 'item-cap', 'gov-share']);
    expect(await inViewport(page, page.getByTestId('verdict'))).toBe(true);
    expect(await inViewport(page, errors.first().getByTestId('finding-message'))).toBe(true);
    await shot('03-three-errors');
    await page.screenshot({ path: join(SHOTS, `${width}x${height}-${lang}-03-three-errors-full.png`), fullPage: true });

    // 4. Marks shown (the marks themselves are the Office.js adapter's; the pane says how many).
    await menu(page, 'action-mark');
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(lang === 'en' ? /3 cells marked/ : /已標示 3 個儲存格/);
    await shot('05-marks-shown');

    // 5. The largest legal subsidy: one binding figure in 千元 and 萬元, previewed as the cells that change.
    await expect.poll(() => page.getByTestId('maximum-more').textContent()).toMatch(/610 (千元|thousand)/);
    await page.getByTestId('maximum-preview').scrollIntoViewIfNeeded();
    await page.getByTestId('maximum-preview').click();
    await expect.poll(() => dialog.getByTestId('confirm-summary').textContent()).toMatch(/1,990/);
    expect(await dialog.locator('[data-testid="confirm-changes"] li').count()).toBeGreaterThan(0);
    await animationsSettled(page); // the dialog has faded in: the picture shows it whole
    await shot('06-largest-subsidy-preview');
    await dialog.getByRole('button', { name: lang === 'en' ? 'Cancel' : '取消' }).click();

    // 6. A one-click fix: the grand total typed over as well (a fourth error, with "restore the formula"); the first
    // error that offers a fix is previewed, applied, and verified by the next check. The person has scrolled that
    // finding to the top of the pane, so the verdict is out of sight when they apply the fix: afterwards the verdict
    // and the notice saying the problem is gone are back in view.
    await page.evaluate((sheet) => {
      const host = (window as any).fakeHost;
      let r = 1;
      while (host.value(sheet, `A${r}`) !== '合計') r++;
      host.seed(sheet, [[4000]], `D${r}`);
    }, SHEET);
    await menu(page, 'action-check');
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(lang === 'en' ? /^4 errors/ : /^4 個錯誤/);
    const fixable = errors.filter({ has: page.getByTestId('fix') }).first();
    const fixed = `${await fixable.getAttribute('data-rule')}@${await fixable.getAttribute('data-cell')}`;
    await fixable.evaluate((finding) => finding.scrollIntoView({ block: 'start' }));
    expect(await inViewport(page, page.getByTestId('verdict'))).toBe(false);
    await fixable.getByTestId('fix').first().click();
    await expect.poll(() => dialog.getByTestId('confirm-changes').count()).toBe(1);
    await animationsSettled(page); // the dialog has faded in: the picture shows it whole
    await shot('04a-one-click-fix-preview');
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(lang === 'en' ? /^3 errors/ : /^3 個錯誤/);
    expect(await errors.evaluateAll((items) => items.map((i) => `${i.getAttribute('data-rule')}@${i.getAttribute('data-cell')}`))).not.toContain(fixed);
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(lang === 'en' ? /the problem is gone/ : /此問題已解決/);
    await expect.poll(() => inViewport(page, page.getByTestId('verdict'))).toBe(true);
    await expect.poll(() => inViewport(page, page.getByTestId('notice'))).toBe(true);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await animationsSettled(page); // the dialog has finished fading out
    await shot('04b-after-one-click-fix');

    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('預期效益 keeps what you type', () => {
  it('values typed, tab switched, pane reloaded: the values are still there, with the 萬元 reading beside 億元', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { width: 320, height: 700 });
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('start-template').click();
    await page.getByRole('dialog').getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('empty');

    await page.getByRole('tab', { name: '預期效益' }).click();
    await page.getByTestId('benefit-jobs').fill('3');
    await page.getByTestId('benefit-costReduction').fill('0.05');
    await page.getByTestId('benefit-oeeBefore').fill('65');
    await page.getByTestId('benefit-oeeAfter').fill('78');
    await expect.poll(() => page.getByText('＝ 500 萬元').count()).toBe(1);

    await page.getByRole('tab', { name: '經費預算' }).click();
    await page.getByRole('tab', { name: '預期效益' }).click();
    expect(await page.getByTestId('benefit-jobs').inputValue()).toBe('3');

    // Stored with the workbook (the add-in's settings), then the pane is closed and opened again.
    await expect
      // All the add-in's state is one JSON setting (src/sheet/stored-state.ts).
      .poll(() => page.evaluate(() => JSON.parse((window as any).fakeHost.settings.get('subsidy-budget') ?? '{}').settings?.['subsidy-budget.benefit-form'] ?? null))
      .toContain('"jobs":"3"');
    await page.reload();
    await expect.poll(() => page.getByRole('tab', { name: '預期效益' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('tab', { name: '預期效益' }).click();
    await expect.poll(() => page.getByTestId('benefit-jobs').inputValue()).toBe('3');
    expect(await page.getByTestId('benefit-costReduction').inputValue()).toBe('0.05');
    expect(await page.getByTestId('benefit-oeeBefore').inputValue()).toBe('65');
    expect(await page.getByTestId('benefit-oeeAfter').inputValue()).toBe('78');
    await page.screenshot({ path: join(SHOTS, '320x700-zh-TW-07-benefits-after-reload.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
