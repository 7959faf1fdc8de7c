import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { RawValue } from '../domain/budget';
import type { Lang } from '../domain/findings';
import { parseRange, toA1, type SheetSnapshot, type WorkbookSnapshot } from '../sheet/grid';
import { logicalSettings } from '../sheet/stored-state';

export type UnreadableReason =
  | 'missing'
  | 'folder'
  | 'permission'
  | 'io'
  | 'empty'
  | 'old-format'
  | 'not-zip'
  | 'damaged'
  | 'no-sheets'
  | 'sheet-unreadable';

const REASONS: Record<UnreadableReason, { en: string; zh: string }> = {
  missing: { en: 'the file does not exist', zh: '檔案不存在' },
  folder: { en: 'this is a folder, not a file', zh: '這是資料夾，不是檔案' },
  permission: { en: 'permission denied: the file cannot be opened', zh: '沒有權限開啟此檔案' },
  io: { en: 'the file cannot be opened', zh: '檔案無法開啟' },
  empty: { en: 'the file is empty', zh: '檔案是空的' },
  'old-format': {
    en: 'this is an old-format .xls file or a password-protected workbook, not a plain .xlsx',
    zh: '這是舊版 .xls 檔或設有密碼的活頁簿，不是一般的 .xlsx',
  },
  'not-zip': { en: 'the file is not an .xlsx workbook (it is not a zip archive)', zh: '這不是 .xlsx 活頁簿（不是 zip 格式）' },
  damaged: { en: 'the file is damaged or not an .xlsx workbook', zh: '檔案已損毀或不是 .xlsx 活頁簿' },
  'no-sheets': { en: 'the file is not an .xlsx workbook (it holds no worksheets)', zh: '這不是 .xlsx 活頁簿（沒有任何工作表）' },
  'sheet-unreadable': { en: 'a worksheet could not be read', zh: '有工作表無法讀取' },
};

/** A file that is missing, not an .xlsx workbook, or corrupt. `reason` says which, in plain words. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: UnreadableReason,
    /** The underlying library's words, when they add something (a zip error, an errno). */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${REASONS[code].en}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'UnreadableFileError';
  }

  /** Why the file cannot be read, in the user's language. */
  reason(lang: Lang = 'en'): string {
    const words = lang === 'en' ? REASONS[this.code].en : REASONS[this.code].zh;
    return this.detail ? (lang === 'en' ? `${words} (${this.detail})` : `${words}（${this.detail}）`) : words;
  }
}

/** Reads an .xlsx file into a snapshot: every worksheet's used range, merges, and the add-in's stored settings. */
export async function readWorkbookFile(path: string): Promise<WorkbookSnapshot> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const { code, detail } = describeFsError(error);
    throw new UnreadableFileError(path, code, detail, { cause: error });
  }
  return readWorkbookBuffer(data, path);
}

/** Reads an .xlsx workbook held in memory; `name` only labels errors. */
export async function readWorkbookBuffer(data: Buffer | Uint8Array, name = 'workbook'): Promise<WorkbookSnapshot> {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length === 0) throw new UnreadableFileError(name, 'empty');
  // Every .xlsx is a zip archive, which starts "PK\x03\x04"; anything else (an old .xls, a CSV, a PDF) is not a workbook.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    // Old binary .xls files and password-protected workbooks are OLE compound documents (D0 CF 11 E0).
    const ole = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0;
    throw new UnreadableFileError(name, ole ? 'old-format' : 'not-zip');
  }

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's type for load() predates Node's generic Buffer; the runtime accepts any Buffer.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UnreadableFileError(name, 'damaged', messageOf(error), { cause: error });
  }
  if (workbook.worksheets.length === 0) {
    throw new UnreadableFileError(name, 'no-sheets');
  }

  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  let sheets: SheetSnapshot[];
  try {
    sheets = workbook.worksheets.map((ws) => sheetSnapshot(ws, date1904));
  } catch (error) {
    throw new UnreadableFileError(name, 'sheet-unreadable', messageOf(error), { cause: error });
  }
  const [raw, calcMode] = await Promise.all([readWebExtensionSettings(buffer), readCalcMode(buffer)]);
  // The add-in keeps its state in one JSON setting (src/sheet/stored-state.ts); present it under the logical keys.
  return { sheets, settings: { ...raw, ...logicalSettings(raw) }, ...(calcMode ? { calcMode } : {}) };
}

/** Snapshot of one worksheet (exported for the adapter's round-trip tests on in-memory workbooks). */
export function sheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  type Entry = { row: number; col: number; value: RawValue; formula: string | null; numFmt: string };
  const entries: Entry[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;

  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      // A merged area's value lives in its top-left cell; Excel reports the others as blank, and so do we.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const { value, formula } = cellContent(cell, date1904);
      if (value === null && formula === null) return;
      const r = Number(cell.row) - 1;
      const c = Number(cell.col) - 1;
      entries.push({ row: r, col: c, value, formula, numFmt: cell.numFmt || 'General' });
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    });
  });

  const merges = readMerges(ws);
  // Excel's used range covers merged areas whole (a title merged over A1:E1 spans five columns).
  if (entries.length > 0) {
    for (const area of merges) {
      const m = parseRange(area);
      top = Math.min(top, m.top);
      left = Math.min(left, m.left);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
  }
  if (entries.length === 0) {
    return { name: ws.name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], merges };
  }

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: RawValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 0; r < height; r++) {
    values.push(new Array<RawValue>(width).fill(null));
    formulas.push(new Array<string | null>(width).fill(null));
    numberFormats.push(new Array<string>(width).fill('General'));
  }
  for (const e of entries) {
    values[e.row - top][e.col - left] = e.value;
    formulas[e.row - top][e.col - left] = e.formula;
    numberFormats[e.row - top][e.col - left] = e.numFmt;
  }
  // Blank cells inside the range still carry their format (a percent column formatted ahead of typing).
  for (let r = top; r <= bottom; r++) {
    const row = ws.findRow(r + 1);
    if (!row) continue;
    for (let c = left; c <= right; c++) {
      if (values[r - top][c - left] !== null || formulas[r - top][c - left] !== null) continue;
      const cell = row.findCell(c + 1);
      if (cell?.numFmt) numberFormats[r - top][c - left] = cell.numFmt;
    }
  }
  return { name: ws.name, origin: { row: top, col: left }, values, formulas, numberFormats, merges, ...hiddenRowsAndCols(ws, top, bottom, left, right) };
}

/** Maps every kind of ExcelJS cell value to what Office.js would report: a plain value plus formula text. */
function cellContent(cell: ExcelJS.Cell, date1904: boolean): { value: RawValue; formula: string | null } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null, formula: null };
  if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    // cell.formula resolves a shared formula's text for this cell from its master.
    const text = cell.formula ?? (v as { formula?: string }).formula;
    return {
      // cell.result, not value.result: ExcelJS leaves a cached result of 0 out of the value object.
      value: plainValue(cell.result ?? (v as { result?: unknown }).result, date1904),
      formula: text ? `=${text.replace(/^=/, '')}` : null,
    };
  }
  return { value: plainValue(v, date1904), formula: null };
}

function plainValue(v: unknown, date1904: boolean): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'boolean') return v;
  // Dates become Excel serial numbers, as Office.js reports them.
  if (v instanceof Date) return 25569 + v.getTime() / 86_400_000 - (date1904 ? 1462 : 0);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.richText)) {
      const text = o.richText.map((run: { text?: unknown }) => (typeof run?.text === 'string' ? run.text : '')).join('');
      return text === '' ? null : text;
    }
    if ('text' in o) return plainValue(o.text, date1904); // hyperlink: { text, hyperlink }; text may be rich text
    if ('result' in o) return plainValue(o.result, date1904);
  }
  return null;
}

/** Hidden rows and columns within the used range (the formula-hygiene rules look for amounts hidden in a table). */
function hiddenRowsAndCols(ws: ExcelJS.Worksheet, top: number, bottom: number, left: number, right: number): { hiddenRows?: number[]; hiddenCols?: number[] } {
  const hiddenRows: number[] = [];
  for (let r = top; r <= bottom; r++) if (ws.findRow(r + 1)?.hidden) hiddenRows.push(r);
  const hiddenCols: number[] = [];
  for (let c = left; c <= right; c++) if ((ws.columns?.[c] as ExcelJS.Column | undefined)?.hidden) hiddenCols.push(c);
  return { ...(hiddenRows.length ? { hiddenRows } : {}), ...(hiddenCols.length ? { hiddenCols } : {}) };
}

/** The workbook's calculation mode (`<calcPr calcMode="manual"/>` in xl/workbook.xml), which ExcelJS does not keep. */
async function readCalcMode(buffer: Buffer): Promise<WorkbookSnapshot['calcMode']> {
  try {
    const zip = await JSZip.loadAsync(buffer);
    const part = zip.file('xl/workbook.xml');
    if (!part) return undefined;
    const mode = /<(?:\w+:)?calcPr\b[^>]*\bcalcMode\s*=\s*["'](\w+)["']/.exec(await part.async('string'))?.[1];
    return mode === 'manual' ? 'manual' : mode === 'autoNoTable' ? 'semiautomatic' : mode === 'auto' ? 'automatic' : undefined;
  } catch {
    return undefined; // a workbook part we cannot read leaves the mode unknown, as for a host that cannot tell
  }
}

function readMerges(ws: ExcelJS.Worksheet): string[] {
  // ExcelJS keeps merges in a private map; reading `ws.model` instead would serialise the whole sheet.
  const merges = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })
    ._merges;
  if (!merges) return [];
  return Object.values(merges)
    .filter(Boolean)
    .map((m) => `${toA1(m.top - 1, m.left - 1)}:${toA1(m.bottom - 1, m.right - 1)}`);
}

/**
 * Office stores an add-in's document settings in the file's web-extension part as
 * `<we:property name="key" value="json"/>`. Best effort: a workbook without them, or with a part we cannot read, simply
 * has no settings.
 */
export async function readWebExtensionSettings(buffer: Buffer): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  try {
    const zip = await JSZip.loadAsync(buffer);
    const parts = Object.keys(zip.files)
      .filter((name) => /^\/?xl\/webextensions\/webextension[^/]*\.xml$/i.test(name))
      .sort();
    for (const name of parts) {
      const xml = await zip.files[name].async('string');
      Object.assign(settings, parseWebExtensionProperties(xml));
    }
  } catch {
    // Settings are a convenience (the program id); a file whose part cannot be read is still checked.
  }
  return settings;
}

/** The `<we:property>` pairs of one web-extension part. A JSON string value is unwrapped; other JSON stays as text. */
export function parseWebExtensionProperties(xml: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?property\b([^>]*?)\/?>/g)) {
    const attrs = parseAttributes(match[1]);
    if (attrs.name === undefined || attrs.value === undefined) continue;
    settings[attrs.name] = unwrapJsonString(attrs.value);
  }
  return settings;
}

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1]] = decodeXmlEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const e = entity.toLowerCase();
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

function unwrapJsonString(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

function describeFsError(error: unknown): { code: UnreadableReason; detail?: string } {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOENT') return { code: 'missing' };
  if (errno === 'EISDIR') return { code: 'folder' };
  if (errno === 'EACCES' || errno === 'EPERM') return { code: 'permission' };
  return { code: 'io', detail: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
