import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { computeBenefits, emissionFactorOf } from '../../src/domain/benefits';
import { applyPlan } from '../../src/xlsx/apply';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { buildBenefitTablesPlan } from '../../src/sheet/benefits-plan';
import { checkBenefits } from '../../src/sheet/benefits-check';
import { locateBenefitTables } from '../../src/sheet/benefits-locate';

// The tables written to a real .xlsx (merges, number formats and all) read back the same and check clean.
describe('benefit tables through an .xlsx file', () => {
  it('inject + fill, save, re-read: no findings; blank an item and the rule fires on the title', async () => {
    const values = computeBenefits({
      economic: { newInvestment: 0.024, jobs: 3 },
      electricity: { baselineKwh: 800_000, savedKwh: 100_000 },
      carbon: { baselineTonnes: 400, savedKwh: 100_000, emissionFactor: emissionFactorOf(2022) },
      oee: { before: 72, after: 84, method: 'relative' },
    });
    const empty = { sheets: [], settings: {} };
    const { plan, layout } = buildBenefitTablesPlan(empty, { target: 'lowcarbon', placement: 'own-sheet', values });
    const book = new ExcelJS.Workbook();
    applyPlan(book, plan);
    const snapshot = await readWorkbookBuffer(new Uint8Array(await book.xlsx.writeBuffer()), 'benefits.xlsx');
    expect(checkBenefits(snapshot, { target: 'lowcarbon' })).toEqual([]);
    const oee = locateBenefitTables(snapshot).tables.flatMap((t) => t.items).find((i) => i.id === 'oee')!;
    expect(oee.method).toBe('relative');
    expect(oee.slots.improvement?.loc?.cell).toBe(layout.cells.oee!.improvement);

    book.getWorksheet(layout.sheet)!.getCell(layout.cells.jobs!.amount!).value = null;
    const edited = await readWorkbookBuffer(new Uint8Array(await book.xlsx.writeBuffer()), 'benefits.xlsx');
    expect(checkBenefits(edited, { target: 'lowcarbon' }).map((f) => [f.rule, f.sheet, f.cell])).toEqual([
      ['economic-benefits-min', layout.sheet, layout.titles.economic],
    ]);
  });
});
