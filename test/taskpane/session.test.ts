import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTING_KEYS } from '../../src/sheet/grid';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { MemoryPort } from './memory-port';

const SHEET = '經費預算表';

async function sessionWithTemplate(lang: 'zh-TW' | 'en' = 'zh-TW') {
  const port = new MemoryPort();
  const session = new PaneSession(port, paneServices, lang, { debounceMs: 20 });
  await session.start();
  await session.chooseProgram('upgrade-10plus');
  await session.prepareTemplate();
  await session.confirm();
  return { port, session };
}

function cellOf(port: MemoryPort, label: string, column: 'gov' | 'self'): string {
  const snapshot = port.workbook.snapshot();
  const sheet = snapshot.sheets.find((s) => s.name === SHEET)!;
  const row = sheet.values.findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no row ${label}`);
  return `${column === 'gov' ? 'B' : 'C'}${row + 1}`;
}

afterEach(() => vi.useRealTimers());

describe('PaneSession', () => {
  it('checks an empty workbook with one read and reports the missing table', async () => {
    const port = new MemoryPort();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    expect(port.reads).toBe(1);
    const state = session.getState();
    expect(state.findings?.map((f) => f.rule)).toContain('missing-table');
    expect(state.summary).toBeNull();
    expect(state.live).toBe(true);
  });

  it('remembers the chosen program in the workbook settings', async () => {
    const port = new MemoryPort();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.chooseProgram('registered-factory');
    expect(port.workbook.settings[SETTING_KEYS.program]).toBe('registered-factory');
    expect(session.getState().programId).toBe('registered-factory');
    expect(session.getState().programSource).toBe('setting');
  });

  it('lists every cell of the template before writing it, and writes nothing until confirmed', async () => {
    const port = new MemoryPort();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.prepareTemplate();
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('template');
    expect(pending.changes.newSheets).toEqual([SHEET]);
    expect(pending.changes.changes.some((c) => c.cell === 'A1' && c.after === '經費預算表')).toBe(true);
    expect(port.applied).toHaveLength(0);
    session.cancel();
    expect(port.workbook.sheetNames()).toEqual([]);

    await session.prepareTemplate();
    await session.confirm();
    expect(port.workbook.sheetNames()).toEqual([SHEET]);
    expect(session.getState().notice).toContain(SHEET);
    expect(session.getState().summary?.grandTotal).toBe(0);
  });

  it('does not lose an edit typed right after its own write', async () => {
    const { port, session } = await sessionWithTemplate();
    port.userEdit(SHEET, cellOf(port, '既有設備之改善費', 'gov'), 400);
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(400), { timeout: 2000 });
  });

  it('finds a self-only breach and selects its cell', async () => {
    const { port, session } = await sessionWithTemplate();
    const personnelGov = cellOf(port, '人事費', 'gov');
    port.workbook.type(SHEET, personnelGov, 200);
    port.workbook.type(SHEET, cellOf(port, '既有設備之改善費', 'self'), 1000);
    await session.check();
    const finding = session.getState().findings!.find((f) => f.rule === 'self-only-item')!;
    expect(finding).toMatchObject({ severity: 'error', sheet: SHEET, cell: personnelGov });
    expect(finding.citation?.quote).toContain('人事費');
    await session.select({ sheet: finding.sheet!, cell: finding.cell! });
    expect(port.selected).toEqual({ sheet: SHEET, cell: personnelGov });
    expect(session.getState().summary).toMatchObject({ grandTotal: 1200, govTotal: 200, selfTotal: 1000 });
  });

  it('refreshes on its own after a user edit, debounced into one read; its own writes change nothing in the pane', async () => {
    const { port, session } = await sessionWithTemplate();
    const checkedAt = session.getState().checkedAt;
    const notice = session.getState().notice;
    await new Promise((r) => setTimeout(r, 100)); // the events our own template write caused have been handled
    expect(session.getState().checkedAt).toBe(checkedAt);
    expect(session.getState().notice).toBe(notice);
    const readsAfterSetup = port.reads;

    const gov = cellOf(port, '全新設備之購置費', 'gov');
    port.userEdit(SHEET, gov, 500);
    port.userEdit(SHEET, gov, 700);
    port.userEdit(SHEET, gov, 900);
    await vi.waitFor(() => expect(port.reads).toBe(readsAfterSetup + 1), { timeout: 2000 });
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(900));
    await new Promise((r) => setTimeout(r, 100));
    expect(port.reads).toBe(readsAfterSetup + 1);
    // gov 900 of total 900: over the 50% share.
    expect(session.getState().findings!.map((f) => f.rule)).toContain('gov-share');
  });

  it('recalculate lists the typed-over formula cell, asks, and restores only that cell', async () => {
    const { port, session } = await sessionWithTemplate();
    const row = Number(cellOf(port, '全新設備之購置費', 'gov').slice(1));
    const formulaBefore = port.workbook.formula(SHEET, `D${row}`);
    expect(formulaBefore).toMatch(/^=/);
    port.workbook.type(SHEET, `D${row}`, 999);
    await session.prepareRecalc();
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('recalc');
    expect(pending.changes.changes).toEqual([
      { sheet: SHEET, cell: `D${row}`, before: '999', after: formulaBefore, replacesUserInput: true },
    ]);
    const writesBefore = port.applied.length;
    await session.confirm();
    expect(port.applied.length).toBe(writesBefore + 1);
    expect(port.workbook.formula(SHEET, `D${row}`)).toBe(formulaBefore);
    expect(session.getState().notice).toContain('1');
  });

  it('recalculate with nothing to repair says so and writes nothing', async () => {
    const { port, session } = await sessionWithTemplate();
    const writesBefore = port.applied.length;
    await session.prepareRecalc();
    expect(session.getState().pending).toBeNull();
    expect(session.getState().notice).toBe('沒有需要變更的儲存格，所有公式與數值都正確。');
    expect(port.applied.length).toBe(writesBefore);
  });

  it('marks the cells of errors and warnings once each and clears them', async () => {
    const { port, session } = await sessionWithTemplate();
    port.workbook.type(SHEET, cellOf(port, '人事費', 'gov'), 100);
    await session.check();
    await session.mark();
    expect(port.marks.length).toBeGreaterThan(0);
    expect(new Set(port.marks.map((m) => `${m.sheet}!${m.cell}`)).size).toBe(port.marks.length);
    expect(port.marks).toContainEqual({ sheet: SHEET, cell: cellOf(port, '人事費', 'gov') });
    expect(session.getState().marked).toBe(true);
    await session.clearMarks();
    expect(port.marks).toEqual([]);
    expect(session.getState().marked).toBe(false);
  });

  it('rechecks in the chosen language', async () => {
    const { port, session } = await sessionWithTemplate();
    port.workbook.type(SHEET, cellOf(port, '人事費', 'gov'), 100);
    await session.check();
    const zh = session.getState().findings!.find((f) => f.rule === 'self-only-item')!.message;
    await session.setLang('en');
    const en = session.getState().findings!.find((f) => f.rule === 'self-only-item')!.message;
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toBe(zh);
    expect(en).toMatch(/[A-Za-z]{4,}/);
  });

  it('shows a host error in friendly words with the detail on demand, and stays usable', async () => {
    const port = new MemoryPort();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    port.failNext = Object.assign(new Error('工作表受到保護，無法寫入。'), {
      name: 'ExcelHostError',
      detail: 'AccessDenied: The cell or chart you are trying to change is protected',
    });
    await session.chooseProgram('upgrade-10plus');
    expect(session.getState().error).toEqual({
      message: '工作表受到保護，無法寫入。',
      detail: 'AccessDenied: The cell or chart you are trying to change is protected',
    });
    expect(session.getState().busy).toBeNull();
    await session.check();
    expect(session.getState().error).toBeNull();
  });

  it('says live checking is unavailable when the host reports no changes', async () => {
    const port = new MemoryPort(undefined, { changeEvents: false });
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    expect(session.getState().live).toBe(false);
  });
});
