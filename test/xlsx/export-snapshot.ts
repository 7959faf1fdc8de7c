import ExcelJS from 'exceljs';
import type { WorkbookSnapshot } from '../../src/sheet/grid';

/**
 * Saves a host's snapshot as an .xlsx the way Excel would: formulas with their computed results cached, constants as
 * they are, number formats kept. Stands in for "File → Save" of a workbook edited in the fake Excel host.
 */
export async function exportSnapshot(snapshot: WorkbookSnapshot, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of snapshot.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) => {
      row.forEach((value, c) => {
        const formula = sheet.formulas[r]?.[c] ?? null;
        if (value === null && formula === null) return;
        const cell = ws.getCell(sheet.origin.row + r + 1, sheet.origin.col + c + 1);
        cell.value = formula
          ? ({ formula: formula.slice(1), result: value ?? undefined } as ExcelJS.CellFormulaValue)
          : value;
        const format = sheet.numberFormats[r]?.[c];
        if (format && format !== 'General') cell.numFmt = format;
      });
    });
  }
  await workbook.xlsx.writeFile(path);
}
