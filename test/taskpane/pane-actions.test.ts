import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { SETTING_KEYS } from '../../src/sheet/grid';
import { PaneSession, markRequests } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { mergeFindings, orderFindings } from '../../src/sheet/finish';
import { verdictOf } from '../../src/taskpane/verdict';
import type { FakeExcelHost } from '../../src/fake-excel-host';
import { fakeExcelWorkbook, putCell, storedSetting } from '../excel/fake-office-workbook';

/** The verdict, the finding order, one-click fixes, the largest subsidy and the stored benefits form. */

const SHEET = '經費預算表';

function cellOf(host: FakeExcelHost, label: string, column: 'gov' | 'self' | 'total'): string {
  for (let row = 1; row <= 100; row++) {
    if (host.value(SHEET, `A${row}`) === label) return `${{ gov: 'B', self: 'C', total: 'D' }[column]}${row}`;
  }
  throw new Error(`no row ${label}`);
}

async function paneWithTemplate(lang: 'zh-TW' | 'en' = 'zh-TW') {
  const { host, port } = fakeExcelWorkbook();
  const session = new PaneSession(port, paneServices, lang, { debounceMs: 20 });
  await session.start();
  await session.chooseProgram('upgrade-10plus');
  await session.prepareTemplate();
  await session.confirm();
  return { host, port, session };
}

/** The review's budget: 人事費 200 in 政府補助款 by mistake, 全新設備 over 30 %, over the 50 % share. */
async function typeReviewBudget(host: FakeExcelHost, session: PaneSession) {
  const put = (label: string, gov: number, self: number) => {
    putCell(host, SHEET, cellOf(host, label, 'gov'), gov);
    putCell(host, SHEET, cellOf(host, label, 'self'), self);
  };
  put('消耗性器材及原材料費', 240, 120);
  put('全新設備之購置費', 1200, 300);
  put('既有設備之改善費', 900, 900);
  put('委託研究或驗證費', 60, 60);
  put('人事費', 200, 0);
  await session.check();
}

describe('verdict and order', () => {
  it('greets a workbook without a table with the start, an empty template as not filled in, then counts errors', async () => {
    const { host, port } = fakeExcelWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW', { debounceMs: 20 });
    await session.start();
    expect(session.getState().verdict).toEqual({ kind: 'start' });

    await session.prepareTemplate();
    expect(session.getState().pending!.summary).toBe('新增工作表「經費預算表」：官方格式，6 個科目，含合計公式與超限標示。');
    await session.confirm();
    expect(session.getState().verdict).toEqual({ kind: 'empty' });

    await typeReviewBudget(host, session);
    const { verdict, findings } = session.getState();
    expect(verdict).toEqual({ kind: 'errors', count: findings!.filter((f) => f.severity === 'error').length });
    // The self-only slip comes before the limits it inflates.
    const rules = findings!.map((f) => f.rule);
    expect(rules.indexOf('self-only-item')).toBeLessThan(rules.indexOf('item-cap'));
    expect(rules.indexOf('item-cap')).toBeLessThan(rules.indexOf('gov-share'));
  });

  it('reports a typed-over total once', () => {
    const at = (rule: Finding['rule'], severity: Finding['severity']): Finding => ({ rule, severity, sheet: SHEET, cell: 'D10', message: rule });
    const merged = mergeFindings([at('hardcoded-total', 'warning'), at('column-total-mismatch', 'error'), { ...at('hardcoded-total', 'warning'), cell: 'D5' }]);
    expect(merged.map((f) => `${f.rule}@${f.cell}`)).toEqual(['column-total-mismatch@D10', 'hardcoded-total@D5']);
  });

  it('orders by severity, then root cause, then sheet order', () => {
    const f = (rule: Finding['rule'], severity: Finding['severity'], cell: string): Finding => ({ rule, severity, sheet: SHEET, cell, message: '' });
    const ordered = orderFindings([f('gov-share', 'error', 'B10'), f('percent-mismatch', 'warning', 'E4'), f('self-only-item', 'error', 'B8'), f('item-cap', 'error', 'B5'), f('number-as-text', 'warning', 'B4')]);
    expect(ordered.map((x) => x.rule)).toEqual(['self-only-item', 'item-cap', 'gov-share', 'number-as-text', 'percent-mismatch']);
  });

  it('the verdict is green only without errors or warnings, and a table of zeros is not a pass', () => {
    const summary = { grandTotal: 0, amounts: [{ gov: 0, self: 0 }] } as never;
    expect(verdictOf([], summary)).toEqual({ kind: 'empty' });
    expect(verdictOf([], { grandTotal: 10, amounts: [{ gov: 5, self: 5 }] } as never)).toEqual({ kind: 'ok' });
    expect(verdictOf(null, null)).toBeNull();
  });
});

describe('marks', () => {
  it('a finding listing several cells (one slip repeated in a table) marks each of them', () => {
    const base = { severity: 'warning' as const, sheet: SHEET, message: '2 個百分比與實際占比不符' };
    const marks = markRequests([
      { ...base, rule: 'percent-mismatch', cell: 'E7', cells: ['E7', 'E9'] },
      { ...base, rule: 'hardcoded-total', cell: 'E9', message: 'E9 應為公式' },
    ]);
    expect(marks.map((m) => [m.cell, m.text])).toEqual([
      ['E7', '2 個百分比與實際占比不符'],
      ['E9', '2 個百分比與實際占比不符\nE9 應為公式'],
    ]);
  });
});

describe('one-click fixes', () => {
  it('shows the cells a fix changes, applies them as one plan and verifies by checking again', async () => {
    const { host, session } = await paneWithTemplate();
    await typeReviewBudget(host, session);
    const gov = cellOf(host, '人事費', 'gov');
    const self = cellOf(host, '人事費', 'self');
    const finding = session.getState().findings!.find((f) => f.rule === 'self-only-item')!;
    // The fix data as the solver provides it: move the amount to 自籌款.
    const withFix: Finding = { ...finding, fix: [{ sheet: SHEET, cell: gov, from: 200, to: 0 }, { sheet: SHEET, cell: self, from: 0, to: 200 }] };
    await session.prepareFix(withFix);
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('fix');
    expect(pending.changes.changes.map((c) => [c.cell, c.before, c.after])).toEqual([
      [gov, '200', '0'],
      [self, '0', '200'],
    ]);
    expect(host.value(SHEET, gov)).toBe(200); // nothing written before confirming
    await session.confirm();
    expect(host.value(SHEET, gov)).toBe(0);
    expect(host.value(SHEET, self)).toBe(200);
    expect(session.getState().findings!.some((f) => f.rule === 'self-only-item')).toBe(false);
    expect(session.getState().notice).toBe('已修正 2 個儲存格；重新檢查後，此問題已解決。');
  });

  it('on amounts stored in 元 and shown in 千元 (#,##0,), writes 元 and the cap is met when checked again', async () => {
    const { host, port } = fakeExcelWorkbook();
    host.addSheet(SHEET);
    host.seed(SHEET, [
      ['經費預算表'],
      ['', '', '', '', '金額單位：千元'],
      ['會計科目', '政府補助款', '業者自籌款', '合計'],
      ['消耗性器材及原材料費', 300_000, 1_000_000, '=B4+C4'],
      ['全新設備之購置費', 1_155_000, 545_000, '=B5+C5'],
      ['人事費', '', 500_000, '=B6+C6'],
      ['合計', '=SUM(B4:B6)', '=SUM(C4:C6)', '=SUM(D4:D6)'],
    ]);
    for (let row = 3; row <= 6; row++) for (const col of [1, 2, 3]) host.sheet(SHEET).ensure(row, col).format.numberFormat = '#,##0,';
    const session = new PaneSession(port, paneServices, 'zh-TW', { debounceMs: 20 });
    await session.start();
    await session.chooseProgram('upgrade-10plus');
    const finding = session.getState().findings!.find((f) => f.rule === 'item-cap')!;
    expect(finding.message).toContain('1,155');
    await session.prepareFix(finding);
    expect(session.getState().pending!.changes.changes.map((c) => [c.cell, c.before, c.after])).toEqual([['B5', '1155000', '1050000'], ['C5', '545000', '650000']]);
    await session.confirm();
    expect(host.value(SHEET, 'B5')).toBe(1_050_000);
    expect(host.value(SHEET, 'C5')).toBe(650_000);
    expect(session.getState().findings!.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(session.getState().notice).toBe('已修正 2 個儲存格；重新檢查後，此問題已解決。');
  });

  it('does not write a fix over a cell that changed since the check', async () => {
    const { host, session } = await paneWithTemplate();
    await typeReviewBudget(host, session);
    const gov = cellOf(host, '人事費', 'gov');
    const finding = session.getState().findings!.find((f) => f.rule === 'self-only-item')!;
    putCell(host, SHEET, gov, 150);
    await session.prepareFix({ ...finding, fix: [{ sheet: SHEET, cell: gov, from: 200, to: 0 }] });
    expect(session.getState().pending).toBeNull();
    expect(host.value(SHEET, gov)).toBe(150);
    expect(session.getState().notice).toBe('儲存格在檢查後已被修改，已重新檢查，請再試一次。');
  });

  it('writes a fix’s numbers as numbers, "=…" as a formula and other text as text', async () => {
    const { host, session } = await paneWithTemplate();
    const gov = cellOf(host, '既有設備之改善費', 'gov');
    const total = cellOf(host, '既有設備之改善費', 'total');
    const formula = host.formula(SHEET, total)!;
    putCell(host, SHEET, gov, "'1,200");
    putCell(host, SHEET, total, 5);
    await session.check();
    const finding: Finding = {
      rule: 'number-as-text',
      severity: 'warning',
      sheet: SHEET,
      cell: gov,
      message: '',
      fix: [
        { sheet: SHEET, cell: gov, from: '1,200', to: 1200 },
        { sheet: SHEET, cell: total, from: 5, to: formula, formula: true },
        { sheet: SHEET, cell: 'A1', from: host.value(SHEET, 'A1') as string, to: '經費預算表（修正）' },
      ],
    };
    await session.prepareFix(finding);
    await session.confirm();
    expect(host.value(SHEET, gov)).toBe(1200);
    expect(host.formula(SHEET, total)).toBe(formula);
    expect(host.value(SHEET, total)).toBe(1200);
    expect(host.cell(SHEET, 'A1')!.formula).toBeNull();
    expect(host.value(SHEET, 'A1')).toBe('經費預算表（修正）');
  });
});

describe('the largest legal subsidy', () => {
  it('summarises the room left with the binding limit, previews the cells and applies them, leaving no limit broken', async () => {
    const { host, session } = await paneWithTemplate();
    await typeReviewBudget(host, session);
    const max = session.getState().maximum!;
    // Grand total 3,980: the share binds at 1,990; the budget now asks 2,600.
    expect(max).toMatchObject({ govTotal: 1990, currentGovTotal: 2600, more: -610, binding: 'gov-share' });
    expect(max.bindingText).toBe('補助款不得超過總經費 50%');

    await session.prepareMaximize();
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('maximize');
    expect(pending.summary).toBe('補助款由 2,600 千元（260 萬元）調整為 1,990 千元（199 萬元），受「補助款不得超過總經費 50%」限制。各科目合計與總經費不變，只調整由誰出資。');
    const totalsBefore = ['消耗性器材及原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究或驗證費', '人事費'].map((l) => host.value(SHEET, cellOf(host, l, 'total')));
    await session.confirm();
    const state = session.getState();
    expect(state.summary).toMatchObject({ grandTotal: 3980, govTotal: 1990 });
    expect(state.findings!.filter((f) => ['gov-share', 'gov-cap', 'item-cap', 'self-only-item'].includes(f.rule))).toEqual([]);
    expect(['消耗性器材及原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究或驗證費', '人事費'].map((l) => host.value(SHEET, cellOf(host, l, 'total')))).toEqual(totalsBefore);
    expect(state.maximum).toMatchObject({ more: 0, cells: 0 });
    expect(state.notice).toBe('補助款已調整為 1,990 千元（199 萬元）。');
    await session.prepareMaximize();
    expect(session.getState().pending).toBeNull();
    expect(session.getState().notice).toBe('補助款已是最大的合法金額，不需調整。');
  });
});

describe('notices and the benefits form', () => {
  it('clears a notice at the next edit', async () => {
    const { host, session } = await paneWithTemplate();
    expect(session.getState().notice).toContain('已插入範本');
    await host.userEdit(SHEET, cellOf(host, '既有設備之改善費', 'gov'), 100);
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(100), { timeout: 2000 });
    expect(session.getState().notice).toBeNull();
  });

  it('keeps the form in the session and stores it with the workbook, so a new pane over the workbook has it', async () => {
    const { host, port, session } = await paneWithTemplate();
    const form = session.getState().benefitForm;
    session.setBenefitForm({ ...form, values: { jobs: '3', costReduction: '0.05' }, method: 'relative' });
    expect(session.getState().benefitForm.values.jobs).toBe('3');
    await vi.waitFor(() => expect(storedSetting(host, SETTING_KEYS.benefitForm)).toBeDefined(), { timeout: 2000 });
    session.dispose();

    const reopened = new PaneSession(port, paneServices, 'zh-TW', { debounceMs: 20 });
    await reopened.start();
    expect(reopened.getState().benefitForm).toEqual({ ...form, values: { jobs: '3', costReduction: '0.05' }, method: 'relative' });
    reopened.dispose();
  });
});

describe('repair fixes', () => {
  it('offers "restore the formula" on a typed-over total, once, and the fix leaves no error', async () => {
    const { host, session } = await paneWithTemplate();
    putCell(host, SHEET, cellOf(host, '既有設備之改善費', 'gov'), 100);
    putCell(host, SHEET, cellOf(host, '既有設備之改善費', 'self'), 300);
    let grand = '';
    for (let row = 1; row <= 40; row++) if (host.value(SHEET, `A${row}`) === '合計') grand = `D${row}`;
    const formula = host.formula(SHEET, grand)!;
    putCell(host, SHEET, grand, 4000);
    await session.check();
    const atGrand = session.getState().findings!.filter((f) => f.cell === grand);
    expect(atGrand.map((f) => f.rule)).toEqual(['column-total-mismatch']); // the typed-number warning folded into it
    // The first route restores the template's formula (the rule's own remedy, or what recalculate writes there).
    expect(atGrand[0].routes![0].advice).toMatch(/^改回公式/);
    expect(atGrand[0].routes![0].changes).toEqual([{ sheet: SHEET, cell: grand, from: 4000, to: formula, formula: true }]);
    await session.prepareFix(atGrand[0]);
    expect(session.getState().pending!.changes.changes).toEqual([{ sheet: SHEET, cell: grand, before: '4000', after: formula, replacesUserInput: true }]);
    await session.confirm();
    expect(host.formula(SHEET, grand)).toBe(formula);
    expect(session.getState().findings!.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
