import { describe, expect, it } from 'vitest';
import { putCell } from '../excel/fake-office-workbook';
import { SHEET, THREE_ERRORS, paneWithBudget } from './pane-fixture';

/**
 * 套用 after the person kept typing (ux-2 §2, R1–R4): the write is rebuilt from the sheet as it is then, with the same
 * intent, and shown again in the dialog; a dialog whose finding is gone is withdrawn. Nothing typed is overwritten.
 */

/** The review's budget: 人事費 200 in 政府補助款, 全新設備 over 30 %, the subsidy over 50 % (total 3,980). */
async function reviewBudget() {
  const { host, port, session, cell } = await paneWithBudget(THREE_ERRORS);
  const finding = (rule: string) => session.getState().findings!.find((f) => f.rule === rule)!;
  const gov = (label: string) => cell(label, 'gov');
  const self = (label: string) => cell(label, 'self');
  return { host, port, session, finding, gov, self };
}

describe('套用 rebuilds the write from the sheet as it is now', () => {
  it('R1: a move typed into meanwhile stays a move of what is there (self 50 → 250), shown again first', async () => {
    const { host, session, finding, gov, self } = await reviewBudget();
    await session.prepareFix(finding('self-only-item'));
    expect(session.getState().pending!.changes.changes.map((c) => [c.cell, c.before, c.after])).toEqual([
      [gov('人事費'), '200', '0'],
      [self('人事費'), '0', '200'],
    ]);
    putCell(host, SHEET, self('人事費'), 50); // typed while the dialog is open
    await session.confirm();
    expect(host.value(SHEET, self('人事費'))).toBe(50);
    const again = session.getState().pending!;
    expect(again.changedWhileOpen).toBe(true);
    expect(again.changedCells).toEqual([`${SHEET}!${self('人事費')}`]);
    expect(again.changes.changes.map((c) => [c.cell, c.before, c.after])).toEqual([
      [gov('人事費'), '200', '0'],
      [self('人事費'), '50', '250'],
    ]);
    await session.confirm();
    expect(host.value(SHEET, gov('人事費'))).toBe(0);
    expect(host.value(SHEET, self('人事費'))).toBe(250);
  });

  it('R3: a fix whose finding went away while the dialog was open is withdrawn, saying so, and writes nothing', async () => {
    const { host, session, finding, gov } = await reviewBudget();
    const cap = finding('item-cap');
    await session.prepareFix(cap);
    expect(session.getState().pending!.summary).toContain('改列業者自籌款');
    putCell(host, SHEET, gov('全新設備之購置費'), 1000); // now within 30 % of 3,780
    await session.confirm();
    expect(host.value(SHEET, gov('全新設備之購置費'))).toBe(1000);
    expect(session.getState().pending).toBeNull();
    expect(session.getState().notice).toBe('對話框開啟期間表格已變更，這個問題已不存在，因此未寫入任何儲存格。');
    expect(session.getState().noticeTone).toBe('warning');
  });

  it('R2: a change outside the plan that clears the finding (a larger total lifts the cap) withdraws it too', async () => {
    const { host, session, finding, gov } = await reviewBudget();
    await session.prepareFix(finding('item-cap'), 1); // the cut
    putCell(host, SHEET, gov('既有設備之改善費'), 1500);
    await session.confirm();
    expect(host.value(SHEET, gov('全新設備之購置費'))).toBe(1200);
    expect(session.getState().pending).toBeNull();
  });

  it('R4: the maximum is computed again from the new item totals, and keeps them (C6 typed 2,000 survives)', async () => {
    const { host, session, gov, self } = await reviewBudget();
    await session.prepareMaximize();
    expect(session.getState().pending!.consequences!.total).toEqual({ before: 3980, after: 3980 });
    putCell(host, SHEET, self('既有設備之改善費'), 2000);
    await session.confirm();
    const again = session.getState().pending!;
    expect(again.changedWhileOpen).toBe(true);
    expect(again.consequences!.total).toEqual({ before: 5080, after: 5080 });
    expect(again.summary).toContain('2,540');
    await session.confirm();
    const at = (cell: string) => host.value(SHEET, cell) as number;
    expect(at(gov('既有設備之改善費')) + at(self('既有設備之改善費'))).toBe(2900);
    expect(session.getState().summary!.grandTotal).toBe(5080);
    expect(session.getState().summary!.govTotal).toBe(2540);
  });

  it('an unchanged sheet writes exactly what the dialog showed', async () => {
    const { host, session, finding, gov, self } = await reviewBudget();
    await session.prepareFix(finding('self-only-item'));
    await session.confirm();
    expect(session.getState().pending).toBeNull();
    expect([host.value(SHEET, gov('人事費')), host.value(SHEET, self('人事費'))]).toEqual([0, 200]);
    expect(session.getState().notice).toBe('已修正 2 個儲存格；重新檢查後，此問題已解決。');
  });
});

describe('fixes keep the project, and say what they do', () => {
  it('every limit offers the move first (item totals and 總經費 kept) and the cut second, named as a cut', async () => {
    const { session, finding } = await reviewBudget();
    for (const rule of ['item-cap', 'gov-share']) {
      const f = finding(rule);
      expect(f.routes!.map((r) => r.kind), rule).toEqual(['move', 'cut']);
      expect(f.routes![1].advice, rule).toMatch(/^刪減.*預算 [\d,]+ 千元（總經費隨之減少）$/);
      await session.prepareFix(f, 0);
      const moved = session.getState().pending!.consequences!;
      expect(moved.total.after, rule).toBe(moved.total.before);
      expect(moved.items, rule).toEqual([]);
      session.cancel();
    }
  });

  it('the cut says the total and the item shrink, and the share before → after', async () => {
    const { session, finding } = await reviewBudget();
    await session.prepareFix(finding('gov-share'), 1);
    const { consequences, summary } = session.getState().pending!;
    expect(summary).toBe('刪減全新設備之購置費、既有設備之改善費預算 1,220 千元（總經費隨之減少）');
    expect(consequences).toEqual({
      gov: { before: 2600, after: 1380 },
      total: { before: 3980, after: 2760 },
      share: { before: 65.3, after: 50 },
      items: [
        { label: '全新設備之購置費', before: 1500, after: 300 },
        { label: '既有設備之改善費', before: 1800, after: 1780 },
      ],
    });
  });
});

describe('marks follow the sheet', () => {
  it('a cell fixed by one click loses its mark at once', async () => {
    const { port, session, finding, gov } = await reviewBudget();
    await session.mark();
    expect(port.markedCells().map((c) => c.cell)).toContain(gov('人事費'));
    await session.prepareFix(finding('self-only-item'));
    await session.confirm();
    expect(port.markedCells().map((c) => c.cell)).not.toContain(gov('人事費'));
    expect(port.markedCells().length).toBeGreaterThan(0); // the other findings' marks stay
  });
});
