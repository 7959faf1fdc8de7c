import { fillUncachedFormulas } from '../sheet/formula';
import type { WorkbookSnapshot } from '../sheet/grid';
import { logicalSettings } from '../sheet/stored-state';
import { MAX_SMALL_PART_BYTES, messageOf, UnreadableFileError, type ReadLimits } from './file';
import { assembleSheet, type RawSheet } from './raw-sheet';
import { readSettingsFrom } from './settings';
import { attribute, attributes, XmlScanner } from './xml-scan';
import { readSharedStrings, readSheetPart, type SheetPart } from './xlsx-sheet';
import { ZipError, type ZipArchive } from './zip';

/** An .xlsx / .xlsm workbook (Office Open XML spreadsheet) read from its zip archive into a snapshot. */
export async function readXlsxArchive(zip: ZipArchive, name: string, bounds: ReadLimits): Promise<WorkbookSnapshot> {
  const book = readWorkbookPart(zip);
  if (book.sheets.length === 0) throw new UnreadableFileError(name, 'no-sheets');
  const formats = readNumberFormats(zip);
  const raws: RawSheet[] = [];
  for (const sheet of book.sheets) {
    try {
      raws.push(await readSheetPart(zip, sheet, formats, bounds));
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new UnreadableFileError(name, 'sheet-unreadable', `${sheet.name}: ${messageOf(error)}`, { cause: error });
    }
  }
  const strings = await readSharedStrings(zip, book.sharedStrings, raws, bounds);
  const sheets = raws.map((raw) => assembleSheet(raw, strings));
  const uncached = new Map(raws.map((raw) => [raw.name, raw.uncached]));
  fillUncachedFormulas(sheets, uncached);
  const raw = readSettingsFrom(zip);
  // The add-in keeps its state in one JSON setting (src/sheet/stored-state.ts); present it under the logical keys.
  return { sheets, settings: { ...raw, ...logicalSettings(raw) }, ...(book.calcMode ? { calcMode: book.calcMode } : {}) };
}

/** Sheet names in workbook order with their part paths, the shared-strings part, and the date system. */
function readWorkbookPart(zip: ZipArchive): { sheets: SheetPart[]; sharedStrings: string | null; calcMode?: WorkbookSnapshot['calcMode'] } {
  const rootRels = relationships(zip, '_rels/.rels', '');
  const bookPath = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const xml = zip.text(bookPath, MAX_SMALL_PART_BYTES);
  if (xml === null) return { sheets: [], sharedStrings: null };
  const folder = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
  const rels = relationships(zip, `${folder}_rels/${bookPath.slice(folder.length)}.rels`, folder);
  const sheets: SheetPart[] = [];
  let calcMode: WorkbookSnapshot['calcMode'];
  scanWhole(xml, {
    open(tag, attrs) {
      if (tag === 'calcPr') {
        // ExcelJS did not keep this; the manual-calculation rule wants it (cached results may be stale).
        const mode = attribute(attrs, 'calcMode');
        calcMode = mode === 'manual' ? 'manual' : mode === 'autoNoTable' ? 'semiautomatic' : mode === 'auto' ? 'automatic' : undefined;
      }
      if (tag !== 'sheet') return;
      const a = attributes(attrs);
      const rel = rels.get(a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '');
      // Chart sheets and dialog sheets have no cells; only worksheets are read, as ExcelJS and Office.js list them.
      if (a.name !== undefined && rel && rel.type.endsWith('/worksheet')) sheets.push({ name: a.name, path: rel.target });
    },
  });
  const shared = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? null;
  return { sheets, sharedStrings: shared, ...(calcMode ? { calcMode } : {}) };
}

export function relationships(zip: ZipArchive, path: string, folder: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  const xml = zip.text(path, MAX_SMALL_PART_BYTES);
  if (xml === null) return rels;
  scanWhole(xml, {
    open(tag, attrs) {
      if (tag !== 'Relationship') return;
      const a = attributes(attrs);
      if (!a.Id || !a.Target || a.TargetMode === 'External') return;
      rels.set(a.Id, { type: a.Type ?? '', target: resolvePartPath(folder, a.Target) });
    },
  });
  return rels;
}

/** "worksheets/sheet1.xml" relative to "xl/" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute; ".." is resolved. */
function resolvePartPath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Excel's built-in number formats (ECMA-376 §18.8.30), the ones a file refers to by id alone. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  48: '##0.0E+0', 49: '@',
};

/** The number format code of each cell style index (cellXfs). */
function readNumberFormats(zip: ZipArchive): string[] {
  const path = zip.names().find((n) => /^xl\/styles\.xml$/i.test(n));
  const xml = path ? zip.text(path, MAX_SMALL_PART_BYTES) : null;
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  scanWhole(xml, {
    open(tag, attrs) {
      if (tag === 'numFmt') {
        const a = attributes(attrs);
        if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      } else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) {
        const id = Number(attribute(attrs, 'numFmtId') ?? 0);
        formats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
      }
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  });
  return formats;
}

/** Whole-part scan for the small parts. */
export function scanWhole(xml: string, handler: { open(tag: string, attrs: string): void; close?(tag: string): void }): void {
  const scanner = new XmlScanner({
    wantsText: () => false,
    text: () => undefined,
    open: (tag, attrs) => handler.open(tag, attrs),
    close: (tag) => handler.close?.(tag),
  });
  scanner.feed(xml);
}
