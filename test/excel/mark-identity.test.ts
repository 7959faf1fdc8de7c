import { describe, expect, it } from 'vitest';
import { OfficeWorkbook, officeEnvironment, MARK_FORMAT } from '../../src/excel';
import { SETTING_KEYS } from '../../src/sheet/grid';
import { storedSetting } from './fake-office-workbook';
import { type FakeExcelHost, type FakeExcelOptions, excelApiUpTo, installFakeOffice } from '../../src/fake-excel-host';

// Marks are found again by what they are (the tag in their rule), not by ids a reopen may change, and the records of
// marks are only forgotten once Excel confirmed their removal (../shared/reviews/officejs-fidelity-2.md, risks 2-4).

function session(_host: FakeExcelHost, scope: object): OfficeWorkbook {
  return new OfficeWorkbook(officeEnvironment(scope));
}

async function markedWorkbook(options: FakeExcelOptions = {}) {
  const scope = {};
  const host = installFakeOffice(scope, { sheets: ['Budget', 'Ledger'], ...options });
  host.seed('Budget', [['a', 1], ['b', 2], ['c', 3]]);
  // A person's own rule over the column the add-in marks, there before the marks (so lower in priority).
  await host.run(async (context) => {
    const cf = context.workbook.worksheets.getItem('Budget').getRange('B1:B3').conditionalFormats.add('Custom');
    cf.custom.rule.formula = '=B1>100';
    cf.custom.format.font.color = '#FF0000';
    await context.sync();
  });
  const before = host.dumpSheet('Budget');
  const port = session(host, scope);
  await port.read();
  await port.mark([
    { sheet: 'Budget', cell: 'B1' },
    { sheet: 'Budget', cell: 'B2' },
  ]);
  await port.read(); // the new marks go into the stored state with this round trip
  return { host, scope, port, before };
}

/** The sheet as a person sees it: the reopen renumbers conditional-format ids, which nobody sees. */
const shown = (dump: string) => dump.replace(/"id": "[^"]*"/g, '"id": "…"');

const personsRule = (host: FakeExcelHost) => host.sheet('Budget').conditionalFormats.filter((cf) => cf.formula === '=B1>100');

describe('marks after the file is reopened (ids change)', () => {
  it('"clear marks" in the next session removes every mark and keeps the person\'s rule, though an old mark id now names that rule', async () => {
    const { host, scope, before } = await markedWorkbook();
    expect(host.effectiveFormatAt('Budget', 'B1').fill).toBe(MARK_FORMAT.fill);
    host.reopen();
    // The worst case the documents allow: a remembered id now belongs to the person's rule.
    expect(personsRule(host)[0].id).toBe('{fake-cf-3}');
    const next = session(host, scope);
    await next.read();
    await next.clearMarks();
    expect(shown(host.dumpSheet('Budget'))).toBe(shown(before));
    expect(personsRule(host)).toHaveLength(1);
    expect(host.effectiveFormatAt('Budget', 'B1').fill).toBeNull();
    expect(next.markedCells()).toEqual([]);
  });

  it('marking again in the next session replaces the old marks instead of stacking new ones on them', async () => {
    const { host, scope } = await markedWorkbook();
    host.reopen();
    const next = session(host, scope);
    await next.read();
    await next.mark([{ sheet: 'Budget', cell: 'B3' }]);
    expect(host.conditionalFormatsAt('Budget', 'B1').filter((f) => f.fill === MARK_FORMAT.fill)).toHaveLength(0);
    expect(host.conditionalFormatsAt('Budget', 'B3').filter((f) => f.fill === MARK_FORMAT.fill)).toHaveLength(1);
    expect(personsRule(host)).toHaveLength(1);
    expect(next.markedCells()).toEqual([{ sheet: 'Budget', cell: 'B3' }]);
  });

  it('"clear marks" still finds the marks when the stored state was lost with the reopen (office-js #6091)', async () => {
    const { host, scope, before } = await markedWorkbook();
    host.reopen({ settingsLost: true });
    const next = session(host, scope);
    await next.read();
    expect(next.markedCells()).toEqual([]);
    await next.clearMarks();
    expect(shown(host.dumpSheet('Budget'))).toBe(shown(before));
  });
});

describe('a failed "clear marks" keeps its records', () => {
  it('when the batch fails (a protected sheet), the marks are still known and a later "clear marks" removes them', async () => {
    const { host, port, before } = await markedWorkbook();
    host.protectSheet('Budget');
    await expect(port.clearMarks()).rejects.toMatchObject({ kind: 'protected' });
    expect(port.markedCells()).toEqual([
      { sheet: 'Budget', cell: 'B1' },
      { sheet: 'Budget', cell: 'B2' },
    ]);
    host.protectSheet('Budget', false);
    await port.clearMarks();
    expect(host.dumpSheet('Budget')).toBe(before);
    expect(port.markedCells()).toEqual([]);
  });

  it('a clear that fails in cell-edit mode keeps the records; run as a live write it waits for the edit to end', async () => {
    const { host, port, before } = await markedWorkbook();
    host.beginCellEdit();
    await expect(port.clearMarks([{ sheet: 'Budget', cell: 'B1' }])).rejects.toMatchObject({ kind: 'cell-edit' });
    expect(port.markedCells()).toHaveLength(2);
    const waiting = port.clearMarks([{ sheet: 'Budget', cell: 'B1' }], { live: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(port.markedCells()).toHaveLength(2); // still waiting
    await host.endCellEdit();
    await waiting;
    expect(port.markedCells()).toEqual([{ sheet: 'Budget', cell: 'B2' }]);
    await port.clearMarks();
    expect(host.dumpSheet('Budget')).toBe(before);
  });
});

describe('Office 2019 and other hosts below ExcelApi 1.14 (no ConditionalFormatCollection.getItemOrNullObject)', () => {
  for (const version of ['1.7', '1.13']) {
    it(`on ${version}: after a person clears one mark's rule by hand, marking again and "clear marks" still work`, async () => {
      const { host, port, before } = await markedWorkbook({ requirementSets: excelApiUpTo(version) });
      const marks = host.sheet('Budget').conditionalFormats;
      marks.splice(marks.findIndex((cf) => cf.format.fill === MARK_FORMAT.fill), 1); // Home > Conditional Formatting > Clear Rules on B2
      await port.mark([{ sheet: 'Budget', cell: 'B3' }]);
      expect(host.conditionalFormatsAt('Budget', 'B3').some((f) => f.fill === MARK_FORMAT.fill)).toBe(true);
      expect(host.conditionalFormatsAt('Budget', 'B2').some((f) => f.fill === MARK_FORMAT.fill)).toBe(false);
      await port.clearMarks();
      expect(host.dumpSheet('Budget')).toBe(before);
    });
  }

  it('the fake host refuses the 1.14 call at the call itself, as office.js does', async () => {
    const scope = {};
    const host = installFakeOffice(scope, { requirementSets: excelApiUpTo('1.13') });
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').conditionalFormats.getItemOrNullObject('x');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(host.syncCount).toBe(0); // nothing was sent
  });
});

describe('the stored state', () => {
  it('is written once per batch even when new marks and a setting go out together', async () => {
    const { host, port } = await markedWorkbook();
    await port.mark([{ sheet: 'Budget', cell: 'B3' }]); // new ids, not yet saved
    host.syncLog.length = 0;
    await port.applyAndRead({ title: 'choose program', ops: [{ op: 'setting', key: SETTING_KEYS.program, value: 'upgrade-10plus' }] });
    expect(host.syncLog.filter((s) => s.repeatedSettingKeys)).toEqual([]);
    expect(storedSetting(host, SETTING_KEYS.program)).toBe('upgrade-10plus');
  });
});
