/**
 * The adapter against the fake host in its documented (strict) mode, one behaviour per test, each with the Microsoft
 * document or office-js issue that says how real Excel behaves. See ../shared/reviews/officejs-fidelity.md.
 */
import { describe, expect, it } from 'vitest';
import { getProgram } from '../../src/domain/programs';
import { ApplyError, ExcelHostError, toExcelHostError } from '../../src/excel';
import { SETTING_KEYS } from '../../src/sheet/grid';
import { num, text } from '../../src/sheet/plan';
import { STATE_KEY } from '../../src/sheet/stored-state';
import { buildTemplatePlan } from '../../src/sheet/template';
import { WEB_PAYLOAD_LIMIT_BYTES, excelApiUpTo } from '../../src/fake-excel-host';
import { fakeExcelWorkbook, storedSetting } from './fake-office-workbook';

const ledgerRows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`2023-${String(i).padStart(5, '0')}`, `供應商 ${i % 37}`, (i * 37) % 1000, i % 7, `=C${i + 1}*D${i + 1}`]);

describe('reading (application-specific-api-model.md: *OrNullObject; no calls through null objects)', () => {
  it('reads in 1 sync in steady state and at most 2 after a sheet is added', async () => {
    const { host, port } = fakeExcelWorkbook({ sheets: ['A', 'B'] });
    host.seed('A', [[1]]);
    await port.read();
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(1);
    host.addSheet('C');
    host.seed('C', [['new']]);
    host.resetCounters();
    const snapshot = await port.read();
    expect(host.syncCount).toBe(2);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(1);
  });

  it('a deleted sheet announced by onDeleted (ExcelApi 1.7) costs nothing; a rename is read by id in 1 sync', async () => {
    const { host, port } = fakeExcelWorkbook({ sheets: ['A', 'B', 'C'] });
    await port.read();
    const changes: string[] = [];
    await port.onChange((c) => changes.push(c));
    await host.userDeleteSheet('B');
    await host.userRenameSheet('C', '經費預算表');
    expect(changes).toEqual(['sheets', 'sheets']);
    host.resetCounters();
    const snapshot = await port.read();
    expect(host.syncCount).toBe(1);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['A', '經費預算表']);
  });

  it('a sheet deleted unseen fails the batch with ItemNotFound (documented for getItem); the read starts over from the names', async () => {
    const { host, port } = fakeExcelWorkbook({ sheets: ['A', 'B'] });
    host.seed('A', [[7]]);
    await port.read();
    await host.userDeleteSheet('B'); // no subscription: the adapter did not hear it
    host.resetCounters();
    const snapshot = await port.read();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['A']);
    expect(host.syncLog.filter((s) => !s.failed)).toHaveLength(2);
  });

  it('reads merged areas from ExcelApi 1.13 (getMergedAreasOrNullObject) and says "unknown" below it', async () => {
    const { host, port } = fakeExcelWorkbook();
    host.seed('Sheet1', [['title', null, null]]);
    host.userMerge('Sheet1', 'A1:C1');
    expect((await port.read()).sheets[0].merges).toEqual(['A1:C1']);
    const old = fakeExcelWorkbook({ requirementSets: excelApiUpTo('1.12') });
    old.host.userMerge('Sheet1', 'A1:C1');
    expect((await old.port.read()).sheets[0].merges).toBeUndefined();
  });

  // "Excel on the web has a payload size limit for requests and responses of 5MB"
  // (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins)
  it('checks a workbook with a 50,000-row data sheet with every request and response under 5 MB', { timeout: 120_000 }, async () => {
    const { host, port } = fakeExcelWorkbook({ sheets: ['Ledger', 'Budget'] });
    host.seed('Ledger', ledgerRows(50_000));
    host.seed('Budget', [['會計科目', '政府補助款']]);
    const first = await port.read();
    expect(first.sheets[0].values).toHaveLength(50_000);
    expect(first.sheets[0].values[49_999][4]).toBe(((49_999 * 37) % 1000) * (49_999 % 7));
    expect(first.sheets[0].formulas[49_999][4]).toBe('=C50000*D50000');
    expect(host.maxPayloadBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
    host.resetCounters();
    await port.read();
    expect(host.syncLog.every((s) => !s.failed)).toBe(true);
    expect(host.maxPayloadBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
  });

  // performance.md: "Range.values returns null" for a range too large to answer.
  it('reads again in smaller pieces when Excel answers values with null', async () => {
    const { host, port } = fakeExcelWorkbook();
    host.seed('Sheet1', ledgerRows(3_000));
    host.workbook.valuesNullAboveCells = 4_000;
    const snapshot = await port.read();
    expect(snapshot.sheets[0].values).toHaveLength(3_000);
    expect(snapshot.sheets[0].values[2_999][0]).toBe('2023-02999');
  });
});

// https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit ; RunOptions.delayForCellEdit
describe('cell-edit mode', () => {
  it('a live read waits while a person is typing and completes when the edit ends; a plain read is refused', async () => {
    const { host, port } = fakeExcelWorkbook();
    await port.read();
    host.beginCellEdit();
    await expect(port.read()).rejects.toMatchObject({ kind: 'cell-edit' });
    let done = false;
    const live = port.read({ live: true }).then((s) => {
      done = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false); // still typing
    await host.endCellEdit({ sheet: 'Sheet1', cell: 'A1', input: 42 });
    const snapshot = await live;
    expect(snapshot.sheets[0].values[0][0]).toBe(42);
  });
});

// One JSON key: office-js #920 (https://github.com/OfficeDev/office-js/issues/920), settings lost on the web/Mac
// (#360, #6091); "Persist add-in state and settings" (learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings).
describe('settings', () => {
  it('the fake host models #920 on Excel on the web: a new setting after changing an existing one fails the batch', async () => {
    const { host } = fakeExcelWorkbook({ platform: 'OfficeOnline' });
    host.workbook.settings.set('exists', 'a');
    await expect(
      host.run(async (context) => {
        context.workbook.settings.add('exists', 'b');
        context.workbook.settings.add('brand-new', 'c');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('keeps every setting in one versioned key, written once per batch, so a template survives #920', async () => {
    const { host, port } = fakeExcelWorkbook({ platform: 'OfficeOnline' });
    await port.apply({ title: 'program', ops: [{ op: 'setting', key: SETTING_KEYS.program, value: 'upgrade-10plus' }] });
    const snapshot = await port.read();
    const { plan, sheet } = buildTemplatePlan(getProgram('upgrade-10plus'), snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
    await port.apply(plan); // plan has two setting ops (program exists, templates new)
    expect([...host.settings.keys()]).toEqual([STATE_KEY]);
    expect(JSON.parse(host.settings.get(STATE_KEY) as string).version).toBe(1);
    expect(storedSetting(host, SETTING_KEYS.templates)).toBe(JSON.stringify([sheet]));
  });

  it('a missing or damaged value reads as empty state and is replaced by the next write', async () => {
    const { host, port } = fakeExcelWorkbook();
    host.workbook.settings.set(STATE_KEY, '{"version":1,"settings":');
    const snapshot = await port.read();
    expect(snapshot.settings[SETTING_KEYS.program]).toBeUndefined();
    expect(port.stateProblem).toBe('damaged');
    await port.apply({ title: 'program', ops: [{ op: 'setting', key: SETTING_KEYS.program, value: 'chain-smart' }] });
    expect(storedSetting(host, SETTING_KEYS.program)).toBe('chain-smart');
  });

  it('still reads the per-key settings older versions wrote', async () => {
    const { host, port } = fakeExcelWorkbook();
    host.workbook.settings.set(SETTING_KEYS.program, 'registered-factory');
    expect((await port.read()).settings[SETTING_KEYS.program]).toBe('registered-factory');
  });
});

// "Office Add-in code that changes the workbook" triggers events (excel-add-ins-events.md); onChanged fires for format
// changes too (excel-add-ins-worksheets.md#detect-data-changes); triggerSource is ExcelApi 1.14
// (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs).
describe('own writes and change events', () => {
  for (const api of ['1.20', '1.13']) {
    it(`ignores the events of its own writes (values and formats) on ExcelApi ${api}, and hears a person's edit`, async () => {
      const { host, port } = fakeExcelWorkbook({ requirementSets: excelApiUpTo(api) });
      await port.read();
      const changes: string[] = [];
      await port.onChange((c) => changes.push(c));
      await port.apply({ title: 'w', ops: [{ op: 'write', sheet: 'Sheet1', cell: 'A1', content: num(1) }, { op: 'format', sheet: 'Sheet1', range: 'A1:B2', format: { bold: true } }] });
      await port.mark([{ sheet: 'Sheet1', cell: 'B1' }]);
      await port.clearMarks();
      await host.settleEvents();
      expect(changes).toEqual([]);
      await host.userEdit('Sheet1', 'C3', 5);
      expect(changes).toEqual(['cells']);
    });
  }

  it('the fake host raises onChanged for format writes, with triggerSource on 1.14', async () => {
    const { host } = fakeExcelWorkbook();
    const events: { changeType: string; triggerSource?: string }[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (e: unknown) => void events.push(e as { changeType: string }));
      await context.sync();
    });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').format.fill.color = '#FF0000';
      await context.sync();
    });
    await host.settleEvents();
    expect(events).toEqual([expect.objectContaining({ address: 'A1', triggerSource: 'ThisLocalAddin' })]);
  });
});

// Transactional semantics of a failed sync are not documented; the fake keeps the operations before the failing one.
describe('partial failure', () => {
  it('says exactly what was and was not written, and removes the half-built sheet so it is never taken for a template', async () => {
    const { host, port } = fakeExcelWorkbook({ sheets: ['Sheet1', 'Locked'] });
    await port.read();
    host.protectSheet('Locked');
    const error = await port
      .apply({
        title: 'template',
        ops: [
          { op: 'write', sheet: 'Sheet1', cell: 'A1', content: text('before') },
          { op: 'addSheet', sheet: '經費預算表' },
          { op: 'write', sheet: '經費預算表', cell: 'A1', content: text('項目') },
          { op: 'write', sheet: 'Locked', cell: 'A1', content: num(1) },
          { op: 'write', sheet: 'Sheet1', cell: 'A2', content: text('after') },
          { op: 'setting', key: SETTING_KEYS.templates, value: JSON.stringify(['經費預算表']) },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    const failure = error as ApplyError;
    expect(failure.kind).toBe('protected');
    expect(failure.written).toEqual(['Sheet1!A1']);
    expect(failure.notWritten.sort()).toEqual(['Locked!A1', 'Sheet1!A2', '經費預算表!A1']);
    expect(failure.removedSheets).toEqual(['經費預算表']);
    expect(host.sheetNames()).toEqual(['Sheet1', 'Locked']);
    expect(storedSetting(host, SETTING_KEYS.templates)).toBeUndefined();
    expect(failure.friendly('zh-TW')).toMatch(/已寫入 1 格：Sheet1!A1。 未寫入 3 格/);
    expect(failure.friendly('en')).toMatch(/The unfinished sheet 經費預算表 was removed/);
  });
});

// "Error codes are not localized" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling)
describe('errors by code', () => {
  it('maps by code only, whatever the (localised) message says', () => {
    const zhMessage = (code: string) => toExcelHostError({ code, message: '儲存格正在編輯模式 payload size' });
    expect(zhMessage('InvalidOperationInCellEditMode').kind).toBe('cell-edit');
    expect(zhMessage('InvalidOperation').kind).toBe('unknown');
    for (const code of ['InactiveWorkbook', 'WriteNotSupportedWhenModalDialogOpen', 'ActivityLimitReached']) expect(zhMessage(code).kind).toBe('busy');
    for (const code of ['RangeExceedsLimit', 'OperationCellsExceedLimit']) expect(zhMessage(code).kind).toBe('too-large');
    expect(zhMessage('ResponsePayloadSizeLimitExceeded').kind).toBe('payload-too-large');
  });

  it('AccessDenied says it may be protection, a read-only workbook or Office policy', () => {
    const denied = toExcelHostError({ code: 'AccessDenied', message: 'x' });
    expect(denied).toBeInstanceOf(ExcelHostError);
    expect(denied.friendly('en')).toMatch(/protected.*read-only.*policy/);
    expect(denied.friendly('zh-TW')).toMatch(/受保護.*唯讀.*原則/);
  });
});
