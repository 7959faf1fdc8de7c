/**
 * The fake host's document: worksheets of cells with values, formulas and formats, evaluated by HyperFormula. The proxy
 * layer (`proxies.ts`) changes this model only while a `sync()` runs; tests inspect it directly through `FakeExcelHost`.
 * Browser-safe: no Node imports.
 */
import { HyperFormula, DetailedCellError } from 'hyperformula';
import { FAKE_ERROR_CODES, FakeOfficeError } from './errors';
import { columnIndex, columnLetter } from '../sheet/grid';

export type CellScalar = number | string | boolean;

export type BorderEdge = 'top' | 'bottom' | 'left' | 'right';

export interface BorderState {
  style: string; // Excel.BorderLineStyle: "Continuous", "Double", "Dash" …
  weight: string; // "Thin" | "Medium" | "Thick" | "Hairline"
  color: string;
}

export interface CellFormatState {
  numberFormat: string;
  /** null = no fill (Excel reports "#FFFFFF" for it through `fill.color`). */
  fill: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  fontSize: number;
  fontName: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  borders: Partial<Record<BorderEdge, BorderState>>;
}

export interface CellState {
  /** Constant content; null for blank and for formula cells. */
  constant: CellScalar | null;
  formula: string | null;
  /** Entered with a leading apostrophe: shown and returned without it, kept as text. */
  quotePrefix: boolean;
  format: CellFormatState;
  validation?: ValidationState;
}

export interface ValidationState {
  type: 'wholeNumber';
  operator: string;
  formula1: number;
  formula2?: number;
  ignoreBlanks: boolean;
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
  prompt?: { showPrompt: boolean; title: string; message: string };
}

export interface ConditionalFormatState {
  /** Excel's id for the format (`ConditionalFormat.id`, ExcelApi 1.6): how an add-in finds its own format again. */
  id: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  formula: string;
  format: { fill?: string; fontColor?: string; bold?: boolean; borderColor?: string };
}

/** A cell note (ExcelApi 1.18 `Note`): the yellow box shown on hover. */
export interface NoteState {
  content: string;
  authorName: string;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Excel's default column width: 8.43 characters of Calibri 11 = 64 px = 48 pt. */
export const DEFAULT_COLUMN_WIDTH_POINTS = 48;

export function defaultFormat(): CellFormatState {
  return {
    numberFormat: 'General',
    fill: null,
    fontColor: '#000000',
    bold: false,
    italic: false,
    fontSize: 11,
    fontName: 'Calibri',
    horizontalAlignment: 'General',
    verticalAlignment: 'Bottom',
    wrapText: false,
    borders: {},
  };
}

export interface PageLayoutState {
  orientation: 'Portrait' | 'Landscape';
  printArea: string | null;
  fitToPagesWide: number | null;
}

export class FakeSheet {
  readonly cells = new Map<string, CellState>();
  readonly merges: Rect[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly conditionalFormats: ConditionalFormatState[] = [];
  readonly changeHandlers = new Set<(args: unknown) => unknown>();
  /** Notes by cell key (`FakeSheet.key`). */
  readonly notes = new Map<string, NoteState>();
  pageLayout: PageLayoutState = { orientation: 'Portrait', printArea: null, fitToPagesWide: null };
  protected = false;
  /** Zero-based rows / columns a person hid (Home > Format > Hide), or a filter hid. */
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();

  constructor(
    public name: string,
    /** Changes when the file is reopened (see FakeWorkbook.reopen). */
    public id: string,
    readonly hfId: number,
  ) {}

  static key(row: number, col: number): string {
    return `${row},${col}`;
  }

  get(row: number, col: number): CellState | undefined {
    return this.cells.get(FakeSheet.key(row, col));
  }

  /** The cell, created with default content and format when absent. */
  ensure(row: number, col: number): CellState {
    const k = FakeSheet.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { constant: null, formula: null, quotePrefix: false, format: defaultFormat() };
      this.cells.set(k, c);
    }
    return c;
  }

  forEachCell(fn: (row: number, col: number, cell: CellState) => void): void {
    for (const [k, cell] of this.cells) {
      const [r, c] = k.split(',').map(Number);
      fn(r, c, cell);
    }
  }
}

// ---------------------------------------------------------------- addresses

/** "A1", "A1:C3", "B:B", "B:D", "3:5" → rectangle; throws InvalidArgument for anything else. */
export function parseAddress(address: string): Rect {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = bare.replace(/\$/g, '').split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) throw badAddress(address);
  const cells = parts.map((p) => {
    let m = /^([A-Za-z]{1,3})(\d+)$/.exec(p);
    if (m) return { row: Number(m[2]) - 1, col: columnIndex(m[1]), kind: 'cell' as const };
    m = /^([A-Za-z]{1,3})$/.exec(p);
    if (m) return { row: -1, col: columnIndex(m[1]), kind: 'col' as const };
    m = /^(\d+)$/.exec(p);
    if (m) return { row: Number(m[1]) - 1, col: -1, kind: 'row' as const };
    throw badAddress(address);
  });
  const [a, b = a] = cells;
  if (a.kind !== b.kind || (parts.length === 1 && a.kind !== 'cell')) throw badAddress(address);
  let rect: Rect;
  if (a.kind === 'col') rect = { top: 0, bottom: MAX_ROWS - 1, left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
  else if (a.kind === 'row') rect = { left: 0, right: MAX_COLS - 1, top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row) };
  else rect = { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) };
  if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLS) throw badAddress(address);
  return rect;
}

function badAddress(address: string): FakeOfficeError {
  return new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (address "${address}")`);
}

export function rectAddress(r: Rect): string {
  const a = `${columnLetter(r.left)}${r.top + 1}`;
  const b = `${columnLetter(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** Excel quotes sheet names in addresses unless they are plain words. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\u0080-\uFFFF]*$/.test(name) && !/[\s()（）]/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function rectCellCount(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

// ---------------------------------------------------------------- formulas

/**
 * Excel accepts unquoted sheet names made of letters of any script (`=經費預算表!B3`); HyperFormula only accepts
 * ASCII ones unquoted, so such references are quoted before evaluation. The stored formula text stays as written.
 */
export function formulaForEngine(formula: string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const end = formula.indexOf(ch, i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const m = /^[^\s'"!=+\-*/^&,()<>:;%{}]+!/u.exec(formula.slice(i));
    const prev = out[out.length - 1];
    if (m && (prev === undefined || /[\s=+\-*/^&,(<>:;{]/.test(prev))) {
      const name = m[0].slice(0, -1);
      out += /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? m[0] : `'${name}'!`;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- the workbook

export class FakeWorkbook {
  // Excel's sheet size (HyperFormula defaults to 40,000 rows).
  readonly hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3', maxRows: MAX_ROWS, maxColumns: MAX_COLS });
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  readonly addedHandlers = new Set<(args: unknown) => unknown>();
  readonly deletedHandlers = new Set<(args: unknown) => unknown>();
  readonly nameChangedHandlers = new Set<(args: unknown) => unknown>();
  activeSheet: FakeSheet | null = null;
  /** Ranges with more cells than this read `values` as null (Excel's documented answer for oversized ranges). */
  valuesNullAboveCells = Number.POSITIVE_INFINITY;
  selection: { sheet: string; address: string } | null = null;
  /**
   * `Application.calculationMode` (get: ExcelApi 1.1): "This is a runtime property" of the Excel session
   * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member).
   * The fake only reports it; HyperFormula still recalculates at once (fidelity review 2 §9 F12: in Manual mode Excel
   * leaves results stale until a recalculation).
   */
  calculationMode: 'Automatic' | 'AutomaticExceptTables' | 'Manual' = 'Automatic';
  /**
   * Areas above which `getSpecialCells…` fails with InvalidArgument. Excel has such a limit but does not document it:
   * office-js #4263 (visible cells of a filtered sheet, "The argument is invalid…" depending on row count) and #5198
   * (RangeAreas over ~500 areas). Unlimited unless a test sets one.
   */
  specialCellsAreaLimit = Number.POSITIVE_INFINITY;
  private nextSheetId = 1;
  private nextFormatId = 1;

  newConditionalFormatId(): string {
    return `{fake-cf-${this.nextFormatId++}}`;
  }

  /**
   * The file is closed and opened again, as far as an add-in can tell: Microsoft documents neither id as stable across
   * sessions, so both change here, in the least forgiving way the documents allow.
   * * `Worksheet.id` "remains constant within a single session but will change between sessions" (Microsoft's answer
   *   in office-js-docs #297, https://github.com/OfficeDev/office-js-docs/issues/297; also office-js #1390, #552): every
   *   sheet gets an id it never had.
   * * `ConditionalFormat.id` is documented as "the priority of the conditional format within the current
   *   ConditionalFormatCollection" (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-id-member):
   *   ids are handed out again from the first, in priority order, so an id an add-in remembered may now name a
   *   person's rule.
   * Event handlers and cell-edit mode end with the old session. Settings stay, unless `settingsLost` (office-js #6091:
   * Mac 16.100, settings lost after save and reopen, https://github.com/OfficeDev/office-js/issues/6091).
   */
  reopen(settingsLost = false): void {
    for (const sheet of this.sheets) {
      sheet.id = `{fake-sheet-${this.nextSheetId++}}`;
      sheet.changeHandlers.clear();
    }
    let priority = 1;
    for (const sheet of this.sheets) for (const cf of sheet.conditionalFormats) cf.id = `{fake-cf-${priority++}}`;
    this.nextFormatId = Math.max(this.nextFormatId, priority);
    this.addedHandlers.clear();
    this.deletedHandlers.clear();
    this.nameChangedHandlers.clear();
    if (settingsLost) this.settings.clear();
  }

  /** Removes a sheet; formulas elsewhere that pointed at it show #REF!, as in Excel. */
  removeSheet(sheet: FakeSheet): void {
    if (this.sheets.length === 1) {
      throw new FakeOfficeError(FAKE_ERROR_CODES.invalidOperation, 'A workbook must contain at least one visible worksheet.');
    }
    this.hf.removeSheet(sheet.hfId);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
    if (this.selection?.sheet === sheet.name) this.selection = null;
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    checkSheetName(name);
    const other = this.findSheet(name);
    if (other && other !== sheet) {
      throw new FakeOfficeError(FAKE_ERROR_CODES.itemAlreadyExists, `A resource with the same name or identifier already exists. (sheet "${name}")`);
    }
    this.hf.renameSheet(sheet.hfId, name);
    if (this.selection?.sheet === sheet.name) this.selection = { ...this.selection, sheet: name };
    sheet.name = name;
  }

  findSheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  addSheet(name: string): FakeSheet {
    checkSheetName(name);
    if (this.findSheet(name)) {
      throw new FakeOfficeError(FAKE_ERROR_CODES.itemAlreadyExists, `A resource with the same name or identifier already exists. (sheet "${name}")`);
    }
    const hfName = this.hf.addSheet(name);
    const sheet = new FakeSheet(name, `{fake-sheet-${this.nextSheetId++}}`, this.hf.getSheetId(hfName)!);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** The value Excel reports through `range.values` (formula results evaluated, errors as "#DIV/0!", blanks as ""). */
  valueAt(sheet: FakeSheet, row: number, col: number): CellScalar {
    const cell = sheet.get(row, col);
    if (!cell) return '';
    if (cell.formula === null) return cell.constant ?? '';
    const v = this.hf.getCellValue({ sheet: sheet.hfId, row, col });
    if (v instanceof DetailedCellError) return v.value;
    if (v === null || v === undefined) return 0; // Excel shows 0 for a formula pointing at an empty cell
    return v as CellScalar;
  }

  /** What `range.formulas` reports: the formula, or the constant as it is held (text without its apostrophe). */
  formulaAt(sheet: FakeSheet, row: number, col: number): CellScalar {
    const cell = sheet.get(row, col);
    if (!cell) return '';
    return cell.formula ?? cell.constant ?? '';
  }

  /** Stores one cell's content as if typed (see `interpretInput`). */
  enter(sheet: FakeSheet, row: number, col: number, input: CellScalar | null | undefined, asFormulaProperty: boolean): void {
    this.enterBlock(sheet, row, col, [[input]], asFormulaProperty);
  }

  /**
   * Enters a block of inputs with its top-left at (top, left), all or nothing: a formula Excel cannot parse refuses
   * the whole write. One engine update for the block keeps large writes fast.
   */
  enterBlock(sheet: FakeSheet, top: number, left: number, inputs: (CellScalar | null | undefined)[][], asFormulaProperty: boolean): void {
    const planned: { row: number; col: number; state: Pick<CellState, 'constant' | 'formula' | 'quotePrefix'> }[] = [];
    inputs.forEach((line, i) =>
      line.forEach((input, j) => {
        if (input === null || input === undefined) return; // null in a values array leaves the cell as it is
        const row = top + i;
        const col = left + j;
        const state = interpretInput(input, sheet.get(row, col)?.format.numberFormat === '@', asFormulaProperty);
        if (state.formula !== null && !this.hf.validateFormula(formulaForEngine(state.formula))) {
          // Excel refuses a formula it cannot parse; nothing is written.
          throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (formula ${state.formula})`);
        }
        planned.push({ row, col, state });
      }),
    );
    if (planned.length === 0) return;
    for (const p of planned) Object.assign(sheet.ensure(p.row, p.col), p.state);
    const width = Math.max(...inputs.map((l) => l.length));
    const matrix = inputs.map((_, i) =>
      Array.from({ length: width }, (_, j) => {
        const cell = sheet.get(top + i, left + j);
        return cell ? engineContent(cell) : null;
      }),
    );
    this.hf.setCellContents({ sheet: sheet.hfId, row: top, col: left }, matrix);
  }

  /** Loads rows directly into a sheet without a sync, for test setup ("a sheet that already has 2,000 rows"). */
  seed(sheet: FakeSheet, rows: (CellScalar | null | undefined)[][], origin = { row: 0, col: 0 }): void {
    this.enterBlock(sheet, origin.row, origin.col, rows, false);
  }

  evaluate(sheet: FakeSheet, formula: string): CellScalar | null {
    // Excel reads a bare TRUE/FALSE as the boolean; HyperFormula only knows the functions TRUE()/FALSE().
    const engine = formulaForEngine(formula).replace(/(^=|[(,=<>+\-*/&\s])(TRUE|FALSE)(?=$|[),=<>+\-*/&\s])/gi, '$1$2()');
    const v = this.hf.calculateFormula(engine, sheet.hfId);
    if (v instanceof DetailedCellError) return v.value;
    if (Array.isArray(v)) return null;
    return (v ?? null) as CellScalar | null;
  }
}

function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (sheet name "${name}")`);
  }
}

/**
 * Content as if typed or written through `values`/`formulas`: "=…" becomes a formula, "'…" text without the
 * apostrophe, numeric text a number, TRUE/FALSE booleans; a cell formatted "@" keeps whatever it gets as text.
 */
function interpretInput(input: CellScalar, textFormatted: boolean, asFormulaProperty: boolean): Pick<CellState, 'constant' | 'formula' | 'quotePrefix'> {
  const constant = (c: CellScalar | null, quotePrefix = false) => ({ constant: c, formula: null, quotePrefix });
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, 'The argument is invalid or missing or has an incorrect format. (non-finite number)');
    return constant(input);
  }
  if (typeof input === 'boolean') return constant(input);
  if (input === '') return constant(null);
  if (input.startsWith("'")) return constant(input.slice(1), true);
  if (textFormatted && !asFormulaProperty) return constant(input);
  if (input.startsWith('=') && input.length > 1) return { constant: null, formula: input, quotePrefix: false };
  if (/^[+\-@]/.test(input) && input.length > 1 && parseNumber(input) === null) {
    // Lotus-style entry, as when a person types "-B3" or "@SUM(B3:B8)": Excel makes a formula of it.
    return { constant: null, formula: `=${input.startsWith('@') ? input.slice(1) : input}`, quotePrefix: false };
  }
  if (/^(true|false)$/i.test(input)) return constant(input.toUpperCase() === 'TRUE');
  return constant(parseNumber(input) ?? input);
}

function engineContent(cell: CellState): string | number | boolean | null {
  if (cell.formula !== null) return formulaForEngine(cell.formula);
  if (typeof cell.constant === 'string') return `'${cell.constant}`; // keep text as text in the engine
  return cell.constant;
}

/** Numeric text the way Excel reads typing: "1,234", " 5 ", "12%", "-3.5". */
function parseNumber(text: string): number | null {
  const t = text.trim();
  const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(%?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[2].replace(/,/g, '')) * (m[1] === '-' ? -1 : 1);
  return m[3] ? n / 100 : n;
}
