/**
 * Reading a workbook snapshot through Office.js using only documented behaviour.
 *
 * * Sheets are addressed by what the last read learned (their ids) with `worksheets.getItem(id)`, in the same batch as
 *   the collection's `items/name,id`; a second sync happens only when the set of sheets changed (a new sheet is read
 *   then; a deleted one fails the batch with ItemNotFound, after which the read starts over from the names). Nothing is
 *   ever called through a null object: what Excel does with that is not documented
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
 * * Excel on the web refuses requests and responses over 5 MB
 *   (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 *   and large ranges may come back as `values: null` (https://learn.microsoft.com/office/dev/add-ins/excel/performance).
 *   So a sheet whose last reading was larger than the budget is read in row bands
 *   (`getRange("a:b").getUsedRangeOrNullObject(true)`), each sync kept under the budget; a payload refusal or a null
 *   `values` halves the budget and reads again.
 */
import { type WorkbookSnapshot, type SheetSnapshot, columnLetter, parseRange } from '../sheet/grid';
import { snapshotCell } from './cells';
import { ExcelHostError, toExcelHostError } from './errors';

/** A sheet as the last read left it: enough to plan the next read. */
export interface KnownSheet {
  id: string;
  name: string;
  /** Cells in its used range (values only). */
  cells: number;
  /** Measured JSON bytes per cell of values + formulas + number formats. */
  bytesPerCell: number;
  /** Below ExcelApi 1.9: rows / columns the last read had to ask one by one (some hidden); asked again in the first sync. */
  hiddenProbes?: ProbeSpans;
}

/** Zero-based, inclusive spans of rows / columns whose hidden state is asked one by one. */
interface ProbeSpans {
  rows?: [number, number];
  cols?: [number, number];
}

interface Probes {
  spans: ProbeSpans;
  rows: [number, Excel.Range][];
  cols: [number, Excel.Range][];
}

/** Note locations asked for at most; a workbook with more is "notes unknown" (marks then add no notes). */
export const MAX_NOTES_LOCATED = 500;
/** Rows / columns whose hidden state is asked one by one below ExcelApi 1.9, at most (beyond: not reported). */
const MAX_HIDDEN_PROBES = { rows: 5_000, cols: 256 } as const;
/**
 * Below ExcelApi 1.9, a sheet never seen has its first rows and columns asked with its first look, where budget tables
 * and 基本資料 sit, so that a first read stays two syncs even when some are hidden; a larger sheet with hidden rows or
 * columns beyond these takes a third.
 */
const FIRST_READ_PROBES: ProbeSpans = { rows: [0, 199], cols: [0, 25] };

/** Bytes of sheet data per sync: well under 5 MB, since the wire format is larger than the JSON we can measure. */
export const DEFAULT_READ_BUDGET_BYTES = 2_000_000;
const MIN_READ_BUDGET_BYTES = 50_000;
const ASSUMED_BYTES_PER_CELL = 40;
/** Columns assumed for a sheet never seen, to size its first look (its first rows) within the budget. */
const FIRST_LOOK_ASSUMED_COLUMNS = 8;

const DATA = 'rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat';
const DIMENSIONS = 'rowIndex,columnIndex,rowCount,columnCount';

interface SheetRead {
  ws: Excel.Worksheet;
  /** The whole used range: with data when the sheet is small enough, else its dimensions only. */
  used: Excel.Range;
  withData: boolean;
  bytesPerCell: number;
  merges?: Excel.RangeAreas;
  /** Merges asked in row bands (see ReadEnvironment.mergeBandRows): the used range with formats, then each band. */
  formatExtent?: Excel.Range;
  mergeBands?: Excel.RangeAreas[];
  /** For a sheet never seen: its first rows, read with its dimensions (`firstLookRows` of them). */
  firstLook?: Excel.Range;
  firstLookRows?: number;
  /** ExcelApi 1.9: the used range's visible cells, whose gaps are the hidden rows and columns. */
  visible?: Excel.RangeAreas;
  /** Below 1.9: whether all, none or some (null) of the used range's rows / columns are hidden. */
  hiddenFlags?: Excel.Range;
  /** Below 1.9: the rows / columns the last read asked one by one, asked again with the flags (steady state: one sync). */
  earlyProbes?: Probes;
}

interface Band {
  sheet: number;
  top: number; // zero-based rows, inclusive
  bottom: number;
}

/** Office's merge addresses ("'經費預算表 (2)'!A1:E1,Sheet1!B2:C2") → "A1:E1" per area. */
export function mergeAddresses(address: string | null | undefined): string[] {
  if (!address) return [];
  const out: string[] = [];
  // Split on commas outside quotes (sheet names may contain commas).
  let depth = false;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < address.length; i++) {
    if (address[i] === "'") depth = !depth;
    else if (address[i] === ',' && !depth) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  for (const part of parts) {
    const bare = part.slice(part.lastIndexOf('!') + 1).replace(/\$/g, '');
    if (bare) out.push(bare.includes(':') ? bare : `${bare}:${bare}`);
  }
  return out;
}

export interface ReadEnvironment {
  /** Merged areas can be read (ExcelApi 1.13). */
  merges: boolean;
  /**
   * Ask merged areas in bands of this many rows instead of the whole sheet at once: `getMergedAreasOrNullObject` "will
   * fail to return the result" when a range has more than 512 merged areas
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
   * Costs one more sync per read; set once a read was refused for it (`mergesRefused`).
   */
  mergeBandRows?: number;
  budgetBytes: number;
  /** Notes can be read (ExcelApi 1.18): count the workbook's notes and locate them. */
  notes?: boolean;
  /** Notes the last read counted: located in the first sync (`getItemAt(i)` for each), so steady state stays one sync. */
  lastNoteCount?: number;
  /** Ask where the last read's notes are (off for a retry after that failed: notes deleted since, say). */
  noteLocations?: boolean;
  /** `Range.getSpecialCellsOrNullObject('Visible')` exists (ExcelApi 1.9). */
  specialCells?: boolean;
}

/** What the read learnt about notes (ExcelApi 1.18): per sheet id, the cells with a note, or null when not known. */
export type NoteCells = Map<string, Set<string> | null>;

/**
 * One read of the whole workbook inside an Excel.run batch. `extraNames` are sheets added earlier in this same batch
 * (so they are read by name without a second sync). Returns the snapshot and what to remember for the next read.
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  known: readonly KnownSheet[] | null,
  env: ReadEnvironment,
  queueFirst: () => void = () => undefined,
  extraNames: readonly string[] = [],
): Promise<{ snapshot: WorkbookSnapshot; known: KnownSheet[]; rawSettings: Record<string, unknown>; syncs: number; noteCells: NoteCells | null; noteCount?: number }> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    syncs++;
    await context.sync();
  };
  queueFirst();
  const settings = context.workbook.settings;
  settings.load('items/key,items/value');
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id');
  // Manual calculation leaves formula results stale (get: ExcelApi 1.1; a setting of the Excel session).
  const application = context.workbook.application;
  application.load('calculationMode');
  // Which cells carry a note (ExcelApi 1.18), so a mark never adds its note over a person's: the workbook's notes are
  // counted, and located by position (`getItemAt(i).getLocation()`) as many as the last read counted (a count that
  // changed is located in the second sync when one happens anyway, else by the next read).
  const notes = env.notes ? context.workbook.notes : null;
  const noteCount = notes?.getCount();
  const locate = (n: number): Excel.Range[] => Array.from({ length: n }, (_, i) => notes!.getItemAt(i).getLocation().load('address'));
  const lastNotes = env.lastNoteCount ?? 0;
  let noteLocations = notes && env.noteLocations !== false && lastNotes > 0 && lastNotes <= MAX_NOTES_LOCATED ? locate(lastNotes) : [];

  const reads: SheetRead[] = [];
  let planned = 0;
  /** Queues one sheet: all its data when the last read says it fits the budget, else its size and a first look. */
  const queueSheet = (ref: string, knownSheet: KnownSheet | undefined, unknownCount: number): void => {
    const ws = worksheets.getItem(ref);
    ws.load('name,id');
    const used = ws.getUsedRangeOrNullObject(true);
    const bytesPerCell = Math.max(ASSUMED_BYTES_PER_CELL, knownSheet?.bytesPerCell ?? 0);
    const estimate = knownSheet ? knownSheet.cells * bytesPerCell : Infinity;
    const withData = planned + estimate <= env.budgetBytes;
    if (withData) planned += estimate;
    used.load(withData ? DATA : DIMENSIONS);
    const read: SheetRead = { ws, used, withData, bytesPerCell };
    if (!knownSheet) {
      // An unknown sheet's size is learned with its first rows, so a huge one cannot overflow this request.
      const share = Math.max(1, Math.floor(env.budgetBytes / Math.max(1, unknownCount)));
      read.firstLookRows = Math.max(1, Math.floor(share / (FIRST_LOOK_ASSUMED_COLUMNS * ASSUMED_BYTES_PER_CELL)));
      read.firstLook = ws.getRange(`1:${read.firstLookRows}`).getUsedRangeOrNullObject(true);
      read.firstLook.load(DATA);
    }
    // Hidden rows/columns (for the hidden-amounts rule), from a non-null used range: an empty sheet's is A1.
    if (env.specialCells) {
      read.visible = ws.getUsedRange(true).getSpecialCellsOrNullObject('Visible');
      read.visible.load('address');
    } else {
      read.hiddenFlags = ws.getUsedRange(true);
      read.hiddenFlags.load('rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden');
      if (knownSheet?.hiddenProbes) read.earlyProbes = queueProbes(ws, knownSheet.hiddenProbes);
      else if (!knownSheet) read.earlyProbes = queueProbes(ws, FIRST_READ_PROBES);
    }
    if (env.merges && env.mergeBandRows) {
      // Merged cells need not hold values: band over the used range with formats too.
      read.formatExtent = ws.getUsedRangeOrNullObject(false);
      read.formatExtent.load('rowIndex,rowCount');
    } else if (env.merges) {
      // Only areas whose top-left cell lies in the range are returned (office-js #3611), so ask the whole sheet.
      read.merges = ws.getRange().getMergedAreasOrNullObject();
      read.merges.load('address');
    }
    reads.push(read);
  };
  for (const k of known ?? []) queueSheet(k.id, k, extraNames.length);
  for (const name of extraNames) queueSheet(name, undefined, extraNames.length);
  await sync();

  // Sheets that are new since the last read: read them now (the only case for a second sync besides size).
  const seen = new Set(reads.map((r) => r.ws.id));
  const fresh = worksheets.items.filter((w) => !seen.has(w.id));
  if (fresh.length) {
    for (const w of fresh) queueSheet(w.id, undefined, fresh.length);
    const count = noteCount?.value ?? 0;
    if (notes && noteLocations.length !== count && count <= MAX_NOTES_LOCATED) noteLocations = locate(count);
    await sync();
  }

  if (env.merges && env.mergeBandRows) {
    // An area is returned by the band that holds its top-left cell (office-js #3611), so the bands give each area once.
    const bandRows = env.mergeBandRows;
    for (const r of reads) {
      const bottoms = [r.used, r.formatExtent].filter((x): x is Excel.Range => !!x && !x.isNullObject).map((x) => x.rowIndex + x.rowCount);
      const last = Math.max(0, ...bottoms);
      r.mergeBands = [];
      for (let top = 1; top <= last; top += bandRows) {
        const band = r.ws.getRange(`${top}:${Math.min(last, top + bandRows - 1)}`).getMergedAreasOrNullObject();
        band.load('address');
        r.mergeBands.push(band);
      }
      // Merged cells below everything used (Excel may not count them as used): one band to the last row.
      if (last < EXCEL_MAX_ROWS) {
        const rest = r.ws.getRange(`${last + 1}:${EXCEL_MAX_ROWS}`).getMergedAreasOrNullObject();
        rest.load('address');
        r.mergeBands.push(rest);
      }
    }
    await sync();
  }

  // Order as Excel shows the tabs.
  const order = new Map(worksheets.items.map((w, i) => [w.id, i]));
  reads.sort((a, b) => (order.get(a.ws.id) ?? 0) - (order.get(b.ws.id) ?? 0));

  // Sheets read by dimensions only: read their rows in bands under the budget.
  const pieces = new Map<number, { rowIndex: number; columnIndex: number; values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] }[]>();
  const bands: Band[] = [];
  reads.forEach((r, i) => {
    if (r.used.isNullObject) return;
    if (r.withData && Array.isArray(r.used.values)) {
      pieces.set(i, [{ rowIndex: r.used.rowIndex, columnIndex: r.used.columnIndex, values: r.used.values, formulas: r.used.formulas, numberFormat: r.used.numberFormat }]);
      return;
    }
    const firstLook = r.firstLook;
    let top = r.used.rowIndex;
    if (firstLook && r.firstLookRows) {
      if (!firstLook.isNullObject) {
        if (!Array.isArray(firstLook.values)) throw valuesNull(r.ws.name, 0, r.firstLookRows - 1);
        pieces.set(i, [{ rowIndex: firstLook.rowIndex, columnIndex: firstLook.columnIndex, values: firstLook.values, formulas: firstLook.formulas, numberFormat: firstLook.numberFormat }]);
      }
      top = Math.max(top, r.firstLookRows);
    }
    const bottom = r.used.rowIndex + r.used.rowCount - 1;
    const cols = Math.max(1, r.used.columnCount);
    const rowsPerBand = Math.max(1, Math.floor(env.budgetBytes / (cols * r.bytesPerCell)));
    for (let t = top; t <= bottom; t += rowsPerBand) bands.push({ sheet: i, top: t, bottom: Math.min(bottom, t + rowsPerBand - 1) });
  });
  // Pack bands into syncs by estimated bytes.
  let batch: { band: Band; range: Excel.Range }[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    await sync();
    for (const { band, range } of batch) {
      if (range.isNullObject) continue;
      if (!Array.isArray(range.values)) throw valuesNull(reads[band.sheet].ws.name, band.top, band.bottom);
      const list = pieces.get(band.sheet) ?? [];
      list.push({ rowIndex: range.rowIndex, columnIndex: range.columnIndex, values: range.values, formulas: range.formulas, numberFormat: range.numberFormat });
      pieces.set(band.sheet, list);
    }
    batch = [];
    batchBytes = 0;
  };
  for (const band of bands) {
    const r = reads[band.sheet];
    const bytes = (band.bottom - band.top + 1) * Math.max(1, r.used.columnCount) * r.bytesPerCell;
    if (batch.length && batchBytes + bytes > env.budgetBytes) await flush();
    const range = r.ws.getRange(`${band.top + 1}:${band.bottom + 1}`).getUsedRangeOrNullObject(true);
    range.load(DATA);
    batch.push({ band, range });
    batchBytes += bytes;
  }
  await flush();

  // Below ExcelApi 1.9, a sheet with some hidden rows or columns is asked row by row: with the flags when the last read
  // had to (steady state stays one sync), else in one more sync.
  const hiddenProbes = new Map<number, Probes>();
  let probesQueued = false;
  reads.forEach((r, i) => {
    const f = r.hiddenFlags;
    if (!f || r.used.isNullObject || (f.rowHidden === false && f.columnHidden === false)) return;
    const spans: ProbeSpans = {};
    if (f.rowHidden === null) spans.rows = [f.rowIndex, f.rowIndex + Math.min(f.rowCount, MAX_HIDDEN_PROBES.rows) - 1];
    if (f.columnHidden === null) spans.cols = [f.columnIndex, f.columnIndex + Math.min(f.columnCount, MAX_HIDDEN_PROBES.cols) - 1];
    const early = r.earlyProbes;
    if (early && covers(early.spans.rows, spans.rows) && covers(early.spans.cols, spans.cols)) {
      hiddenProbes.set(i, { ...early, spans });
    } else {
      hiddenProbes.set(i, queueProbes(r.ws, spans));
      probesQueued = true;
    }
  });
  if (probesQueued) await sync();

  const sheets: SheetSnapshot[] = [];
  const noteCells: NoteCells | null = env.notes ? new Map() : null;
  const nextKnown: KnownSheet[] = [];
  reads.forEach((r, i) => {
    const name = r.ws.name;
    const merges = r.mergeBands
      ? r.mergeBands.flatMap((b) => (b.isNullObject ? [] : mergeAddresses(b.address)))
      : r.merges && !r.merges.isNullObject
        ? mergeAddresses(r.merges.address)
        : env.merges
          ? []
          : undefined;
    if (r.used.isNullObject) {
      sheets.push({ name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], ...(merges ? { merges } : {}) });
      nextKnown.push({ id: r.ws.id, name, cells: 0, bytesPerCell: ASSUMED_BYTES_PER_CELL });
      return;
    }
    const origin = { row: r.used.rowIndex, col: r.used.columnIndex };
    const rows = r.used.rowCount;
    const cols = r.used.columnCount;
    const snapshot = assemble(name, origin, rows, cols, pieces.get(i) ?? []);
    if (merges) snapshot.sheet.merges = merges;
    const hidden = hiddenOf(r, { top: origin.row, left: origin.col, bottom: origin.row + rows - 1, right: origin.col + cols - 1 }, hiddenProbes.get(i));
    if (hidden.rows.length) snapshot.sheet.hiddenRows = hidden.rows;
    if (hidden.cols.length) snapshot.sheet.hiddenCols = hidden.cols;
    sheets.push(snapshot.sheet);
    const probed = hiddenProbes.get(i)?.spans;
    nextKnown.push({ id: r.ws.id, name, cells: rows * cols, bytesPerCell: snapshot.bytesPerCell, ...(probed && (probed.rows || probed.cols) ? { hiddenProbes: probed } : {}) });
  });
  if (noteCells && noteCount) {
    const total = noteCount.value;
    const exact = total === 0 || noteLocations.length === total;
    const idByName = new Map(worksheets.items.map((w) => [w.name, w.id]));
    for (const w of worksheets.items) noteCells.set(w.id, exact ? new Set() : null);
    if (exact) {
      for (const location of noteLocations) {
        const { sheet, cell } = splitAddress(location.address);
        noteCells.get(idByName.get(sheet) ?? '')?.add(cell);
      }
    }
  }
  const rawSettings: Record<string, unknown> = {};
  for (const item of settings.items) rawSettings[item.key] = item.value;
  const calcMode = CALC_MODES[application.calculationMode as string];
  return { snapshot: { sheets, settings: {}, ...(calcMode ? { calcMode } : {}) }, known: nextKnown, rawSettings, syncs, noteCells, noteCount: noteCount?.value };
}

const CALC_MODES: Record<string, WorkbookSnapshot['calcMode']> = { Automatic: 'automatic', AutomaticExceptTables: 'semiautomatic', Manual: 'manual' };

/** "'It''s 1'!$B$2" → { sheet: "It's 1", cell: "B2" }. */
function splitAddress(address: string): { sheet: string; cell: string } {
  const bang = address.lastIndexOf('!');
  const quoted = address.slice(0, bang);
  const sheet = quoted.startsWith("'") ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
  return { sheet, cell: address.slice(bang + 1).replace(/\$/g, '').toUpperCase() };
}

/**
 * Hidden rows and columns of a sheet's used range `box`: the gaps between its visible areas (1.9), or the row/column
 * probes (below 1.9, when some were hidden).
 */
function queueProbes(ws: Excel.Worksheet, spans: ProbeSpans): Probes {
  const rows: [number, Excel.Range][] = [];
  const cols: [number, Excel.Range][] = [];
  if (spans.rows) for (let row = spans.rows[0]; row <= spans.rows[1]; row++) rows.push([row, ws.getRange(`${row + 1}:${row + 1}`).load('rowHidden')]);
  if (spans.cols) {
    for (let col = spans.cols[0]; col <= spans.cols[1]; col++) {
      const letter = columnLetter(col);
      cols.push([col, ws.getRange(`${letter}:${letter}`).load('columnHidden')]);
    }
  }
  return { spans, rows, cols };
}

/** The probes within the span needed now (the last read may have asked more rows than the sheet has now). */
function inSpan(probes: [number, Excel.Range][] | undefined, span: [number, number] | undefined): [number, Excel.Range][] {
  return span ? (probes ?? []).filter(([i]) => i >= span[0] && i <= span[1]) : [];
}

/** Whether the span asked covers the span needed (nothing needed is always covered). */
function covers(asked: [number, number] | undefined, needed: [number, number] | undefined): boolean {
  return !needed || (asked !== undefined && asked[0] <= needed[0] && asked[1] >= needed[1]);
}

function hiddenOf(r: SheetRead, box: { top: number; left: number; bottom: number; right: number }, probes?: Probes): { rows: number[]; cols: number[] } {
  if (r.visible) {
    const areas = r.visible.isNullObject ? [] : mergeAddresses(r.visible.address).map(parseRange);
    const rows: number[] = [];
    const cols: number[] = [];
    for (let row = box.top; row <= box.bottom; row++) if (!areas.some((a) => row >= a.top && row <= a.bottom)) rows.push(row);
    for (let col = box.left; col <= box.right; col++) if (!areas.some((a) => col >= a.left && col <= a.right)) cols.push(col);
    return { rows, cols };
  }
  const f = r.hiddenFlags;
  if (!f) return { rows: [], cols: [] };
  const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  return {
    rows: f.rowHidden === true ? all(box.top, box.bottom) : f.rowHidden === false ? [] : inSpan(probes?.rows, probes?.spans.rows).filter(([, range]) => range.rowHidden).map(([row]) => row),
    cols: f.columnHidden === true ? all(box.left, box.right) : f.columnHidden === false ? [] : inSpan(probes?.cols, probes?.spans.cols).filter(([, range]) => range.columnHidden).map(([col]) => col),
  };
}

/** "Range.values returns null" for ranges too large to answer (performance.md): the caller reads smaller. */
function valuesNull(sheet: string, top: number, bottom: number): ExcelHostError {
  return new ExcelHostError('payload-too-large', 'ValuesNull', `Excel returned no values for ${sheet} rows ${top + 1}-${bottom + 1}`);
}

/** Puts band pieces together into one dense snapshot over the used range. */
function assemble(
  name: string,
  origin: { row: number; col: number },
  rows: number,
  cols: number,
  pieces: { rowIndex: number; columnIndex: number; values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] }[],
): { sheet: SheetSnapshot; bytesPerCell: number } {
  const sheet: SheetSnapshot = { name, origin, values: [], formulas: [], numberFormats: [] };
  for (let r = 0; r < rows; r++) {
    sheet.values.push(new Array(cols).fill(null));
    sheet.formulas.push(new Array(cols).fill(null));
    sheet.numberFormats.push(new Array(cols).fill('General'));
  }
  let bytes = 0;
  let cells = 0;
  for (const p of pieces) {
    bytes += JSON.stringify(p.values).length + JSON.stringify(p.formulas).length + JSON.stringify(p.numberFormat).length;
    for (let i = 0; i < p.values.length; i++) {
      const r = p.rowIndex + i - origin.row;
      if (r < 0 || r >= rows) continue;
      for (let j = 0; j < p.values[i].length; j++) {
        const c = p.columnIndex + j - origin.col;
        if (c < 0 || c >= cols) continue;
        cells++;
        const cell = snapshotCell(p.values[i][j], p.formulas[i]?.[j]);
        sheet.values[r][c] = cell.value;
        sheet.formulas[r][c] = cell.formula;
        const f = p.numberFormat[i]?.[j];
        sheet.numberFormats[r][c] = typeof f === 'string' && f ? f : 'General';
      }
    }
  }
  return { sheet, bytesPerCell: cells ? Math.max(4, Math.ceil(bytes / cells)) : ASSUMED_BYTES_PER_CELL };
}

export { MIN_READ_BUDGET_BYTES };

const EXCEL_MAX_ROWS = 1_048_576;

/** Rows per band once whole-sheet merges were refused: a band then fails only past 16 merged areas per row on average. */
export const MERGE_BAND_ROWS = 32;

/**
 * Whether Excel refuses the merged areas of some sheet as a whole (more than 512 there): asked alone, after a read
 * failed with a code that does not say which part it refused. Two syncs, only then.
 */
export async function mergesRefused(context: Excel.RequestContext): Promise<boolean> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  for (const ws of worksheets.items) ws.getRange().getMergedAreasOrNullObject().load('address');
  try {
    await context.sync();
    return false;
  } catch (e) {
    const kind = toExcelHostError(e).kind;
    return kind === 'unknown' || kind === 'invalid' || kind === 'too-large';
  }
}
