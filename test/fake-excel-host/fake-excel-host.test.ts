import { describe, expect, it } from 'vitest';
import { createFakeExcel, excelApiUpTo, installFakeOffice, FakeOfficeError } from '../../src/fake-excel-host';

describe('fake Excel host: office.js semantics', () => {
  it('throws PropertyNotLoaded for a property read before load and sync, and delivers it after', async () => {
    const host = createFakeExcel();
    host.seed('Sheet1', [[1, 2]]);
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      expect(() => range.values).toThrowError(/values.*not available/);
      try {
        void range.values;
      } catch (e) {
        expect((e as FakeOfficeError).code).toBe('PropertyNotLoaded');
      }
      range.load('values');
      expect(() => range.values).toThrow(/not available/); // loaded only at sync
      await context.sync();
      expect(range.values).toEqual([[1, 2]]);
      expect(() => range.formulas).toThrow(/formulas/);
    });
  });

  it('applies writes at sync in queue order, so a load queued before a write sees the old value', async () => {
    const host = createFakeExcel();
    host.seed('Sheet1', [['old']]);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const before = sheet.getRange('A1').load('values');
      sheet.getRange('A1').values = [['new']];
      expect(host.value('Sheet1', 'A1')).toBe('old'); // nothing happens before sync
      const after = sheet.getRange('A1').load('values');
      await context.sync();
      expect(before.values).toEqual([['old']]);
      expect(after.values).toEqual([['new']]);
    });
    expect(host.value('Sheet1', 'A1')).toBe('new');
  });

  it('turns strings that start with "=" into formulas, keeps apostrophe-prefixed text as text, and evaluates', async () => {
    const host = createFakeExcel();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:C1').values = [[2, 3, '=A1*B1']];
      sheet.getRange('A2:B2').values = [["'=A1*B1", '-A1']];
      sheet.getRange('A3:C3').values = [['1,234', '12%', 'TRUE']];
      const r = sheet.getRange('A1:C3').load(['values', 'formulas']);
      await context.sync();
      expect(r.values).toEqual([
        [2, 3, 6],
        ['=A1*B1', -2, ''],
        [1234, 0.12, true],
      ]);
      // Like Excel, `formulas` hands back the text of a quote-prefixed cell without its apostrophe.
      expect(r.formulas[1]).toEqual(['=A1*B1', '=-A1', '']);
    });
    expect(host.formula('Sheet1', 'C1')).toBe('=A1*B1');
    expect(host.formula('Sheet1', 'A2')).toBeNull();
    expect(host.cell('Sheet1', 'A2')?.quotePrefix).toBe(true);
  });

  it('keeps anything written to a cell formatted "@" as text', async () => {
    const host = createFakeExcel();
    await host.run(async (context) => {
      const a1 = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      a1.numberFormat = [['@']];
      a1.values = [['=1+1']];
      await context.sync();
    });
    expect(host.value('Sheet1', 'A1')).toBe('=1+1');
    expect(host.formula('Sheet1', 'A1')).toBeNull();
  });

  it('evaluates with HyperFormula across sheets, including sheet names that need quoting, and recalculates on edits', async () => {
    const host = createFakeExcel({ sheets: ['經費預算表', '經費預算表 (2)'] });
    host.seed('經費預算表', [[10, 20, '=A1+B1']]);
    host.seed('經費預算表 (2)', [["='經費預算表'!C1*2", '=經費預算表!A1/0']]);
    expect(host.value('經費預算表 (2)', 'A1')).toBe(60);
    expect(host.value('經費預算表 (2)', 'B1')).toBe('#DIV/0!');
    await host.userEdit('經費預算表', 'A1', 15);
    expect(host.value('經費預算表', 'C1')).toBe(35);
    expect(host.value('經費預算表 (2)', 'A1')).toBe(70);
  });

  it('refuses a formula it cannot parse and leaves the cell as it was', async () => {
    const host = createFakeExcel();
    host.seed('Sheet1', [[5]]);
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').formulas = [['=SUM(']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(host.value('Sheet1', 'A1')).toBe(5);
  });

  it('counts every sync and measures request and response payloads', async () => {
    const host = createFakeExcel();
    await host.run(async (context) => {
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3').values = [['x'], ['y'], ['z']];
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3').load('values');
      await context.sync();
    });
    expect(host.syncCount).toBe(3);
    expect(host.syncLog[1].requestBytes).toBeGreaterThan(host.syncLog[0].requestBytes);
    expect(host.syncLog[2].responseBytes).toBeGreaterThan(0);
  });

  it('syncs operations still pending when the batch ends, as Excel.run does', async () => {
    const host = createFakeExcel();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('B2').values = [[7]];
    });
    expect(host.syncCount).toBe(1);
    expect(host.value('Sheet1', 'B2')).toBe(7);
  });

  it('rejects requests over the payload limit without applying them', async () => {
    const host = createFakeExcel({ payloadLimitBytes: 10_000 });
    const big = Array.from({ length: 500 }, (_, i) => [`row ${i} with some text`]);
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A500').values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(host.value('Sheet1', 'A1')).toBe('');
  });

  it('refuses a sheet name that is taken (case-insensitively) with ItemAlreadyExists, keeping earlier operations', async () => {
    const host = createFakeExcel({ sheets: ['Budget'] });
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Budget').getRange('A1').values = [[1]];
        context.workbook.worksheets.add('BUDGET');
        context.workbook.worksheets.getItem('Budget').getRange('A2').values = [[2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(host.value('Budget', 'A1')).toBe(1);
    expect(host.value('Budget', 'A2')).toBe('');
  });

  // Office.js documents *OrNullObject results (load, then test isNullObject) but not calls through them
  // (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
  it('strict (the default): gives null objects for missing items, and refuses any navigation through one', async () => {
    const host = createFakeExcel({ sheets: ['One', 'Two'] });
    host.seed('Two', [[1]]);
    await host.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const missing = sheets.getItemOrNullObject('Three').load('name');
      const second = sheets.getFirst().getNextOrNullObject().load('name');
      const third = second.getNextOrNullObject().load('name');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(second.name).toBe('Two');
      expect(third.isNullObject).toBe(true);
    });
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject('Three').getUsedRangeOrNullObject(true).load('address');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidObjectPath' });
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject('Three').delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidObjectPath' });
  });

  it('lenient (strictNullObjects: false): propagates null objects through everything navigated from them', async () => {
    const host = createFakeExcel({ sheets: ['One', 'Two'], strictNullObjects: false });
    host.seed('Two', [[1]]);
    await host.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const missing = sheets.getItemOrNullObject('Three').load('name');
      const first = sheets.getFirst().load('name');
      const second = first.getNextOrNullObject().load('name');
      const third = second.getNextOrNullObject();
      third.load('name');
      const afterThird = third.getNextOrNullObject().load('name');
      const emptyUsed = first.getUsedRangeOrNullObject(true).load('address');
      const used = second.getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect([first.name, second.name]).toEqual(['One', 'Two']);
      expect(third.isNullObject).toBe(true);
      expect(afterThird.isNullObject).toBe(true);
      expect(emptyUsed.isNullObject).toBe(true);
      expect(used.address).toBe('Two!A1');
    });
  });

  it('fails at sync with ApiNotFound when the host lacks the requirement set', async () => {
    const host = createFakeExcel({ requirementSets: excelApiUpTo('1.7') });
    expect(host.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(host.isSetSupported('ExcelApi', '1.8')).toBe(false);
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('fails every sync while a cell is being edited, and writes to a protected sheet with AccessDenied', async () => {
    const host = createFakeExcel();
    host.cellEditMode = true;
    await expect(host.run((context) => context.sync())).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    host.cellEditMode = false;
    host.protectSheet('Sheet1');
    await expect(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').format.fill.color = '#FF0000';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  // office-js #6218 (color "#FFFFFF" for no fill) and #4900 (pattern null for both no fill and white; tintAndShade null
  // only for no fill): https://github.com/OfficeDev/office-js/issues/4900
  it('reports fills as Excel does: no fill and white both "#FFFFFF" with pattern null; tintAndShade tells them apart', async () => {
    const host = createFakeExcel();
    await host.run(async (context) => {
      const fill = context.workbook.worksheets.getItem('Sheet1').getRange('A1').format.fill;
      fill.load(['color', 'pattern', 'tintAndShade']);
      await context.sync();
      expect([fill.color, fill.pattern, fill.tintAndShade]).toEqual(['#FFFFFF', null, null]);
      fill.color = '#FFFFFF';
      fill.load(['color', 'pattern', 'tintAndShade']);
      await context.sync();
      expect([fill.color, fill.pattern, fill.tintAndShade]).toEqual(['#FFFFFF', null, 0]);
      fill.color = '#ffc7ce';
      fill.load(['color', 'pattern']);
      await context.sync();
      expect([fill.color, fill.pattern]).toEqual(['#FFC7CE', 'Solid']);
      fill.clear();
      await context.sync();
    });
    expect(host.cell('Sheet1', 'A1')?.format.fill).toBeNull();
  });

  it('runs change handlers after API writes and after a person types, and enforces data validation on typing', async () => {
    const host = createFakeExcel();
    const events: string[] = [];
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.onChanged.add(async (e: unknown) => void events.push((e as { address: string }).address));
      const dv = sheet.getRange('B2').dataValidation;
      dv.rule = { wholeNumber: { formula1: 0, formula2: 0, operator: 'Between' } };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: '自籌科目', message: '人事費只能由業者自籌' };
      await context.sync();
      sheet.getRange('A1:B1').values = [[1, 2]];
      await context.sync();
    });
    await host.settleEvents();
    expect(events).toEqual(['A1:B1']);
    expect(await host.userEdit('Sheet1', 'B2', 5)).toEqual({ accepted: false, alert: { title: '自籌科目', message: '人事費只能由業者自籌' } });
    expect(host.value('Sheet1', 'B2')).toBe('');
    expect(await host.userEdit('Sheet1', 'B2', 0)).toEqual({ accepted: true });
    expect(events).toEqual(['A1:B1', 'B2']);
  });

  it('evaluates custom conditional formats per cell with relative references', async () => {
    const host = createFakeExcel();
    host.seed('Sheet1', [
      [5, 10],
      [50, 10],
    ]);
    await host.run(async (context) => {
      const cf = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A2').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=A1>$B$1';
      cf.custom.format.fill.color = '#FFC7CE';
      await context.sync();
    });
    expect(host.conditionalFormatsAt('Sheet1', 'A1')).toEqual([]);
    expect(host.conditionalFormatsAt('Sheet1', 'A2')).toEqual([{ fill: '#FFC7CE' }]);
  });

  it('installs Office, Excel and OfficeExtension globals with the configured language and requirement sets', async () => {
    const scope: Record<string, any> = {};
    const host = installFakeOffice(scope, { displayLanguage: 'zh-TW', requirementSets: excelApiUpTo('1.8') });
    const info = await scope.Office.onReady();
    expect(info.host).toBe('Excel');
    expect(scope.Office.context.displayLanguage).toBe('zh-TW');
    expect(scope.Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(true);
    expect(scope.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
    await scope.Excel.run(async (context: any) => {
      context.workbook.worksheets.getActiveWorksheet().getRange('A1').values = [[42]];
      await context.sync();
    });
    expect(host.value('Sheet1', 'A1')).toBe(42);
  });

  it('dumps a sheet deterministically so an untouched sheet compares equal', async () => {
    const host = createFakeExcel({ sheets: ['A', 'B'] });
    host.seed('A', [['x', 1, '=B1*2']]);
    const before = host.dumpSheet('A');
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('B').getRange('A1').values = [[1]];
      await context.sync();
    });
    expect(host.dumpSheet('A')).toBe(before);
    await host.userEdit('A', 'B1', 2);
    expect(host.dumpSheet('A')).not.toBe(before);
  });
});
