import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addWebExtensionSettings } from '../../src/xlsx/webextension';

/**
 * A corpus workbook as data: sheets of cells by A1 address. The composers in `compose.ts` lay out what applicants
 * really hand in (cover, 基本資料, budget table, lists); a case may patch single cells on top. `writeWorkbook` turns it
 * into .xlsx bytes with ExcelJS, so nothing binary needs to be committed.
 */
export type CellSpec =
  | number
  | string
  | null
  | {
      /** The value shown (a formula's cached result); omitted with a formula = a file written without results. */
      v?: number | string | null;
      /** Formula text without the leading =. */
      f?: string;
      /** Number format code ("#,##0", "#,##0,", "0.0%"). */
      fmt?: string;
    };

export interface SheetSpec {
  name: string;
  cells: Record<string, CellSpec>;
  merges?: string[];
  /** Column widths by letter, for a file that looks right when a person opens it. */
  widths?: Record<string, number>;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Settings as the add-in stores them (web-extension part), e.g. { 'subsidy-budget.program': 'chain-smart' }. */
  settings?: Record<string, unknown>;
}

/** Returns a copy of `book` with cells of one sheet replaced (null clears a cell). */
export function patch(book: WorkbookSpec, sheet: string, cells: Record<string, CellSpec | undefined>): WorkbookSpec {
  if (!book.sheets.some((s) => s.name === sheet)) throw new Error(`patch: no sheet ${sheet}`);
  return {
    ...book,
    sheets: book.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const next = { ...s.cells };
      for (const [a1, v] of Object.entries(cells)) {
        if (v === undefined) delete next[a1];
        else next[a1] = v;
      }
      return { ...s, cells: next };
    }),
  };
}

const FIXED_DATE = new Date(Date.UTC(2024, 0, 15));

export async function writeWorkbook(book: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'subsidy-budget corpus';
  wb.created = wb.modified = FIXED_DATE;
  for (const spec of book.sheets) {
    const ws = wb.addWorksheet(spec.name);
    for (const [a1, cell] of Object.entries(spec.cells)) {
      const target = ws.getCell(a1);
      if (cell === null || typeof cell !== 'object') {
        target.value = cell;
        continue;
      }
      if (cell.f !== undefined) {
        // ExcelJS writes <v> only when a result is given: leaving it out is a file no spreadsheet has calculated.
        target.value = (cell.v === undefined ? { formula: cell.f } : { formula: cell.f, result: cell.v }) as ExcelJS.CellFormulaValue;
      } else {
        target.value = cell.v ?? null;
      }
      if (cell.fmt) target.numFmt = cell.fmt;
    }
    for (const range of spec.merges ?? []) ws.mergeCells(range);
    for (const [letter, width] of Object.entries(spec.widths ?? {})) ws.getColumn(letter).width = width;
  }
  let data: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
  if (book.settings) data = await addWebExtensionSettings(data, book.settings, { addinId: '05c2e1c9-3e1d-406e-9a91-e9ac64854143' });
  // Fixed entry dates: the same spec always gives the same bytes.
  const zip = await JSZip.loadAsync(data);
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
