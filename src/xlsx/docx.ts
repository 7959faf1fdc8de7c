import type { WorkbookSnapshot } from '../sheet/grid';
import { MAX_SMALL_PART_BYTES, ReadBoundError, type ReadLimits } from './file';
import { MAX_CELL_TEXT, MAX_MERGES, type Rect } from './raw-sheet';
import { captionOf, documentWorkbook, emptyRawSheet, looksLikeHeading, MAX_TABLE_DEPTH, MAX_TABLES, type DocumentTable } from './text-document';
import { attribute, decodeXmlEntities, XmlScanner } from './xml-scan';
import { relationships, scanWhole } from './xlsx-book';
import { ZipError, type ZipArchive } from './zip';

/**
 * The tables of a Word document (.docx) as candidate grids, with the same bounded zip and XML scanner as .xlsx. Cells
 * are placed by the table grid: `w:gridBefore` skips columns, `w:gridSpan` spans them, `w:vMerge` continues the cell
 * above (the continuation stays empty, as a merged area's covered cells do in a sheet). A cell's text is what Word
 * shows: field results are kept, field codes (`w:instrText`), deleted text (`w:delText`) and text boxes are not.
 */

/** The main document part of a .docx, or null when the archive is not one. */
export function docxMainPart(zip: ZipArchive): string | null {
  const rels = relationships(zip, '_rels/.rels', '');
  const target = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target;
  if (target && /(^|\/)document[^/]*\.xml$/i.test(target) && zip.entry(target)) return target;
  return zip.entry('word/document.xml') ? 'word/document.xml' : null;
}

export async function readDocxArchive(zip: ZipArchive, part: string, bounds: ReadLimits): Promise<WorkbookSnapshot> {
  const headingStyles = readHeadingStyles(zip, part);
  const reader = new DocxReader(bounds, headingStyles);
  await zip.stream(part, bounds.maxPartBytes, (chunk) => reader.feed(chunk));
  return documentWorkbook(reader.tables(), reader.paragraphs, 'docx', bounds.maxRows);
}

/** Style ids whose style is a heading ("Heading 1", "Title"; Chinese Word names its heading styles "heading 1" too). */
function readHeadingStyles(zip: ZipArchive, part: string): Set<string> {
  const folder = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const xml = zip.text(`${folder}styles.xml`, MAX_SMALL_PART_BYTES);
  const ids = new Set<string>();
  if (xml === null) return ids;
  let current: string | null = null;
  scanWhole(xml, {
    open(tag, attrs) {
      if (tag === 'style') current = attribute(attrs, 'w:styleId') ?? null;
      else if (tag === 'name' && current !== null && /^(?:heading\s*\d|title|標題\s*\d?)$/i.test(attribute(attrs, 'w:val') ?? '')) ids.add(current);
      else if (tag === 'outlineLvl' && current !== null) ids.add(current);
    },
    close(tag) {
      if (tag === 'style') current = null;
    },
  });
  return ids;
}

interface TableBuilder {
  slot: number;
  raw: ReturnType<typeof emptyRawSheet>;
  caption: string | null;
  heading: string | null;
  row: number;
  col: number;
  /** Vertically merged areas still open, by their first column. */
  open: Map<number, Rect>;
  cell: { col: number; span: number; vMerge: 'restart' | 'continue' | null; paragraphs: string[] } | null;
  rowHasCell: boolean;
}

class DocxReader {
  readonly paragraphs: string[] = [];
  private readonly slots: (DocumentTable | null)[] = [];
  private readonly stack: TableBuilder[] = [];
  private readonly scanner: XmlScanner;
  private paragraph: string | null = null;
  private paragraphHeading = false;
  private capture = false;
  private inRun = 0;
  /** Inside a text box or an alternate-content fallback (a copy of what the choice shows). */
  private hidden = 0;
  private heading: string | null = null;
  private lastParagraph: string | null = null;

  constructor(
    private readonly bounds: ReadLimits,
    private readonly headingStyles: Set<string>,
  ) {
    this.scanner = new XmlScanner({
      wantsText: () => this.capture && this.hidden === 0 && this.paragraph !== null,
      text: (piece, cdata) => {
        if (this.paragraph !== null && this.paragraph.length < MAX_CELL_TEXT) this.paragraph += cdata ? piece : decodeXmlEntities(piece);
      },
      open: (tag, attrs, selfClosing) => this.open(tag, attrs, selfClosing),
      close: (tag) => this.close(tag),
    });
  }

  feed(chunk: string): void {
    this.scanner.feed(chunk);
  }

  tables(): DocumentTable[] {
    return this.slots.filter((t): t is DocumentTable => t !== null);
  }

  private get table(): TableBuilder | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(tag: string, attrs: string, selfClosing: boolean): void {
    switch (tag) {
      case 'txbxContent':
      case 'Fallback':
        this.hidden++;
        return;
    }
    if (this.hidden > 0) return;
    const table = this.table;
    switch (tag) {
      case 'tbl': {
        if (this.stack.length >= MAX_TABLE_DEPTH) throw new ReadBoundError(`tables are nested more than ${MAX_TABLE_DEPTH} deep`);
        if (this.slots.length >= MAX_TABLES) throw new ReadBoundError(`the file holds more than ${MAX_TABLES.toLocaleString('en-US')} tables`);
        const outer = this.stack.length === 0;
        this.stack.push({
          slot: this.slots.length,
          raw: emptyRawSheet(`表${this.slots.length + 1}`),
          caption: outer ? captionOf(this.lastParagraph) : null,
          heading: this.heading,
          row: -1,
          col: 0,
          open: new Map(),
          cell: null,
          rowHasCell: false,
        });
        this.slots.push(null);
        if (outer) this.lastParagraph = null;
        return;
      }
      case 'tr':
        if (table) {
          table.row++;
          table.col = 0;
          table.rowHasCell = false;
        }
        return;
      case 'gridBefore':
        if (table && !table.cell && !table.rowHasCell) table.col += boundedCount(attribute(attrs, 'w:val'), this.bounds.maxCols);
        return;
      case 'tc':
        if (table) {
          table.rowHasCell = true;
          table.cell = { col: table.col, span: 1, vMerge: null, paragraphs: [] };
        }
        return;
      case 'gridSpan':
        if (table?.cell) table.cell.span = Math.max(1, boundedCount(attribute(attrs, 'w:val'), this.bounds.maxCols));
        return;
      case 'vMerge':
        if (table?.cell) table.cell.vMerge = attribute(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
        return;
      case 'p':
        this.paragraph = '';
        this.paragraphHeading = false;
        if (selfClosing) this.endParagraph();
        return;
      case 'pStyle':
        if (this.paragraph !== null && this.headingStyles.has(attribute(attrs, 'w:val') ?? '')) this.paragraphHeading = true;
        return;
      case 'outlineLvl':
        if (this.paragraph !== null) this.paragraphHeading = true;
        return;
      case 'r':
        if (!selfClosing) this.inRun++;
        return;
      case 't':
        if (!selfClosing) this.capture = true;
        return;
      case 'tab':
        if (this.inRun > 0 && this.paragraph !== null) this.paragraph += '\t';
        return;
      case 'br':
      case 'cr':
        if (this.inRun > 0 && this.paragraph !== null) this.paragraph += '\n';
        return;
    }
  }

  private close(tag: string): void {
    switch (tag) {
      case 'txbxContent':
      case 'Fallback':
        this.hidden = Math.max(0, this.hidden - 1);
        return;
    }
    if (this.hidden > 0) return;
    switch (tag) {
      case 't':
        this.capture = false;
        return;
      case 'r':
        this.inRun = Math.max(0, this.inRun - 1);
        return;
      case 'p':
        this.endParagraph();
        return;
      case 'tc':
        this.endCell();
        return;
      case 'tbl': {
        const table = this.stack.pop();
        if (table) this.slots[table.slot] = { raw: table.raw, caption: table.caption, heading: table.heading };
        return;
      }
    }
  }

  private endParagraph(): void {
    const text = this.paragraph;
    this.paragraph = null;
    this.capture = false;
    if (text === null) return;
    const cell = this.table?.cell;
    if (cell) {
      cell.paragraphs.push(text);
      return;
    }
    if (this.stack.length > 0) return;
    const trimmed = text.trim();
    if (trimmed === '') return;
    this.paragraphs.push(trimmed);
    this.lastParagraph = trimmed;
    if (this.paragraphHeading || looksLikeHeading(trimmed)) this.heading = trimmed;
  }

  private endCell(): void {
    const table = this.table;
    const cell = table?.cell;
    if (!table || !cell) return;
    table.cell = null;
    const { raw } = table;
    const row = table.row;
    const col = cell.col;
    table.col += cell.span;
    if (row >= this.bounds.maxRows || col >= this.bounds.maxCols) {
      raw.clipped = {
        ...(raw.clipped ?? { skippedCells: 0 }),
        skippedCells: (raw.clipped?.skippedCells ?? 0) + 1,
        ...(row >= this.bounds.maxRows ? { rowsFrom: Math.min(raw.clipped?.rowsFrom ?? Infinity, this.bounds.maxRows) } : { colsFrom: Math.min(raw.clipped?.colsFrom ?? Infinity, this.bounds.maxCols) }),
      };
      return;
    }
    if (cell.vMerge === 'continue') {
      // The cell above spans down to here; its text (if a continuation holds any) is not shown by Word.
      const area = table.open.get(col);
      if (area) area.bottom = row;
      return;
    }
    for (const start of [...table.open.keys()]) if (start >= col && start < col + cell.span) table.open.delete(start);
    if (cell.span > 1 || cell.vMerge === 'restart') {
      if (raw.merges.length < MAX_MERGES) {
        const area: Rect = { top: row, left: col, bottom: row, right: Math.min(col + cell.span, this.bounds.maxCols) - 1 };
        raw.merges.push(area);
        if (cell.vMerge === 'restart') table.open.set(col, area);
      }
    }
    const text = cell.paragraphs.map((p) => p.trim()).join('\n').trim();
    if (text === '') return;
    if (raw.cells.length >= this.bounds.maxRows * this.bounds.maxCols) throw new ZipError(`table ${raw.name} holds cells beyond its read bounds`, 'bomb');
    raw.cells.push({ row, col, value: text, sst: null, formula: null, format: 'General' });
  }
}

function boundedCount(value: string | undefined, max: number): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : 0;
}
