import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/domain/budget';
import { maximizeTable } from '../../src/domain/maximize';
import { getProgram } from '../../src/domain/programs';
import { snapshotFromRows } from '../../src/sheet/grid';
import { locateBudgetTables } from '../../src/sheet/locate';
import { buildComputePlan } from '../../src/sheet/recalc';

/**
 * Amounts stored in 元 and shown in 千元 by `#,##0,` are read as shown; everything that writes a number into such a
 * cell — a finding's fix (fixes.property.test.ts), "recalculate" on a user's table, "maximize" — writes what the cell
 * must store, or 3,600 would land where 3,600,000 belongs.
 */
const SHEET = '經費預算表';
const SCALED = '#,##0,';

function scaledTable(rows: RawValue[][]) {
  const sheet = snapshotFromRows(SHEET, [['經費預算表'], [null, null, null, null, '金額單位：千元'], ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'], ...rows]);
  for (let r = 3; r < sheet.values.length; r++) for (const c of [1, 2, 3]) sheet.numberFormats[r][c] = SCALED;
  const [table] = locateBudgetTables({ sheets: [sheet], settings: {} });
  return table;
}

describe('writes into cells with a scaling number format are in stored units', () => {
  it('recalculate writes 元 into a #,##0, total and plain percentages beside it', () => {
    const table = scaledTable([
      ['消耗性器材及原材料費', 300_000, 1_000_000, 1_300_000, 37.1],
      ['全新設備之購置費', 1_000_000, 700_000, 1_600_000, 48.6],
      ['人事費', null, 500_000, 500_000, 14.3],
      ['合計', 1_300_000, 2_200_000, 3_400_000, null],
    ]);
    const { changes } = buildComputePlan(table, getProgram('upgrade-10plus'));
    const byCell = Object.fromEntries(changes.map((c) => [c.cell, c.next]));
    expect(byCell).toEqual({ D5: 1_700_000, D7: 3_500_000 });
  });

  it('maximize writes 元 into #,##0, amount and typed total cells', () => {
    const table = scaledTable([
      ['消耗性器材及原材料費', 100_000, 400_000, 500_000, null],
      ['既有設備之改善費', 500_000, 1_500_000, 2_000_000, null],
      ['合計', 600_000, 1_900_000, 2_500_000, null],
    ]);
    const { maximized, changes } = maximizeTable(table, getProgram('upgrade-10plus'));
    expect(maximized.govTotal).toBe(1250_000_000n); // 1,250 千元 (Fixed)
    expect(changes).toEqual([
      { sheet: SHEET, cell: 'B4', from: 100_000, to: 500_000 },
      { sheet: SHEET, cell: 'C4', from: 400_000, to: 0 },
      { sheet: SHEET, cell: 'B5', from: 500_000, to: 750_000 },
      { sheet: SHEET, cell: 'C5', from: 1_500_000, to: 1_250_000 },
      // The typed 合計 row agreed with the amounts and follows them, in 元 too.
      { sheet: SHEET, cell: 'B6', from: 600_000, to: 1_250_000 },
      { sheet: SHEET, cell: 'C6', from: 1_900_000, to: 1_250_000 },
    ]);
  });
});
