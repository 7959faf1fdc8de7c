import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellLoc } from '../../src/domain/findings';
import { MARK_FORMAT, type OfficeWorkbook } from '../../src/excel';
import { SETTING_KEYS, type WorkbookSnapshot } from '../../src/sheet/grid';
import type { Plan } from '../../src/sheet/plan';
import type { HostCapabilities, MarkRequest, ReadOptions, WorkbookChange, WorkbookPort } from '../../src/sheet/port';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { type FakeExcelHost, type FakeExcelOptions, excelApiUpTo } from '../../src/fake-excel-host';
import { fakeExcelWorkbook, putCell, storedSetting } from '../excel/fake-office-workbook';

const SHEET = '經費預算表';

/** The Office.js adapter, counting the pane's reads and confirmed writes and remembering which cells it marked. */
class CountingPort implements WorkbookPort {
  reads = 0;
  applied: Plan[] = [];
  marked: CellLoc[] = [];

  constructor(readonly adapter: OfficeWorkbook) {}

  async read(options?: ReadOptions): Promise<WorkbookSnapshot> {
    const snapshot = await this.adapter.read(options);
    this.reads++;
    return snapshot;
  }

  async apply(plan: Plan): Promise<void> {
    await this.adapter.apply(plan);
    this.applied.push(plan);
  }

  /** One round trip that writes and reads back: counted as a write and a read. */
  async applyAndRead(plan: Plan): Promise<WorkbookSnapshot> {
    const snapshot = await this.adapter.applyAndRead(plan);
    this.applied.push(plan);
    this.reads++;
    return snapshot;
  }

  select(loc: CellLoc): Promise<void> {
    return this.adapter.select(loc);
  }

  async mark(cells: MarkRequest[]): Promise<void> {
    await this.adapter.mark(cells);
    this.marked = cells.map(({ sheet, cell }) => ({ sheet, cell }));
  }

  async clearMarks(cells?: CellLoc[], options?: { live?: boolean }): Promise<void> {
    await this.adapter.clearMarks(cells, options);
    this.marked = cells ? this.marked.filter((m) => !cells.some((c) => c.sheet === m.sheet && c.cell === m.cell)) : [];
  }

  markedCells(): CellLoc[] {
    return this.adapter.markedCells();
  }

  capabilities(): HostCapabilities {
    return this.adapter.capabilities();
  }

  onChange(listener: (change: WorkbookChange) => void): Promise<() => void> {
    return this.adapter.onChange(listener);
  }
}

/** A blank workbook (one empty "Sheet1") in the fake Excel host. */
function blankWorkbook(options: FakeExcelOptions = {}) {
  const { host, port } = fakeExcelWorkbook(options);
  return { host, port: new CountingPort(port) };
}

async function sessionWithTemplate(lang: 'zh-TW' | 'en' = 'zh-TW') {
  const { host, port } = blankWorkbook();
  const session = new PaneSession(port, paneServices, lang, { debounceMs: 20 });
  await session.start();
  await session.chooseProgram('upgrade-10plus');
  await session.prepareTemplate();
  await session.confirm();
  return { host, port, session };
}

function cellOf(host: FakeExcelHost, label: string, column: 'gov' | 'self'): string {
  for (let row = 1; row <= 100; row++) if (host.value(SHEET, `A${row}`) === label) return `${column === 'gov' ? 'B' : 'C'}${row}`;
  throw new Error(`no row ${label}`);
}

afterEach(() => vi.useRealTimers());


describe('PaneSession', () => {
  it('checks an empty workbook with one read and reports the missing table', async () => {
    const { port } = blankWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    expect(port.reads).toBe(1);
    const state = session.getState();
    expect(state.findings?.map((f) => f.rule)).toContain('missing-table');
    expect(state.summary).toBeNull();
    expect(state.live).toBe(true);
  });

  it('says so when the checking engine cannot load, reads nothing meanwhile, and loads it on the next try', async () => {
    const { port } = blankWorkbook();
    let failures = 1;
    const flaky = {
      ...paneServices,
      load: () => (failures-- > 0 ? Promise.reject(new Error('Loading chunk engine failed')) : paneServices.load!()),
    };
    const session = new PaneSession(port, flaky, 'en');
    await session.start();
    expect(session.getState().error).not.toBeNull();
    expect(session.getState().findings).toBeNull();
    expect(port.reads).toBe(0);
    await session.check();
    expect(session.getState().error).toBeNull();
    expect(session.getState().findings?.map((f) => f.rule)).toContain('missing-table');
  });

  it('remembers the chosen program in the workbook settings', async () => {
    const { host, port } = blankWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.chooseProgram('registered-factory');
    expect(storedSetting(host, SETTING_KEYS.program)).toBe('registered-factory');
    expect(session.getState().programId).toBe('registered-factory');
    expect(session.getState().programSource).toBe('setting');
  });

  it('remembers the application target in the workbook, and a ticked box in the form wins over it', async () => {
    const { host, port } = blankWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.chooseProgram('upgrade-10plus');
    expect(session.getState().target).toBeNull();
    await session.chooseTarget('lowcarbon');
    expect(storedSetting(host, SETTING_KEYS.target)).toBe('lowcarbon');
    expect(session.getState()).toMatchObject({ target: 'lowcarbon', storedTarget: 'lowcarbon' });

    await host.userEdit('Sheet1', 'A1', '□低碳化 ■智慧化');
    await session.check();
    expect(session.getState()).toMatchObject({ target: 'smart', storedTarget: 'lowcarbon' });
  });

  it('lists every cell of the template before writing it, and writes nothing until confirmed', async () => {
    const { host, port } = blankWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.prepareTemplate();
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('template');
    expect(pending.changes.newSheets).toEqual([SHEET]);
    expect(pending.changes.changes.some((c) => c.cell === 'A1' && c.after === '經費預算表')).toBe(true);
    expect(port.applied).toHaveLength(0);
    session.cancel();
    expect(host.sheetNames()).toEqual(['Sheet1']);
    expect(host.dumpSheet('Sheet1')).toBe(blankWorkbook().host.dumpSheet('Sheet1'));

    await session.prepareTemplate();
    await session.confirm();
    expect(host.sheetNames()).toEqual(['Sheet1', SHEET]);
    expect(session.getState().notice).toContain(SHEET);
    expect(session.getState().summary?.grandTotal).toBe(0);
  });

  it('does not lose an edit typed right after its own write', async () => {
    const { host, session } = await sessionWithTemplate();
    // No waiting for Excel's "sheet added" event: the adapter subscribed the new sheet in the write itself.
    expect((await host.userEdit(SHEET, cellOf(host, '既有設備之改善費', 'gov'), 400)).accepted).toBe(true);
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(400), { timeout: 2000 });
  });

  it('finds a self-only breach and selects its cell', async () => {
    const { host, session } = await sessionWithTemplate();
    const personnelGov = cellOf(host, '人事費', 'gov');
    // Pasted, not typed: the template's data validation would refuse typing a government amount for 人事費.
    putCell(host, SHEET, personnelGov, 200);
    putCell(host, SHEET, cellOf(host, '既有設備之改善費', 'self'), 1000);
    await session.check();
    const finding = session.getState().findings!.find((f) => f.rule === 'self-only-item')!;
    expect(finding).toMatchObject({ severity: 'error', sheet: SHEET, cell: personnelGov });
    expect(finding.citation?.quote).toContain('人事費');
    await session.select({ sheet: finding.sheet!, cell: finding.cell! });
    expect(host.selection).toEqual({ sheet: SHEET, address: personnelGov });
    expect(session.getState().summary).toMatchObject({ grandTotal: 1200, govTotal: 200, selfTotal: 1000 });
  });

  it('refreshes on its own after a user edit, debounced into one read; its own writes change nothing in the pane', async () => {
    const { host, port, session } = await sessionWithTemplate();
    const checkedAt = session.getState().checkedAt;
    const notice = session.getState().notice;
    await new Promise((r) => setTimeout(r, 100)); // the events our own template write caused have been handled
    expect(session.getState().checkedAt).toBe(checkedAt);
    expect(session.getState().notice).toBe(notice);
    const readsAfterSetup = port.reads;

    const gov = cellOf(host, '全新設備之購置費', 'gov');
    // Three quick edits: each is entered before any change event is handled.
    await Promise.all([host.userEdit(SHEET, gov, 500), host.userEdit(SHEET, gov, 700), host.userEdit(SHEET, gov, 900)]);
    await vi.waitFor(() => expect(port.reads).toBe(readsAfterSetup + 1), { timeout: 2000 });
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(900));
    await new Promise((r) => setTimeout(r, 100));
    expect(port.reads).toBe(readsAfterSetup + 1);
    // gov 900 of total 900: over the 50% share.
    expect(session.getState().findings!.map((f) => f.rule)).toContain('gov-share');
  });

  it('recalculate lists the typed-over formula cell, asks, and restores only that cell', async () => {
    const { host, port, session } = await sessionWithTemplate();
    const row = Number(cellOf(host, '全新設備之購置費', 'gov').slice(1));
    const formulaBefore = host.formula(SHEET, `D${row}`);
    expect(formulaBefore).toMatch(/^=/);
    putCell(host, SHEET, `D${row}`, 999);
    await session.prepareRecalc();
    const pending = session.getState().pending!;
    expect(pending.kind).toBe('recalc');
    expect(pending.changes.changes).toEqual([
      { sheet: SHEET, cell: `D${row}`, before: '999', after: formulaBefore, replacesUserInput: true },
    ]);
    const writesBefore = port.applied.length;
    await session.confirm();
    expect(port.applied.length).toBe(writesBefore + 1);
    expect(host.formula(SHEET, `D${row}`)).toBe(formulaBefore);
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
    const { host, port, session } = await sessionWithTemplate();
    const personnelGov = cellOf(host, '人事費', 'gov');
    putCell(host, SHEET, personnelGov, 100); // pasted: typing it would be refused by the data validation
    const before = host.dumpSheet(SHEET);
    await session.check();
    await session.mark();
    expect(port.marked.length).toBeGreaterThan(0);
    expect(new Set(port.marked.map((m) => `${m.sheet}!${m.cell}`)).size).toBe(port.marked.length);
    expect(port.marked).toContainEqual({ sheet: SHEET, cell: personnelGov });
    expect(host.effectiveFormatAt(SHEET, personnelGov).fill).toBe(MARK_FORMAT.fill);
    expect(session.getState().marked).toBe(true);
    await session.clearMarks();
    expect(port.marked).toEqual([]);
    expect(host.dumpSheet(SHEET)).toBe(before);
    expect(session.getState().marked).toBe(false);
  });

  it('rechecks in the chosen language', async () => {
    const { host, session } = await sessionWithTemplate();
    putCell(host, SHEET, cellOf(host, '人事費', 'gov'), 100);
    await session.check();
    const zh = session.getState().findings!.find((f) => f.rule === 'self-only-item')!.message;
    await session.setLang('en');
    const en = session.getState().findings!.find((f) => f.rule === 'self-only-item')!.message;
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toBe(zh);
    expect(en).toMatch(/[A-Za-z]{4,}/);
  });

  it('shows a host error in friendly words with the detail on demand, and stays usable', async () => {
    const { host, session } = await sessionWithTemplate();
    putCell(host, SHEET, cellOf(host, '人事費', 'gov'), 100);
    await session.check();
    host.protectSheet(SHEET);
    await session.mark(); // Excel refuses to colour cells on a protected sheet
    expect(session.getState().error).toEqual({
      message: expect.stringContaining('工作表受保護'),
      detail: expect.stringMatching(/^AccessDenied: .*protected sheet/),
    });
    expect(session.getState().busy).toBeNull();
    host.protectSheet(SHEET, false);
    await session.check();
    expect(session.getState().error).toBeNull();
    await session.mark();
    expect(session.getState().marked).toBe(true);
  });

  it('says live checking is unavailable when the host reports no changes', async () => {
    const { port } = blankWorkbook({ requirementSets: excelApiUpTo('1.6') }); // worksheet change events arrived in 1.7
    expect(port.capabilities().changeEvents).toBe(false);
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    expect(session.getState().live).toBe(false);
  });

  // Round trips asserted as counts on the fake host in its documented (strict) mode.
  // ExcelApi 1.20 has notes (1.18: a mark carries its finding's text, still in the one sync) and triggerSource (1.14).
  for (const level of ['1.17', '1.20']) {
    it(`round trips on ExcelApi ${level}: check 1 in steady state; template = read + verify + write-and-read; mark 1; clear 1; no read after its own writes`, async () => {
      const { host, port } = blankWorkbook({ requirementSets: excelApiUpTo(level) });
      const session = new PaneSession(port, paneServices, 'zh-TW', { debounceMs: 20 });
      await session.start();
      host.resetCounters();
      await session.check();
      expect(host.syncCount).toBe(1);

      host.resetCounters();
      await session.prepareTemplate();
      await session.confirm();
      expect(host.syncCount).toBe(3);
      await new Promise((r) => setTimeout(r, 80));

      putCell(host, SHEET, cellOf(host, '人事費', 'gov'), 100);
      await session.check();
      const reads = port.reads;
      host.resetCounters();
      await session.mark();
      expect(host.syncCount).toBe(1);
      expect(host.sheet(SHEET).notes.size > 0).toBe(level === '1.20'); // the finding's text as a note, same sync
      host.resetCounters();
      await session.clearMarks();
      expect(host.syncCount).toBe(1);
      await host.settleEvents();
      await new Promise((r) => setTimeout(r, 80)); // longer than the debounce: an echo would have read by now
      expect(port.reads).toBe(reads);
      expect(host.syncCount).toBe(1);
    });
  }

  // The CLI's hidden-amounts and manual-calculation rules, raised in the pane too: the adapter reads hidden rows and
  // columns (Range.getSpecialCellsOrNullObject('Visible'), ExcelApi 1.9; Range.rowHidden/columnHidden below) and
  // Application.calculationMode (ExcelApi 1.1) in the check's own sync.
  for (const level of ['1.20', '1.7']) {
    it(`raises hidden-amounts and manual-calculation in the pane (ExcelApi ${level})`, async () => {
      const { host, port } = blankWorkbook({ requirementSets: excelApiUpTo(level) });
      const session = new PaneSession(port, paneServices, 'en', { debounceMs: 20 });
      await session.start();
      await session.chooseProgram('upgrade-10plus');
      await session.prepareTemplate();
      await session.confirm();
      const equipment = cellOf(host, '既有設備之改善費', 'gov');
      putCell(host, SHEET, equipment, 400);
      await session.check();
      const rulesBefore = session.getState().findings!.map((f) => f.rule);
      expect(rulesBefore).not.toContain('hidden-amounts');
      expect(rulesBefore).not.toContain('manual-calculation');

      host.userHide(SHEET, equipment.replace(/^[A-Z]+/, '')); // the whole row
      host.workbook.calculationMode = 'Manual';
      await session.check();
      const findings = session.getState().findings!;
      expect(findings.find((f) => f.rule === 'hidden-amounts')).toMatchObject({ sheet: SHEET, cell: equipment });
      expect(findings.some((f) => f.rule === 'manual-calculation')).toBe(true);
    });
  }

  // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit
  it('a live re-check while the person is typing shows no error and runs once the edit ends', async () => {
    const { host, session } = await sessionWithTemplate();
    const gov = cellOf(host, '全新設備之購置費', 'gov');
    await host.userEdit(SHEET, gov, 300);
    host.beginCellEdit(); // started typing the next number before the debounced re-check ran
    await new Promise((r) => setTimeout(r, 80));
    expect(session.getState().error).toBeNull();
    expect(session.getState().summary?.govTotal).not.toBe(300);
    await host.endCellEdit();
    await vi.waitFor(() => expect(session.getState().summary?.govTotal).toBe(300), { timeout: 2000 });
    expect(session.getState().error).toBeNull();
  });

  it('a deleted or renamed sheet refreshes the findings', async () => {
    const { host, session } = await sessionWithTemplate();
    expect(session.getState().findings!.some((f) => f.rule === 'missing-table')).toBe(false);
    await host.userRenameSheet(SHEET, '我的預算');
    await vi.waitFor(
      () => expect(session.getState().findings!.every((f) => !f.sheet || f.sheet === '我的預算')).toBe(true),
      { timeout: 2000 },
    );
    await host.userDeleteSheet('我的預算');
    await vi.waitFor(() => expect(session.getState().findings!.some((f) => f.rule === 'missing-table')).toBe(true), {
      timeout: 2000,
    });
  });

  it('a mark is removed when its finding is resolved', async () => {
    const { host, port, session } = await sessionWithTemplate();
    const personnelGov = cellOf(host, '人事費', 'gov');
    putCell(host, SHEET, personnelGov, 100);
    await session.check();
    await session.mark();
    expect(host.effectiveFormatAt(SHEET, personnelGov).fill).toBe(MARK_FORMAT.fill);
    putCell(host, SHEET, personnelGov, null);
    await session.check();
    expect(port.markedCells().some((c) => c.cell === personnelGov)).toBe(false);
    expect(host.effectiveFormatAt(SHEET, personnelGov).fill).not.toBe(MARK_FORMAT.fill);
  });

  it('a person typing again right after the quiet check that resolves a finding: the unmark waits for the edit, no error, no orphan', async () => {
    const { host, port, session } = await sessionWithTemplate();
    const personnelGov = cellOf(host, '人事費', 'gov');
    putCell(host, SHEET, personnelGov, 100);
    await session.check();
    await session.mark();
    putCell(host, SHEET, personnelGov, null);
    // The person starts typing in another cell as soon as the quiet check has read the workbook.
    const read = port.read.bind(port);
    port.read = async (options) => {
      const snapshot = await read(options);
      host.beginCellEdit();
      return snapshot;
    };
    const checking = session.check({ quiet: true });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(host.effectiveFormatAt(SHEET, personnelGov).fill).toBe(MARK_FORMAT.fill); // waiting for the edit
    await host.endCellEdit();
    await checking;
    expect(session.getState().error).toBeNull();
    expect(port.markedCells().some((c) => c.cell === personnelGov)).toBe(false);
    expect(host.effectiveFormatAt(SHEET, personnelGov).fill).not.toBe(MARK_FORMAT.fill);
  });

  it('re-validates on confirm: a cell typed while the dialog was open shows the dialog again with the new state', async () => {
    const { host, port, session } = await sessionWithTemplate();
    const row = Number(cellOf(host, '全新設備之購置費', 'gov').slice(1));
    putCell(host, SHEET, `D${row}`, 999);
    await session.prepareRecalc();
    expect(session.getState().pending!.changes.changes[0]).toMatchObject({ cell: `D${row}`, before: '999' });
    const applied = port.applied.length;
    putCell(host, SHEET, `D${row}`, 555); // typed while the dialog was open
    await session.confirm();
    expect(port.applied).toHaveLength(applied); // nothing written
    const again = session.getState().pending!;
    // Shown again, in the dialog, as the sheet is now: the typed 555 is named as the person's own input.
    expect(again.changedWhileOpen).toBe(true);
    expect(again.changes.changes[0]).toMatchObject({ cell: `D${row}`, before: '555', replacesUserInput: true });
    expect(again.keep).toBeDefined();
    await session.confirm('keep');
    expect(host.value(SHEET, `D${row}`)).toBe(555);
    expect(session.getState().pending).toBeNull();
    // Asked again, replacing it is the person's explicit choice.
    await session.prepareRecalc();
    await session.confirm();
    expect(host.formula(SHEET, `D${row}`)).toMatch(/^=/);
  });

  it('never writes into a merge the user made', async () => {
    const { host, port } = blankWorkbook();
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    host.seed('Sheet1', [['標題', null, null]]);
    host.userMerge('Sheet1', 'A1:C1');
    const snapshot = await session.readSnapshot();
    session.offer(
      'benefits',
      { title: 'x', ops: [{ op: 'write', sheet: 'Sheet1', cell: 'B1', content: { kind: 'number', value: 1 } }] },
      snapshot,
    );
    const applied = port.applied.length;
    await session.confirm();
    expect(port.applied).toHaveLength(applied);
    expect(session.getState().error?.message).toContain('Sheet1!B1');
    expect(host.value('Sheet1', 'B1')).toBe('');
  });
});
