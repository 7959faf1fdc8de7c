/**
 * Office.js-style proxies over the fake model. Like the real API: every call only queues an operation; `sync()` runs
 * the queue in order against the model; values loaded by `load()` become readable on the proxy only after that sync;
 * reading a property that was not loaded throws `PropertyNotLoaded`. Only what the adapter uses is implemented; using
 * anything else fails loudly with "not implemented in the fake host" rather than pretending.
 */
import { FAKE_ERROR_CODES, FakeOfficeError, propertyNotLoaded } from './errors';
import {
  type BorderEdge,
  type CellFormatState,
  type CellScalar,
  type ConditionalFormatState,
  FakeSheet,
  type FakeWorkbook,
  type Rect,
  type ValidationState,
  DEFAULT_COLUMN_WIDTH_POINTS,
  defaultFormat,
  parseAddress,
  quoteSheetName,
  rectAddress,
  rectCellCount,
  rectsOverlap,
} from './model';

/** What a proxy's path resolves to when it names nothing (an `…OrNullObject` miss, and everything navigated from it). */
export const NULL_OBJECT = Symbol('null object');
type Resolved<T> = T | typeof NULL_OBJECT;

export interface HostHooks {
  readonly workbook: FakeWorkbook;
  isApiSupported(version: string): boolean;
  readonly payloadLimitBytes: number;
  readonly cellEditMode: boolean;
  /** Refuse calls and navigation through a null object (undocumented in Office.js; see the fidelity review, risk 1). */
  readonly strictNullObjects: boolean;
  /** Model office-js #920 (Excel on the web): adding a new setting after changing an existing one in one batch fails. */
  readonly settingsAddAfterChangeFails: boolean;
  /** What `NoteCollection.add` does on a cell that already has a note (undocumented; see FakeNoteCollection.add). */
  readonly noteAddOnNotedCell: 'error' | 'replace';
  /** Resolves when the person stops editing a cell (a batch run with `delayForCellEdit` waits for it). */
  cellEditEnded(): Promise<void>;
  recordSync(entry: SyncRecord): void;
  notifyChanged(changes: ChangeNotice[]): void;
  /** Runs an event handler after the current sync, as Excel delivers events. */
  dispatchEvent(handler: (args: unknown) => unknown, args: unknown): void;
}

export interface ChangeNotice {
  sheet: FakeSheet;
  rect: Rect;
  source: 'Local' | 'Remote';
  /** Values/formulas ('RangeEdited') or formatting only ('FormatChanged'; Excel raises onChanged for both). */
  kind: 'RangeEdited' | 'FormatChanged';
  /** Made through this add-in's API calls (reported as triggerSource 'ThisLocalAddin' on ExcelApi 1.14). */
  byThisAddin: boolean;
}

/** The context whose sync is running: format writes note their change here, like value writes. */
let syncing: FakeRequestContext | null = null;

/** Records a change made while a sync runs (nothing outside a sync: host actions notify on their own). */
export function noteSyncChange(sheet: FakeSheet, rect: Rect, kind: ChangeNotice['kind']): void {
  syncing?.noteChange(sheet, rect, kind);
}

/**
 * The model object behind a navigation from `parent`. Office.js documents `*OrNullObject` results only as objects
 * whose `isNullObject` is true after a sync; calling methods on one (navigating further) is not documented, so the
 * strict host refuses it. Without strict mode the null propagates, as the old fake (and probably Excel) did.
 */
export function through<P, T>(context: FakeRequestContext, parent: Resolved<P>, what: string, next: (p: P) => Resolved<T>): Resolved<T> {
  if (parent === NULL_OBJECT) {
    if (context.host.strictNullObjects) throw strictNullError(what);
    return NULL_OBJECT;
  }
  return next(parent);
}

function strictNullError(what: string): FakeOfficeError {
  return new FakeOfficeError(
    FAKE_ERROR_CODES.invalidObjectPath,
    `The object path is not valid: ${what} was called through a null object (the fake host's strict mode refuses what Office.js does not document).`,
    what,
  );
}

export interface SyncRecord {
  ops: number;
  requestBytes: number;
  responseBytes: number;
  failed?: string;
  /** `settings.add` calls per key in this request, for keys added more than once (one write per key is the rule). */
  repeatedSettingKeys?: string[];
}

interface QueuedOp {
  /** How the operation travels to Excel, for measuring the request payload. */
  wire: { path: string; action: string; args?: unknown };
  /** Runs against the model; a load returns what it read and how to publish it once the whole sync succeeded. */
  run(): void | { data: unknown; publish(): void };
}

const MAX_CELLS_PER_READ = 5_000_000;
/** Merged areas `Range.getMergedAreasOrNullObject` returns at most (see there). */
export const MERGED_AREAS_LIMIT = 512;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function notImplemented(what: string): never {
  throw new Error(`${what} is not implemented in the fake Excel host`);
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: QueuedOp[] = [];
  closed = false;
  /** A setting that existed was changed in the sync running now (office-js #920). */
  changedExistingSetting = false;
  /** `Excel.run({ delayForCellEdit: true }, …)`: wait for the person to finish editing instead of failing. */
  delayForCellEdit = false;

  constructor(readonly host: HostHooks) {
    this.workbook = new FakeWorkbookProxy(this, 'workbook', () => host.workbook);
  }

  /** Operations queued since the last sync (Excel.run syncs them when the batch ends). */
  get pendingCount(): number {
    return this.queue.length;
  }

  enqueue(op: QueuedOp): void {
    if (this.closed) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidRequestContext, 'Cannot use the object across different request contexts.');
    this.queue.push(op);
  }

  /**
   * Throws ApiNotFound at the call when the host lacks the requirement set, before anything is queued or sent: office.js
   * checks each method and property against the host's sets where it is called (`_throwIfApiNotSupported` in the
   * runtime, https://github.com/OfficeDev/office-js dist/excel-web-16.00.debug.js), so earlier operations of the batch
   * are not sent either unless the caller catches and syncs.
   */
  requireApi(version: string, what: string, _path: string): void {
    if (this.host.isApiSupported(version)) return;
    throw new FakeOfficeError(
      FAKE_ERROR_CODES.apiNotFound,
      `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${what}, ExcelApi ${version})`,
      what,
    );
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidRequestContext, 'Cannot use the object across different request contexts.');
    const ops = this.queue;
    this.queue = [];
    const requestBytes = utf8Length(JSON.stringify(ops.map((o) => o.wire)));
    const settingKeys = ops.filter((o) => o.wire.action === 'add' && o.wire.path.endsWith('settings')).map((o) => String((o.wire.args as unknown[])[0]));
    const repeated = [...new Set(settingKeys.filter((k, i) => settingKeys.indexOf(k) !== i))];
    const extra = repeated.length ? { repeatedSettingKeys: repeated } : {};
    // A round trip: let other tasks run, as a real request would.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const fail = (error: FakeOfficeError): never => {
      this.host.recordSync({ ops: ops.length, requestBytes, responseBytes: 0, failed: error.code, ...extra });
      throw error;
    };
    if (requestBytes > this.host.payloadLimitBytes) {
      fail(new FakeOfficeError(FAKE_ERROR_CODES.requestPayloadSizeLimitExceeded, `The request payload size has exceeded the limit. (${requestBytes} bytes)`));
    }
    // https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
    while (this.host.cellEditMode && this.delayForCellEdit) await this.host.cellEditEnded();
    if (this.host.cellEditMode) {
      fail(new FakeOfficeError(FAKE_ERROR_CODES.invalidOperationInCellEditMode, 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.'));
    }
    const results: { data: unknown; publish(): void }[] = [];
    this.changes = [];
    this.changedExistingSetting = false;
    syncing = this;
    try {
      for (const op of ops) {
        const result = op.run();
        if (result) results.push(result);
      }
    } catch (e) {
      // Operations before the failing one stay applied; nothing loaded is delivered. Fake difference (fidelity review
      // 2 §9 F8): what Excel keeps of a batch that fails part-way is not documented
      // (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling says only that
      // the sync rejects); the diagnostics' partial-batch check measures it on a real Excel.
      this.flushChanges();
      if (e instanceof FakeOfficeError) fail(e);
      throw e;
    } finally {
      syncing = null;
    }
    const responseBytes = utf8Length(JSON.stringify(results.map((r) => r.data)));
    if (responseBytes > this.host.payloadLimitBytes) {
      this.flushChanges();
      fail(new FakeOfficeError(FAKE_ERROR_CODES.responsePayloadSizeLimitExceeded, `The response payload size has exceeded the limit. (${responseBytes} bytes)`));
    }
    for (const r of results) r.publish();
    this.host.recordSync({ ops: ops.length, requestBytes, responseBytes, ...extra });
    this.flushChanges();
  }

  private changes: { sheet: FakeSheet; rect: Rect; kind: ChangeNotice['kind'] }[] = [];

  noteChange(sheet: FakeSheet, rect: Rect, kind: ChangeNotice['kind'] = 'RangeEdited'): void {
    this.changes.push({ sheet, rect, kind });
  }

  private flushChanges(): void {
    if (this.changes.length) this.host.notifyChanged(this.changes.map((c) => ({ ...c, source: 'Local' as const, byThisAddin: true })));
    this.changes = [];
  }
}

// ---------------------------------------------------------------- proxy base

type PropSpec<T> = {
  get?: (target: T, wb: FakeWorkbook) => unknown;
  set?: (target: T, value: unknown, ctx: FakeRequestContext) => void;
  /** ExcelApi version the property needs. */
  api?: string;
};

export abstract class FakeClientObject<T> {
  private loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    protected readonly path: string,
    private readonly resolver: () => Resolved<T>,
  ) {}

  protected abstract readonly className: string;
  protected abstract readonly props: Record<string, PropSpec<T>>;

  /** The model object this proxy names; evaluated while a sync runs. */
  resolve(): Resolved<T> {
    return this.resolver();
  }

  protected resolveLive(action: string): T {
    const t = this.resolve();
    if (t === NULL_OBJECT && this.context.host.strictNullObjects) throw strictNullError(`${this.className}.${action}`);
    if (t === NULL_OBJECT) {
      throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (${this.className}.${action} on a null object)`, `${this.className}.${action}`);
    }
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject');
    return this.nullState;
  }

  /** Receives loaded values (used by collections to hand items their properties). */
  acceptLoaded(values: Record<string, unknown>, isNull: boolean): void {
    this.nullState = isNull;
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  load(spec?: string | string[] | Record<string, unknown>): this {
    const names = this.propertyNames(spec);
    for (const n of names) {
      const p = this.props[n];
      if (!p?.get) notImplemented(`${this.className}.${n} (load)`);
      if (p.api) this.context.requireApi(p.api, `${this.className}.${n}`, this.path);
    }
    this.context.enqueue({
      wire: { path: this.path, action: 'load', args: names },
      run: () => {
        const t = this.resolve();
        const values: Record<string, unknown> = {};
        if (t !== NULL_OBJECT) for (const n of names) values[n] = this.props[n].get!(t, this.context.host.workbook);
        else for (const n of names) values[n] = null;
        return { data: values, publish: () => this.acceptLoaded(values, t === NULL_OBJECT) };
      },
    });
    return this;
  }

  protected propertyNames(spec?: string | string[] | Record<string, unknown>): string[] {
    if (spec === undefined) return Object.keys(this.props).filter((k) => this.props[k].get && !this.props[k].api);
    if (typeof spec === 'string') spec = spec.split(',');
    if (!Array.isArray(spec)) notImplemented(`${this.className}.load with an options object`);
    return spec.map((s) => s.trim()).filter(Boolean);
  }

  protected readProp(name: string): unknown {
    if (!this.loaded.has(name)) throw propertyNotLoaded(name);
    return this.loaded.get(name);
  }

  protected writeProp(name: string, value: unknown): void {
    const p = this.props[name];
    if (!p?.set) notImplemented(`${this.className}.${name} (set)`);
    if (p.api) this.context.requireApi(p.api, `${this.className}.${name}`, this.path);
    const copy = structuredCloneSafe(value);
    this.context.enqueue({
      wire: { path: this.path, action: `set ${name}`, args: copy },
      run: () => {
        p.set!(this.resolveLive(`set ${name}`), copy, this.context);
      },
    });
  }

  protected method(action: string, args: unknown, run: (target: T) => void, api?: string): void {
    if (api) this.context.requireApi(api, `${this.className}.${action}`, this.path);
    this.context.enqueue({
      wire: { path: this.path, action, args },
      run: () => {
        run(this.resolveLive(action));
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

function structuredCloneSafe<V>(v: V): V {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as V);
}

/** Defines the accessors `proxy.values`, `proxy.color` … from a class's property table. */
function defineAccessors(cls: { prototype: object }, names: string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: FakeClientObject<unknown> & { readProp(n: string): unknown }) {
        return this.readProp(name);
      },
      set(this: FakeClientObject<unknown> & { writeProp(n: string, v: unknown): void }, v: unknown) {
        this.writeProp(name, v);
      },
    });
  }
}

// ---------------------------------------------------------------- helpers over the model

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

function assertWritable(t: RangeTarget, what: string): void {
  if (t.sheet.protected) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.accessDenied, `The cell or chart you're trying to change is on a protected sheet. (${what} on ${t.sheet.name})`, what);
  }
}

function cellsOf(t: RangeTarget, fn: (row: number, col: number) => void): void {
  if (rectCellCount(t.rect) > MAX_CELLS_PER_READ) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.generalException, `The range ${rectAddress(t.rect)} is too large for a cell-by-cell operation.`);
  }
  for (let r = t.rect.top; r <= t.rect.bottom; r++) for (let c = t.rect.left; c <= t.rect.right; c++) fn(r, c);
}

function grid<V>(t: RangeTarget, fn: (row: number, col: number) => V): V[][] {
  if (rectCellCount(t.rect) > MAX_CELLS_PER_READ) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.generalException, `The range ${rectAddress(t.rect)} is too large to read.`);
  }
  const out: V[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: V[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

/** A uniform value over the range, or null when cells differ (Office's rule for format properties). */
function uniform<V>(t: RangeTarget, fn: (f: CellFormatState) => V): V | null {
  let first = true;
  let value: V | null = null;
  let mixed = false;
  cellsOf(t, (r, c) => {
    if (mixed) return;
    const v = fn(t.sheet.get(r, c)?.format ?? DEFAULT_FORMAT);
    if (first) {
      value = v;
      first = false;
    } else if (v !== value) mixed = true;
  });
  return mixed ? null : value;
}

const DEFAULT_FORMAT: CellFormatState = defaultFormat();

function eachFormat(t: RangeTarget, what: string, fn: (f: CellFormatState, row: number, col: number) => void): void {
  assertWritable(t, what);
  cellsOf(t, (r, c) => fn(t.sheet.ensure(r, c).format, r, c));
  // "onChanged fires when either the format or value of the data changes"
  // (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#detect-data-changes)
  noteSyncChange(t.sheet, t.rect, 'FormatChanged');
}

/** Accepts a 2-D array matching the range, or one scalar for every cell (as Office does). */
function shapeInput(t: RangeTarget, value: unknown, what: string): (row: number, col: number) => unknown {
  const rows = t.rect.bottom - t.rect.top + 1;
  const cols = t.rect.right - t.rect.left + 1;
  if (!Array.isArray(value)) return () => value;
  if (value.length !== rows || value.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeOfficeError(
      FAKE_ERROR_CODES.invalidArgument,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${what}: range ${rectAddress(t.rect)} is ${rows}×${cols})`,
      what,
    );
  }
  return (r, c) => (value as unknown[][])[r - t.rect.top][c - t.rect.left];
}

function normalizeColor(value: unknown, what: string): string {
  const named: Record<string, string> = { red: '#FF0000', white: '#FFFFFF', black: '#000000', yellow: '#FFFF00', blue: '#0000FF', green: '#008000' };
  const s = String(value).trim();
  if (/^#[0-9a-f]{6}$/i.test(s)) return s.toUpperCase();
  if (named[s.toLowerCase()]) return named[s.toLowerCase()];
  throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (${what} "${s}")`, what);
}

// ---------------------------------------------------------------- workbook

export class FakeWorkbookProxy extends FakeClientObject<FakeWorkbook> {
  protected readonly className = 'Workbook';
  protected readonly props: Record<string, PropSpec<FakeWorkbook>> = {};
  readonly worksheets: FakeWorksheetCollection;
  private settingsProxy?: FakeSettingCollection;

  constructor(ctx: FakeRequestContext, path: string, resolver: () => Resolved<FakeWorkbook>) {
    super(ctx, path, resolver);
    this.worksheets = new FakeWorksheetCollection(ctx, `${path}.worksheets`, resolver);
  }

  /** All the workbook's notes (ExcelApi 1.18). */
  get notes(): FakeWorkbookNotes {
    this.context.requireApi('1.18', 'Workbook.notes', this.path);
    return new FakeWorkbookNotes(this.context, `${this.path}.notes`, () => through(this.context, this.resolve(), 'notes', (t) => t));
  }

  get application(): FakeApplication {
    return new FakeApplication(this.context, `${this.path}.application`, () => through(this.context, this.resolve(), 'application', (t) => t));
  }

  get settings(): FakeSettingCollection {
    if (!this.settingsProxy) {
      this.settingsProxy = new FakeSettingCollection(this.context, `${this.path}.settings`, () => through(this.context, this.resolve(), 'settings', (t) => t));
    }
    this.context.requireApi('1.4', 'Workbook.settings', this.path);
    return this.settingsProxy;
  }
}

/** `Excel.Application`: only `calculationMode` (get: ExcelApi 1.1). */
export class FakeApplication extends FakeClientObject<FakeWorkbook> {
  declare calculationMode: string;
  protected readonly className = 'Application';
  protected readonly props: Record<string, PropSpec<FakeWorkbook>> = {
    calculationMode: { get: (wb) => wb.calculationMode },
  };
}
defineAccessors(FakeApplication, ['calculationMode']);

// ---------------------------------------------------------------- worksheets

export class FakeWorksheetCollection extends FakeClientObject<FakeWorkbook> {
  protected readonly className = 'WorksheetCollection';
  protected readonly props: Record<string, PropSpec<FakeWorkbook>> = {};
  private itemsList: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (!this.itemsList) throw propertyNotLoaded('items');
    return this.itemsList;
  }

  override load(spec?: string | string[] | Record<string, unknown>): this {
    // "items/name", "name", "items" and no argument all load the items with the requested scalar properties.
    const raw = spec === undefined ? [] : typeof spec === 'string' ? spec.split(',') : Array.isArray(spec) ? spec : notImplemented('WorksheetCollection.load with options');
    const names = raw.map((s) => s.trim().replace(/^items\/?/, '')).filter(Boolean);
    this.context.enqueue({
      wire: { path: this.path, action: 'load', args: raw },
      run: () => {
        const wb = this.resolveLive('load');
        const items = wb.sheets.map((s) => {
          const p = new FakeWorksheet(this.context, `${this.path}.getItem(${JSON.stringify(s.name)})`, () => s);
          return { p, values: p.snapshotProps(names.length ? names : undefined, wb) };
        });
        return {
          data: items.map((i) => i.values),
          publish: () => {
            for (const i of items) i.p.acceptLoaded(i.values, false);
            this.itemsList = items.map((i) => i.p);
          },
        };
      },
    });
    return this;
  }

  add(name?: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    const sheet = new FakeWorksheet(this.context, `${this.path}.add(${JSON.stringify(name ?? '')})`, () => {
      if (!created) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidObjectPath, 'The object path is not valid (the sheet was not added).');
      return created;
    });
    this.context.enqueue({
      wire: { path: this.path, action: 'add', args: [name] },
      run: () => {
        const wb = this.resolveLive('add');
        let n = name;
        if (!n) {
          let i = wb.sheets.length + 1;
          while (wb.findSheet(`Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        created = wb.addSheet(n);
        for (const h of wb.addedHandlers) this.context.host.dispatchEvent(h, { type: 'WorksheetAdded', worksheetId: created!.id, source: 'Local' });
      },
    });
    return sheet;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => {
      const s = this.lookup(key);
      if (!s) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (worksheet "${key}")`, 'WorksheetCollection.getItem');
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this.context.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject', this.path);
    return new FakeWorksheet(this.context, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this.lookup(key) ?? NULL_OBJECT);
  }

  private lookup(key: string): FakeSheet | undefined {
    const wb = this.resolveLive('getItem');
    return wb.findSheet(key) ?? wb.sheets.find((s) => s.id === key);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this.path}.getActiveWorksheet()`, () => {
      const wb = this.resolveLive('getActiveWorksheet');
      if (!wb.activeSheet) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, "The requested resource doesn't exist. (no active worksheet)");
      return wb.activeSheet;
    });
  }

  getFirst(visibleOnly?: boolean): FakeWorksheet {
    void visibleOnly; // every fake sheet is visible
    this.context.requireApi('1.5', 'WorksheetCollection.getFirst', this.path);
    return new FakeWorksheet(this.context, `${this.path}.getFirst()`, () => {
      const wb = this.resolveLive('getFirst');
      return wb.sheets[0];
    });
  }

  get onAdded(): FakeEventHandlers {
    this.context.requireApi('1.7', 'WorksheetCollection.onAdded', this.path);
    return new FakeEventHandlers(this.context, `${this.path}.onAdded`, () => this.resolveLive('onAdded').addedHandlers);
  }

  get onDeleted(): FakeEventHandlers {
    this.context.requireApi('1.7', 'WorksheetCollection.onDeleted', this.path);
    return new FakeEventHandlers(this.context, `${this.path}.onDeleted`, () => this.resolveLive('onDeleted').deletedHandlers);
  }

  get onNameChanged(): FakeEventHandlers {
    this.context.requireApi('1.17', 'WorksheetCollection.onNameChanged', this.path);
    return new FakeEventHandlers(this.context, `${this.path}.onNameChanged`, () => this.resolveLive('onNameChanged').nameChangedHandlers);
  }
}

export class FakeWorksheet extends FakeClientObject<FakeSheet> {
  declare name: string;
  declare id: string;
  declare position: number;
  declare visibility: string;
  protected readonly className = 'Worksheet';
  protected readonly props: Record<string, PropSpec<FakeSheet>> = {
    name: { get: (s) => s.name, set: (s, v) => renameSheet(this.context.host, s, String(v)) },
    id: { get: (s) => s.id },
    position: { get: (s, wb) => wb.sheets.indexOf(s) },
    visibility: { get: () => 'Visible' },
  };

  /** Property values for a collection load. */
  snapshotProps(names: string[] | undefined, wb: FakeWorkbook): Record<string, unknown> {
    const s = this.resolveLive('load');
    const wanted = names ?? Object.keys(this.props);
    const out: Record<string, unknown> = {};
    for (const n of wanted) {
      if (!this.props[n]?.get) notImplemented(`Worksheet.${n} (load)`);
      out[n] = this.props[n].get!(s, wb);
    }
    return out;
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRange(${JSON.stringify(address ?? '')})`, () => {
      const parent = this.resolve();
      return through(this.context, parent, 'Worksheet.getRange', (s) => {
        return { sheet: s, rect: address ? parseAddress(address) : { top: 0, left: 0, bottom: 1_048_575, right: 16_383 } };
      });
    });
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, `${this.path}.getUsedRange(${!!valuesOnly})`, () => {
      const parent = this.resolve();
      return through(this.context, parent, 'Worksheet.getUsedRange', (s) => {
        // An empty sheet's used range is A1, as in Excel.
        return { sheet: s, rect: usedRect(s, !!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
      });
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.context.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject', this.path);
    return new FakeRange(this.context, `${this.path}.getUsedRangeOrNullObject(${!!valuesOnly})`, () => {
      const parent = this.resolve();
      return through(this.context, parent, 'Worksheet.getUsedRangeOrNullObject', (s) => {
        const rect = usedRect(s, !!valuesOnly);
        return rect ? { sheet: s, rect } : NULL_OBJECT;
      });
    });
  }

  getNextOrNullObject(visibleOnly?: boolean): FakeWorksheet {
    void visibleOnly;
    this.context.requireApi('1.5', 'Worksheet.getNextOrNullObject', this.path);
    return new FakeWorksheet(this.context, `${this.path}.getNextOrNullObject()`, () => {
      const parent = this.resolve();
      return through(this.context, parent, 'Worksheet.getNextOrNullObject', (s) => {
        const sheets = this.context.host.workbook.sheets;
        return sheets[sheets.indexOf(s) + 1] ?? NULL_OBJECT;
      });
    });
  }

  delete(): void {
    this.method('delete', undefined, (s) => deleteSheet(this.context.host, s));
  }

  get notes(): FakeNoteCollection {
    this.context.requireApi('1.18', 'Worksheet.notes', this.path);
    return new FakeNoteCollection(this.context, `${this.path}.notes`, () => through(this.context, this.resolve(), 'notes', (t) => t));
  }

  activate(): void {
    this.method('activate', undefined, (s) => {
      const wb = this.context.host.workbook;
      wb.activeSheet = s;
      wb.selection = { sheet: s.name, address: 'A1' };
    });
  }

  get onChanged(): FakeEventHandlers {
    this.context.requireApi('1.7', 'Worksheet.onChanged', this.path);
    return new FakeEventHandlers(this.context, `${this.path}.onChanged`, () => this.resolveLive('onChanged').changeHandlers);
  }

  get pageLayout(): FakePageLayout {
    this.context.requireApi('1.9', 'Worksheet.pageLayout', this.path);
    return new FakePageLayout(this.context, `${this.path}.pageLayout`, () => through(this.context, this.resolve(), 'pageLayout', (t) => t));
  }
}

defineAccessors(FakeWorksheet, ['name', 'id', 'position', 'visibility']);

/** A sheet deleted by a person or through the API; `WorksheetCollection.onDeleted` handlers run after the sync. */
export function deleteSheet(host: HostHooks, sheet: FakeSheet): void {
  const wb = host.workbook;
  if (sheet.protected) throw new FakeOfficeError(FAKE_ERROR_CODES.accessDenied, `The sheet ${sheet.name} is protected.`);
  wb.removeSheet(sheet);
  // WorksheetDeletedEventArgs has type, source and worksheetId, and no triggerSource
  // (https://learn.microsoft.com/javascript/api/excel/excel.worksheetdeletedeventargs); the runtime builds only those.
  for (const h of wb.deletedHandlers) host.dispatchEvent(h, { type: 'WorksheetDeleted', worksheetId: sheet.id, source: 'Local' });
}

export function renameSheet(host: HostHooks, sheet: FakeSheet, name: string): void {
  const before = sheet.name;
  if (before === name) return;
  host.workbook.renameSheet(sheet, name);
  for (const h of host.workbook.nameChangedHandlers) {
    // No triggerSource here either (https://learn.microsoft.com/javascript/api/excel/excel.worksheetnamechangedeventargs).
      host.dispatchEvent(h, { type: 'WorksheetNameChanged', worksheetId: sheet.id, nameBefore: before, nameAfter: name, source: 'Local' });
  }
}

/** `triggerSource` exists from ExcelApi 1.14 (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource). */
export function triggerOf(host: Pick<HostHooks, 'isApiSupported'>, trigger: 'ThisLocalAddin' | 'Unknown'): { triggerSource?: string } {
  return host.isApiSupported('1.14') ? { triggerSource: trigger } : {};
}

function usedRect(s: FakeSheet, valuesOnly: boolean): Rect | null {
  let rect: Rect | null = null;
  s.forEachCell((r, c, cell) => {
    const hasValue = cell.formula !== null || cell.constant !== null;
    if (valuesOnly && !hasValue) return;
    if (!rect) rect = { top: r, left: c, bottom: r, right: c };
    else {
      rect.top = Math.min(rect.top, r);
      rect.left = Math.min(rect.left, c);
      rect.bottom = Math.max(rect.bottom, r);
      rect.right = Math.max(rect.right, c);
    }
  });
  return rect;
}

export class FakePageLayout extends FakeClientObject<FakeSheet> {
  declare orientation: string;
  declare zoom: any;
  protected readonly className = 'PageLayout';
  protected readonly props: Record<string, PropSpec<FakeSheet>> = {
    orientation: {
      get: (s) => s.pageLayout.orientation,
      set: (s, v) => {
        if (v !== 'Portrait' && v !== 'Landscape') throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `Invalid orientation ${String(v)}`);
        s.pageLayout.orientation = v;
      },
    },
    zoom: {
      get: (s) => ({ horizontalFitToPages: s.pageLayout.fitToPagesWide }),
      set: (s, v) => {
        s.pageLayout.fitToPagesWide = (v as { horizontalFitToPages?: number }).horizontalFitToPages ?? null;
      },
    },
  };

  setPrintArea(address: string): void {
    this.method('setPrintArea', [address], (s) => {
      parseAddress(address);
      s.pageLayout.printArea = address;
    });
  }
}
defineAccessors(FakePageLayout, ['orientation', 'zoom']);

// ---------------------------------------------------------------- events

export class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly path: string,
    private readonly handlers: () => Set<(args: unknown) => unknown>,
  ) {}

  add(handler: (args: unknown) => unknown): { context: FakeRequestContext; remove(): void } {
    this.context.enqueue({ wire: { path: this.path, action: 'add' }, run: () => void this.handlers().add(handler) });
    return {
      context: this.context,
      remove: () => {
        this.context.enqueue({ wire: { path: this.path, action: 'remove' }, run: () => void this.handlers().delete(handler) });
      },
    };
  }
}

// ---------------------------------------------------------------- ranges

export class FakeRange extends FakeClientObject<RangeTarget> {
  declare address: string;
  declare addressLocal: string;
  declare rowIndex: number;
  declare columnIndex: number;
  declare rowHidden: boolean | null;
  declare columnHidden: boolean | null;
  declare rowCount: number;
  declare columnCount: number;
  declare cellCount: number;
  declare values: any[][];
  declare formulas: any[][];
  declare numberFormat: any[][];
  protected readonly className = 'Range';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    address: { get: (t) => `${quoteSheetName(t.sheet.name)}!${rectAddress(t.rect)}` },
    addressLocal: { get: (t) => `${quoteSheetName(t.sheet.name)}!${rectAddress(t.rect)}` },
    rowIndex: { get: (t) => t.rect.top },
    columnIndex: { get: (t) => t.rect.left },
    rowCount: { get: (t) => t.rect.bottom - t.rect.top + 1 },
    columnCount: { get: (t) => t.rect.right - t.rect.left + 1 },
    cellCount: { get: (t) => rectCellCount(t.rect) },
    values: {
      // "Range.values returns null" for ranges Excel will not answer (https://learn.microsoft.com/office/dev/add-ins/excel/performance).
      get: (t, wb) => (rectCellCount(t.rect) > wb.valuesNullAboveCells ? null : grid(t, (r, c) => wb.valueAt(t.sheet, r, c))),
      set: (t, v, ctx) => writeContent(t, v, ctx, false),
    },
    formulas: {
      get: (t, wb) => grid(t, (r, c) => wb.formulaAt(t.sheet, r, c)),
      set: (t, v, ctx) => writeContent(t, v, ctx, true),
    },
    // ExcelApi 1.2: true when every row (column) of the range is hidden, false when none is, null when some are
    // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-rowhidden-member).
    rowHidden: { get: (t) => allSomeNone(t.sheet.hiddenRows, t.rect.top, t.rect.bottom), set: (t, v) => hide(t, t.sheet.hiddenRows, t.rect.top, t.rect.bottom, v), api: '1.2' },
    columnHidden: { get: (t) => allSomeNone(t.sheet.hiddenCols, t.rect.left, t.rect.right), set: (t, v) => hide(t, t.sheet.hiddenCols, t.rect.left, t.rect.right, v), api: '1.2' },
    numberFormat: {
      get: (t) => grid(t, (r, c) => t.sheet.get(r, c)?.format.numberFormat ?? 'General'),
      set: (t, v) => {
        const at = shapeInput(t, v, 'Range.numberFormat');
        eachFormat(t, 'Range.numberFormat', (f, r, c) => {
          const nf = at(r, c);
          if (nf !== null && nf !== undefined) f.numberFormat = typeof nf === 'string' ? nf : JSON.stringify(nf);
        });
      },
    },
  };

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.context, `${this.path}.format`, () => through(this.context, this.resolve(), 'format', (t) => t));
  }

  get dataValidation(): FakeDataValidation {
    this.context.requireApi('1.8', 'Range.dataValidation', this.path);
    return new FakeDataValidation(this.context, `${this.path}.dataValidation`, () => through(this.context, this.resolve(), 'dataValidation', (t) => t));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this.context.requireApi('1.6', 'Range.conditionalFormats', this.path);
    return new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => through(this.context, this.resolve(), 'conditionalFormats', (t) => t));
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this.path}.worksheet`, () => {
      const t = this.resolve();
      return through(this.context, t, 'Range.worksheet', (x) => x.sheet);
    });
  }

  /** The part of this range that is used (ExcelApi 1.4); a null object when none of it is. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.context.requireApi('1.4', 'Range.getUsedRangeOrNullObject', this.path);
    return new FakeRange(this.context, `${this.path}.getUsedRangeOrNullObject(${!!valuesOnly})`, () =>
      through(this.context, this.resolve(), 'Range.getUsedRangeOrNullObject', (t) => {
        const used = usedRect(t.sheet, !!valuesOnly);
        if (!used || !rectsOverlap(used, t.rect)) return NULL_OBJECT;
        return {
          sheet: t.sheet,
          rect: { top: Math.max(used.top, t.rect.top), left: Math.max(used.left, t.rect.left), bottom: Math.min(used.bottom, t.rect.bottom), right: Math.min(used.right, t.rect.right) },
        };
      }),
    );
  }

  /**
   * Merged areas whose top-left cell lies in this range (ExcelApi 1.13); a null object when there are none. Only the
   * top-left counts: office-js #3611 (https://github.com/OfficeDev/office-js/issues/3611) was answered "by design".
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.context.requireApi('1.13', 'Range.getMergedAreasOrNullObject', this.path);
    return new FakeRangeAreas(this.context, `${this.path}.getMergedAreasOrNullObject()`, () =>
      through(this.context, this.resolve(), 'Range.getMergedAreasOrNullObject', (t) => {
        const areas = t.sheet.merges.filter((m) => m.top >= t.rect.top && m.top <= t.rect.bottom && m.left >= t.rect.left && m.left <= t.rect.right);
        // "If the merged areas count in this range is more than 512, then this method will fail to return the result"
        // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
        // How it fails is not documented; the fake fails the batch with GeneralException, the harsher reading.
        if (areas.length > MERGED_AREAS_LIMIT) {
          throw new FakeOfficeError(FAKE_ERROR_CODES.generalException, `There was an internal error while processing the request. (${areas.length} merged areas, more than ${MERGED_AREAS_LIMIT})`, 'Range.getMergedAreasOrNullObject');
        }
        return areas.length ? { sheet: t.sheet, areas } : NULL_OBJECT;
      }),
    );
  }

  /**
   * The range's cells of a kind as areas (ExcelApi 1.9); a null object when there are none. Only 'Visible' is modelled:
   * the cells of rows and columns that are not hidden, as rectangles of visible row bands × visible column bands
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getspecialcellsornullobject-member(1)).
   */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    this.context.requireApi('1.9', 'Range.getSpecialCellsOrNullObject', this.path);
    if (cellType !== 'Visible') notImplemented(`Range.getSpecialCellsOrNullObject(${JSON.stringify(cellType)})`);
    return new FakeRangeAreas(this.context, `${this.path}.getSpecialCellsOrNullObject(${JSON.stringify(cellType)})`, () =>
      through(this.context, this.resolve(), 'Range.getSpecialCellsOrNullObject', (t) => {
        const rows = visibleBands(t.sheet.hiddenRows, t.rect.top, t.rect.bottom);
        const cols = visibleBands(t.sheet.hiddenCols, t.rect.left, t.rect.right);
        const areas = rows.flatMap(([top, bottom]) => cols.map(([left, right]) => ({ top, bottom, left, right })));
        if (areas.length > this.context.host.workbook.specialCellsAreaLimit) {
          throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (${areas.length} areas)`, 'Range.getSpecialCellsOrNullObject');
        }
        return areas.length ? { sheet: t.sheet, areas } : NULL_OBJECT;
      }),
    );
  }

  select(): void {
    this.method('select', undefined, (t) => {
      const wb = this.context.host.workbook;
      wb.activeSheet = t.sheet;
      wb.selection = { sheet: t.sheet.name, address: rectAddress(t.rect) };
    });
  }

  merge(across?: boolean): void {
    this.method('merge', [!!across], (t) => {
      assertWritable(t, 'Range.merge');
      const wb = this.context.host.workbook;
      const rows = across ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => t.rect.top + i) : [null];
      for (const row of rows) {
        const rect: Rect = row === null ? { ...t.rect } : { ...t.rect, top: row, bottom: row };
        if (rectCellCount(rect) < 2) continue;
        // Excel merges over existing merges by absorbing them, and keeps only the top-left value.
        for (let i = t.sheet.merges.length - 1; i >= 0; i--) if (rectsOverlap(t.sheet.merges[i], rect)) t.sheet.merges.splice(i, 1);
        t.sheet.merges.push(rect);
        cellsOf({ sheet: t.sheet, rect }, (r, c) => {
          if ((r !== rect.top || c !== rect.left) && t.sheet.get(r, c)) {
            wb.enter(t.sheet, r, c, '', false);
          }
        });
      }
    });
  }

  unmerge(): void {
    this.method('unmerge', undefined, (t) => {
      assertWritable(t, 'Range.unmerge');
      for (let i = t.sheet.merges.length - 1; i >= 0; i--) if (rectsOverlap(t.sheet.merges[i], t.rect)) t.sheet.merges.splice(i, 1);
    });
  }
}
defineAccessors(FakeRange, ['address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'formulas', 'numberFormat', 'rowHidden', 'columnHidden']);

function hide(t: RangeTarget, hidden: Set<number>, from: number, to: number, value: unknown): void {
  assertWritable(t, 'Range.rowHidden/columnHidden');
  for (let i = from; i <= to; i++) {
    if (value === true) hidden.add(i);
    else hidden.delete(i);
  }
  noteSyncChange(t.sheet, t.rect, 'FormatChanged');
}

/** true when every index from..to is in `hidden`, false when none is, null when some are. */
function allSomeNone(hidden: ReadonlySet<number>, from: number, to: number): boolean | null {
  let inside = 0;
  for (const i of hidden) if (i >= from && i <= to) inside++;
  return inside === 0 ? false : inside === to - from + 1 ? true : null;
}

/** Runs of indices from..to that are not in `hidden`, as [first, last] pairs. */
function visibleBands(hidden: ReadonlySet<number>, from: number, to: number): [number, number][] {
  const cuts = [...hidden].filter((i) => i >= from && i <= to).sort((a, b) => a - b);
  const bands: [number, number][] = [];
  let start = from;
  for (const cut of cuts) {
    if (cut > start) bands.push([start, cut - 1]);
    start = cut + 1;
  }
  if (start <= to) bands.push([start, to]);
  return bands;
}

export class FakeRangeAreas extends FakeClientObject<{ sheet: FakeSheet; areas: Rect[] }> {
  declare address: string;
  declare areaCount: number;
  protected readonly className = 'RangeAreas';
  protected readonly props: Record<string, PropSpec<{ sheet: FakeSheet; areas: Rect[] }>> = {
    address: { get: (t) => t.areas.map((a) => `${quoteSheetName(t.sheet.name)}!${rectAddress(a)}`).join(',') },
    areaCount: { get: (t) => t.areas.length },
  };
}
defineAccessors(FakeRangeAreas, ['address', 'areaCount']);

function writeContent(t: RangeTarget, v: unknown, ctx: FakeRequestContext, formulasProperty: boolean): void {
  const what = formulasProperty ? 'Range.formulas' : 'Range.values';
  assertWritable(t, what);
  const at = shapeInput(t, v, what);
  const inputs = grid(t, (r, c) => {
    const x = at(r, c);
    if (x !== null && x !== undefined && typeof x !== 'number' && typeof x !== 'string' && typeof x !== 'boolean') {
      throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (${what} cell value ${JSON.stringify(x)})`, what);
    }
    return x as CellScalar | null | undefined;
  });
  ctx.host.workbook.enterBlock(t.sheet, t.rect.top, t.rect.left, inputs, formulasProperty);
  ctx.noteChange(t.sheet, t.rect);
}

export class FakeRangeFormat extends FakeClientObject<RangeTarget> {
  declare horizontalAlignment: string;
  declare verticalAlignment: string;
  declare wrapText: boolean;
  declare columnWidth: number;
  protected readonly className = 'RangeFormat';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    horizontalAlignment: {
      get: (t) => uniform(t, (f) => f.horizontalAlignment),
      set: (t, v) => eachFormat(t, 'RangeFormat.horizontalAlignment', (f) => (f.horizontalAlignment = oneOf(v, ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'], 'horizontalAlignment'))),
    },
    verticalAlignment: {
      get: (t) => uniform(t, (f) => f.verticalAlignment),
      set: (t, v) => eachFormat(t, 'RangeFormat.verticalAlignment', (f) => (f.verticalAlignment = oneOf(v, ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'], 'verticalAlignment'))),
    },
    wrapText: {
      get: (t) => uniform(t, (f) => f.wrapText),
      set: (t, v) => eachFormat(t, 'RangeFormat.wrapText', (f) => (f.wrapText = Boolean(v))),
    },
    columnWidth: {
      get: (t) => {
        let w: number | null | undefined;
        for (let c = t.rect.left; c <= t.rect.right; c++) {
          const x = t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH_POINTS;
          if (w === undefined) w = x;
          else if (w !== x) return null;
        }
        return w ?? null;
      },
      set: (t, v) => {
        assertWritable(t, 'RangeFormat.columnWidth');
        if (typeof v !== 'number' || !(v >= 0) || v > 255 * 7.5) {
          throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (columnWidth ${String(v)})`);
        }
        for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, v);
      },
    },
  };

  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.context, `${this.path}.fill`, () => through(this.context, this.resolve(), 'fill', (t) => t));
  }

  get font(): FakeRangeFont {
    return new FakeRangeFont(this.context, `${this.path}.font`, () => through(this.context, this.resolve(), 'font', (t) => t));
  }

  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this.context, `${this.path}.borders`, () => through(this.context, this.resolve(), 'borders', (t) => t));
  }
}
defineAccessors(FakeRangeFormat, ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'columnWidth']);

function oneOf(v: unknown, allowed: string[], what: string): string {
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (${what} ${JSON.stringify(v)})`);
  }
  return v;
}

export class FakeRangeFill extends FakeClientObject<RangeTarget> {
  declare color: string;
  declare pattern: string;
  declare tintAndShade: number | null;
  protected readonly className = 'RangeFill';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    // Excel reports "#FFFFFF" for a cell without fill (office-js #6218) and `pattern` is null for both no fill and
    // white (office-js #4900, https://github.com/OfficeDev/office-js/issues/4900); only `tintAndShade` (1.9) is null
    // for no fill.
    color: {
      get: (t) => uniform(t, (f) => f.fill ?? '#FFFFFF'),
      set: (t, v) => {
        const color = normalizeColor(v, 'RangeFill.color');
        eachFormat(t, 'RangeFill.color', (f) => (f.fill = color));
      },
    },
    pattern: { get: (t) => uniform(t, (f) => (f.fill === null || f.fill === '#FFFFFF' ? null : 'Solid')), api: '1.9' },
    tintAndShade: { get: (t) => uniform(t, (f) => (f.fill === null ? null : 0)), api: '1.9' },
  };

  clear(): void {
    this.method('clear', undefined, (t) => eachFormat(t, 'RangeFill.clear', (f) => (f.fill = null)));
  }
}
defineAccessors(FakeRangeFill, ['color', 'pattern', 'tintAndShade']);

export class FakeRangeFont extends FakeClientObject<RangeTarget> {
  declare bold: boolean;
  declare italic: boolean;
  declare color: string;
  declare size: number;
  declare name: string;
  protected readonly className = 'RangeFont';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    bold: { get: (t) => uniform(t, (f) => f.bold), set: (t, v) => eachFormat(t, 'RangeFont.bold', (f) => (f.bold = Boolean(v))) },
    italic: { get: (t) => uniform(t, (f) => f.italic), set: (t, v) => eachFormat(t, 'RangeFont.italic', (f) => (f.italic = Boolean(v))) },
    color: {
      get: (t) => uniform(t, (f) => f.fontColor),
      set: (t, v) => {
        const color = normalizeColor(v, 'RangeFont.color');
        eachFormat(t, 'RangeFont.color', (f) => (f.fontColor = color));
      },
    },
    size: {
      get: (t) => uniform(t, (f) => f.fontSize),
      set: (t, v) => {
        if (typeof v !== 'number' || v < 1 || v > 409) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `Invalid font size ${String(v)}`);
        eachFormat(t, 'RangeFont.size', (f) => (f.fontSize = v));
      },
    },
    name: { get: (t) => uniform(t, (f) => f.fontName), set: (t, v) => eachFormat(t, 'RangeFont.name', (f) => (f.fontName = String(v))) },
  };
}
defineAccessors(FakeRangeFont, ['bold', 'italic', 'color', 'size', 'name']);

const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;
type BorderIndex = (typeof BORDER_INDEXES)[number];

export class FakeRangeBorderCollection extends FakeClientObject<RangeTarget> {
  protected readonly className = 'RangeBorderCollection';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {};

  getItem(index: string): FakeRangeBorder {
    if (!(BORDER_INDEXES as readonly string[]).includes(index)) notImplemented(`RangeBorderCollection.getItem("${index}")`);
    return new FakeRangeBorder(this.context, `${this.path}.getItem(${JSON.stringify(index)})`, () => {
      const t = this.resolve();
      return through(this.context, t, 'RangeBorderCollection.getItem', (x) => ({ ...x, index: index as BorderIndex }));
    });
  }
}

/** The cell edges a border index touches: [row, col, edge] for every affected cell. */
function borderEdges(t: RangeTarget & { index: BorderIndex }): [number, number, BorderEdge][] {
  const out: [number, number, BorderEdge][] = [];
  const { top, bottom, left, right } = t.rect;
  if (rectCellCount(t.rect) > MAX_CELLS_PER_READ) notImplemented('borders on whole rows or columns');
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      if (t.index === 'EdgeTop' && r === top) out.push([r, c, 'top']);
      if (t.index === 'EdgeBottom' && r === bottom) out.push([r, c, 'bottom']);
      if (t.index === 'EdgeLeft' && c === left) out.push([r, c, 'left']);
      if (t.index === 'EdgeRight' && c === right) out.push([r, c, 'right']);
      if (t.index === 'InsideHorizontal') {
        if (r > top) out.push([r, c, 'top']);
        if (r < bottom) out.push([r, c, 'bottom']);
      }
      if (t.index === 'InsideVertical') {
        if (c > left) out.push([r, c, 'left']);
        if (c < right) out.push([r, c, 'right']);
      }
    }
  }
  return out;
}

export class FakeRangeBorder extends FakeClientObject<RangeTarget & { index: BorderIndex }> {
  declare style: string;
  declare weight: string;
  declare color: string;
  protected readonly className = 'RangeBorder';
  protected readonly props: Record<string, PropSpec<RangeTarget & { index: BorderIndex }>> = {
    style: { get: (t) => this.uniformEdge(t, (b) => b?.style ?? 'None'), set: (t, v) => this.setEdge(t, 'style', oneOf(v, ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'], 'border style')) },
    weight: { get: (t) => this.uniformEdge(t, (b) => b?.weight ?? 'Thin'), set: (t, v) => this.setEdge(t, 'weight', oneOf(v, ['Hairline', 'Thin', 'Medium', 'Thick'], 'border weight')) },
    color: { get: (t) => this.uniformEdge(t, (b) => b?.color ?? '#000000'), set: (t, v) => this.setEdge(t, 'color', normalizeColor(v, 'RangeBorder.color')) },
  };

  private uniformEdge(t: RangeTarget & { index: BorderIndex }, fn: (b: CellFormatState['borders'][BorderEdge]) => string): string | null {
    let v: string | undefined;
    for (const [r, c, e] of borderEdges(t)) {
      const x = fn(t.sheet.get(r, c)?.format.borders[e]);
      if (v === undefined) v = x;
      else if (v !== x) return null;
    }
    return v ?? null;
  }

  private setEdge(t: RangeTarget & { index: BorderIndex }, key: 'style' | 'weight' | 'color', value: string): void {
    assertWritable(t, `RangeBorder.${key}`);
    for (const [r, c, e] of borderEdges(t)) {
      const f = t.sheet.ensure(r, c).format;
      if (key === 'style' && value === 'None') {
        delete f.borders[e];
        continue;
      }
      const b = (f.borders[e] ??= { style: 'Continuous', weight: 'Thin', color: '#000000' });
      b[key] = value;
    }
    noteSyncChange(t.sheet, t.rect, 'FormatChanged');
  }
}
defineAccessors(FakeRangeBorder, ['style', 'weight', 'color']);

// ---------------------------------------------------------------- data validation (ExcelApi 1.8)

export class FakeDataValidation extends FakeClientObject<RangeTarget> {
  declare type: string;
  declare rule: any;
  declare ignoreBlanks: boolean;
  declare errorAlert: any;
  declare prompt: any;
  protected readonly className = 'DataValidation';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {
    type: { get: (t) => uniformValidation(t, (v) => (v ? 'WholeNumber' : 'None')) },
    rule: {
      get: (t) =>
        uniformValidation(t, (v) =>
          v ? JSON.stringify({ wholeNumber: { operator: v.operator, formula1: v.formula1, formula2: v.formula2 } }) : '{}',
        ),
      set: (t, v) => {
        const rule = v as { wholeNumber?: { operator?: string; formula1?: unknown; formula2?: unknown } };
        if (!rule?.wholeNumber) notImplemented('data validation rules other than wholeNumber');
        const w = rule.wholeNumber;
        const operator = oneOf(w.operator, ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo'], 'validation operator');
        const f1 = Number(w.formula1);
        const f2 = w.formula2 === undefined ? undefined : Number(w.formula2);
        if (!Number.isFinite(f1) || (f2 !== undefined && !Number.isFinite(f2)) || ((operator === 'Between' || operator === 'NotBetween') && f2 === undefined)) {
          throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (validation formulas ${JSON.stringify(w)})`);
        }
        eachCell(t, 'DataValidation.rule', (cell) => {
          cell.validation = { type: 'wholeNumber', operator, formula1: f1, formula2: f2, ignoreBlanks: cell.validation?.ignoreBlanks ?? true, errorAlert: cell.validation?.errorAlert, prompt: cell.validation?.prompt };
        });
      },
    },
    ignoreBlanks: {
      get: (t) => uniformValidation(t, (v) => v?.ignoreBlanks ?? true),
      set: (t, v) => eachCell(t, 'DataValidation.ignoreBlanks', (cell) => cell.validation && (cell.validation.ignoreBlanks = Boolean(v))),
    },
    errorAlert: {
      get: (t) => uniformValidation(t, (v) => JSON.stringify(v?.errorAlert ?? null)),
      set: (t, v) => {
        const a = v as { showAlert?: boolean; style?: string; title?: string; message?: string };
        // Excel's limits: a title of at most 32 characters, an error message of at most 225.
        limitText(a.title, 32, 'errorAlert.title');
        limitText(a.message, 225, 'errorAlert.message');
        eachCell(t, 'DataValidation.errorAlert', (cell) => {
          if (cell.validation) cell.validation.errorAlert = { showAlert: a.showAlert ?? true, style: a.style ?? 'Stop', title: a.title ?? '', message: a.message ?? '' };
        });
      },
    },
    prompt: {
      get: (t) => uniformValidation(t, (v) => JSON.stringify(v?.prompt ?? null)),
      set: (t, v) => {
        const p = v as { showPrompt?: boolean; title?: string; message?: string };
        limitText(p.title, 32, 'prompt.title');
        limitText(p.message, 255, 'prompt.message');
        eachCell(t, 'DataValidation.prompt', (cell) => {
          if (cell.validation) cell.validation.prompt = { showPrompt: p.showPrompt ?? true, title: p.title ?? '', message: p.message ?? '' };
        });
      },
    },
  };

  clear(): void {
    this.method('clear', undefined, (t) => eachCell(t, 'DataValidation.clear', (cell) => delete cell.validation));
  }
}
defineAccessors(FakeDataValidation, ['type', 'rule', 'ignoreBlanks', 'errorAlert', 'prompt']);

function limitText(text: string | undefined, max: number, what: string): void {
  if (text !== undefined && text.length > max) {
    throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The argument is invalid or missing or has an incorrect format. (${what} is ${text.length} characters; Excel allows ${max})`, what);
  }
}

function eachCell(t: RangeTarget, what: string, fn: (cell: ReturnType<FakeSheet['ensure']>) => void): void {
  assertWritable(t, what);
  cellsOf(t, (r, c) => fn(t.sheet.ensure(r, c)));
}

function uniformValidation<V>(t: RangeTarget, fn: (v: ValidationState | undefined) => V): V | null {
  let first = true;
  let value: V | null = null;
  let mixed = false;
  cellsOf(t, (r, c) => {
    const v = fn(t.sheet.get(r, c)?.validation);
    if (first) {
      value = v;
      first = false;
    } else if (v !== value) mixed = true;
  });
  return mixed ? null : value;
}

// ---------------------------------------------------------------- conditional formats (ExcelApi 1.6)

export class FakeConditionalFormatCollection extends FakeClientObject<RangeTarget> {
  protected readonly className = 'ConditionalFormatCollection';
  protected readonly props: Record<string, PropSpec<RangeTarget>> = {};
  private itemsList: FakeConditionalFormat[] | undefined;

  /** The formats that intersect the range, highest priority first (`Range.conditionalFormats`, ExcelApi 1.6). */
  get items(): FakeConditionalFormat[] {
    if (!this.itemsList) throw propertyNotLoaded('items');
    return this.itemsList;
  }

  override load(spec?: string | string[] | Record<string, unknown>): this {
    // "items/id,items/type" (or "id,type"): the items with those scalar properties.
    const raw = spec === undefined ? [] : typeof spec === 'string' ? spec.split(',') : Array.isArray(spec) ? spec : notImplemented('ConditionalFormatCollection.load with options');
    const names = raw.map((s) => s.trim().replace(/^items\/?/, '')).filter(Boolean);
    for (const n of names) if (n !== 'id' && n !== 'type') notImplemented(`ConditionalFormatCollection.load("items/${n}")`);
    this.context.enqueue({
      wire: { path: this.path, action: 'load', args: raw },
      run: () => {
        const t = this.resolveLive('load');
        const formats = t.sheet.conditionalFormats.filter((cf) => rectsOverlap(cf, t.rect));
        const items = formats.map((cf) => ({ cf, values: Object.fromEntries(names.map((n) => [n, n === 'id' ? cf.id : 'Custom'])) }));
        return {
          data: items.map((i) => i.values),
          publish: () => {
            this.itemsList = items.map(({ cf, values }) => {
              const p = new FakeConditionalFormat(this.context, `${this.path}.getItem(${JSON.stringify(cf.id)})`, () => cf);
              p.acceptLoaded(values, false);
              return p;
            });
          },
        };
      },
    });
    return this;
  }

  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.context, `${this.path}.getItem(${JSON.stringify(id)})`, () => {
      const cf = findConditionalFormat(this.resolveLive('getItem'), id);
      if (!cf) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (conditional format ${id})`, 'ConditionalFormatCollection.getItem');
      return cf;
    });
  }

  /** ExcelApi 1.14 (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-getitemornullobject-member(1)). */
  getItemOrNullObject(id: string): FakeConditionalFormat {
    this.context.requireApi('1.14', 'ConditionalFormatCollection.getItemOrNullObject', this.path);
    return new FakeConditionalFormat(this.context, `${this.path}.getItemOrNullObject(${JSON.stringify(id)})`, () => findConditionalFormat(this.resolveLive('getItemOrNullObject'), id) ?? NULL_OBJECT);
  }

  add(type: string): FakeConditionalFormat {
    if (type !== 'Custom') notImplemented(`conditional format type ${type}`);
    let created: ConditionalFormatState | undefined;
    this.context.enqueue({
      wire: { path: this.path, action: 'add', args: [type] },
      run: () => {
        const t = this.resolveLive('add');
        assertWritable(t, 'ConditionalFormatCollection.add');
        created = { id: this.context.host.workbook.newConditionalFormatId(), ...t.rect, formula: '', format: {} };
        // A new conditional format goes to the top of the priority order, as in Excel's UI and API.
        t.sheet.conditionalFormats.unshift(created);
        noteSyncChange(t.sheet, t.rect, 'FormatChanged');
      },
    });
    return new FakeConditionalFormat(this.context, `${this.path}.add("Custom")`, (): ConditionalFormatState => {
      if (!created) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidObjectPath, 'The object path is not valid (the conditional format was not added).');
      return created;
    });
  }
}

function findConditionalFormat(t: RangeTarget, id: string): ConditionalFormatState | undefined {
  return t.sheet.conditionalFormats.find((cf) => cf.id === id && rectsOverlap(cf, t.rect));
}

export class FakeConditionalFormat extends FakeClientObject<ConditionalFormatState> {
  declare type: string;
  declare id: string;
  protected readonly className = 'ConditionalFormat';
  protected readonly props: Record<string, PropSpec<ConditionalFormatState>> = {
    type: { get: () => 'Custom' },
    id: { get: (cf) => cf.id },
  };

  delete(): void {
    this.method('delete', undefined, (cf) => {
      const sheet = this.context.host.workbook.sheets.find((s) => s.conditionalFormats.includes(cf));
      if (!sheet) return;
      assertWritable({ sheet, rect: cf }, 'ConditionalFormat.delete');
      sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
      noteSyncChange(sheet, { top: cf.top, left: cf.left, bottom: cf.bottom, right: cf.right }, 'FormatChanged');
    });
  }

  get custom(): FakeCustomConditionalFormat {
    return new FakeCustomConditionalFormat(this.context, `${this.path}.custom`, () => through(this.context, this.resolve(), 'custom', (t) => t));
  }
}

defineAccessors(FakeConditionalFormat, ['type', 'id']);

export class FakeCustomConditionalFormat extends FakeClientObject<ConditionalFormatState> {
  protected readonly className = 'CustomConditionalFormat';
  protected readonly props: Record<string, PropSpec<ConditionalFormatState>> = {};

  get rule(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this.context, `${this.path}.rule`, () => through(this.context, this.resolve(), 'rule', (t) => t));
  }

  get format(): FakeConditionalRangeFormat {
    return new FakeConditionalRangeFormat(this.context, `${this.path}.format`, () => through(this.context, this.resolve(), 'format', (t) => t));
  }
}

export class FakeConditionalFormatRule extends FakeClientObject<ConditionalFormatState> {
  declare formula: string;
  protected readonly className = 'ConditionalFormatRule';
  protected readonly props: Record<string, PropSpec<ConditionalFormatState>> = {
    formula: {
      get: (cf) => cf.formula,
      set: (cf, v) => {
        if (typeof v !== 'string' || !v.startsWith('=')) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `A conditional format formula must begin with "=": ${String(v)}`);
        cf.formula = v;
      },
    },
  };
}
defineAccessors(FakeConditionalFormatRule, ['formula']);

export class FakeConditionalRangeFormat extends FakeClientObject<ConditionalFormatState> {
  protected readonly className = 'ConditionalRangeFormat';
  protected readonly props: Record<string, PropSpec<ConditionalFormatState>> = {};

  get fill(): FakeConditionalPart {
    return new FakeConditionalPart(this.context, `${this.path}.fill`, () => through(this.context, this.resolve(), 'fill', (t) => t), 'fill');
  }

  get font(): FakeConditionalPart {
    return new FakeConditionalPart(this.context, `${this.path}.font`, () => through(this.context, this.resolve(), 'font', (t) => t), 'font');
  }
}

export class FakeConditionalPart extends FakeClientObject<ConditionalFormatState> {
  declare color: string;
  declare bold: boolean;
  protected readonly className: string;
  protected readonly props: Record<string, PropSpec<ConditionalFormatState>>;

  constructor(ctx: FakeRequestContext, path: string, resolver: () => Resolved<ConditionalFormatState>, part: 'fill' | 'font') {
    super(ctx, path, resolver);
    this.className = part === 'fill' ? 'ConditionalRangeFill' : 'ConditionalRangeFont';
    this.props =
      part === 'fill'
        ? { color: { get: (cf) => cf.format.fill ?? null, set: (cf, v) => (cf.format.fill = normalizeColor(v, 'ConditionalRangeFill.color')) } }
        : {
            color: { get: (cf) => cf.format.fontColor ?? null, set: (cf, v) => (cf.format.fontColor = normalizeColor(v, 'ConditionalRangeFont.color')) },
            bold: { get: (cf) => cf.format.bold ?? null, set: (cf, v) => (cf.format.bold = Boolean(v)) },
          };
  }
}
defineAccessors(FakeConditionalPart, ['color', 'bold']);

// ---------------------------------------------------------------- settings (ExcelApi 1.4)

export class FakeSettingCollection extends FakeClientObject<FakeWorkbook> {
  protected readonly className = 'SettingCollection';
  protected readonly props: Record<string, PropSpec<FakeWorkbook>> = {};
  private itemsList: FakeSetting[] | undefined;

  get items(): FakeSetting[] {
    if (!this.itemsList) throw propertyNotLoaded('items');
    return this.itemsList;
  }

  override load(spec?: string | string[] | Record<string, unknown>): this {
    this.context.enqueue({
      wire: { path: this.path, action: 'load', args: spec },
      run: () => {
        const wb = this.resolveLive('load');
        const entries = [...wb.settings.entries()].map(([key, value]) => ({ key, value: structuredCloneSafe(value) }));
        return {
          data: entries,
          publish: () => {
            this.itemsList = entries.map((e) => {
              const p = new FakeSetting(this.context, `${this.path}.getItem(${JSON.stringify(e.key)})`, () => this.lookup(e.key) ?? NULL_OBJECT);
              p.acceptLoaded(e, false);
              return p;
            });
          },
        };
      },
    });
    return this;
  }

  private lookup(key: string): { wb: FakeWorkbook; key: string } | undefined {
    const wb = this.resolveLive('getItem');
    return wb.settings.has(key) ? { wb, key } : undefined;
  }

  add(key: string, value: unknown): FakeSetting {
    const stored = structuredCloneSafe(value);
    this.context.enqueue({
      wire: { path: this.path, action: 'add', args: [key, stored] },
      run: () => {
        const wb = this.resolveLive('add');
        if (typeof key !== 'string' || !key) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, 'A setting needs a key.');
        const exists = wb.settings.has(key);
        // office-js #920 (Excel on the web): "Adding a brand new setting after modifying an existing setting causes an
        // ItemNotFound error" when both happen in one batch (https://github.com/OfficeDev/office-js/issues/920).
        if (!exists && this.context.changedExistingSetting && this.context.host.settingsAddAfterChangeFails) {
          throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (setting "${key}", office-js #920)`, 'SettingCollection.add');
        }
        if (exists) this.context.changedExistingSetting = true;
        wb.settings.set(key, stored);
      },
    });
    return new FakeSetting(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => this.lookup(key) ?? NULL_OBJECT);
  }

  getItem(key: string): FakeSetting {
    return new FakeSetting(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => {
      const found = this.lookup(key);
      if (!found) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (setting "${key}")`);
      return found;
    });
  }

  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.context, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this.lookup(key) ?? NULL_OBJECT);
  }
}

export class FakeSetting extends FakeClientObject<{ wb: FakeWorkbook; key: string }> {
  declare key: string;
  declare value: any;
  protected readonly className = 'Setting';
  protected readonly props: Record<string, PropSpec<{ wb: FakeWorkbook; key: string }>> = {
    key: { get: (s) => s.key },
    value: { get: (s) => structuredCloneSafe(s.wb.settings.get(s.key)), set: (s, v) => void s.wb.settings.set(s.key, v) },
  };

  delete(): void {
    this.method('delete', undefined, (s) => void s.wb.settings.delete(s.key));
  }
}
defineAccessors(FakeSetting, ['key', 'value']);

// ---------------------------------------------------------------- notes (ExcelApi 1.18)

interface NoteTarget {
  sheet: FakeSheet;
  key: string;
}

/** A sheet's notes by cell address (https://learn.microsoft.com/javascript/api/excel/excel.notecollection). */
export class FakeNoteCollection extends FakeClientObject<FakeSheet> {
  protected readonly className = 'NoteCollection';
  protected readonly props: Record<string, PropSpec<FakeSheet>> = {};

  /**
   * `NoteCollection.add(cellAddress, content)`. Its reference page documents only `InvalidCellAddress` for an invalid
   * address or more than one cell (https://learn.microsoft.com/javascript/api/excel/excel.notecollection#excel-excel-notecollection-add-member(1));
   * what it does on a cell that already has a note is not documented (Excel's UI keeps one note per cell; fidelity review 2 §9 F11). The fake
   * models both readings: by default it refuses (the batch fails at that operation, earlier ones stay applied);
   * `noteAddOnNotedCell: 'replace'` overwrites the note instead. The adapter must keep a person's note in either case.
   */
  add(cellAddress: string, content: unknown): FakeNote {
    const rect = parseAddress(cellAddress);
    const key = FakeSheet.key(rect.top, rect.left);
    this.context.enqueue({
      wire: { path: this.path, action: 'add', args: [cellAddress, content] },
      run: () => {
        const sheet = this.resolveLive('add');
        if (rectCellCount(rect) !== 1) throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `InvalidCellAddress: a note needs a single cell (${cellAddress})`);
        assertWritable({ sheet, rect }, 'NoteCollection.add');
        if (sheet.notes.has(key) && this.context.host.noteAddOnNotedCell === 'error') {
          throw new FakeOfficeError(FAKE_ERROR_CODES.invalidArgument, `The cell ${cellAddress} already has a note.`, 'NoteCollection.add');
        }
        sheet.notes.set(key, { content: String(content), authorName: 'add-in' });
      },
    });
    return this.noteAt(cellAddress, 'add', false);
  }

  /** The number of notes on the sheet (ExcelApi 1.18), readable as `.value` after a sync. */
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      wire: { path: this.path, action: 'getCount' },
      run: () => {
        const count = this.resolveLive('getCount').notes.size;
        return { data: count, publish: () => result.publish(count) };
      },
    });
    return result;
  }

  /** The note at a position, in row-major order of their cells (the order Excel uses is not documented). */
  getItemAt(index: number): FakeNote {
    return new FakeNote(this.context, `${this.path}.getItemAt(${index})`, () => {
      const sheet = this.resolveLive('getItemAt');
      const key = notesInOrder(sheet)[index];
      if (key === undefined) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (note ${index} of ${sheet.notes.size})`, 'NoteCollection.getItemAt');
      return { sheet, key };
    });
  }

  getItem(key: string): FakeNote {
    return this.noteAt(key, 'getItem', false);
  }

  getItemOrNullObject(key: string): FakeNote {
    return this.noteAt(key, 'getItemOrNullObject', true);
  }

  private noteAt(address: string, what: string, orNull: boolean): FakeNote {
    const rect = parseAddress(address);
    const key = FakeSheet.key(rect.top, rect.left);
    return new FakeNote(this.context, `${this.path}.${what}(${JSON.stringify(address)})`, () => {
      const sheet = this.resolveLive(what);
      if (sheet.notes.has(key)) return { sheet, key };
      if (orNull) return NULL_OBJECT;
      throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (note at ${address})`, `NoteCollection.${what}`);
    });
  }
}

/** `Workbook.notes`: every sheet's notes, in tab order (then row-major: Excel's order is not documented). */
export class FakeWorkbookNotes extends FakeClientObject<FakeWorkbook> {
  protected readonly className = 'NoteCollection';
  protected readonly props: Record<string, PropSpec<FakeWorkbook>> = {};

  private all(wb: FakeWorkbook): NoteTarget[] {
    return wb.sheets.flatMap((sheet) => notesInOrder(sheet).map((key) => ({ sheet, key })));
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      wire: { path: this.path, action: 'getCount' },
      run: () => {
        const count = this.all(this.resolveLive('getCount')).length;
        return { data: count, publish: () => result.publish(count) };
      },
    });
    return result;
  }

  getItemAt(index: number): FakeNote {
    return new FakeNote(this.context, `${this.path}.getItemAt(${index})`, () => {
      const all = this.all(this.resolveLive('getItemAt'));
      const target = all[index];
      if (!target) throw new FakeOfficeError(FAKE_ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (note ${index} of ${all.length})`, 'NoteCollection.getItemAt');
      return target;
    });
  }
}

function notesInOrder(sheet: FakeSheet): string[] {
  const at = (k: string) => k.split(',').map(Number);
  return [...sheet.notes.keys()].sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
}

/** `OfficeExtension.ClientResult`: `.value` readable after the sync that produced it. */
export class FakeClientResult<V> {
  private ready = false;
  private result: V | undefined;

  publish(value: V): void {
    this.result = value;
    this.ready = true;
  }

  get value(): V {
    if (!this.ready) throw propertyNotLoaded('value');
    return this.result as V;
  }
}

export class FakeNote extends FakeClientObject<NoteTarget> {
  declare content: string;
  declare authorName: string;
  protected readonly className = 'Note';
  protected readonly props: Record<string, PropSpec<NoteTarget>> = {
    content: { get: (n) => n.sheet.notes.get(n.key)?.content ?? null, set: (n, v) => void (n.sheet.notes.get(n.key)!.content = String(v)) },
    authorName: { get: (n) => n.sheet.notes.get(n.key)?.authorName ?? null },
  };

  delete(): void {
    this.method('delete', undefined, (n) => void n.sheet.notes.delete(n.key));
  }

  /** The note's cell (ExcelApi 1.18). */
  getLocation(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getLocation()`, () =>
      through(this.context, this.resolve(), 'Note.getLocation', (n) => {
        const [top, left] = n.key.split(',').map(Number);
        return { sheet: n.sheet, rect: { top, left, bottom: top, right: left } };
      }),
    );
  }
}
defineAccessors(FakeNote, ['content', 'authorName']);
