/**
 * A fake Excel host for tests, the browser preview and browser tests: `Excel.run`, request contexts and proxies that
 * behave like office.js where the add-in depends on it (queued operations, writes at sync, PropertyNotLoaded, "=" text
 * becoming formulas, HyperFormula recalculation, requirement sets, events), plus inspection helpers for tests:
 * sync counts and payload sizes, cell state, exact sheet dumps, simulated typing.
 *
 * Browser-safe: no Node imports. `installFakeOffice(globalThis)` puts `Office`, `Excel` and `OfficeExtension` where
 * office.js would.
 *
 * Not modelled at all (fidelity review 2 §9 F13): threaded comments (`Workbook.comments`, ExcelApi 1.10,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-comments). In Excel a cell may carry a comment as
 * well as a note; how the two interact is not documented. Other documented differences are commented where they are
 * implemented: F7 `notifyChanged`, F8 `FakeRequestContext.sync`, F10 `WEB_PAYLOAD_LIMIT_BYTES`, F11 `NoteCollection.add`,
 * F12 `FakeWorkbook.calculationMode`, F14 errors.ts.
 */
import { FAKE_ERROR_CODES, FakeOfficeError } from './errors';
import { shiftFormula } from '../domain/formula';
import { type CellScalar, type CellState, FakeSheet, FakeWorkbook, parseAddress, rectAddress } from './model';
import { columnLetter } from '../sheet/grid';
import { type ChangeNotice, FakeRequestContext, type HostHooks, type SyncRecord, deleteSheet, renameSheet, triggerOf } from './proxies';

export { FakeOfficeError, FAKE_ERROR_CODES } from './errors';
export type { SyncRecord } from './proxies';
export type { CellState, CellFormatState, FakeSheet } from './model';

/**
 * Excel on the web refuses requests and responses over 5 MB
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Fake difference (fidelity review 2 §9 F10): the fake applies it on every platform and measures the UTF-8 bytes of its
 * own JSON; the unit and wire format Excel measures are not documented, so tests keep a margin, not a proof.
 */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export const ALL_EXCEL_API_SETS = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);

/** "1.1" … up to and including `max`, e.g. `excelApiUpTo('1.7')` for Office 2019. */
export function excelApiUpTo(max: string): string[] {
  return ALL_EXCEL_API_SETS.filter((v) => compareVersions(v, max) <= 0);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export interface FakeExcelOptions {
  /** ExcelApi versions the host supports; all of 1.1–1.20 unless told. */
  requirementSets?: string[];
  /** Office.context.displayLanguage, e.g. "zh-TW" or "en-US". */
  displayLanguage?: string;
  /**
   * Office.context.document.url: "the URL of the document that the host application currently has open. Returns
   * null if the URL is unavailable" (https://learn.microsoft.com/javascript/api/office/office.document#office-office-document-url-member).
   */
  documentUrl?: string | null;
  /** Sheets the workbook starts with (default: one named "Sheet1"). */
  sheets?: string[];
  payloadLimitBytes?: number;
  /**
   * Refuse calls and navigation through null objects (default true): Office.js does not document what they do, so
   * the adapter must not rely on them. Turn off only to show what the old, lenient fake accepted.
   */
  strictNullObjects?: boolean;
  /** Where the host runs; 'OfficeOnline' (Excel on the web) also has the settings bug of office-js #920. */
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
  /** Model office-js #920 (default: on for Excel on the web). */
  settingsAddAfterChangeFails?: boolean;
  /** `NoteCollection.add` on a cell with a note: refuse (default) or replace it; Office.js documents neither. */
  noteAddOnNotedCell?: 'error' | 'replace';
  /**
   * Whether the host has the "DelayForCellEdit" requirement set (default true). office.js sends `delayForCellEdit` only
   * when `isSetSupported("DelayForCellEdit")` (runtime: dist/excel-web-16.00.debug.js in OfficeDev/office-js); the set
   * is in no Microsoft document. Without it a batch run with the option fails in cell-edit mode like any other.
   */
  delayForCellEditSet?: boolean;
}

export interface UserEditResult {
  accepted: boolean;
  /** The data-validation alert Excel would show when it refuses the entry. */
  alert?: { title: string; message: string };
}

type Batch<R> = (context: FakeRequestContext) => Promise<R> | R;

export class FakeExcelHost implements HostHooks {
  readonly workbook = new FakeWorkbook();
  readonly requirementSets: string[];
  displayLanguage: string;
  documentUrl: string | null;
  payloadLimitBytes: number;
  /**
   * While true a person is typing in a cell: a batch fails with InvalidOperationInCellEditMode, or waits when run with
   * `delayForCellEdit: true` (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
   */
  cellEditMode = false;
  readonly strictNullObjects: boolean;
  readonly platform: 'OfficeOnline' | 'PC' | 'Mac';
  readonly settingsAddAfterChangeFails: boolean;
  readonly noteAddOnNotedCell: 'error' | 'replace';
  readonly delayForCellEditSet: boolean;
  private editEnded: (() => void)[] = [];
  syncCount = 0;
  readonly syncLog: SyncRecord[] = [];
  private readonly eventErrors: unknown[] = [];
  private pendingEvents: Promise<unknown>[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.requirementSets = options.requirementSets ?? ALL_EXCEL_API_SETS;
    this.displayLanguage = options.displayLanguage ?? 'en-US';
    this.documentUrl = options.documentUrl ?? null;
    this.payloadLimitBytes = options.payloadLimitBytes ?? WEB_PAYLOAD_LIMIT_BYTES;
    this.strictNullObjects = options.strictNullObjects ?? true;
    this.platform = options.platform ?? 'OfficeOnline';
    this.settingsAddAfterChangeFails = options.settingsAddAfterChangeFails ?? this.platform === 'OfficeOnline';
    this.noteAddOnNotedCell = options.noteAddOnNotedCell ?? 'error';
    this.delayForCellEditSet = options.delayForCellEditSet ?? true;
    for (const name of options.sheets ?? ['Sheet1']) this.workbook.addSheet(name);
  }

  // ------------------------------------------------------------ what office.js offers

  isApiSupported(version: string): boolean {
    return this.requirementSets.some((v) => compareVersions(v, version) >= 0);
  }

  isSetSupported = (name: string, minVersion?: string): boolean =>
    (name.toLowerCase() === 'excelapi' && this.isApiSupported(minVersion ?? '1.1')) || (name.toLowerCase() === 'delayforcelledit' && this.delayForCellEditSet);

  /** `Excel.run(batch)` and `Excel.run(object, batch)`; pending operations are synced when the batch ends, as in Excel. */
  run: { <R>(batch: Batch<R>): Promise<R>; <R>(object: unknown, batch: Batch<R>): Promise<R> } = async <R>(a: unknown, b?: unknown): Promise<R> => {
    const batch = (typeof a === 'function' ? a : b) as Batch<R>;
    // Excel.run(object, batch) continues in the object's context (how event handlers are removed later).
    const given = a instanceof FakeRequestContext ? a : (a as { context?: unknown } | undefined)?.context;
    const context = given instanceof FakeRequestContext ? given : new FakeRequestContext(this);
    // Excel.run(options, batch): RunOptions (delayForCellEdit).
    context.delayForCellEdit = this.delayForCellEditSet && typeof a === 'object' && a !== null && (a as { delayForCellEdit?: unknown }).delayForCellEdit === true;
    context.closed = false;
    try {
      const result = await batch(context);
      if (context.pendingCount > 0) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  };

  recordSync(entry: SyncRecord): void {
    this.syncCount++;
    this.syncLog.push(entry);
  }

  cellEditEnded = (): Promise<void> => new Promise((resolve) => this.editEnded.push(resolve));

  /**
   * The person saves, closes and opens the file again: sheet and conditional-format ids change, event handlers and
   * contexts of the old session are gone (see FakeWorkbook.reopen). An add-in starts again from nothing: make a new
   * adapter after this.
   */
  reopen(options: { settingsLost?: boolean } = {}): void {
    this.workbook.reopen(options.settingsLost ?? false);
    this.cellEditMode = false;
  }

  /** A person starts typing in a cell (double-click or F2) and stays in edit mode until `endCellEdit`. */
  beginCellEdit(): void {
    this.cellEditMode = true;
  }

  /** The person leaves edit mode; with `commit` the typed input is entered (validation, recalculation, events). */
  async endCellEdit(commit?: { sheet: string; cell: string; input: CellScalar | null }): Promise<UserEditResult | undefined> {
    this.cellEditMode = false;
    const waiting = this.editEnded;
    this.editEnded = [];
    const result = commit ? await this.userEdit(commit.sheet, commit.cell, commit.input) : undefined;
    for (const resolve of waiting) resolve();
    return result;
  }

  /**
   * Fake difference (fidelity review 2 §9 F7): one `onChanged` event per written range, its address that range, and a
   * format change reported as `changeType: 'Unknown'`. How Excel coalesces the events of one sync and which changeType a
   * format change carries are not documented (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs);
   * in Excel the add-in may see extra or merged events, so the adapter must not depend on exact addresses.
   */
  notifyChanged(changes: ChangeNotice[]): void {
    for (const change of changes) {
      for (const handler of change.sheet.changeHandlers) {
        // https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs (triggerSource: ExcelApi 1.14)
        const args = {
          type: 'WorksheetChanged',
          changeType: change.kind === 'FormatChanged' ? 'Unknown' : 'RangeEdited',
          source: change.source,
          worksheetId: change.sheet.id,
          address: rectAddress(change.rect),
          ...triggerOf(this, change.byThisAddin ? 'ThisLocalAddin' : 'Unknown'),
        };
        this.dispatchEvent(handler, args);
      }
    }
  }

  dispatchEvent(handler: (args: unknown) => unknown, args: unknown): void {
    // Events arrive after the sync that caused them, never inside it.
    this.pendingEvents.push(
      new Promise((resolve) => setTimeout(resolve, 0))
        .then(() => handler(args))
        .catch((e) => void this.eventErrors.push(e)),
    );
  }

  /** Waits until every event handler fired so far has finished. */
  async settleEvents(): Promise<void> {
    while (this.pendingEvents.length) {
      const batch = this.pendingEvents;
      this.pendingEvents = [];
      await Promise.all(batch);
    }
    if (this.eventErrors.length) throw this.eventErrors.shift();
  }

  // ------------------------------------------------------------ test helpers

  sheet(name: string): FakeSheet {
    const s = this.workbook.findSheet(name);
    if (!s) throw new Error(`fake host: no sheet named "${name}" (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }

  sheetNames(): string[] {
    return this.workbook.sheets.map((s) => s.name);
  }

  addSheet(name: string): FakeSheet {
    return this.workbook.addSheet(name);
  }

  /** Fills cells directly (no sync, no events): strings are read as typed, so "=…" is a formula. */
  seed(sheet: string, rows: (CellScalar | null | undefined)[][], topLeft = 'A1'): void {
    const r = parseAddress(topLeft);
    this.workbook.seed(this.sheet(sheet), rows, { row: r.top, col: r.left });
  }

  /**
   * A person inserts `count` whole rows before zero-based row `at`: cells below (with their formats) move down and
   * formulas everywhere follow, as in Excel. Merges, validation and conditional formats are not moved (no test needs
   * them yet), so use it on sheets without those below `at`.
   */
  insertRows(sheetName: string, at: number, count: number): void {
    const sheet = this.sheet(sheetName);
    const engine = this.workbook.hf;
    engine.addRows(sheet.hfId, [at, count]);
    const moved: [number, number, CellState][] = [];
    sheet.forEachCell((row, col, cell) => moved.push([row >= at ? row + count : row, col, cell]));
    sheet.cells.clear();
    for (const [row, col, cell] of moved) {
      if (cell.formula !== null) cell.formula = engine.getCellFormula({ sheet: sheet.hfId, row, col }) ?? cell.formula;
      sheet.cells.set(FakeSheet.key(row, col), cell);
    }
  }

  /**
   * A person types `input` into a cell and presses Enter: data validation may refuse it (nothing changes), otherwise
   * the cell takes it as typed, everything recalculates and the sheet's change handlers run.
   */
  async userEdit(sheet: string, cell: string, input: CellScalar | null): Promise<UserEditResult> {
    const s = this.sheet(sheet);
    const { top: row, left: col } = parseAddress(cell);
    if (s.protected) throw new Error(`fake host: ${sheet} is protected; Excel would not let a person type into ${cell}`);
    const typed = input === null ? '' : input;
    const refusal = validationRefusal(s.get(row, col), typed);
    if (refusal) return { accepted: false, alert: refusal };
    this.workbook.enter(s, row, col, typed, false);
    this.notifyChanged([{ sheet: s, rect: { top: row, left: col, bottom: row, right: col }, source: 'Local', kind: 'RangeEdited', byThisAddin: false }]);
    await this.settleEvents();
    return { accepted: true };
  }

  /** A person deletes a sheet (the tab's Delete command); onDeleted handlers run. */
  async userDeleteSheet(name: string): Promise<void> {
    deleteSheet(this, this.sheet(name));
    await this.settleEvents();
  }

  /** A person renames a sheet; onNameChanged handlers (ExcelApi 1.17) run. */
  async userRenameSheet(name: string, newName: string): Promise<void> {
    renameSheet(this, this.sheet(name), newName);
    await this.settleEvents();
  }

  /** A person merges cells (Merge & Center): only the top-left value stays. */
  userMerge(sheet: string, range: string): void {
    const s = this.sheet(sheet);
    const rect = parseAddress(range);
    s.merges.push(rect);
    s.forEachCell((r, c, cell) => {
      if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right && (r !== rect.top || c !== rect.left)) {
        cell.constant = null;
        cell.formula = null;
      }
    });
  }

  /** A person adds a note to a cell (Review > Notes > New Note). */
  userAddNote(sheet: string, cell: string, content: string): void {
    const { top, left } = parseAddress(cell);
    this.sheet(sheet).notes.set(FakeSheet.key(top, left), { content, authorName: 'user' });
  }

  /** A person hides rows ("3:4") or columns ("C:D") (Home > Format > Hide & Unhide). */
  userHide(sheet: string, rowsOrColumns: string): void {
    const s = this.sheet(sheet);
    const [first, last = first] = rowsOrColumns.split(':');
    if (/^\d+$/.test(first)) {
      for (let r = Number(first) - 1; r <= Number(last) - 1; r++) s.hiddenRows.add(r);
    } else {
      const from = parseAddress(`${first}1`).left;
      const to = parseAddress(`${last}1`).left;
      for (let c = from; c <= to; c++) s.hiddenCols.add(c);
    }
  }

  /** The note on a cell (ExcelApi 1.18), if any. */
  note(sheet: string, cell: string): string | null {
    const { top, left } = parseAddress(cell);
    return this.sheet(sheet).notes.get(FakeSheet.key(top, left))?.content ?? null;
  }

  /**
   * How the cell looks: its own fill and font colour, overridden by the conditional formats whose rule holds, the
   * highest priority first (Excel applies the first true rule's format where rules conflict).
   */
  effectiveFormatAt(sheet: string, cell: string): { fill: string | null; fontColor: string; bold: boolean } {
    const own = this.cell(sheet, cell)?.format;
    const out = { fill: own?.fill ?? null, fontColor: own?.fontColor ?? '#000000', bold: own?.bold ?? false };
    const hits = this.conditionalFormatsAt(sheet, cell);
    const first = <K extends 'fill' | 'fontColor' | 'bold'>(k: K) => hits.find((f) => f[k] !== undefined)?.[k];
    return { fill: first('fill') ?? out.fill, fontColor: first('fontColor') ?? out.fontColor, bold: first('bold') ?? out.bold };
  }

  /** What `range.values` gives for the cell. */
  value(sheet: string, cell: string): CellScalar {
    const { top, left } = parseAddress(cell);
    return this.workbook.valueAt(this.sheet(sheet), top, left);
  }

  /** The cell's formula, or null when it holds a constant or nothing. */
  formula(sheet: string, cell: string): string | null {
    const { top, left } = parseAddress(cell);
    return this.sheet(sheet).get(top, left)?.formula ?? null;
  }

  cell(sheet: string, cell: string): CellState | undefined {
    const { top, left } = parseAddress(cell);
    return this.sheet(sheet).get(top, left);
  }

  columnWidth(sheet: string, column: string): number | undefined {
    return this.sheet(sheet).columnWidths.get(parseAddress(`${column}1`).left);
  }

  /** Formats of the conditional formats whose rule holds at the cell (evaluated with HyperFormula, relative refs shifted). */
  conditionalFormatsAt(sheet: string, cell: string): { fill?: string; fontColor?: string; bold?: boolean }[] {
    const s = this.sheet(sheet);
    const { top: row, left: col } = parseAddress(cell);
    const out: { fill?: string; fontColor?: string; bold?: boolean }[] = [];
    for (const cf of s.conditionalFormats) {
      if (row < cf.top || row > cf.bottom || col < cf.left || col > cf.right) continue;
      const v = this.workbook.evaluate(s, shiftFormula(cf.formula, row - cf.top, col - cf.left));
      if (v === true || (typeof v === 'number' && v !== 0)) out.push(cf.format);
    }
    return out;
  }

  protectSheet(name: string, on = true): void {
    this.sheet(name).protected = on;
  }

  get activeSheetName(): string | null {
    return this.workbook.activeSheet?.name ?? null;
  }

  get selection(): { sheet: string; address: string } | null {
    return this.workbook.selection;
  }

  get settings(): ReadonlyMap<string, unknown> {
    return this.workbook.settings;
  }

  get lastSync(): SyncRecord | undefined {
    return this.syncLog[this.syncLog.length - 1];
  }

  /** Largest request or response payload of any sync so far, in bytes. */
  get maxPayloadBytes(): number {
    return Math.max(0, ...this.syncLog.map((s) => Math.max(s.requestBytes, s.responseBytes)));
  }

  /** Resets sync counting, e.g. after setting a workbook up through the API. */
  resetCounters(): void {
    this.syncCount = 0;
    this.syncLog.length = 0;
  }

  /**
   * A deterministic text dump of everything on a sheet (content, formulas, formats, merges, widths, validation,
   * conditional formats, page layout): two dumps are equal exactly when the sheet is unchanged.
   */
  dumpSheet(name: string): string {
    const s = this.sheet(name);
    const cells: [number, number, CellState][] = [];
    s.forEachCell((r, c, cell) => cells.push([r, c, cell]));
    cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return JSON.stringify(
      {
        name: s.name,
        cells: cells.map(([r, c, cell]) => ({
          at: `${columnLetter(c)}${r + 1}`,
          value: this.workbook.valueAt(s, r, c),
          constant: cell.constant,
          formula: cell.formula,
          quotePrefix: cell.quotePrefix,
          format: sortKeys(cell.format),
          validation: cell.validation ? sortKeys(cell.validation) : null,
        })),
        merges: s.merges.map(rectAddress).sort(),
        columnWidths: [...s.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        conditionalFormats: s.conditionalFormats.map((cf) => sortKeys(cf)),
        pageLayout: sortKeys(s.pageLayout),
        protected: s.protected,
      },
      null,
      1,
    );
  }

  // ------------------------------------------------------------ globals

  /** The `Excel` namespace as far as the add-in uses it. */
  get excelNamespace(): Record<string, unknown> {
    return {
      run: this.run,
      RequestContext: FakeRequestContext,
      ConditionalFormatType: { custom: 'Custom' },
      ErrorCodes: FAKE_ERROR_CODES,
    };
  }

  get officeNamespace(): Record<string, unknown> {
    const platform = this.platform;
    return {
      HostType: { Excel: 'Excel' },
      PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
      onReady: (callback?: (info: { host: string; platform: string }) => void) => {
        const info = { host: 'Excel', platform };
        return new Promise((resolve) => {
          setTimeout(() => {
            callback?.(info);
            resolve(info);
          }, 0);
        });
      },
      context: {
        displayLanguage: this.displayLanguage,
        document: { url: this.documentUrl },
        requirements: { isSetSupported: this.isSetSupported },
        diagnostics: { host: 'Excel', platform, version: 'fake' },
      },
    };
  }
}

function sortKeys<T extends object>(o: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    const v = (o as Record<string, unknown>)[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v) : v;
  }
  return out;
}

function validationRefusal(cell: CellState | undefined, typed: CellScalar): { title: string; message: string } | null {
  const v = cell?.validation;
  if (!v) return null;
  if (typed === '' && v.ignoreBlanks) return null;
  const n = typeof typed === 'number' ? typed : typeof typed === 'string' && typed.trim() !== '' ? Number(typed.replace(/,/g, '')) : NaN;
  const whole = Number.isInteger(n);
  const f1 = v.formula1;
  const f2 = v.formula2 ?? f1;
  const ok =
    whole &&
    {
      Between: n >= f1 && n <= f2,
      NotBetween: n < f1 || n > f2,
      EqualTo: n === f1,
      NotEqualTo: n !== f1,
      GreaterThan: n > f1,
      LessThan: n < f1,
      GreaterThanOrEqualTo: n >= f1,
      LessThanOrEqualTo: n <= f1,
    }[v.operator];
  if (ok || v.errorAlert?.showAlert === false) return null;
  return {
    title: v.errorAlert?.title || 'Microsoft Excel',
    message: v.errorAlert?.message || 'This value doesn’t match the data validation restrictions defined for this cell.',
  };
}

export function createFakeExcel(options?: FakeExcelOptions): FakeExcelHost {
  return new FakeExcelHost(options);
}

/**
 * Installs the fake where office.js would put itself (`Office`, `Excel`, `OfficeExtension` on `target`) and returns
 * the host for inspection. The browser preview passes `window`; tests pass a fresh object or `globalThis`.
 */
export function installFakeOffice(target: object, options: FakeExcelOptions = {}): FakeExcelHost {
  const host = new FakeExcelHost(options);
  Object.assign(target, {
    Office: host.officeNamespace,
    Excel: host.excelNamespace,
    OfficeExtension: { Error: FakeOfficeError, ErrorCodes: FAKE_ERROR_CODES },
  });
  return host;
}

export { FakeRequestContext };
