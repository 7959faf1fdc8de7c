import type { RawValue } from '../domain/budget';
import { shiftFormula } from '../domain/formula';
import { toA1, type SheetClipping } from '../sheet/grid';
import { cellAddress, MAX_CELL_TEXT, MAX_MERGES, rangeRect, SHEET_COLS, type RawSheet } from './raw-sheet';
import type { ReadLimits } from './file';
import { attribute, decodeXmlEntities, XmlScanner } from './xml-scan';
import { StopReading, ZipError, type ZipArchive } from './zip';

/** One .xlsx worksheet part and the shared strings, streamed within the read bounds. */

export interface SheetPart {
  name: string;
  path: string;
}

/**
 * Streams one worksheet part, keeping only cells inside the read bounds. Rows come in order, so at the first row past
 * the bound the rest of the part is not even inflated: a 700,000-row data sheet costs the same as a 5,000-row one.
 */
export async function readSheetPart(zip: ZipArchive, part: SheetPart, formats: string[], limits: ReadLimits): Promise<RawSheet> {
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


/** An ISO date (t="d" cells) as an Excel serial number, as Office.js reports dates. */
export function dateSerial(iso: string): RawValue {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(t) ? 25569 + t / 86_400_000 : iso;
}

/**
 * The shared strings the kept cells refer to, and only those: the part is streamed, so a data sheet's million strings
 * are never all held.
 */
export async function readSharedStrings(zip: ZipArchive, path: string | null, sheets: RawSheet[], limits: ReadLimits): Promise<Map<number, string>> {
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
