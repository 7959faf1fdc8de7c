import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetRowInput, BudgetTableInput, RawCell, RawValue } from '../../src/domain/budget';
import { computeBudget } from '../../src/domain/compute';
import { checkBudgetTable } from '../../src/domain/engine';
import { fromInt, fromNumber } from '../../src/domain/money';
import { getProgram } from '../../src/domain/programs';
import { SETTING_KEYS, fromA1, toA1 } from '../../src/sheet/grid';
import { locateBudgetTables } from '../../src/sheet/locate';
import { plannedWrites } from '../../src/sheet/plan';
import { RecalcError, buildComputePlan, buildRepairPlan, isTemplateSheet, sameFormula } from '../../src/sheet/recalc';
import { buildTemplatePlan, layoutCell, templateFormulas } from '../../src/sheet/template';
import { fakeExcelWorkbook, putCell, shownValue } from '../excel/fake-office-workbook';
import { SEED_004_RECORDS } from './fixtures/workbook';

const program = getProgram('upgrade-10plus');

/** A template injected through the Office.js adapter into the fake Excel host, with amounts typed in. */
async function filledTemplate() {
  const { host, port } = fakeExcelWorkbook({ sheets: ['封面'] });
  host.seed('封面', [['公司名稱', '範例股份有限公司']]);
  const { plan, layout, sheet } = buildTemplatePlan(program, (await port.read()).sheets.map((s) => s.name));
  await port.apply(plan);
  const amounts = [
    [240, 120],
    [300, 300],
    [900, 900],
    [60, 60],
    [null, 200],
    [null, 150],
  ];
  layout.items.forEach((item, i) => {
    putCell(host, sheet, layoutCell(layout, item.row, 'gov'), amounts[i][0]);
    putCell(host, sheet, layoutCell(layout, item.row, 'self'), amounts[i][1]);
  });
  const expected = computeBudget(amounts.map(([g, s]) => ({ gov: fromInt(g ?? 0), self: fromInt(s ?? 0) })));
  const value = (a1: string) => shownValue(host, sheet, a1);
  return { host, port, value, layout, sheet, expected };
}

describe('repairing a template sheet', () => {
  it('restores exactly the formula cells that were typed over, listing what they hold now', async () => {
    const { host, port, value, layout, sheet, expected } = await filledTemplate();
    const rowTotal = layoutCell(layout, layout.items[1].row, 'total');
    const govTotal = layoutCell(layout, layout.totalRow, 'gov');
    const percent = layoutCell(layout, layout.items[0].row, 'percent');
    const selfShare = layoutCell(layout, layout.percentRow, 'self');
    putCell(host, sheet, rowTotal, 999);
    putCell(host, sheet, govTotal, '=1234');
    putCell(host, sheet, percent, '10%');
    putCell(host, sheet, selfShare, null);
    const amountCells = layout.items.flatMap((i) => [layoutCell(layout, i.row, 'gov'), layoutCell(layout, i.row, 'self')]);
    const amountsBefore = amountCells.map(value);

    const { plan, changes } = buildRepairPlan(await port.read(), sheet, program);
    const formulas = new Map(templateFormulas(layout).map((f) => [f.cell, f.formula]));
    expect(changes.map((c) => c.cell).sort()).toEqual([rowTotal, govTotal, percent, selfShare].sort());
    expect(changes.find((c) => c.cell === rowTotal)).toEqual({
      sheet,
      cell: rowTotal,
      current: { value: 999, formula: null },
      formula: formulas.get(rowTotal),
    });
    expect(changes.find((c) => c.cell === govTotal)!.current).toEqual({ value: 1234, formula: '=1234' });
    expect(changes.find((c) => c.cell === selfShare)!.current).toEqual({ value: null, formula: null });
    expect(plan.ops).toHaveLength(4);
    expect(plannedWrites(plan).every((w) => w.content.kind === 'formula' && w.sheet === sheet)).toBe(true);

    await port.apply(plan);
    expect(value(rowTotal)).toBe(Number(expected.rowTotals[1] / 1_000_000n));
    expect(value(govTotal)).toBe(1500);
    expect(fromNumber(value(percent) as number)).toBe(expected.rowPercents[0]);
    expect(fromNumber(value(selfShare) as number)).toBe(expected.selfPercent);
    expect(amountCells.map(value)).toEqual(amountsBefore);
    expect(buildRepairPlan(await port.read(), sheet, program).changes).toEqual([]);
  });

  it('accepts the same formula spelled with other case, spacing or $ signs', async () => {
    const { port, layout, sheet } = await filledTemplate();
    const cell = layoutCell(layout, layout.items[0].row, 'total');
    const snapshot = await port.read();
    const s = snapshot.sheets.find((x) => x.name === sheet)!;
    const { row, col } = fromA1(cell);
    expect(s.origin).toEqual({ row: 0, col: 0 });
    s.formulas[row][col] = `= $b$${row + 1} + c${row + 1}`;
    expect(buildRepairPlan(snapshot, sheet, program).changes).toEqual([]);
    expect(sameFormula('=IF(A1="x",1,2)', '=if(a1="X",1,2)')).toBe(false);
    expect(sameFormula('=SUM(B4:B9)', '=SUM(B4:B8)')).toBe(false);
  });

  it('still finds the table after rows are inserted above it and among the items', async () => {
    const { host, port, value, layout, sheet, expected } = await filledTemplate();
    host.insertRows(sheet, 0, 2); // two rows above the title
    const inserted = layout.items[2].row + 2;
    host.insertRows(sheet, inserted, 2); // two rows among the items: SUM ranges grow
    putCell(host, sheet, toA1(inserted, 0), '其他消耗品'); // one of them gets an item, the other stays blank
    putCell(host, sheet, toA1(inserted, 2), 40);
    const shifted = layout.items[4].row + 4; // 人事費, now four rows lower
    const total = toA1(shifted, layout.columns.total);
    putCell(host, sheet, total, 200);
    const { plan, changes } = buildRepairPlan(await port.read(), sheet, program);
    // The new item row gets the row formulas; the blank row is left alone; the typed-over total is restored.
    expect(changes.map((c) => c.cell)).toEqual([toA1(inserted, 3), toA1(inserted, 4), total]);
    expect(changes[2].formula).toBe(`=B${shifted + 1}+C${shifted + 1}`);
    await port.apply(plan);
    expect(value(toA1(layout.totalRow + 4, layout.columns.total))).toBe(Number(expected.grandTotal / 1_000_000n) + 40);
    expect(value(toA1(inserted, 3))).toBe(40);
  });

  it('refuses sheets the add-in did not create, and templates whose layout is gone, naming the sheet', async () => {
    const { host, port, layout, sheet } = await filledTemplate();
    const snapshot = await port.read();
    expect(isTemplateSheet(snapshot, sheet)).toBe(true);
    expect(isTemplateSheet(snapshot, '封面')).toBe(false);
    expect(() => buildRepairPlan(snapshot, '封面', program)).toThrow(/「封面」不是本增益集建立的範本/);
    expect(() => buildRepairPlan(snapshot, '不存在', program)).toThrow(RecalcError);
    expect(() => buildRepairPlan({ ...snapshot, settings: {} }, sheet, program)).toThrow(RecalcError);

    putCell(host, sheet, layoutCell(layout, layout.headerRow, 'self'), '自籌');
    const renamedHeader = await port.read();
    expect(() => buildRepairPlan(renamedHeader, sheet, program, 'en')).toThrow(/"經費預算表" no longer has the template header/);
    putCell(host, sheet, layoutCell(layout, layout.headerRow, 'self'), '業者自籌款');
    putCell(host, sheet, layoutCell(layout, layout.percentRow, 'label'), '比率說明');
    const renamedPercentRow = await port.read();
    expect(() => buildRepairPlan(renamedPercentRow, sheet, program)).toThrow(`${toA1(layout.percentRow, 0)} 應為「百分比(%)」列`);
  });

  it('reads a template list stored as a JSON string (Office settings hold JSON values)', async () => {
    const { port, sheet } = await filledTemplate();
    const snapshot = await port.read();
    snapshot.settings[SETTING_KEYS.templates] = JSON.stringify(JSON.stringify([sheet]));
    expect(isTemplateSheet(snapshot, sheet)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const SHEET = '預算';

function cell(row: number, col: number, value: RawValue, extra: Partial<RawCell> = {}): RawCell {
  return { loc: { sheet: SHEET, cell: toA1(row, col) }, value, formula: null, percentFormat: false, ...extra };
}

/** A user-built table at A1: label | gov | self | total | percent, items from row 2, then 合計 and 百分比(%). */
function userTable(rows: { label: string; gov: RawValue; self: RawValue; total?: RawValue; percent?: RawValue }[], extra: {
  totals?: [RawValue, RawValue, RawValue];
  shares?: [RawValue, RawValue, RawValue];
  percentFormat?: boolean;
} = {}): BudgetTableInput {
  const line = (r: number, label: string, values: RawValue[]): BudgetRowInput => ({
    label: cell(r, 0, label),
    gov: cell(r, 1, values[0]),
    self: cell(r, 2, values[1]),
    total: cell(r, 3, values[2]),
    percent: values.length > 3 ? cell(r, 4, values[3], { percentFormat: extra.percentFormat ?? false }) : null,
  });
  const totalRowIndex = rows.length + 1;
  return {
    sheet: SHEET,
    title: { sheet: SHEET, cell: 'A1' },
    unit: null,
    rows: rows.map((r, i) => line(i + 1, r.label, [r.gov, r.self, r.total ?? null, r.percent ?? null])),
    totalRow: { ...line(totalRowIndex, '合計', extra.totals ?? [null, null, null]), percent: null },
    percentRow: { ...line(totalRowIndex + 1, '百分比(%)', extra.shares ?? [null, null, null]), percent: null },
    workbookHasFormulas: false,
  };
}


describe('computing a table the add-in did not create', () => {
  it('on the SPEC §3 example lists only the two slipped percentages, old → new, asking consent', () => {
    const table = userTable(SEED_004_RECORDS, { totals: [1500, 1880, 3380], shares: [44.4, 55.6, 100] });
    const { plan, changes } = buildComputePlan(table, getProgram('registered-factory'));
    expect(changes).toEqual([
      { sheet: SHEET, cell: 'E5', role: 'row-percent', current: { value: 3.5, formula: null }, next: 3.6, needsConsent: true },
      { sheet: SHEET, cell: 'E7', role: 'row-percent', current: { value: 8.8, formula: null }, next: 8.9, needsConsent: true },
    ]);
    expect(plan.ops).toEqual([
      { op: 'write', sheet: SHEET, cell: 'E5', content: { kind: 'number', value: 3.6 } },
      { op: 'write', sheet: SHEET, cell: 'E7', content: { kind: 'number', value: 8.9 } },
    ]);
  });

  it('fills blank totals and percentages without asking, and skips rows whose total is 0', () => {
    const rows: { label: string; gov: RawValue; self: RawValue }[] = SEED_004_RECORDS.map(({ label, gov, self }) => ({ label, gov, self }));
    rows.push({ label: '無形資產引進費', gov: null, self: null });
    const { changes } = buildComputePlan(userTable(rows), program);
    expect(changes.every((c) => !c.needsConsent)).toBe(true);
    const byCell = Object.fromEntries(changes.map((c) => [c.cell, c.next]));
    expect(byCell).toMatchObject({ D2: 360, E2: 10.7, E5: 3.6, E7: 8.9, B9: 1500, C9: 1880, D9: 3380, B10: 44.4, C10: 55.6, D10: 100 });
    expect(byCell.D8).toBeUndefined(); // an empty row keeps its blank total
    expect(byCell.E8).toBe(0); // its share is 0.0 %, which is worth showing
  });

  it('writes fractions into cells formatted as percentages and leaves right ones alone', () => {
    const fractions = [0.107, 0.18, 0.533, 0.035, 0.059, 0.088]; // as typed into cells formatted 0.0%
    const rows = SEED_004_RECORDS.map((r, i) => ({ ...r, percent: fractions[i] }));
    const table = userTable(rows, { totals: [1500, 1880, 3380], percentFormat: true });
    const { changes } = buildComputePlan(table, getProgram('registered-factory'));
    expect(changes.filter((c) => c.role === 'row-percent').map((c) => [c.cell, c.current.value, c.next])).toEqual([
      ['E3', 0.18, 0.178],
      ['E5', 0.035, 0.036],
      ['E7', 0.088, 0.089],
    ]);
  });

  it('lists a formula whose result is wrong, and leaves one whose result is right', () => {
    const rows = SEED_004_RECORDS.map((r) => ({ ...r }));
    const table = userTable(rows, { totals: [1500, 1880, 3380], shares: [44.4, 55.6, 100] });
    table.totalRow!.gov = cell(7, 1, 1440, { formula: '=SUM(B2:B5)' });
    table.rows[0].total = cell(1, 3, 360, { formula: '=B2+C2' });
    const { changes } = buildComputePlan(table, getProgram('registered-factory'));
    const gov = changes.find((c) => c.cell === 'B8')!;
    expect(gov).toMatchObject({ current: { value: 1440, formula: '=SUM(B2:B5)' }, next: 1500, needsConsent: true });
    expect(changes.some((c) => c.cell === 'D2')).toBe(false);
  });

  it('refuses to compute over amounts that are not numbers, naming the cells', () => {
    const rows = SEED_004_RECORDS.map((r) => ({ ...r }));
    rows[1] = { ...rows[1], self: '三百' as unknown as number };
    expect(() => buildComputePlan(userTable(rows), program)).toThrow(/C3「三百」/);
    rows[1] = { ...rows[1], self: '３００' as unknown as number }; // full-width digits read as a number
    expect(buildComputePlan(userTable(rows), program).changes.some((c) => c.cell === 'D3')).toBe(false);
  });

  it('after writing, the checker finds no total or percentage slip and nothing else was touched (located tables)', async () => {
    const rowsArb = fc.array(
      fc.record({
        item: fc.constantFrom(...program.items.map((i) => i.label)),
        gov: fc.option(fc.integer({ min: 0, max: 9000 }), { nil: null }),
        self: fc.option(fc.integer({ min: 0, max: 9000 }), { nil: null }),
        total: fc.option(fc.integer({ min: 0, max: 9000 }), { nil: null }),
        percent: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10), { nil: null }),
      }),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(rowsArb, async (rows) => {
        const sheetRows: RawValue[][] = [
          ['經費預算表'],
          [null, null, null, null, '金額單位：千元'],
          ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
          ...rows.map((r) => [r.item, r.gov, r.self, r.total, r.percent]),
          ['合計', 1, null, 7, null],
          ['百分比(%)', null, 3, null],
        ];
        const { host, port } = fakeExcelWorkbook({ sheets: [SHEET] });
        host.seed(SHEET, sheetRows);
        const [table] = locateBudgetTables(await port.read());
        expect(table.rows).toHaveLength(rows.length);
        const before = (await port.read()).sheets[0];
        const { plan, changes } = buildComputePlan(table, program);
        expect(plan.ops.map((o) => (o.op === 'write' ? o.cell : o.op))).toEqual(changes.map((c) => c.cell));
        await port.apply(plan);
        const after = await port.read();
        // Amount inputs and labels are never written.
        const touched = new Set(changes.map((c) => c.cell));
        before.values.forEach((line, r) =>
          line.forEach((v, c) => {
            if (!touched.has(toA1(r, c))) expect(after.sheets[0].values[r][c]).toEqual(v);
          }),
        );
        for (const c of changes) {
          const { row, col } = fromA1(c.cell);
          expect(row).toBeGreaterThan(2);
          if (c.role === 'row-total' || c.role === 'row-percent') expect(col).toBeGreaterThanOrEqual(3);
        }
        const [again] = locateBudgetTables(after);
        const slips = checkBudgetTable(again, program).findings.filter((f) =>
          ['row-total-mismatch', 'column-total-mismatch', 'percent-mismatch'].includes(f.rule),
        );
        expect(slips).toEqual([]);
        expect(buildComputePlan(again, program).changes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
