import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserForTests, menu, openPane, rowOf, type BrowserSession } from './harness';

/**
 * The production task pane (dist/taskpane.html and its bundles) in Debian's Chromium, with office.js answered by the
 * fake Excel host: what a person does in Excel, end to end.
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

async function userEdit(page: Page, cell: string, value: number | string): Promise<void> {
  await page.evaluate(({ sheet, cell, value }) => (window as any).fakeHost.userEdit(sheet, cell, value), { sheet: SHEET, cell, value });
}

async function insertTemplate(page: Page): Promise<void> {
  // On a workbook without a budget table, inserting it is the start card's primary action.
  await page.getByTestId('start-template').click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  // The dialog summarises; the full cell list (e.g. the title cell) is behind a disclosure.
  await expect.poll(() => dialog.getByTestId('confirm-summary').textContent()).toContain(SHEET);
  await dialog.getByTestId('confirm-show-all').click();
  await expect.poll(() => dialog.getByTestId('confirm-changes').locator(`[data-cell="${SHEET}!A1"]`).count()).toBe(1);
  await dialog.getByRole('button', { name: '套用' }).click();
  await expect.poll(() => page.getByTestId('notice').textContent()).toContain(SHEET);
}

/** Every element inside the pane ends within the viewport: nothing is cut off at the right edge. */
async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls horizontally: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 30)}" ends at ${Math.round(r.right)} > ${width}`);
      const style = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX === 'hidden' && el.clientWidth > 0) {
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 30)}" hides overflowing content`);
      }
    }
    return out;
  });
}

describe('task pane in Chromium (production build, fake Excel host)', () => {
  it('inserts the template, finds a breach typed into the sheet, selects its cell, marks and clears, switches language', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { width: 450 });
    // First check on an empty workbook: no budget table yet, so the start card, not an error.
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-rule="missing-table"]').count()).toBe(0);
    await expect.poll(() => page.locator('h1').textContent()).toBe('經費預算檢查');

    await insertTemplate(page);
    expect(await page.evaluate(() => (window as any).fakeHost.sheetNames())).toContain(SHEET);
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict')).toBe('empty');

    // Type amounts as a person would, with two breaches: 全新設備 subsidy over 30% of the total, subsidy over 50%.
    // The live check picks them up without pressing anything.
    const equipment = await rowOf(page, '全新設備之購置費');
    const improvement = await rowOf(page, '既有設備之改善費');
    await userEdit(page, `B${equipment}`, 700);
    await userEdit(page, `C${equipment}`, 200);
    await userEdit(page, `B${improvement}`, 900);
    await userEdit(page, `C${improvement}`, 300);
    const breach = page.locator(`[data-rule="item-cap"][data-cell="${SHEET}!B${equipment}"]`);
    await expect.poll(() => breach.count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('grand-total').textContent()).toContain('2,100');
    await expect.poll(() => page.getByTestId('gov-total').textContent()).toContain('1,600');
    // Item totals kept (only who pays changes), the subsidy must come down by 550 to half of the total, as the headline says.
    await page.getByTestId('limits-toggle').click();
    await expect.poll(() => page.getByTestId('headroom-share').textContent()).toContain('超出 550');
    // The one binding figure: the largest legal subsidy is 1,050 (half of 2,100), 550 less than asked.
    await expect.poll(() => page.getByTestId('maximum-more').textContent()).toContain('550 千元（55 萬元）');

    // Explicit check gives the same finding; the citation names the document and never a file name.
    await menu(page, 'action-check');
    await expect.poll(() => breach.count()).toBe(1);
    await breach.getByRole('button', { name: '依據' }).click();
    await expect.poll(() => breach.getByTestId('citation').textContent()).toContain('30%');
    expect(await breach.getByTestId('citation').textContent()).toContain('懶人包');
    expect(await breach.getByTestId('citation').textContent()).not.toMatch(/\.txt/);

    // Clicking the finding selects its cell in the sheet.
    await breach.locator('button').first().click();
    await expect
      .poll(() => page.evaluate(() => (window as any).fakeHost.selection))
      .toEqual({ sheet: SHEET, address: `B${equipment}` });

    // Keyboard: focus another finding's row and press Enter.
    const shareFinding = page.locator('[data-rule="gov-share"]');
    await expect.poll(() => shareFinding.count()).toBe(1);
    const shareCell = (await shareFinding.getAttribute('data-cell'))!.split('!')[1];
    await shareFinding.locator('button').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as any).fakeHost.selection.address)).toBe(shareCell);

    // Screenshots in zh-TW at 450 px and 320 px; nothing may be cut off at 320 px.
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-450-zh-TW.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForFunction(() => window.innerWidth === 320); // the page has the new width
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-320-zh-TW.png'), fullPage: true });
    expect(await clippedElements(page)).toEqual([]);
    await page.setViewportSize({ width: 450, height: 900 });

    // Mark: the breach cell gets the review highlight; clear marks restores the sheet exactly.
    const before = await page.evaluate((sheet) => (window as any).fakeHost.dumpSheet(sheet), SHEET);
    await menu(page, 'action-mark');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已標示');
    await expect
      .poll(() => page.evaluate(({ sheet, cell }) => (window as any).fakeHost.effectiveFormatAt(sheet, cell).fill, { sheet: SHEET, cell: `B${equipment}` }))
      .toBe('#FFEB9C');
    await menu(page, 'action-clear');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('清除標示');
    expect(await page.evaluate((sheet) => (window as any).fakeHost.dumpSheet(sheet), SHEET)).toBe(before);

    // Switch language: the pane's text and the findings' messages turn English.
    await menu(page, 'language');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Budget checker');
    await page.getByTestId('more').click();
    await expect.poll(() => page.getByTestId('action-check').textContent()).toBe('Check');
    await page.keyboard.press('Escape');
    await expect.poll(() => breach.locator('button').first().textContent()).toMatch(/equipment/i);
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-450-en.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.close();
  });

  it('recalculate lists the typed-over formula and restores it after confirmation', async () => {
    const { page, problems } = await openPane(browser, fakeOffice);
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    await insertTemplate(page);
    const row = await rowOf(page, '全新設備之購置費');
    const formula = await page.evaluate(({ sheet, cell }) => (window as any).fakeHost.formula(sheet, cell), { sheet: SHEET, cell: `D${row}` });
    expect(formula).toMatch(/^=/);
    await userEdit(page, `D${row}`, 999);
    await menu(page, 'action-recalc');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The typed-over cell is what the write replaces: listed once, prominently, its number as people read it.
    const listed = await dialog.getByTestId('confirm-replaced').locator('li').allTextContents();
    expect(await dialog.getByTestId('confirm-changes').count()).toBe(0);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain(`${SHEET}!D${row}`);
    expect(listed[0]).toContain('999');
    await dialog.getByTestId('confirm-apply').click();
    await expect
      .poll(() => page.evaluate(({ sheet, cell }) => (window as any).fakeHost.formula(sheet, cell), { sheet: SHEET, cell: `D${row}` }))
      .toBe(formula);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a protected sheet in plain words with the technical detail on demand', async () => {
    const { page, problems } = await openPane(browser, fakeOffice);
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    await insertTemplate(page);
    const row = await rowOf(page, '既有設備之改善費');
    await userEdit(page, `B${row}`, 500);
    await expect.poll(() => page.locator('[data-rule="gov-share"]').count(), { timeout: 5_000 }).toBe(1);
    await page.evaluate((sheet) => (window as any).fakeHost.protectSheet(sheet), SHEET);
    await menu(page, 'action-mark');
    const error = page.getByTestId('error');
    await expect.poll(() => error.textContent()).toContain('取消保護工作表');
    expect(await error.locator('pre').count()).toBe(0);
    await error.getByRole('button', { name: '詳細資訊' }).click();
    await expect.poll(() => error.locator('pre').textContent()).toMatch(/AccessDenied/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says what an older Excel cannot do instead of failing, and follows an English Office', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { query: '?api=1.7&displayLanguage=en-US' });
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Budget checker');
    await expect.poll(() => page.getByTestId('unavailable-validation').textContent()).toContain('ExcelApi 1.8');
    await page.getByTestId('start-template').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(SHEET);
    expect(problems).toEqual([]);
    await page.close();
  });

  // WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): one tab in the Tab order, arrows move and select,
  // the panel is labelled by the selected tab.
  it('tabs work from the keyboard and label the panel they show', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { width: 320 });
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    const budget = page.getByRole('tab', { name: '經費預算' });
    const benefits = page.getByRole('tab', { name: '預期效益' });
    expect(await budget.getAttribute('aria-selected')).toBe('true');
    expect([await budget.getAttribute('tabindex'), await benefits.getAttribute('tabindex')]).toEqual(['0', '-1']);
    const panel = page.getByRole('tabpanel');
    expect(await panel.getAttribute('aria-labelledby')).toBe(await budget.getAttribute('id'));
    await budget.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => benefits.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('預期效益');
    await expect.poll(() => page.getByTestId('benefit-jobs').count()).toBe(1);
    expect(await panel.getAttribute('aria-labelledby')).toBe(await benefits.getAttribute('id'));
    await page.keyboard.press('Home');
    await expect.poll(() => budget.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('start').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('benefits tab: takes 新增投資 from the budget, computes 節電率 and fills the tables in the sheet', async () => {
    const { page, problems } = await openPane(browser, fakeOffice, { width: 320 });
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    await insertTemplate(page);
    const equipment = await rowOf(page, '全新設備之購置費');
    await userEdit(page, `B${equipment}`, 600);
    await userEdit(page, `C${equipment}`, 1400);
    await expect.poll(() => page.getByTestId('grand-total').textContent(), { timeout: 5_000 }).toContain('2,000');

    await page.getByRole('tab', { name: '預期效益' }).click();
    await page.getByTestId('benefit-from-budget').click();
    await expect.poll(() => page.getByTestId('benefit-newInvestment').inputValue()).toBe('0.02');
    await page.getByTestId('benefit-jobs').fill('3');
    await page.getByTestId('benefit-electricityBaseline').fill('1,000,000');
    await page.getByTestId('benefit-electricitySaved').fill('120000');
    await expect.poll(() => page.getByTestId('benefits-derived').textContent()).toContain('節電率：12%');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane-320-zh-TW-benefits.png'), fullPage: true });
    expect(await clippedElements(page)).toEqual([]);

    await page.getByTestId('benefits-fill').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '套用' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已填入');

    // The sheet now holds the tables with the computed numbers, where the stored layout says.
    const filled = await page.evaluate(() => {
      const host = (window as any).fakeHost;
      // All the add-in's state is one JSON setting (src/sheet/stored-state.ts).
      const setting = JSON.parse(JSON.parse(host.settings.get('subsidy-budget')).settings['subsidy-budget.benefits']);
      const layout = typeof setting === 'string' ? JSON.parse(setting).layout : setting.layout;
      const at = (item: string, slot: string) => host.value(layout.sheet, layout.cells[item][slot]);
      return { sheet: layout.sheet, investment: at('new-investment', 'amount'), jobs: at('jobs', 'amount'), saving: at('electricity', 'percent') };
    });
    expect(filled).toEqual({ sheet: SHEET, investment: 0.02, jobs: 3, saving: 12 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
