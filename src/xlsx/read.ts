import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { RawValue } from '../domain/budget';
import type { Lang } from '../domain/findings';
import { fillUncachedFormulas, shiftFormula } from '../sheet/formula';
import { fromA1, SHEET_READ_BOUNDS, toA1, type SheetClipping, type SheetSnapshot, type WorkbookSnapshot } from '../sheet/grid';
import { logicalSettings } from '../sheet/stored-state';
import { attribute, attributes, decodeXmlEntities, XmlScanner } from './xml-scan';
import { megabytes, StopReading, ZipArchive, ZipError } from './zip';

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
  | 'sheet-unreadable'
  | 'not-regular'
  | 'too-large'
  | 'bomb'
  | 'timeout'
  | 'memory'
  | 'crashed';

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
  'not-regular': { en: 'this is not a regular file (a device, pipe or socket)', zh: '這不是一般檔案（是裝置、管道或通訊端）' },
  'too-large': { en: 'the file is larger than the read bound (--max-file-mb)', zh: '檔案大於讀取上限（--max-file-mb）' },
  bomb: {
    en: 'a part of the file expands far beyond any workbook (a zip bomb); reading stopped',
    zh: '檔案內容解壓後遠大於任何活頁簿（壓縮炸彈），已停止讀取',
  },
  timeout: { en: 'reading and checking the file took longer than the time bound (--file-timeout)', zh: '讀取與檢查此檔案超過時間上限（--file-timeout）' },
  memory: { en: 'reading and checking the file needed more memory than the bound', zh: '讀取與檢查此檔案所需記憶體超過上限' },
  crashed: { en: 'reading the file stopped unexpectedly', zh: '讀取此檔案時意外中止' },
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

/** How much of a file is read. The defaults fit every real application; a file beyond them is reported, never hung on. */
export interface ReadLimits {
  /** Files larger than this are not read at all. */
  maxFileBytes: number;
  /** No part of the archive may inflate to more than this (a zip bomb is stopped here). */
  maxPartBytes: number;
  /** Rows and columns kept per sheet: a budget table sits near a sheet's top-left corner. */
  maxRows: number;
  maxCols: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPartBytes: 256 * 1024 * 1024,
  maxRows: SHEET_READ_BOUNDS.rows,
  maxCols: SHEET_READ_BOUNDS.cols,
};

/** Parts that are small in every real workbook (workbook.xml, styles, relationships) are read whole under this bound. */
const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;
/** Merged areas kept per sheet; a sheet with more is a crafted file, and merges only help locate headers. */
const MAX_MERGES = 20_000;
/** A merge larger than this (cells) does not widen the used range: a whole-sheet merge must not make it dense. */
const MAX_WIDENING_MERGE_CELLS = 10_000;
/** Cell visits spent on blanking the covered cells of merged areas, per sheet. */
const MERGE_WORK_BUDGET = 5_000_000;
/** Excel's own limit on the text of one cell; longer text is cut here so one value cannot fill memory. */
const MAX_CELL_TEXT = 32_767;

/**
 * Reads an .xlsx file into a snapshot: every worksheet's used range (within the read bounds), merges, and the add-in's
 * stored settings. Only a regular file is read (a FIFO or a device such as /dev/zero is refused without blocking), and
 * only up to `maxFileBytes`.
 */
export async function readWorkbookFile(path: string, limits: Partial<ReadLimits> = {}): Promise<WorkbookSnapshot> {
  const bounds = { ...DEFAULT_READ_LIMITS, ...limits };
  let data: Buffer;
  let fd: number | undefined;
  // Synchronous calls: a file is read by one worker (or one CLI run) at a time, and four round trips through libuv's
  // thread pool per file cost more than reading a budget workbook does (profiled over 208 files).
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It changes nothing for files.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new UnreadableFileError(path, 'folder');
    if (!info.isFile()) throw new UnreadableFileError(path, 'not-regular', kindOf(info));
    if (info.size > bounds.maxFileBytes) {
      throw new UnreadableFileError(path, 'too-large', `${megabytes(info.size)} > ${megabytes(bounds.maxFileBytes)}`);
    }
    data = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < data.length) {
      const bytesRead = readSync(fd, data, filled, data.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    data = data.subarray(0, filled);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const { code, detail } = describeFsError(error);
    throw new UnreadableFileError(path, code, detail, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return readWorkbookBuffer(data, path, bounds);
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'FIFO';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  if (info.isSocket()) return 'socket';
  return 'special file';
}

/** Reads an .xlsx workbook held in memory; `name` only labels errors. */
export async function readWorkbookBuffer(
  data: Buffer | Uint8Array,
  name = 'workbook',
  limits: Partial<ReadLimits> = {},
): Promise<WorkbookSnapshot> {
  const bounds = { ...DEFAULT_READ_LIMITS, ...limits };
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length === 0) throw new UnreadableFileError(name, 'empty');
  // Every .xlsx is a zip archive, which starts "PK\x03\x04"; anything else (an old .xls, a CSV, a PDF) is not a workbook.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    // Old binary .xls files and password-protected workbooks are OLE compound documents (D0 CF 11 E0).
    const ole = buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0;
    throw new UnreadableFileError(name, ole ? 'old-format' : 'not-zip');
  }
  try {
    const zip = new ZipArchive(buffer);
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
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    if (error instanceof ZipError) {
      const code = error.kind === 'bomb' ? 'bomb' : error.kind === 'encrypted' ? 'old-format' : 'damaged';
      throw new UnreadableFileError(name, code, error.message, { cause: error });
    }
    throw new UnreadableFileError(name, 'damaged', messageOf(error), { cause: error });
  }
}

interface SheetPart {
  name: string;
  path: string;
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

function relationships(zip: ZipArchive, path: string, folder: string): Map<string, { type: string; target: string }> {
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

/** A cell as read from sheet XML, before shared strings are resolved. */
interface RawCell {
  row: number;
  col: number;
  value: RawValue;
  /** Index into the shared strings when the cell is a shared string. */
  sst: number | null;
  formula: string | null;
  format: string;
}

interface RawSheet {
  name: string;
  cells: RawCell[];
  /** Non-General formats of blank cells, "row,col" → format; they count only inside the used range. */
  blankFormats: Map<number, string>;
  merges: Rect[];
  /** Hidden rows (within the read bounds) and hidden column spans, for the rule on amounts hidden in a table. */
  hiddenRows: Set<number>;
  hiddenCols: { min: number; max: number }[];
  /** Formula cells saved without a cached result (files written by scripts), "A1" addresses. */
  uncached: string[];
  clipped: SheetClipping | undefined;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Streams one worksheet part, keeping only cells inside the read bounds. Rows come in order, so at the first row past
 * the bound the rest of the part is not even inflated: a 700,000-row data sheet costs the same as a 5,000-row one.
 */
async function readSheetPart(zip: ZipArchive, part: SheetPart, formats: string[], limits: ReadLimits): Promise<RawSheet> {
  const sheet: RawSheet = { name: part.name, cells: [], blankFormats: new Map(), merges: [], hiddenRows: new Set(), hiddenCols: [], uncached: [], clipped: undefined };
  const clip = (update: Partial<SheetClipping>) => {
    sheet.clipped = { ...(sheet.clipped ?? { skippedCells: 0 }), ...update };
  };
  const sharedMasters = new Map<string, { row: number; col: number; text: string }>();
  let row = -1;
  let col = -1;
  let dimension: string | undefined;
  // The cell being read.
  let cell: { row: number; col: number; type: string; style: number; keep: boolean } | null = null;
  let value: string | null = null;
  let formulaText: string | null = null;
  let sharedIndex: string | null = null;
  let sharedRef: string | null = null;
  let inline: string | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;
  let text = '';
  let stopped = false;

  const scanner = new XmlScanner({
    wantsText: () => capture !== null && phonetic === 0,
    text(piece, cdata) {
      if (text.length < MAX_CELL_TEXT) text += cdata ? escapeXmlText(piece) : piece;
    },
    open(tag, attrs, selfClosing) {
      switch (tag) {
        case 'dimension':
          dimension = attribute(attrs, 'ref');
          break;
        case 'row': {
          const r = attribute(attrs, 'r');
          row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
          col = -1;
          if (row >= limits.maxRows) {
            clip({ rowsFrom: row, dimension });
            stopped = true;
            throw new StopReading();
          }
          if (isTrue(attribute(attrs, 'hidden'))) sheet.hiddenRows.add(row);
          break;
        }
        case 'col': {
          if (!isTrue(attribute(attrs, 'hidden')) || sheet.hiddenCols.length >= MAX_MERGES) break;
          const min = Number(attribute(attrs, 'min'));
          const max = Number(attribute(attrs, 'max'));
          if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) sheet.hiddenCols.push({ min: min - 1, max: max - 1 });
          break;
        }
        case 'c': {
          const r = attribute(attrs, 'r');
          const at = r !== undefined ? cellAddress(r) : null;
          if (at) ({ row, col } = at);
          else col += 1;
          if (row < 0) row = 0;
          const keep = row < limits.maxRows && col < limits.maxCols;
          if (!keep) {
            clip({ skippedCells: (sheet.clipped?.skippedCells ?? 0) + 1, colsFrom: Math.min(sheet.clipped?.colsFrom ?? Infinity, col), dimension });
          }
          cell = { row, col, type: attribute(attrs, 't') ?? 'n', style: Number(attribute(attrs, 's') ?? 0), keep };
          value = formulaText = sharedIndex = sharedRef = inline = null;
          if (selfClosing) finishCell();
          break;
        }
        case 'v':
          if (cell?.keep) startText('v');
          break;
        case 'f':
          if (!cell?.keep) break;
          if (attribute(attrs, 't') === 'shared') {
            sharedIndex = attribute(attrs, 'si') ?? null;
            sharedRef = attribute(attrs, 'ref') ?? null;
          }
          if (!selfClosing) startText('f');
          break;
        case 'is':
          if (cell?.keep) inline = '';
          break;
        case 't':
          if (inline !== null) startText('t');
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell': {
          if (sheet.merges.length >= MAX_MERGES) break;
          const ref = attribute(attrs, 'ref');
          const rect = ref ? rangeRect(ref) : null;
          if (rect) sheet.merges.push(rect);
          break;
        }
      }
    },
    close(tag) {
      switch (tag) {
        case 'v':
          if (capture === 'v') (value = text), (capture = null);
          break;
        case 'f':
          if (capture === 'f') (formulaText = text), (capture = null);
          break;
        case 't':
          if (capture === 't') (inline = (inline ?? '') + text), (capture = null);
          break;
        case 'rPh':
          phonetic = Math.max(0, phonetic - 1);
          break;
        case 'c':
          finishCell();
          break;
      }
    },
  });

  function startText(kind: 'v' | 'f' | 't') {
    capture = kind;
    text = '';
  }

  function finishCell() {
    const c = cell;
    cell = null;
    if (!c || !c.keep) return;
    const format = formats[c.style] ?? 'General';
    let formula = formulaText !== null && formulaText !== '' ? decodeXmlEntities(formulaText) : null;
    if (sharedIndex !== null) {
      const master = sharedMasters.get(sharedIndex);
      if (formula !== null && sharedRef !== null) sharedMasters.set(sharedIndex, { row: c.row, col: c.col, text: formula });
      else if (formula === null && master) formula = shiftFormula(master.text, c.row - master.row, c.col - master.col);
    }
    let v: RawValue = null;
    let sst: number | null = null;
    if (value !== null) {
      const decoded = decodeXmlEntities(value);
      switch (c.type) {
        case 's':
          sst = /^\d+$/.test(decoded.trim()) ? Number(decoded) : null;
          break;
        case 'b':
          v = decoded.trim() === '1' || decoded.trim().toLowerCase() === 'true';
          break;
        case 'str':
        case 'e':
          v = decoded === '' ? null : decoded;
          break;
        case 'd':
          v = dateSerial(decoded);
          break;
        case 'inlineStr':
          v = decoded === '' ? null : decoded;
          break;
        default: {
          const n = Number(decoded);
          v = decoded.trim() !== '' && Number.isFinite(n) ? n : null;
        }
      }
    } else if (inline !== null) {
      const decoded = decodeXmlEntities(inline);
      v = decoded === '' ? null : decoded;
    }
    if (formula !== null && value === null) sheet.uncached.push(toA1(c.row, c.col));
    if (v === null && sst === null && formula === null) {
      if (format !== 'General') sheet.blankFormats.set(c.row * SHEET_COLS + c.col, format);
      return;
    }
    // Each position can hold one cell; more cells than positions means the same cells repeated (a crafted file).
    if (sheet.cells.length >= limits.maxRows * limits.maxCols) {
      throw new ZipError(`sheet ${part.name} repeats cells beyond its ${limits.maxRows} × ${limits.maxCols} read bounds`, 'bomb');
    }
    sheet.cells.push({ row: c.row, col: c.col, value: v, sst, formula: formula === null ? null : `=${formula.replace(/^=/, '')}`, format });
  }

  await zip.stream(part.path, limits.maxPartBytes, (chunk) => {
    if (!stopped) scanner.feed(chunk);
  });
  return sheet;
}

/** CDATA text is literal; it is escaped so that decoding all of a value's text at once leaves it unchanged. */
function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const isTrue = (value: string | undefined) => value === '1' || value === 'true';

/** Excel's column count; a cell key is row × this + column. */
const SHEET_COLS = 16_384;

function cellAddress(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const { row, col } = fromA1(`${m[1]}${m[2]}`);
  return row >= 0 && col >= 0 ? { row, col } : null;
}

function rangeRect(ref: string): Rect | null {
  const [a, b = a] = ref.split(':');
  const p = cellAddress(a);
  const q = cellAddress(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** An ISO date (t="d" cells) as an Excel serial number, as Office.js reports dates. */
function dateSerial(iso: string): RawValue {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(t) ? 25569 + t / 86_400_000 : iso;
}

/**
 * The shared strings the kept cells refer to, and only those: the part is streamed, so a data sheet's million strings
 * are never all held.
 */
async function readSharedStrings(zip: ZipArchive, path: string | null, sheets: RawSheet[], limits: ReadLimits): Promise<Map<number, string>> {
  const wanted = new Set<number>();
  for (const s of sheets) for (const c of s.cells) if (c.sst !== null) wanted.add(c.sst);
  const strings = new Map<number, string>();
  if (path === null || wanted.size === 0) return strings;
  let last = 0;
  for (const i of wanted) if (i > last) last = i;
  let index = -1;
  let inItem = false;
  let capture = false;
  let phonetic = 0;
  let text = '';
  const scanner = new XmlScanner({
    wantsText: () => capture && phonetic === 0 && wanted.has(index),
    text(piece) {
      if (text.length < MAX_CELL_TEXT) text += piece;
    },
    open(tag) {
      if (tag === 'si') {
        index++;
        inItem = true;
        text = '';
      } else if (tag === 't' && inItem) capture = true;
      else if (tag === 'rPh') phonetic++;
    },
    close(tag) {
      if (tag === 't') capture = false;
      else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (tag === 'si') {
        inItem = false;
        if (wanted.has(index)) strings.set(index, decodeXmlEntities(text));
        if (index >= last) throw new StopReading();
      }
    },
  });
  await zip.stream(path, limits.maxPartBytes, (chunk) => scanner.feed(chunk));
  return strings;
}

/** The dense snapshot of a sheet's used range (cells, plus merges small enough to be part of a layout). */
function assembleSheet(raw: RawSheet, strings: Map<number, string>): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const c of raw.cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  const merges: string[] = [];
  const coveredByMerge = new Set<number>();
  if (raw.cells.length > 0) {
    for (const m of raw.merges) {
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      let rect = m;
      if (area <= MAX_WIDENING_MERGE_CELLS) {
        // Excel's used range covers merged areas whole (a title merged over A1:E1 spans five columns).
        top = Math.min(top, m.top);
        left = Math.min(left, m.left);
        bottom = Math.max(bottom, m.bottom);
        right = Math.max(right, m.right);
      } else {
        // A merge over a whole sheet is clipped to the cells there are; it must not make the snapshot dense.
        rect = { top: m.top, left: m.left, bottom: Math.min(m.bottom, bottom), right: Math.min(m.right, right) };
        if (rect.bottom < rect.top || rect.right < rect.left) continue;
      }
      merges.push(`${toA1(rect.top, rect.left)}:${toA1(rect.bottom, rect.right)}`);
    }
    // A merged area's value lives in its top-left cell; Excel reports the others as blank, and so do we. Each merge
    // costs the smaller of its area and the number of cells, within a total budget a crafted file cannot exceed.
    const at = new Map<number, RawCell>();
    for (const c of raw.cells) at.set(c.row * SHEET_COLS + c.col, c);
    let budget = MERGE_WORK_BUDGET;
    for (const m of raw.merges) {
      const area = (Math.min(m.bottom, bottom) - m.top + 1) * (Math.min(m.right, right) - m.left + 1);
      if (area <= 1) continue;
      budget -= Math.min(area, raw.cells.length);
      if (budget < 0) break;
      const covered = (row: number, col: number) => (row !== m.top || col !== m.left) && at.has(row * SHEET_COLS + col);
      if (area <= raw.cells.length) {
        for (let r = m.top; r <= Math.min(m.bottom, bottom); r++) {
          for (let c = m.left; c <= Math.min(m.right, right); c++) if (covered(r, c)) coveredByMerge.add(r * SHEET_COLS + c);
        }
      } else {
        for (const c of raw.cells) {
          if (c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right && covered(c.row, c.col)) coveredByMerge.add(c.row * SHEET_COLS + c.col);
        }
      }
    }
  } else {
    for (const m of raw.merges) merges.push(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`);
  }
  const extra = { ...(raw.clipped ? { clipped: raw.clipped } : {}) };
  if (raw.cells.length === 0) return { name: raw.name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], merges, ...extra };

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
  // Blank cells inside the range still carry their format (a percent column formatted ahead of typing).
  for (const [key, format] of raw.blankFormats) {
    const r = Math.floor(key / SHEET_COLS);
    const c = key % SHEET_COLS;
    if (r >= top && r <= bottom && c >= left && c <= right) numberFormats[r - top][c - left] = format;
  }
  for (const c of raw.cells) {
    numberFormats[c.row - top][c.col - left] = c.format;
    if (coveredByMerge.has(c.row * SHEET_COLS + c.col)) continue;
    values[c.row - top][c.col - left] = c.sst !== null ? (strings.get(c.sst) ?? null) || null : c.value;
    formulas[c.row - top][c.col - left] = c.formula;
  }
  // Hidden rows and columns within the used range, as the ExcelJS reader gave them.
  const hiddenRows = [...raw.hiddenRows].filter((r) => r >= top && r <= bottom).sort((a, b) => a - b);
  const hiddenCols: number[] = [];
  for (let c = left; c <= right; c++) if (raw.hiddenCols.some((span) => c >= span.min && c <= span.max)) hiddenCols.push(c);
  return {
    name: raw.name,
    origin: { row: top, col: left },
    values,
    formulas,
    numberFormats,
    merges,
    ...extra,
    ...(hiddenRows.length ? { hiddenRows } : {}),
    ...(hiddenCols.length ? { hiddenCols } : {}),
  };
}

/** Whole-part scan for the small parts. */
function scanWhole(xml: string, handler: { open(tag: string, attrs: string): void; close?(tag: string): void }): void {
  const scanner = new XmlScanner({
    wantsText: () => false,
    text: () => undefined,
    open: (tag, attrs) => handler.open(tag, attrs),
    close: (tag) => handler.close?.(tag),
  });
  scanner.feed(xml);
}

function readSettingsFrom(zip: ZipArchive): Record<string, string> {
  const settings: Record<string, string> = {};
  try {
    const parts = zip
      .names()
      .filter((name) => /^xl\/webextensions\/webextension[^/]*\.xml$/i.test(name))
      .sort();
    for (const part of parts) Object.assign(settings, parseWebExtensionProperties(zip.text(part, MAX_SMALL_PART_BYTES) ?? ''));
  } catch {
    // Settings are a convenience (the program id); a file whose part cannot be read is still checked.
  }
  return settings;
}

/**
 * Office stores an add-in's document settings in the file's web-extension part as
 * `<we:property name="key" value="json"/>`. Best effort: a workbook without them, or with a part we cannot read, simply
 * has no settings.
 */
export async function readWebExtensionSettings(buffer: Buffer): Promise<Record<string, string>> {
  try {
    return readSettingsFrom(new ZipArchive(buffer));
  } catch {
    return {};
  }
}

/** The `<we:property>` pairs of one web-extension part. A JSON string value is unwrapped; other JSON stays as text. */
export function parseWebExtensionProperties(xml: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?property\b([^>]*?)\/?>/g)) {
    const attrs = attributes(match[1]);
    if (attrs.name === undefined || attrs.value === undefined) continue;
    settings[attrs.name] = unwrapJsonString(attrs.value);
  }
  return settings;
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
