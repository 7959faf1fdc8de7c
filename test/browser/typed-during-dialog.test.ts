import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REVIEW_LAYOUT, REVIEW_SHEET } from '../../src/sheet/review-plan';
import { ARTIFACTS, THREE_ERRORS, animationsSettled, browserPerFile, menu, openPane, openWithTemplate, pasteRows, rowOf } from './harness';

/**
 * Issue 17, "nothing typed is ever overwritten", in the real pane: for every kind of dialog (fix, maximum, template,
 * recalculate, benefits, review sheet) the person types into the grid while it is open, then presses 套用. What they
 * typed is still there afterwards, and where the write had to change, the dialog says so in warning colour with 取消
 * focused (or is withdrawn, saying why) before anything is written.
 */

const SHEET = '經費預算表';
const chromium = browserPerFile();
const open = (options: { width?: number; height?: number }) => openPane(chromium.browser(), chromium.fakeOffice(), options);

const host = <T>(page: Page, fn: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(({ fn, args }) => (window as any).fakeHost[fn](...args), { fn, args }) as Promise<T>;

/** Typed into the grid as a person does (validation applies, the change event fires). */
async function type(page: Page, sheet: string, cell: string, value: number | string): Promise<void> {
  const result = await host<{ accepted: boolean }>(page, 'userEdit', sheet, cell, value);
  expect(result.accepted).toBe(true);
}

async function threeErrors(page: Page): Promise<void> {
  await pasteRows(page, THREE_ERRORS);
  await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/^3 個錯誤/);
}

/** The dialog is shown again, saying the sheet changed, with 取消 focused so Enter writes nothing. */
async function expectShownAgain(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByTestId('confirm-changed').count()).toBe(1);
  expect(await dialog.getByTestId('confirm-changed').textContent()).toContain('對話框開啟期間表格已變更');
  expect(await dialog.getByTestId('confirm-changed').getAttribute('data-intent')).toBe('warning');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-cancel');
}

const changeRows = (page: Page, testId: string) =>
  page.getByRole('dialog').getByTestId(testId).locator('li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-cell')} ${li.textContent}`));

describe('typing in the grid while a dialog is open, then 套用', () => {
  it('fix (move to 自籌款): the move is rebuilt from what is there now, shown again, and the typed 50 becomes 250', async () => {
    const { page, problems } = await open({ width: 320, height: 700 });
    await openWithTemplate(page);
    await threeErrors(page);
    const row = await rowOf(page, '人事費');
    const dialog = page.getByRole('dialog');
    await page.locator('li[data-rule="self-only-item"]').getByTestId('fix').first().click();
    await expect.poll(() => changeRows(page, 'confirm-changes')).toEqual([`${SHEET}!B${row} ${SHEET}!B${row} 原為 200 改為 0`, `${SHEET}!C${row} ${SHEET}!C${row} 原為 0 改為 200`]);

    await type(page, SHEET, `C${row}`, 50);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    expect(await host(page, 'value', SHEET, `C${row}`)).toBe(50); // nothing written yet
    // The cell that differs from the first offer is marked as changed, in words.
    expect(await changeRows(page, 'confirm-changes')).toEqual([`${SHEET}!B${row} ${SHEET}!B${row} 原為 200 改為 0`, `${SHEET}!C${row} ${SHEET}!C${row} 原為 50 改為 250 （已變更）`]);
    expect(await page.getByRole('dialog').locator('li[data-changed]').evaluateAll((items) => items.map((li) => li.getAttribute('data-cell')))).toEqual([`${SHEET}!C${row}`]);
    await animationsSettled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'typed-during-fix-320.png') });

    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, `B${row}`)).toBe(0);
    expect(await host(page, 'value', SHEET, `C${row}`)).toBe(250); // the 50 typed plus the 200 moved
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('此問題已解決');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fix whose finding went away meanwhile: withdrawn in warning colour, the typed 1,000 kept', async () => {
    const { page, problems } = await open({ width: 450 });
    await openWithTemplate(page);
    await threeErrors(page);
    const row = await rowOf(page, '全新設備之購置費');
    await page.locator('li[data-rule="item-cap"]').getByTestId('fix').first().click();
    await expect.poll(() => page.getByRole('dialog').getByTestId('confirm-summary').textContent()).toContain('改列業者自籌款');

    await type(page, SHEET, `B${row}`, 1000); // now within 30 % of the total
    await page.getByRole('dialog').getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, `B${row}`)).toBe(1000);
    expect(await host(page, 'value', SHEET, `C${row}`)).toBe(300);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('這個問題已不存在，因此未寫入任何儲存格');
    expect(await page.getByTestId('notice').getAttribute('data-intent')).toBe('warning');
    expect(await page.locator('li[data-rule="item-cap"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('maximum: recomputed from the new item totals, shown again, and the typed C6 2,000 (total 5,080) kept', async () => {
    const { page, problems } = await open({ width: 450 });
    await openWithTemplate(page);
    await threeErrors(page);
    const row = await rowOf(page, '既有設備之改善費');
    const dialog = page.getByRole('dialog');
    await page.getByTestId('maximum-preview').click();
    await expect.poll(() => dialog.getByTestId('confirm-summary').textContent()).toContain('1,990');
    expect(await dialog.getByTestId('consequence-total').textContent()).toContain('3,980');

    await type(page, SHEET, `C${row}`, 2000);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    // Half of the new total 5,080 is 2,540; the item totals and 總經費 stay as they are now.
    expect(await dialog.getByTestId('confirm-summary').textContent()).toContain('2,540');
    expect(await dialog.getByTestId('consequence-total').textContent()).toBe('總經費5,080（不變）');
    expect((await changeRows(page, 'confirm-changes')).join('\n')).not.toContain(`${SHEET}!C${row} `);
    await animationsSettled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'typed-during-maximum-450.png') });

    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, `C${row}`)).toBe(2000);
    await expect.poll(() => page.getByTestId('grand-total').textContent()).toContain('5,080');
    await expect.poll(() => page.getByTestId('gov-total').textContent()).toContain('2,540');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('template: a sheet named 經費預算表 made meanwhile is not written into; the new table goes beside it, shown again', async () => {
    const { page, problems } = await open({ width: 320, height: 700 });
    await expect.poll(() => page.getByTestId('start').count(), { timeout: 15_000 }).toBe(1);
    const dialog = page.getByRole('dialog');
    await page.getByTestId('start-template').click();
    await expect.poll(() => dialog.getByTestId('confirm-summary').textContent()).toContain(`「${SHEET}」`);

    await type(page, '工作表1', 'A1', '我的筆記');
    await host(page, 'userRenameSheet', '工作表1', SHEET);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    expect(await dialog.getByTestId('confirm-summary').textContent()).toContain(`${SHEET} (2)`);

    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, 'A1')).toBe('我的筆記');
    expect(await host<string[]>(page, 'sheetNames')).toContain(`${SHEET} (2)`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('recalculate: a total typed again meanwhile is named in red and 保留 keeps it, repairing the rest', async () => {
    const { page, problems } = await open({ width: 450 });
    await openWithTemplate(page);
    const equipment = await rowOf(page, '全新設備之購置費');
    const improvement = await rowOf(page, '既有設備之改善費');
    const formula = await host<string>(page, 'formula', SHEET, `D${improvement}`);
    await type(page, SHEET, `D${equipment}`, 999);
    await type(page, SHEET, `D${improvement}`, 555);
    const dialog = page.getByRole('dialog');
    await menu(page, 'action-recalc');
    await expect.poll(() => dialog.getByTestId('confirm-replaced').locator('li').count()).toBe(2);

    await type(page, SHEET, `D${equipment}`, 888);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    expect((await changeRows(page, 'confirm-replaced')).find((r) => r.startsWith(`${SHEET}!D${equipment} `))).toContain('原為 888');

    await dialog.getByTestId('confirm-keep').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, `D${equipment}`)).toBe(888);
    expect(await host(page, 'formula', SHEET, `D${improvement}`)).toBe(formula);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('benefits: a table cell typed meanwhile is named in red and 保留 keeps it', async () => {
    const { page, problems } = await open({ width: 320, height: 700 });
    await openWithTemplate(page);
    const dialog = page.getByRole('dialog');
    await page.getByRole('tab', { name: '預期效益' }).click();
    await page.getByTestId('benefit-jobs').fill('3');
    await page.getByTestId('benefits-fill').click();
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('已填入');
    const jobsCell = await page.evaluate(() => {
      const setting = JSON.parse(JSON.parse((window as any).fakeHost.settings.get('subsidy-budget')).settings['subsidy-budget.benefits']);
      return (typeof setting === 'string' ? JSON.parse(setting) : setting).layout.cells.jobs.amount as string;
    });
    expect(await host(page, 'value', SHEET, jobsCell)).toBe(3);

    await page.getByTestId('benefit-jobs').fill('5');
    await page.getByTestId('benefits-fill').click();
    await dialog.getByTestId('confirm-show-all').click(); // a fill summarises; its cells are behind the disclosure
    await expect.poll(() => changeRows(page, 'confirm-changes')).toContain(`${SHEET}!${jobsCell} ${SHEET}!${jobsCell} 原為 3 改為 5`);
    await type(page, SHEET, jobsCell, 7);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    expect(await changeRows(page, 'confirm-replaced')).toEqual([`${SHEET}!${jobsCell} ${SHEET}!${jobsCell} 原為 7 改為 5 （已變更）`]);
    await animationsSettled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'typed-during-benefits-320.png') });

    await dialog.getByTestId('confirm-keep').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', SHEET, jobsCell)).toBe(7);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('review sheet: a budget figure and a score typed meanwhile; the sheet is rebuilt with the new figure, the score kept', async () => {
    const { page, problems } = await open({ width: 450 });
    await openWithTemplate(page);
    const row = await rowOf(page, '全新設備之購置費');
    await type(page, SHEET, `B${row}`, 300);
    await type(page, SHEET, `C${row}`, 700);
    const dialog = page.getByRole('dialog');
    await menu(page, 'action-review');
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => host<string[]>(page, 'sheetNames')).toContain(REVIEW_SHEET);

    // The applicant's figure changes; the reviewer asks for the update and, with the dialog open, types a score and
    // changes the budget again.
    await type(page, SHEET, `C${row}`, 800);
    await menu(page, 'action-review');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const scoreCell = `${REVIEW_LAYOUT.scoreColumn}${REVIEW_LAYOUT.scoreRows[0]}`;
    await type(page, REVIEW_SHEET, scoreCell, 85);
    await type(page, SHEET, `C${row}`, 900);
    await dialog.getByTestId('confirm-apply').click();
    await expectShownAgain(page);
    await dialog.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await host(page, 'value', REVIEW_SHEET, scoreCell)).toBe(85);
    expect(await host(page, 'value', SHEET, `C${row}`)).toBe(900);
    const sheetText = await page.evaluate((name) => (window as any).fakeHost.dumpSheet(name), REVIEW_SHEET);
    expect(sheetText).toContain('1200'); // 總經費 300 + 900
    expect(problems).toEqual([]);
    await page.close();
  });
});
