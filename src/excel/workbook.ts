/**
 * The Office.js adapter: the only code that talks to `Excel.*`. Reads a snapshot in one `context.sync()`, applies a
 * plan in one, marks cells in one. Runs against real Excel and against the fake host in `test/excel/fake-host/`.
 */
import type { CellLoc } from '../domain/findings';
import { SETTING_KEYS, type SheetSnapshot, type WorkbookSnapshot, parseRange } from '../sheet/grid';
import type { CellFormat, Plan, PlanOp } from '../sheet/plan';
import type { HostCapabilities, WorkbookPort } from '../sheet/port';
import { columnWidthPoints, filled, snapshotCell, textForValues } from './cells';
import { ExcelHostError, toExcelHostError } from './errors';

/** How the adapter reaches Excel: `Excel.run` and `Office.context.requirements` (injectable for the fake host). */
export interface OfficeEnvironment {
  run: typeof Excel.run;
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** The environment office.js set up on `scope` (the page's `window`, or wherever the fake host was installed). */
export function officeEnvironment(scope: object = globalThis): OfficeEnvironment {
  const s = scope as { Excel?: typeof Excel; Office?: typeof Office };
  if (!s.Excel?.run || !s.Office?.context?.requirements) {
    throw new ExcelHostError('unsupported', 'NoOffice', 'office.js is not loaded: Excel.run or Office.context.requirements is missing');
  }
  const requirements = s.Office.context.requirements;
  return { run: s.Excel.run.bind(s.Excel), isSetSupported: (name, version) => requirements.isSetSupported(name, version) };
}

/** Highlight for review marks: Excel's "Neutral" style, distinct from the red the template's own breach rules use. */
export const MARK_FORMAT = { fill: '#FFEB9C', fontColor: '#9C5700' } as const;

/** A marked cell and the formatting it had before, so clearing restores exactly that. */
export interface MarkRecord {
  sheet: string;
  cell: string;
  /** Previous fill colour; null = no fill. */
  fill: string | null;
  fontColor: string;
}

interface StoredMarks {
  version: 1;
  marks: MarkRecord[];
}

/** Sheets read per `read()` round trip before another is needed; grows with the workbooks seen. */
const MIN_SHEET_SLOTS = 8;

interface ChangeSubscription {
  handler: () => Promise<void>;
  results: OfficeExtension.EventHandlerResult<unknown>[];
  /** Sheets already subscribed, so Excel's later "sheet added" event does not subscribe them twice. */
  sheetIds: Set<string>;
}

export class OfficeWorkbook implements WorkbookPort {
  private marks: MarkRecord[] = [];
  /** Marks changed since they were last written to the workbook's settings. */
  private marksUnsaved = false;
  private sheetSlots = MIN_SHEET_SLOTS;
  private lastSkipped: string[] = [];
  /** Live change subscriptions: a sheet the add-in adds is subscribed in the same batch that adds it. */
  private changeSubscriptions: ChangeSubscription[] = [];

  constructor(private readonly env: OfficeEnvironment = officeEnvironment()) {}

  capabilities(): HostCapabilities {
    const has = (v: string): boolean => this.env.isSetSupported('ExcelApi', v);
    return { dataValidation: has('1.8'), notes: has('1.18'), undoGrouping: has('1.20'), changeEvents: has('1.7') };
  }

  /** Plan operations the last `apply` left out because this Excel cannot do them (e.g. "validation" before 1.8). */
  skippedInLastApply(): readonly string[] {
    return this.lastSkipped;
  }

  /** Cells currently marked, with what they looked like before. */
  currentMarks(): readonly MarkRecord[] {
    return this.marks;
  }

  // ------------------------------------------------------------------ read

  async read(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const saveMarks = this.queueMarksSave(context);
      const settings = context.workbook.settings;
      settings.load('items/key,items/value');
      // Sheet names are unknown until a sync returns, so walk the sheets with getFirst/getNextOrNullObject: every
      // step past the last sheet is a null object, and the whole walk with its used ranges is one round trip.
      const slots: { sheet: Excel.Worksheet; used: Excel.Range }[] = [];
      let sheet = context.workbook.worksheets.getFirst();
      const queueSlots = (count: number): void => {
        for (let i = 0; i < count; i++) {
          sheet.load('name');
          const used = sheet.getUsedRangeOrNullObject(true);
          used.load('rowIndex,columnIndex,values,formulas,numberFormat');
          slots.push({ sheet, used });
          sheet = sheet.getNextOrNullObject();
        }
      };
      queueSlots(this.sheetSlots);
      await context.sync();
      saveMarks();
      // More sheets than slots: keep walking (rare; the next read reserves enough slots).
      while (!slots[slots.length - 1].sheet.isNullObject) {
        queueSlots(this.sheetSlots);
        await context.sync();
      }
      const sheets: SheetSnapshot[] = [];
      for (const { sheet: ws, used } of slots) {
        if (ws.isNullObject) break;
        sheets.push(used.isNullObject ? emptySheet(ws.name) : sheetSnapshot(ws.name, used));
      }
      this.sheetSlots = Math.max(MIN_SHEET_SLOTS, sheets.length + 2);
      const stored: Record<string, string> = {};
      for (const item of settings.items) stored[item.key] = typeof item.value === 'string' ? item.value : JSON.stringify(item.value);
      if (this.marks.length === 0) this.marks = parseStoredMarks(stored[SETTING_KEYS.marks]);
      return { sheets, settings: stored };
    });
  }

  // ------------------------------------------------------------------ apply

  async apply(plan: Plan): Promise<void> {
    const caps = this.capabilities();
    const pageLayout = this.env.isSetSupported('ExcelApi', '1.9');
    const skipped: string[] = [];
    await this.run(async (context) => {
      const saveMarks = this.queueMarksSave(context);
      const sheets = new Map<string, Excel.Worksheet>();
      const added: Excel.Worksheet[] = [];
      const sheetNamed = (name: string): Excel.Worksheet => {
        let ws = sheets.get(name);
        if (!ws) {
          ws = context.workbook.worksheets.getItem(name);
          sheets.set(name, ws);
        }
        return ws;
      };
      for (const op of plan.ops) {
        if (op.op === 'validation' && !caps.dataValidation) {
          skipped.push(`validation ${op.sheet}!${op.range}`);
          continue;
        }
        if (op.op === 'pageSetup' && !pageLayout) {
          skipped.push(`pageSetup ${op.sheet}`);
          continue;
        }
        if (op.op === 'addSheet') {
          const ws = context.workbook.worksheets.add(op.sheet);
          sheets.set(op.sheet, ws);
          // Listen to the new sheet now: waiting for Excel's "sheet added" event would miss edits typed right after.
          if (this.changeSubscriptions.length > 0) {
            ws.load('id');
            for (const sub of this.changeSubscriptions) sub.results.push(ws.onChanged.add(sub.handler));
            added.push(ws);
          }
        } else queueOp(context, op, sheetNamed);
      }
      await context.sync();
      for (const ws of added) for (const sub of this.changeSubscriptions) sub.sheetIds.add(ws.id);
      saveMarks();
    });
    this.lastSkipped = skipped;
  }

  // ------------------------------------------------------------------ select

  async select(loc: CellLoc): Promise<void> {
    await this.run(async (context) => {
      const saveMarks = this.queueMarksSave(context);
      const ws = context.workbook.worksheets.getItem(loc.sheet);
      ws.activate();
      ws.getRange(loc.cell).select();
      await context.sync();
      saveMarks();
    });
  }

  // ------------------------------------------------------------------ marks

  /**
   * Replaces the current marks with `cells`, in one round trip: earlier marks are restored first, then each cell's
   * fill and font colour are loaded and the highlight written; the loads were queued before the writes, so they
   * report the formatting from before the highlight. Those previous formats are only known after that sync, so they
   * are kept in memory and written to the workbook's settings with the next round trip the add-in makes anyway
   * (read, apply, select, clear) — no extra sync. If the pane closes before any further call, the marks stay
   * visible but "clear marks" in a new session cannot know what was under them.
   */
  async mark(cells: CellLoc[]): Promise<void> {
    const unique = dedupe(cells);
    const withPattern = this.env.isSetSupported('ExcelApi', '1.9');
    await this.run(async (context) => {
      for (const m of this.marks) queueRestore(context, m);
      const probes = unique.map((loc) => {
        const range = context.workbook.worksheets.getItem(loc.sheet).getRange(loc.cell);
        const fill = range.format.fill;
        const font = range.format.font;
        fill.load(withPattern ? 'color,pattern' : 'color');
        font.load('color');
        fill.color = MARK_FORMAT.fill;
        font.color = MARK_FORMAT.fontColor;
        return { loc, fill, font };
      });
      await context.sync();
      this.marks = probes.map(({ loc, fill, font }) => ({
        sheet: loc.sheet,
        cell: loc.cell,
        // Office reports "#FFFFFF" for no fill; from ExcelApi 1.9 `pattern` tells no fill from a white one. Before
        // that, white is taken as no fill (restored by clearing, which looks the same apart from gridlines).
        fill: (withPattern ? fill.pattern === 'None' : fill.color?.toUpperCase() === '#FFFFFF') ? null : fill.color,
        fontColor: font.color,
      }));
      this.marksUnsaved = true;
    });
  }

  /** Restores every marked cell's previous fill and font colour (including "no fill") and forgets the marks. */
  async clearMarks(): Promise<void> {
    if (this.marks.length === 0) {
      this.marks = await this.run(async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(SETTING_KEYS.marks);
        item.load('value');
        await context.sync();
        return item.isNullObject ? [] : parseStoredMarks(item.value);
      });
    }
    const restore = async (marks: MarkRecord[]): Promise<void> =>
      this.run(async (context) => {
        for (const m of marks) queueRestore(context, m);
        // Add-then-delete works whether or not the setting exists yet.
        context.workbook.settings.add(SETTING_KEYS.marks, '');
        context.workbook.settings.getItem(SETTING_KEYS.marks).delete();
        await context.sync();
      });
    try {
      await restore(this.marks);
    } catch (e) {
      const error = toExcelHostError(e);
      if (error.kind !== 'not-found') throw error;
      // A marked sheet was deleted or renamed since: restore what still exists.
      const names = await this.sheetNames();
      await restore(this.marks.filter((m) => names.has(m.sheet)));
    }
    this.marks = [];
    this.marksUnsaved = false;
  }

  // ------------------------------------------------------------------ events

  /** Calls `listener` after cell edits on any sheet (ExcelApi 1.7 `Worksheet.onChanged`); a no-op where unsupported. */
  async onChange(listener: () => void): Promise<() => void> {
    if (!this.capabilities().changeEvents) return () => undefined;
    const handler = async (): Promise<void> => listener();
    const sub: ChangeSubscription = { handler, results: [], sheetIds: new Set() };
    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      await context.sync();
      for (const ws of worksheets.items) {
        sub.results.push(ws.onChanged.add(handler));
        sub.sheetIds.add(ws.id);
      }
      sub.results.push(
        worksheets.onAdded.add(async (event: Excel.WorksheetAddedEventArgs) => {
          if (sub.sheetIds.has(event.worksheetId)) return; // added by `apply`, which subscribed it already
          sub.sheetIds.add(event.worksheetId);
          const added = await this.run(async (ctx) => {
            const result = ctx.workbook.worksheets.getItem(event.worksheetId).onChanged.add(handler);
            await ctx.sync();
            return result;
          });
          sub.results.push(added);
        }),
      );
      await context.sync();
    });
    this.changeSubscriptions.push(sub);
    return () => {
      this.changeSubscriptions = this.changeSubscriptions.filter((s) => s !== sub);
      void Promise.all(
        sub.results.map((r) =>
          this.env.run(r.context, async (context) => {
            r.remove();
            await context.sync();
          }),
        ),
      ).catch(() => undefined); // the workbook may be closing; nothing to undo then
    };
  }

  // ------------------------------------------------------------------ internals

  private async run<R>(batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> {
    try {
      return await this.env.run(batch);
    } catch (e) {
      throw toExcelHostError(e);
    }
  }

  private async sheetNames(): Promise<Set<string>> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      return new Set(worksheets.items.map((w) => w.name));
    });
  }

  /** Queues writing unsaved marks to the settings; call the returned function once the sync succeeded. */
  private queueMarksSave(context: Excel.RequestContext): () => void {
    if (!this.marksUnsaved) return () => undefined;
    const stored: StoredMarks = { version: 1, marks: this.marks };
    context.workbook.settings.add(SETTING_KEYS.marks, JSON.stringify(stored));
    return () => {
      this.marksUnsaved = false;
    };
  }
}

function queueRestore(context: Excel.RequestContext, m: MarkRecord): void {
  const format = context.workbook.worksheets.getItem(m.sheet).getRange(m.cell).format;
  if (m.fill === null) format.fill.clear();
  else format.fill.color = m.fill;
  format.font.color = m.fontColor;
}

function parseStoredMarks(json: string | undefined): MarkRecord[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as Partial<StoredMarks>;
    if (parsed?.version !== 1 || !Array.isArray(parsed.marks)) return [];
    return parsed.marks.filter(
      (m): m is MarkRecord =>
        typeof m?.sheet === 'string' && typeof m.cell === 'string' && (m.fill === null || typeof m.fill === 'string') && typeof m.fontColor === 'string',
    );
  } catch {
    return []; // a damaged setting must not block the pane; the marks simply cannot be restored
  }
}

function dedupe(cells: CellLoc[]): CellLoc[] {
  const seen = new Set<string>();
  const out: CellLoc[] = [];
  for (const c of cells) {
    const cell = c.cell.replace(/\$/g, '').toUpperCase();
    const key = `${c.sheet}\u0000${cell}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ sheet: c.sheet, cell });
    }
  }
  return out;
}

function emptySheet(name: string): SheetSnapshot {
  return { name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [] };
}

function sheetSnapshot(name: string, used: Excel.Range): SheetSnapshot {
  const values = used.values;
  const formulas = used.formulas;
  const numberFormats = used.numberFormat;
  const snapshot: SheetSnapshot = { name, origin: { row: used.rowIndex, col: used.columnIndex }, values: [], formulas: [], numberFormats: [] };
  for (let r = 0; r < values.length; r++) {
    const vr: SheetSnapshot['values'][number] = [];
    const fr: SheetSnapshot['formulas'][number] = [];
    for (let c = 0; c < values[r].length; c++) {
      const cell = snapshotCell(values[r][c], formulas[r][c]);
      vr.push(cell.value);
      fr.push(cell.formula);
    }
    snapshot.values.push(vr);
    snapshot.formulas.push(fr);
    snapshot.numberFormats.push(numberFormats[r].map((f) => (typeof f === 'string' && f ? f : 'General')));
  }
  return snapshot;
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VALIGN = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

function queueOp(context: Excel.RequestContext, op: Exclude<PlanOp, { op: 'addSheet' }>, sheetNamed: (name: string) => Excel.Worksheet): void {
  switch (op.op) {
    case 'write': {
      const range = sheetNamed(op.sheet).getRange(op.cell);
      const c = op.content;
      if (c.kind === 'formula') range.formulas = [[c.formula]];
      else if (c.kind === 'number') range.values = [[c.value]];
      else if (c.kind === 'blank') range.values = [['']];
      else range.values = [[textForValues(c.text)]];
      return;
    }
    case 'format':
      queueFormat(sheetNamed(op.sheet).getRange(op.range), op.range, op.format);
      return;
    case 'merge':
      sheetNamed(op.sheet).getRange(op.range).merge(false);
      return;
    case 'columnWidth':
      sheetNamed(op.sheet).getRange(`${op.column}:${op.column}`).format.columnWidth = columnWidthPoints(op.width);
      return;
    case 'validation': {
      const dv = sheetNamed(op.sheet).getRange(op.range).dataValidation;
      dv.clear();
      dv.rule = {
        wholeNumber:
          op.rule.max === undefined
            ? { formula1: op.rule.min, operator: 'GreaterThanOrEqualTo' }
            : { formula1: op.rule.min, formula2: op.rule.max, operator: 'Between' },
      };
      dv.ignoreBlanks = true;
      dv.errorAlert = { showAlert: true, style: 'Stop', title: op.error.title, message: op.error.message };
      if (op.prompt) dv.prompt = { showPrompt: true, title: op.prompt.title, message: op.prompt.message };
      return;
    }
    case 'conditionalFormat': {
      const cf = sheetNamed(op.sheet).getRange(op.range).conditionalFormats.add('Custom');
      cf.custom.rule.formula = op.formula;
      if (op.format.fill) cf.custom.format.fill.color = op.format.fill;
      if (op.format.fontColor) cf.custom.format.font.color = op.format.fontColor;
      if (op.format.bold !== undefined) cf.custom.format.font.bold = op.format.bold;
      return;
    }
    case 'pageSetup': {
      const layout = sheetNamed(op.sheet).pageLayout;
      if (op.landscape !== undefined) layout.orientation = op.landscape ? 'Landscape' : 'Portrait';
      if (op.printArea) layout.setPrintArea(op.printArea);
      if (op.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
      return;
    }
    case 'setting':
      context.workbook.settings.add(op.key, op.value);
      return;
    case 'activate': {
      const ws = sheetNamed(op.sheet);
      ws.activate();
      if (op.cell) ws.getRange(op.cell).select();
      return;
    }
  }
}

function queueFormat(range: Excel.Range, address: string, format: CellFormat): void {
  const { top, left, bottom, right } = parseRange(address);
  const rows = bottom - top + 1;
  const cols = right - left + 1;
  if (format.numberFormat !== undefined) range.numberFormat = filled(rows, cols, format.numberFormat);
  const f = range.format;
  if (format.bold !== undefined) f.font.bold = format.bold;
  if (format.fontSize !== undefined) f.font.size = format.fontSize;
  if (format.fontColor !== undefined) f.font.color = format.fontColor;
  if (format.fill !== undefined) f.fill.color = format.fill;
  if (format.horizontalAlignment) f.horizontalAlignment = ALIGN[format.horizontalAlignment];
  if (format.verticalAlignment) f.verticalAlignment = VALIGN[format.verticalAlignment];
  if (format.wrap !== undefined) f.wrapText = format.wrap;
  if (format.border) {
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (rows > 1) edges.push('InsideHorizontal');
    if (cols > 1) edges.push('InsideVertical');
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      // Excel draws a double line only at the thick weight.
      b.style = format.border.style === 'double' ? 'Double' : 'Continuous';
      b.weight = format.border.style === 'medium' ? 'Medium' : format.border.style === 'double' ? 'Thick' : 'Thin';
      if (format.border.color) b.color = format.border.color;
    }
  }
}
