import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRAMS, getProgram } from '../../src/domain/programs';
import { ExcelHostError, OfficeWorkbook, officeEnvironment, MARK_FORMAT, columnWidthPoints } from '../../src/excel';
import { checkWorkbook } from '../../src/sheet/check';
import { computeBudget } from '../../src/domain/compute';
import { fromInt, toNumber } from '../../src/domain/money';
import { SETTING_KEYS } from '../../src/sheet/grid';
import { type Plan, num, text } from '../../src/sheet/plan';
import { BREACH_FORMAT, buildTemplatePlan, templateLayout, layoutCell } from '../../src/sheet/template';
import { type FakeExcelOptions, WEB_PAYLOAD_LIMIT_BYTES, excelApiUpTo, installFakeOffice } from '../../src/fake-excel-host';
import { storedSetting } from './fake-office-workbook';

function setup(options: FakeExcelOptions = {}) {
  const scope = {};
  const host = installFakeOffice(scope, options);
  const port = new OfficeWorkbook(officeEnvironment(scope));
  return { host, port };
}

/** 2,000 rows of ledger-like data, as a sheet that already holds a lot of the applicant's own work. */
function bulkRows(n = 2000): (string | number)[][] {
  return Array.from({ length: n }, (_, i) => [`2023-${String(i).padStart(4, '0')}`, `供應商 ${i % 37}`, (i * 37) % 1000, i % 7, `=C${i + 1}*D${i + 1}`]);
}


function writePlan(sheet: string, writes: [string, string][]): Plan {
  return { title: 'writes', ops: writes.map(([cell, t]) => ({ op: 'write', sheet, cell, content: text(t) })) };
}

describe('OfficeWorkbook.read', () => {
  it('reads every sheet with values, formulas, number formats, origin and settings: first read 2 syncs, then 1', async () => {
    const { host, port } = setup({ sheets: ['Data', 'Empty', 'Notes'] });
    host.seed('Data', [
      ['item', 100, '=C2*2'],
      [null, 0.25, "'=C2 is text"],
    ], 'B2');
    host.seed('Notes', [['hello']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('C3').numberFormat = [['0.0%']];
      context.workbook.settings.add(SETTING_KEYS.program, 'chain-smart');
      await context.sync();
    });
    host.resetCounters();

    // The sheets' names come from the first sync (documented); their contents by id in the second.
    await port.read();
    expect(host.syncCount).toBe(2);
    host.resetCounters();
    const snapshot = await port.read();
    expect(host.syncCount).toBe(1);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Data', 'Empty', 'Notes']);
    const data = snapshot.sheets[0];
    expect(data.origin).toEqual({ row: 1, col: 1 });
    expect(data.values).toEqual([
      ['item', 100, 200],
      [null, 0.25, '=C2 is text'],
    ]);
    expect(data.formulas).toEqual([
      [null, null, '=C2*2'],
      [null, null, null],
    ]);
    expect(data.numberFormats[1][1]).toBe('0.0%');
    expect(snapshot.sheets[1]).toMatchObject({ name: 'Empty', values: [] });
    expect(snapshot.settings[SETTING_KEYS.program]).toBe('chain-smart');
  });

  it('stays at one sync in steady state, under the 5 MB limit, with 2,000 extra rows of data', async () => {
    const { host, port } = setup({ sheets: ['Ledger', 'Budget'] });
    host.seed('Ledger', bulkRows());
    host.seed('Budget', [['會計科目', '政府補助款']]);
    await port.read();
    expect(host.syncCount).toBe(2);
    host.resetCounters();
    const snapshot = await port.read();
    expect(host.syncCount).toBe(1);
    expect(snapshot.sheets[0].values).toHaveLength(2000);
    expect(snapshot.sheets[0].values[1999][4]).toBe(((1999 * 37) % 1000) * (1999 % 7));
    expect(host.maxPayloadBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
  });

  it('reads workbooks with many sheets in two syncs, then one', async () => {
    const names = Array.from({ length: 13 }, (_, i) => `S${i + 1}`);
    const { host, port } = setup({ sheets: names });
    names.forEach((n, i) => host.seed(n, [[i]]));
    const first = await port.read();
    expect(host.syncCount).toBe(2);
    expect(first.sheets.map((s) => s.values[0][0])).toEqual(names.map((_, i) => i));
    host.resetCounters();
    const second = await port.read();
    expect(second.sheets).toHaveLength(13);
    expect(host.syncCount).toBe(1);
  });
});

describe('OfficeWorkbook.apply', () => {
  it('writes user text beginning with = + - @ or looking like a number as text, never as a formula', async () => {
    const { host, port } = setup();
    const texts = ['=SUM(B3:B8)', '+886-2-1234', '-5', '@home', "'quoted", '001', '1,234', 'TRUE', '12%', '註1：上限 30%'];
    await port.apply(writePlan('Sheet1', texts.map((t, i) => [`A${i + 1}`, t])));
    const snapshot = await port.read();
    expect(snapshot.sheets[0].values.map((r) => r[0])).toEqual(texts);
    expect(snapshot.sheets[0].formulas.flat().every((f) => f === null)).toBe(true);
    for (let i = 0; i < texts.length; i++) expect(host.formula('Sheet1', `A${i + 1}`)).toBeNull();
  });

  it('round-trips any text exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), async (t) => {
        const { port } = setup();
        await port.apply(writePlan('Sheet1', [['A1', t]]));
        const sheet = (await port.read()).sheets[0];
        expect(sheet.values[0]?.[0]).toBe(t);
        expect(sheet.formulas[0]?.[0]).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it.each(PROGRAMS.map((p) => p.id))('injects the %s template in one sync, with live formulas the domain agrees with', async (id) => {
    const program = getProgram(id);
    const { host, port } = setup();
    const snapshot = await port.read();
    const { plan, sheet } = buildTemplatePlan(program, snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
    host.resetCounters();
    await port.apply(plan);
    expect(host.syncCount).toBe(1);
    expect(port.skippedInLastApply()).toEqual([]);
    expect(host.activeSheetName).toBe(sheet);

    // Type a valid budget (gov ≤ 50 % of total, within caps) as a person would.
    const layout = templateLayout(program, sheet);
    for (const [index, item] of layout.items.entries()) {
      const allowed = program.items[index].gov !== 'self-only';
      const selfCell = layoutCell(layout, item.row, 'self');
      await host.userEdit(sheet, selfCell, 100 + index * 10);
      if (allowed) expect((await host.userEdit(sheet, layoutCell(layout, item.row, 'gov'), 20)).accepted).toBe(true);
    }
    const check = checkWorkbook(await port.read(), { program: id });
    expect(check.findings).toEqual([]);
    expect(check.budget).not.toBeNull();

    // Every total and percentage HyperFormula computed equals the domain's exact computation.
    const amounts = layout.items.map((item, index) => ({
      gov: fromInt(program.items[index].gov === 'self-only' ? 0 : 20),
      self: fromInt(100 + index * 10),
      row: item.row,
    }));
    const domain = computeBudget(amounts);
    const at = (row: number, column: Parameters<typeof layoutCell>[2]) => host.value(sheet, layoutCell(layout, row, column));
    amounts.forEach(({ row }, i) => {
      expect(at(row, 'total')).toBe(toNumber(domain.rowTotals[i]));
      expect(at(row, 'percent')).toBe(toNumber(domain.rowPercents[i]!));
    });
    expect([at(layout.totalRow, 'gov'), at(layout.totalRow, 'self'), at(layout.totalRow, 'total')]).toEqual(
      [domain.govTotal, domain.selfTotal, domain.grandTotal].map(toNumber),
    );
    expect([at(layout.percentRow, 'gov'), at(layout.percentRow, 'self')]).toEqual([toNumber(domain.govPercent!), toNumber(domain.selfPercent!)]);
  });

  it('injects next to an existing 經費預算表 with 2,000 rows: read + apply = 2 syncs in steady state, first sheet byte-for-byte unchanged', async () => {
    const program = getProgram('upgrade-10plus');
    const { host, port } = setup({ sheets: ['經費預算表'] });
    host.seed('經費預算表', [['我自己的表', 1, '=B1*3'], ...bulkRows()]);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem('經費預算表').getRange('A1:C1');
      r.format.fill.color = '#00B050';
      r.format.font.bold = true;
      await context.sync();
    });
    const before = host.dumpSheet('經費預算表');
    await port.read(); // the pane has checked the workbook before
    host.resetCounters();

    const snapshot = await port.read();
    const { plan, sheet } = buildTemplatePlan(program, snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
    await port.apply(plan);

    expect(sheet).toBe('經費預算表 (2)');
    expect(host.syncCount).toBe(2);
    expect(host.sheetNames()).toEqual(['經費預算表', '經費預算表 (2)']);
    expect(host.dumpSheet('經費預算表')).toBe(before);
    expect(host.maxPayloadBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
  });

  it('turns breaching cells red through the template\'s own conditional formats, without the add-in', async () => {
    const program = getProgram('upgrade-10plus');
    const { host, port } = setup();
    const { plan, sheet } = buildTemplatePlan(program, ['Sheet1']);
    await port.apply(plan);
    const layout = templateLayout(program, sheet);
    const redCells = () =>
      layout.items.flatMap((item) =>
        (['gov', 'self', 'total'] as const)
          .map((col) => layoutCell(layout, item.row, col))
          .concat(layoutCell(layout, layout.totalRow, 'gov'))
          .filter((a1) => host.conditionalFormatsAt(sheet, a1).some((f) => f.fill === BREACH_FORMAT.fill)),
      );
    await host.userEdit(sheet, layoutCell(layout, layout.items[0].row, 'gov'), 100);
    await host.userEdit(sheet, layoutCell(layout, layout.items[0].row, 'self'), 100);
    expect(redCells()).toEqual([]);
    await host.userEdit(sheet, layoutCell(layout, layout.items[0].row, 'gov'), 900); // gov share 90 %
    expect(redCells().length).toBeGreaterThan(0);
  });

  it('refuses to add a sheet whose name is taken, with a friendly error', async () => {
    const { port } = setup({ sheets: ['經費預算表'] });
    const error = await port.apply({ title: 'x', ops: [{ op: 'addSheet', sheet: '經費預算表' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.kind).toBe('name-taken');
    expect(error.friendly('zh-TW')).toMatch(/同名/);
  });

  it('converts column widths from characters to points and applies formats, merges and settings', async () => {
    const { host, port } = setup();
    await port.apply({
      title: 'formats',
      ops: [
        { op: 'write', sheet: 'Sheet1', cell: 'A1', content: num(1234) },
        { op: 'format', sheet: 'Sheet1', range: 'A1:B2', format: { numberFormat: '#,##0', bold: true, fill: '#D9E1F2', horizontalAlignment: 'center', border: { style: 'thin' } } },
        { op: 'merge', sheet: 'Sheet1', range: 'A3:C3' },
        { op: 'columnWidth', sheet: 'Sheet1', column: 'B', width: 14 },
        { op: 'setting', key: SETTING_KEYS.program, value: 'upgrade-10plus' },
      ],
    });
    expect(host.columnWidth('Sheet1', 'B')).toBe(columnWidthPoints(14));
    expect(columnWidthPoints(8.43)).toBe(48); // Excel's default column: 64 px
    const b2 = host.cell('Sheet1', 'B2')!.format;
    expect(b2).toMatchObject({ numberFormat: '#,##0', bold: true, fill: '#D9E1F2', horizontalAlignment: 'Center' });
    expect(b2.borders.top?.style).toBe('Continuous');
    expect(b2.borders.right?.weight).toBe('Thin');
    expect(JSON.parse(host.dumpSheet('Sheet1')).merges).toEqual(['A3:C3']);
    expect(storedSetting(host, SETTING_KEYS.program)).toBe('upgrade-10plus');
  });
});

describe('requirement sets', () => {
  it('on ExcelApi 1.7 injects the template without validation or page setup, and says so', async () => {
    const program = getProgram('upgrade-10plus');
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.7') });
    expect(port.capabilities()).toEqual({ dataValidation: false, notes: false, undoGrouping: false, changeEvents: true, merges: false });
    const snapshot = await port.read();
    const { plan, sheet } = buildTemplatePlan(program, snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
    host.resetCounters();
    await port.apply(plan);
    expect(host.syncCount).toBe(1);
    const skipped = port.skippedInLastApply();
    expect(skipped.some((s) => s.startsWith('validation'))).toBe(true);
    const dump = JSON.parse(host.dumpSheet(sheet));
    expect(dump.cells.some((c: { validation: unknown }) => c.validation)).toBe(false);
    expect(dump.conditionalFormats.length).toBeGreaterThan(0);
    // Everything else works: formulas, marks, reading back.
    const layout = templateLayout(program, sheet);
    await host.userEdit(sheet, layoutCell(layout, layout.items[0].row, 'gov'), 300);
    expect(host.value(sheet, layoutCell(layout, layout.totalRow, 'gov'))).toBe(300);
    await port.mark([{ sheet, cell: 'B4' }]);
    await port.clearMarks();
  });

  it('on ExcelApi 1.8 applies data validation that refuses a subsidy in a self-only item', async () => {
    const program = getProgram('upgrade-10plus');
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.8') });
    const { plan, sheet } = buildTemplatePlan(program, ['Sheet1']);
    await port.apply(plan);
    const layout = templateLayout(program, sheet);
    const selfOnly = layout.items.find((_, i) => program.items[i].gov === 'self-only')!;
    const result = await host.userEdit(sheet, layoutCell(layout, selfOnly.row, 'gov'), 50);
    expect(result.accepted).toBe(false);
    expect(result.alert?.message).toContain(selfOnly.label);
  });

  // Hidden rows/columns feed the hidden-amounts rule. From ExcelApi 1.9 the used range's visible cells
  // (Range.getSpecialCellsOrNullObject('Visible'): https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getspecialcellsornullobject-member(1))
  // give them in the same sync as the values, one address per sheet; below 1.9 Range.rowHidden/columnHidden (1.2)
  // say whether any is hidden, and only then are rows and columns asked one by one (one more sync; in steady state with
  // the flags, as the last read needed them).
  for (const [level, steadySyncs] of [['1.20', 1], ['1.9', 1], ['1.7', 1]] as const) {
    it(`reports hidden rows and columns of the used range on ExcelApi ${level} (${steadySyncs} sync${steadySyncs > 1 ? 's' : ''} in steady state)`, async () => {
      const { host, port } = setup({ requirementSets: excelApiUpTo(level), sheets: ['Budget', 'Plain'] });
      host.seed('Budget', [['a', 1, 2, 3], ['b', 4, 5, 6], ['c', 7, 8, 9], ['d', 10, 11, 12]], 'B2');
      host.seed('Plain', [[1, 2], [3, 4]]);
      host.userHide('Budget', '3:4');
      host.userHide('Budget', 'D:D');
      host.userHide('Plain', '100:100'); // outside the used range: nothing to report
      await port.read();
      host.resetCounters();
      const snapshot = await port.read();
      expect(host.syncCount).toBe(steadySyncs);
      const budget = snapshot.sheets.find((s) => s.name === 'Budget')!;
      expect(budget.hiddenRows).toEqual([2, 3]);
      expect(budget.hiddenCols).toEqual([3]);
      const plain = snapshot.sheets.find((s) => s.name === 'Plain')!;
      expect(plain.hiddenRows).toBeUndefined();
      expect(plain.hiddenCols).toBeUndefined();
    });
  }

  // Excel refuses visible cells with too many areas at an undocumented limit (office-js #4263, #5198).
  it('falls back to rowHidden/columnHidden when Excel refuses the visible cells (too many areas), and stays there', async () => {
    const { host, port } = setup();
    host.seed('Sheet1', Array.from({ length: 12 }, (_, i) => [`r${i}`, i]));
    for (const row of [2, 4, 6, 8]) host.userHide('Sheet1', `${row}:${row}`);
    host.workbook.specialCellsAreaLimit = 3;
    await port.read();
    const snapshot = await port.read();
    expect(snapshot.sheets[0].hiddenRows).toEqual([1, 3, 5, 7]);
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(1); // the rows one by one, with the values (the last read needed them)
    expect(host.syncLog.every((s) => !s.failed)).toBe(true);
  });

  it('below ExcelApi 1.9 asks rows one by one only while some are hidden: one more sync when that starts, none in steady state', async () => {
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.8') });
    host.seed('Sheet1', Array.from({ length: 6 }, (_, i) => [`r${i}`, i]));
    await port.read();
    host.userHide('Sheet1', '3:3');
    host.resetCounters();
    expect((await port.read()).sheets[0].hiddenRows).toEqual([2]);
    expect(host.syncCount).toBe(2);
    host.sheet('Sheet1').hiddenRows.clear();
    host.userHide('Sheet1', '5:5');
    host.resetCounters();
    expect((await port.read()).sheets[0].hiddenRows).toEqual([4]);
    expect(host.syncCount).toBe(1);
    host.sheet('Sheet1').hiddenRows.clear();
    host.resetCounters();
    expect((await port.read()).sheets[0].hiddenRows).toBeUndefined();
    expect(host.syncCount).toBe(1);
    host.seed('Sheet1', [['more'], ['rows']], 'A7');
    host.userHide('Sheet1', '8:8');
    host.resetCounters();
    expect((await port.read()).sheets[0].hiddenRows).toEqual([7]);
    expect(host.syncCount).toBe(2); // not asked since the sheet showed none hidden
  });

  it('below ExcelApi 1.9 a first read of sheets with hidden rows and columns in their first 200 rows / 26 columns stays two syncs', async () => {
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.8'), sheets: ['Budget', 'Big'] });
    host.seed('Budget', [['a', 1], ['b', 2], ['c', 3]], 'B2');
    host.userHide('Budget', '3:3');
    host.userHide('Budget', 'C:C');
    host.seed('Big', Array.from({ length: 300 }, (_, i) => [`r${i}`, i]));
    host.userHide('Big', '250:250'); // beyond the first 200 rows: asked in a third sync
    host.resetCounters();
    const first = await port.read();
    expect(first.sheets.find((s) => s.name === 'Budget')).toMatchObject({ hiddenRows: [2], hiddenCols: [2] });
    expect(first.sheets.find((s) => s.name === 'Big')!.hiddenRows).toEqual([249]);
    expect(host.syncCount).toBe(3);
    const { host: host2, port: port2 } = setup({ requirementSets: excelApiUpTo('1.8'), sheets: ['Budget'] });
    host2.seed('Budget', [['a', 1], ['b', 2], ['c', 3]], 'B2');
    host2.userHide('Budget', '3:3');
    host2.resetCounters();
    expect((await port2.read()).sheets[0].hiddenRows).toEqual([2]);
    expect(host2.syncCount).toBe(2);
  });

  it('a workbook with nothing hidden stays one sync on ExcelApi 1.7', async () => {
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.7') });
    host.seed('Sheet1', [[1, 2], [3, 4]]);
    await port.read();
    host.resetCounters();
    const snapshot = await port.read();
    expect(host.syncCount).toBe(1);
    expect(snapshot.sheets[0].hiddenRows).toBeUndefined();
  });

  // Application.calculationMode, get: ExcelApi 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member).
  it('reports the calculation mode in the same sync', async () => {
    const { host, port } = setup();
    expect((await port.read()).calcMode).toBe('automatic');
    host.workbook.calculationMode = 'Manual';
    host.resetCounters();
    expect((await port.read()).calcMode).toBe('manual');
    expect(host.syncCount).toBe(1);
    host.workbook.calculationMode = 'AutomaticExceptTables';
    expect((await port.read()).calcMode).toBe('semiautomatic');
  });

  it('reports unsupported hosts through a friendly error rather than a crash', async () => {
    const { port } = setup({ requirementSets: excelApiUpTo('1.3') });
    const error = await port.read().catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.kind).toBe('unsupported');
    expect(error.detail).toMatch(/ApiNotFound/);
  });
});

describe('marks', () => {
  async function styledSheet(extraRows = 0, options: FakeExcelOptions = {}, beforeRead: (host: ReturnType<typeof setup>['host']) => void = () => undefined) {
    const ctx = setup({ sheets: ['Budget', 'Ledger'], ...options });
    ctx.host.seed('Budget', [['a', 1], ['b', 2], ['c', 3]]);
    if (extraRows) ctx.host.seed('Ledger', bulkRows(extraRows));
    await ctx.host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Budget');
      ws.getRange('B1').format.fill.color = '#00B050';
      ws.getRange('B2').format.font.color = '#0070C0';
      ws.getRange('B3').format.fill.color = '#FFFFFF'; // explicit white: Office reports no fill as #FFFFFF too (#4900)
      await context.sync();
    });
    beforeRead(ctx.host);
    await ctx.port.read(); // the pane checks before it marks
    ctx.host.resetCounters();
    return ctx;
  }

  // Marks are the add-in's own conditional formats, removed by id: nothing is read back, so "no fill" can never be
  // restored as white (office-js #4900 / #6218: https://github.com/OfficeDev/office-js/issues/4900).
  it('marks in one sync, shows the mark, and clearing in one sync leaves every cell exactly as it was, no fill included', async () => {
    const { host, port } = await styledSheet();
    const before = host.dumpSheet('Budget');
    await port.mark([
      { sheet: 'Budget', cell: 'A1' },
      { sheet: 'Budget', cell: 'B1' },
      { sheet: 'Budget', cell: 'B2' },
      { sheet: 'Budget', cell: '$B$3' },
      { sheet: 'Budget', cell: 'B3' },
    ]);
    expect(host.syncCount).toBe(1);
    for (const c of ['A1', 'B1', 'B2', 'B3']) {
      expect(host.effectiveFormatAt('Budget', c)).toEqual({ fill: MARK_FORMAT.fill, fontColor: MARK_FORMAT.fontColor, bold: true });
    }
    expect(host.cell('Budget', 'A1')?.format.fill ?? null).toBeNull(); // the cell's own format is untouched
    host.resetCounters();
    await port.clearMarks();
    expect(host.syncCount).toBe(1);
    expect(host.dumpSheet('Budget')).toBe(before);
    expect(host.cell('Budget', 'A1')?.format.fill ?? null).toBeNull();
  });

  it('marks in one sync with 2,000 extra rows of data in the workbook', async () => {
    const { host, port } = await styledSheet(2000);
    await port.mark([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Ledger', cell: 'E1999' }]);
    expect(host.syncCount).toBe(1);
  });

  it('marking again replaces the earlier marks in the same sync', async () => {
    const { host, port } = await styledSheet();
    const before = host.dumpSheet('Budget');
    await port.mark([{ sheet: 'Budget', cell: 'B1' }]);
    await port.mark([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Budget', cell: 'B2' }]);
    expect(host.syncCount).toBe(2);
    expect(host.sheet('Budget').conditionalFormats).toHaveLength(2);
    await port.clearMarks();
    expect(host.dumpSheet('Budget')).toBe(before);
  });

  it('a mark shows over the template\'s red breach formatting, and clearing gives the red back', async () => {
    const { host, port } = setup();
    await port.apply({
      title: 'breach',
      ops: [
        { op: 'write', sheet: 'Sheet1', cell: 'A1', content: num(90) },
        { op: 'conditionalFormat', sheet: 'Sheet1', range: 'A1', formula: '=$A$1>50', format: { ...BREACH_FORMAT } },
      ],
    });
    expect(host.effectiveFormatAt('Sheet1', 'A1').fill).toBe(BREACH_FORMAT.fill);
    await port.mark([{ sheet: 'Sheet1', cell: 'A1' }]);
    expect(host.effectiveFormatAt('Sheet1', 'A1').fill).toBe(MARK_FORMAT.fill);
    await port.clearMarks();
    expect(host.effectiveFormatAt('Sheet1', 'A1').fill).toBe(BREACH_FORMAT.fill);
  });

  it('removes only the marks of the cells given (a finding resolved), in one sync', async () => {
    const { host, port } = await styledSheet();
    await port.mark([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Budget', cell: 'B2' }]);
    host.resetCounters();
    await port.clearMarks([{ sheet: 'Budget', cell: 'B1' }]);
    expect(host.syncCount).toBe(1);
    expect(host.effectiveFormatAt('Budget', 'B1').fill).toBe('#00B050');
    expect(host.effectiveFormatAt('Budget', 'B2').fill).toBe(MARK_FORMAT.fill);
    expect(port.markedCells()).toEqual([{ sheet: 'Budget', cell: 'B2' }]);
  });

  it('saves marks into the workbook with the next round trip, so a new session can clear them', async () => {
    const { host, port } = await styledSheet();
    const before = host.dumpSheet('Budget');
    await port.mark([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Budget', cell: 'A2' }]);
    expect(storedSetting(host, SETTING_KEYS.marks)).toBeUndefined();
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(1); // saved within the read's own sync
    expect(storedSetting(host, SETTING_KEYS.marks)).toBeDefined();

    const scope = { Excel: { run: host.run }, Office: host.officeNamespace };
    const nextSession = new OfficeWorkbook(officeEnvironment(scope));
    await nextSession.clearMarks();
    expect(host.dumpSheet('Budget')).toBe(before);
    expect(storedSetting(host, SETTING_KEYS.marks)).toBeUndefined();
  });

  it('clears what it can when a marked sheet was deleted or a mark removed by hand meanwhile', async () => {
    const { host, port } = await styledSheet();
    const before = host.dumpSheet('Budget');
    await port.mark([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Budget', cell: 'B2' }, { sheet: 'Ledger', cell: 'A1' }]);
    await host.userDeleteSheet('Ledger');
    host.sheet('Budget').conditionalFormats.splice(0, 1); // Home > Conditional Formatting > Clear Rules on one cell
    await port.clearMarks();
    expect(host.dumpSheet('Budget')).toBe(before);
    expect(port.markedCells()).toEqual([]);
  });

  // Notes: ExcelApi 1.18 (https://learn.microsoft.com/javascript/api/excel/excel.notecollection). Which cells carry a
  // note is learnt by the check's own read (counts, and where the last read counted some, their cells).
  const B1_TEXT = '政府補助款超過 50%';
  const B2_TEXT = '人事費只能自籌';
  const withTexts = [
    { sheet: 'Budget', cell: 'B1', text: B1_TEXT },
    { sheet: 'Budget', cell: 'B2', text: B2_TEXT },
  ];

  it('on ExcelApi 1.18 carries the finding\'s text as a note in the same one sync, never touches a note of the user\'s, and clears its own in one', async () => {
    const { host, port } = await styledSheet(0, {}, (h) => h.userAddNote('Budget', 'B2', '我的備註'));
    // The first read (two syncs: names, then contents) already located the note it counted in its first sync.
    expect(port.noteCells?.get(host.sheet('Budget').id)).toEqual(new Set(['B2']));
    expect(port.noteCells?.get(host.sheet('Ledger').id)).toEqual(new Set());
    await port.mark(withTexts);
    expect(host.syncCount).toBe(1);
    expect(host.note('Budget', 'B1')).toBe(B1_TEXT);
    expect(host.note('Budget', 'B2')).toBe('我的備註');
    expect(host.effectiveFormatAt('Budget', 'B2').fill).toBe(MARK_FORMAT.fill); // marked all the same

    host.resetCounters();
    await port.mark(withTexts); // marking again: its own old note goes, the new one comes, same sync
    expect(host.syncCount).toBe(1);
    expect(host.note('Budget', 'B1')).toBe(B1_TEXT);

    host.resetCounters();
    await port.clearMarks();
    expect(host.syncCount).toBe(1);
    expect(host.note('Budget', 'B1')).toBeNull();
    expect(host.note('Budget', 'B2')).toBe('我的備註');
  });

  it('a steady-state read that counts more notes than the last one located: marks without notes until the next read, still one sync', async () => {
    const { host, port } = await styledSheet(0, {}, (h) => h.userAddNote('Budget', 'C9', "it's mine"));
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Ledger').name = "Joe's ledger"; // a quoted name in the note's address
      await context.sync();
    });
    host.userAddNote("Joe's ledger", 'A1', 'another');
    await port.read(); // counts 2, had located 1: not known which cell the new one is on
    expect(port.noteCells?.get(host.sheet('Budget').id)).toBeNull();
    host.resetCounters();
    await port.mark(withTexts);
    expect(host.syncCount).toBe(1);
    expect(host.note('Budget', 'B1')).toBeNull();
    expect(host.effectiveFormatAt('Budget', 'B1').fill).toBe(MARK_FORMAT.fill);

    host.resetCounters();
    await port.read(); // locates both, same one sync
    expect(host.syncCount).toBe(1);
    expect(port.noteCells?.get(host.sheet("Joe's ledger").id)).toEqual(new Set(['A1']));
    await port.mark(withTexts);
    expect(host.note('Budget', 'B1')).toBe(B1_TEXT);
  });

  // NoteCollection.add on a cell that has a note is not documented; the fake refuses by default (the batch fails).
  it('a note a person added between the check and the mark is kept when Excel refuses the add: marked anyway, in 6 syncs (rare case)', async () => {
    const { host, port } = await styledSheet();
    host.userAddNote('Budget', 'B2', '我的備註');
    host.resetCounters();
    await port.mark(withTexts);
    expect(host.syncCount).toBe(6); // the refused batch, removal by the marks' tag (4), the mark again (1)
    expect(host.note('Budget', 'B1')).toBe(B1_TEXT);
    expect(host.note('Budget', 'B2')).toBe('我的備註');
    expect(host.sheet('Budget').conditionalFormats).toHaveLength(2); // no orphan from the failed batch
    expect(port.markedCells()).toEqual([{ sheet: 'Budget', cell: 'B1' }, { sheet: 'Budget', cell: 'B2' }]);
    await port.clearMarks();
    expect(host.note('Budget', 'B1')).toBeNull();
    expect(host.note('Budget', 'B2')).toBe('我的備註');
    expect(host.sheet('Budget').conditionalFormats).toHaveLength(0);
  });

  it('… and when Excel replaces it instead, the person\'s text is put back in one more sync', async () => {
    const { host, port } = await styledSheet(0, { noteAddOnNotedCell: 'replace' });
    host.userAddNote('Budget', 'B2', '我的備註');
    host.resetCounters();
    await port.mark(withTexts);
    expect(host.syncCount).toBe(2);
    expect(host.note('Budget', 'B1')).toBe(B1_TEXT);
    expect(host.note('Budget', 'B2')).toBe('我的備註');
    await port.clearMarks();
    expect(host.note('Budget', 'B2')).toBe('我的備註'); // not taken for the add-in's own
  });

  it('a read still succeeds when notes were deleted since the last one located them (one more sync), then one again', async () => {
    const { host, port } = await styledSheet(0, {}, (h) => {
      h.userAddNote('Budget', 'B2', 'x');
      h.userAddNote('Budget', 'B3', 'y');
    });
    await port.read();
    host.sheet('Budget').notes.clear();
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(2);
    expect(port.noteCells?.get(host.sheet('Budget').id)).toEqual(new Set());
    host.resetCounters();
    await port.read();
    expect(host.syncCount).toBe(1);
  });

  it('a protected sheet refuses the mark at once: the error says so, no retry', async () => {
    const { host, port } = await styledSheet();
    host.sheet('Budget').protected = true;
    const error = await port.mark(withTexts).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.kind).toBe('protected');
    expect(host.syncCount).toBe(1);
  });

  for (const level of ['1.7', '1.9', '1.17', '1.18', '1.20']) {
    it(`mark = 1 sync and clear = 1 sync with texts on ExcelApi ${level}`, async () => {
      const { host, port } = await styledSheet(0, { requirementSets: excelApiUpTo(level) });
      await port.mark(withTexts);
      expect(host.syncCount).toBe(1);
      host.resetCounters();
      await port.clearMarks();
      expect(host.syncCount).toBe(1);
      expect(host.sheet('Budget').conditionalFormats).toHaveLength(0);
    });
  }

  it('below ExcelApi 1.18 marks without notes, still in one sync', async () => {
    const { host, port } = setup({ requirementSets: excelApiUpTo('1.17') });
    await port.read();
    host.resetCounters();
    await port.mark([{ sheet: 'Sheet1', cell: 'A1', text: 'x' }]);
    expect(host.syncCount).toBe(1);
    expect(port.capabilities().notes).toBe(false);
  });
});

describe('select and change events', () => {
  it('selects a finding cell on its sheet in one sync', async () => {
    const { host, port } = setup({ sheets: ['A', '經費預算表 (2)'] });
    await port.select({ sheet: '經費預算表 (2)', cell: 'C7' });
    expect(host.syncCount).toBe(1);
    expect(host.selection).toEqual({ sheet: '經費預算表 (2)', address: 'C7' });
    expect(host.activeSheetName).toBe('經費預算表 (2)');
  });

  it('calls back after a person edits any sheet, including sheets added later, until unsubscribed', async () => {
    const { host, port } = setup({ sheets: ['A', 'B'] });
    let calls = 0;
    const unsubscribe = await port.onChange((change) => {
      if (change === 'cells') calls++;
    });
    await host.userEdit('B', 'A1', 5);
    expect(calls).toBe(1);
    await port.apply({ title: 'add', ops: [{ op: 'addSheet', sheet: 'C' }] });
    // Subscribed in the same batch that added it: an edit at once is heard, and only once after the event settles.
    await host.userEdit('C', 'B2', 'x');
    expect(calls).toBe(2);
    await host.settleEvents();
    await host.userEdit('C', 'B3', 'y');
    expect(calls).toBe(3);
    // A sheet someone else adds is subscribed when Excel announces it.
    await host.run(async (context) => {
      context.workbook.worksheets.add('D');
      await context.sync();
    });
    await host.settleEvents();
    await host.userEdit('D', 'A1', 1);
    expect(calls).toBe(4);
    unsubscribe();
    await new Promise((r) => setTimeout(r, 20));
    await host.userEdit('A', 'A1', 1);
    expect(calls).toBe(4);
  });
});

describe('error mapping', () => {
  it('explains cell-edit mode, protected sheets and oversized requests in both languages', async () => {
    const { host, port } = setup();
    host.cellEditMode = true;
    const editing = await port.read().catch((e) => e);
    expect(editing).toMatchObject({ kind: 'cell-edit', code: 'InvalidOperationInCellEditMode' });
    expect(editing.friendly('zh-TW')).toMatch(/編輯儲存格/);
    expect(editing.friendly('en')).toMatch(/editing a cell/);
    host.cellEditMode = false;

    host.protectSheet('Sheet1');
    const denied = await port.mark([{ sheet: 'Sheet1', cell: 'A1' }]).catch((e) => e);
    expect(denied).toMatchObject({ kind: 'protected', code: 'AccessDenied' });
    expect(denied.friendly('zh-TW')).toMatch(/取消保護/);
    host.protectSheet('Sheet1', false);

    host.payloadLimitBytes = 2_000;
    const big = await port.apply(writePlan('Sheet1', Array.from({ length: 100 }, (_, i) => [`A${i + 1}`, `一段很長的說明文字 ${i}`]))).catch((e) => e);
    expect(big).toMatchObject({ kind: 'payload-too-large', code: 'RequestPayloadSizeLimitExceeded' });
    expect(big.friendly('zh-TW')).toMatch(/5 MB/);
  });
});
