import type { RawValue } from '../domain/budget';
import { fillUncachedFormulas } from '../sheet/formula';
import { toA1, type SheetClipping, type WorkbookSnapshot } from '../sheet/grid';
import { MAX_SMALL_PART_BYTES, ReadBoundError, type ReadLimits } from './file';
import { openFormulaToA1 } from './openformula';
import { assembleSheet, MAX_CELL_TEXT, MAX_MERGES, type RawCell, type RawSheet } from './raw-sheet';
import { captionOf, documentWorkbook, emptyRawSheet, looksLikeHeading, MAX_TABLE_DEPTH, MAX_TABLES, type DocumentTable } from './text-document';
import { attribute, decodeXmlEntities, XmlScanner } from './xml-scan';
import { dateSerial } from './xlsx-sheet';
import { ZipError, type ZipArchive } from './zip';

/**
 * OpenDocument (.ods, .fods, .odt) read with the same bounded zip and XML scanner as .xlsx. A spreadsheet's tables
 * become sheets with values, cached results, formulas (OpenFormula translated to A1), number formats, merged and
 * covered cells, repeated rows and columns, hidden rows and columns; a text document's tables become candidate grids
 * (text-document.ts). Repeated rows and columns — LibreOffice writes `number-rows-repeated="1048571"` for the empty
 * rest of a sheet — cost nothing beyond the read bounds.
 */

const MIMETYPES: Record<string, 'ods' | 'odt'> = {
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.spreadsheet-template': 'ods',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.text-template': 'odt',
};

/** The kind of OpenDocument a zip archive holds, from its `mimetype` part; null when it is not one this reads. */
export function odfKind(zip: ZipArchive): 'ods' | 'odt' | 'other' | null {
  const entry = zip.entry('mimetype');
  if (!entry) return zip.entry('content.xml') ? 'other' : null;
  const type = (zip.text('mimetype', 1024) ?? '').trim();
  return MIMETYPES[type] ?? (type.startsWith('application/vnd.oasis.opendocument.') ? 'other' : null);
}

export async function readOdfArchive(zip: ZipArchive, bounds: ReadLimits): Promise<WorkbookSnapshot> {
  const reader = new OdfReader(bounds);
  // Common styles (styles.xml) first: the cells of content.xml refer to them by name.
  const styles = zip.text('styles.xml', MAX_SMALL_PART_BYTES);
  if (styles !== null) reader.feedStyles(styles);
  await zip.stream('content.xml', bounds.maxPartBytes, (chunk) => reader.feed(chunk));
  return reader.finish(odfKind(zip) === 'odt' ? 'odt' : 'ods');
}

/** A flat OpenDocument file (.fods, .fodt): the same XML in one file. */
export function readFlatOdf(text: string, bounds: ReadLimits): WorkbookSnapshot {
  const reader = new OdfReader(bounds);
  const CHUNK = 256 * 1024;
  for (let at = 0; at < text.length; at += CHUNK) reader.feed(text.slice(at, at + CHUNK));
  return reader.finish(reader.isText ? 'fodt' : 'fods');
}

/** Whether text is a flat OpenDocument file (its root element is office:document). */
export function isFlatOdf(head: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<office:document[\s>]/.test(head);
}

interface CellStyle {
  dataStyle?: string;
  parent?: string;
}

interface TableState {
  slot: number;
  raw: RawSheet;
  caption: string | null;
  heading: string | null;
  row: number;
  col: number;
  rowRepeat: number;
  rowHidden: boolean;
  rowCells: RawCell[];
  /** Columns of this row's formulas saved without a result. */
  rowUncached: Set<number>;
  /** Default cell style per column (table:default-cell-style-name), for columns within the read bounds. */
  columnStyles: (string | undefined)[];
  columnCount: number;
  cell: CellState | null;
}

interface CellState {
  repeat: number;
  spanCols: number;
  spanRows: number;
  covered: boolean;
  value: RawValue;
  formula: string | null;
  /** A formula without a stored result (no office:value-type). */
  uncached: boolean;
  format: string;
  paragraphs: string[];
}

class OdfReader {
  private readonly scanner: XmlScanner;
  private readonly dataStyles = new Map<string, string>();
  private readonly cellStyles = new Map<string, CellStyle>();
  private dataStyle: { name: string; kind: string; code: string } | null = null;
  private dataStyleText: string | null = null;
  private readonly tables: TableState[] = [];
  /** Tables in document order (a slot is taken when a table opens, so an outer table precedes the ones inside it). */
  private readonly done: (DocumentTable | null)[] = [];
  private readonly paragraphs: string[] = [];
  private tableCount = 0;
  isText = false;
  private inBody = false;
  /** Inside an annotation (comment), a footnote or a tracked deletion: text that is not the cell's or the page's. */
  private hiddenText = 0;
  private paragraph: string | null = null;
  private paragraphIsHeading = false;
  private heading: string | null = null;
  private lastParagraph: string | null = null;

  constructor(private readonly bounds: ReadLimits) {
    this.scanner = this.makeScanner();
  }

  feedStyles(xml: string): void {
    const styles = new OdfReader(this.bounds);
    styles.feed(xml);
    for (const [k, v] of styles.dataStyles) this.dataStyles.set(k, v);
    for (const [k, v] of styles.cellStyles) this.cellStyles.set(k, v);
  }

  feed(chunk: string): void {
    this.scanner.feed(chunk);
  }

  private get table(): TableState | undefined {
    return this.tables[this.tables.length - 1];
  }

  private makeScanner(): XmlScanner {
    return new XmlScanner({
      wantsText: () => (this.dataStyleText !== null || this.paragraph !== null) && this.hiddenText === 0,
      text: (piece, cdata) => {
        const text = cdata ? piece : decodeXmlEntities(piece);
        if (this.dataStyleText !== null) this.dataStyleText += text;
        else if (this.paragraph !== null && this.paragraph.length < MAX_CELL_TEXT) this.paragraph += text.replace(/[\r\n\t]+/g, ' ');
      },
      open: (tag, attrs, selfClosing) => this.open(tag, attrs, selfClosing),
      close: (tag) => this.close(tag),
    });
  }

  private open(tag: string, attrs: string, selfClosing: boolean): void {
    switch (tag) {
      case 'text':
        if (this.dataStyle && !selfClosing) this.dataStyleText = '';
        else if (!this.dataStyle && this.inBody && this.table === undefined) this.isText = true; // office:text
        return;
      case 'spreadsheet':
        this.inBody = true;
        return;
      case 'body':
        this.inBody = true;
        return;
      case 'style': {
        const name = attribute(attrs, 'style:name');
        if (name !== undefined) this.cellStyles.set(name, { dataStyle: attribute(attrs, 'style:data-style-name'), parent: attribute(attrs, 'style:parent-style-name') });
        return;
      }
      case 'number-style':
      case 'percentage-style':
      case 'currency-style':
      case 'date-style':
      case 'time-style':
      case 'text-style':
      case 'boolean-style': {
        const name = attribute(attrs, 'style:name');
        if (name !== undefined) this.dataStyle = { name, kind: tag, code: '' };
        return;
      }
      case 'annotation':
      case 'note':
      case 'tracked-changes':
        this.hiddenText++;
        return;
    }
    if (this.dataStyle) {
      this.dataStyleElement(tag, attrs);
      return;
    }
    if (!this.inBody) return;
    switch (tag) {
      case 'table':
        this.openTable(attrs);
        return;
      case 'table-column':
        this.column(attrs);
        return;
      case 'table-row':
        this.openRow(attrs);
        return;
      case 'table-cell':
      case 'covered-table-cell':
        this.openCell(tag === 'covered-table-cell', attrs);
        return;
      case 'p':
      case 'h':
        if (this.hiddenText === 0 && !selfClosing) {
          this.paragraph = '';
          this.paragraphIsHeading = tag === 'h';
        } else if (selfClosing) this.addParagraph('', false);
        return;
      case 's':
        if (this.paragraph !== null && this.hiddenText === 0) this.paragraph += ' '.repeat(Math.min(1000, Math.max(1, Number(attribute(attrs, 'text:c') ?? 1) || 1)));
        return;
      case 'tab':
        if (this.paragraph !== null && this.hiddenText === 0) this.paragraph += '\t';
        return;
      case 'line-break':
        if (this.paragraph !== null && this.hiddenText === 0) this.paragraph += '\n';
        return;
    }
  }

  private close(tag: string): void {
    switch (tag) {
      case 'annotation':
      case 'note':
      case 'tracked-changes':
        this.hiddenText = Math.max(0, this.hiddenText - 1);
        return;
      case 'text':
        if (this.dataStyle && this.dataStyleText !== null) {
          const literal = this.dataStyleText;
          this.dataStyle.code += this.dataStyle.kind === 'date-style' || this.dataStyle.kind === 'time-style' ? literal.replace(/[^\s/:.\-,年月日時分秒]/g, (c) => `\\${c}`) : literal === '' ? '' : literal.trim() === '%' ? literal : `"${literal.replace(/"/g, '')}"`;
          this.dataStyleText = null;
        }
        return;
      case 'number-style':
      case 'percentage-style':
      case 'currency-style':
      case 'date-style':
      case 'time-style':
      case 'text-style':
      case 'boolean-style':
        if (this.dataStyle) {
          const { name, kind, code } = this.dataStyle;
          this.dataStyles.set(name, kind === 'text-style' ? '@' : kind === 'boolean-style' ? 'General' : code.trim() === '' ? 'General' : kind === 'percentage-style' && !code.includes('%') ? `${code}%` : code);
        }
        this.dataStyle = null;
        return;
      case 'p':
      case 'h':
        if (this.paragraph !== null) this.addParagraph(this.paragraph, this.paragraphIsHeading);
        this.paragraph = null;
        return;
      case 'table-cell':
      case 'covered-table-cell':
        this.closeCell();
        return;
      case 'table-row':
        this.closeRow();
        return;
      case 'table':
        this.closeTable();
        return;
    }
  }

  private dataStyleElement(tag: string, attrs: string): void {
    const style = this.dataStyle!;
    const long = attribute(attrs, 'number:style') === 'long';
    switch (tag) {
      case 'number': {
        const decimals = Math.min(30, Number(attribute(attrs, 'number:decimal-places') ?? 0) || 0);
        const grouping = attribute(attrs, 'number:grouping') === 'true';
        const integerDigits = Number(attribute(attrs, 'number:min-integer-digits') ?? 1);
        const factor = Number(attribute(attrs, 'number:display-factor') ?? 1);
        const scale = factor >= 1e6 ? ',,' : factor >= 1e3 ? ',' : '';
        style.code += `${grouping ? (integerDigits === 0 ? '#,###' : '#,##0') : integerDigits === 0 ? '#' : '0'}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}${scale}`;
        return;
      }
      case 'scientific-number':
        style.code += `0.${'0'.repeat(Math.min(30, Number(attribute(attrs, 'number:decimal-places') ?? 2) || 0))}E+00`;
        return;
      case 'fraction':
        style.code += '# ?/?';
        return;
      case 'year':
        style.code += long ? 'yyyy' : 'yy';
        return;
      case 'month':
        style.code += attribute(attrs, 'number:textual') === 'true' ? 'mmm' : long ? 'mm' : 'm';
        return;
      case 'day':
        style.code += long ? 'dd' : 'd';
        return;
      case 'hours':
        style.code += long ? 'hh' : 'h';
        return;
      case 'minutes':
        style.code += long ? 'mm' : 'm';
        return;
      case 'seconds':
        style.code += long ? 'ss' : 's';
        return;
      case 'text-content':
        style.code += '@';
        return;
    }
  }

  private formatOf(styleName: string | undefined): string {
    let name = styleName;
    for (let depth = 0; name !== undefined && depth < 8; depth++) {
      const style = this.cellStyles.get(name);
      if (!style) break;
      if (style.dataStyle !== undefined) return this.dataStyles.get(style.dataStyle) ?? 'General';
      name = style.parent;
    }
    return 'General';
  }

  private addParagraph(text: string, isHeading: boolean): void {
    const cell = this.table?.cell;
    if (cell) {
      cell.paragraphs.push(text);
      return;
    }
    if (!this.isText || this.tables.length > 0) return;
    const trimmed = text.trim();
    if (trimmed === '') return;
    this.paragraphs.push(trimmed);
    this.lastParagraph = trimmed;
    if (isHeading || looksLikeHeading(trimmed)) this.heading = trimmed;
  }

  private openTable(attrs: string): void {
    if (this.tables.length >= MAX_TABLE_DEPTH) throw new ReadBoundError(`tables are nested more than ${MAX_TABLE_DEPTH} deep`);
    if (++this.tableCount > MAX_TABLES) throw new ReadBoundError(`the file holds more than ${MAX_TABLES.toLocaleString('en-US')} tables`);
    const name = attribute(attrs, 'table:name') ?? `Sheet${this.tableCount}`;
    const outer = this.tables.length === 0;
    this.tables.push({
      slot: this.done.length,
      raw: emptyRawSheet(name),
      caption: this.isText && outer ? captionOf(this.lastParagraph) : null,
      heading: this.heading,
      row: 0,
      col: 0,
      rowRepeat: 1,
      rowHidden: false,
      rowCells: [],
      rowUncached: new Set(),
      columnStyles: [],
      columnCount: 0,
      cell: null,
    });
    this.done.push(null);
    if (outer) this.lastParagraph = null;
  }

  private closeTable(): void {
    const table = this.tables.pop();
    if (table) this.done[table.slot] = { raw: table.raw, caption: table.caption, heading: table.heading };
  }

  private column(attrs: string): void {
    const table = this.table;
    if (!table) return;
    const repeat = Math.max(1, Number(attribute(attrs, 'table:number-columns-repeated') ?? 1) || 1);
    const style = attribute(attrs, 'table:default-cell-style-name');
    const hidden = attribute(attrs, 'table:visibility');
    const from = table.columnCount;
    const to = from + repeat - 1;
    table.columnCount += repeat;
    for (let c = from; c <= Math.min(to, this.bounds.maxCols - 1); c++) table.columnStyles[c] = style;
    if ((hidden === 'collapse' || hidden === 'filter') && table.raw.hiddenCols.length < MAX_MERGES) table.raw.hiddenCols.push({ min: from, max: to });
  }

  private openRow(attrs: string): void {
    const table = this.table;
    if (!table) return;
    table.col = 0;
    table.rowCells = [];
    table.rowUncached = new Set();
    table.rowRepeat = Math.max(1, Number(attribute(attrs, 'table:number-rows-repeated') ?? 1) || 1);
    const visibility = attribute(attrs, 'table:visibility');
    table.rowHidden = visibility === 'collapse' || visibility === 'filter';
  }

  private closeRow(): void {
    const table = this.table;
    if (!table) return;
    const { raw, rowCells, rowRepeat } = table;
    const limit = this.bounds.maxRows;
    if (rowCells.length > 0 || table.rowHidden) {
      for (let r = 0; r < rowRepeat; r++) {
        const row = table.row + r;
        if (row >= limit) {
          if (rowCells.length > 0) this.clip(raw, { rowsFrom: Math.min(raw.clipped?.rowsFrom ?? Infinity, row), skippedCells: (raw.clipped?.skippedCells ?? 0) + rowCells.length * (rowRepeat - r) });
          break;
        }
        if (table.rowHidden) raw.hiddenRows.add(row);
        for (const c of rowCells) {
          if (raw.cells.length >= this.bounds.maxRows * this.bounds.maxCols) throw new ZipError(`table ${raw.name} repeats cells beyond its read bounds`, 'bomb');
          raw.cells.push(r === 0 ? c : { ...c, row });
          if (table.rowUncached.has(c.col)) raw.uncached.push(toA1(row, c.col));
        }
      }
    }
    table.row += rowRepeat;
    table.rowCells = [];
  }

  private clip(raw: RawSheet, update: Partial<SheetClipping>): void {
    raw.clipped = { ...(raw.clipped ?? { skippedCells: 0 }), ...update };
  }

  private openCell(covered: boolean, attrs: string): void {
    const table = this.table;
    if (!table) return;
    const repeat = Math.max(1, Number(attribute(attrs, 'table:number-columns-repeated') ?? 1) || 1);
    if (covered) {
      table.cell = { repeat, spanCols: 1, spanRows: 1, covered: true, value: null, formula: null, uncached: false, format: 'General', paragraphs: [] };
      return;
    }
    const type = attribute(attrs, 'calcext:value-type') === 'error' ? 'error' : attribute(attrs, 'office:value-type');
    const formulaText = this.isText ? undefined : attribute(attrs, 'table:formula');
    let value: RawValue = null;
    switch (type ?? '') {
      case 'float':
      case 'percentage':
      case 'currency': {
        const n = Number(attribute(attrs, 'office:value'));
        value = Number.isFinite(n) ? n : null;
        break;
      }
      case 'date': {
        const iso = attribute(attrs, 'office:date-value');
        value = iso === undefined ? null : dateSerial(iso);
        break;
      }
      case 'time':
        value = durationDays(attribute(attrs, 'office:time-value') ?? '');
        break;
      case 'boolean':
        value = attribute(attrs, 'office:boolean-value') === 'true';
        break;
      case 'string':
        value = attribute(attrs, 'office:string-value') ?? null;
        break;
    }
    const styleName = attribute(attrs, 'table:style-name') ?? table.columnStyles[Math.min(table.col, this.bounds.maxCols - 1)];
    table.cell = {
      repeat,
      spanCols: Math.max(1, Number(attribute(attrs, 'table:number-columns-spanned') ?? 1) || 1),
      spanRows: Math.max(1, Number(attribute(attrs, 'table:number-rows-spanned') ?? 1) || 1),
      covered: false,
      // A text document shows text; a number typed there is read as the text it shows.
      value: this.isText ? null : value,
      formula: formulaText ? openFormulaToA1(formulaText) : null,
      uncached: formulaText !== undefined && type === undefined,
      format: this.isText ? 'General' : this.formatOf(styleName),
      paragraphs: [],
    };
  }

  private closeCell(): void {
    const table = this.table;
    const cell = table?.cell;
    if (!table || !cell) return;
    table.cell = null;
    const { raw } = table;
    const col = table.col;
    table.col += cell.repeat;
    if (cell.covered) return;
    const text = cell.paragraphs.join('\n');
    const value = cell.value ?? (text === '' ? null : text);
    if (cell.spanCols > 1 || cell.spanRows > 1) {
      if (raw.merges.length < MAX_MERGES) raw.merges.push({ top: table.row, left: col, bottom: table.row + cell.spanRows - 1, right: col + cell.spanCols - 1 });
    }
    if (value === null && cell.formula === null) {
      if (cell.format !== 'General') for (let c = col; c < Math.min(col + cell.repeat, this.bounds.maxCols); c++) raw.blankFormats.set(table.row * 16_384 + c, cell.format);
      return;
    }
    for (let k = 0; k < cell.repeat; k++) {
      const c = col + k;
      if (c >= this.bounds.maxCols) {
        this.clip(raw, { colsFrom: Math.min(raw.clipped?.colsFrom ?? Infinity, c), skippedCells: (raw.clipped?.skippedCells ?? 0) + (cell.repeat - k) });
        break;
      }
      if (cell.uncached) table.rowUncached.add(c);
      table.rowCells.push({ row: table.row, col: c, value, sst: null, formula: cell.formula, format: cell.format });
    }
  }

  finish(format: string): WorkbookSnapshot {
    const tables = this.done.filter((t): t is DocumentTable => t !== null);
    if (this.isText) return documentWorkbook(tables, this.paragraphs, format, this.bounds.maxRows);
    const raws = tables.map((t) => t.raw);
    const sheets = raws.map((raw) => assembleSheet(raw));
    fillUncachedFormulas(sheets, new Map(raws.map((raw) => [raw.name, raw.uncached])));
    return { sheets, settings: {}, format };
  }
}

/** An ISO 8601 duration (office:time-value "PT12H30M00S") as a fraction of a day, as a spreadsheet keeps times. */
function durationDays(value: string): number | null {
  const m = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(value);
  if (!m) return null;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Number(d) + (Number(h) + (Number(min) + Number(s) / 60) / 60) / 24;
}
