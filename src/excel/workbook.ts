/**
 * The Office.js adapter: the only code that talks to `Excel.*`. Round trips: a check reads in one `context.sync()` in
 * steady state (two after the set of sheets changed, more only for sheets too large for one request), a plan is applied
 * in one, marks are added in one and cleared in one (marks an earlier session made are found by their tag: four). Runs against real Excel and against the fake host in
 * `src/fake-excel-host/`, whose strict mode refuses what Office.js does not document.
 */
import type { CellLoc } from '../domain/findings';
import type { WorkbookSnapshot } from '../sheet/grid';
import type { Plan, PlanOp } from '../sheet/plan';
import type { HostCapabilities, MarkRequest, ReadOptions, WorkbookChange, WorkbookPort } from '../sheet/port';
import { STATE_KEY, type StateProblem, type StoredState, decodeState, emptyState, encodeState, logicalSettings } from '../sheet/stored-state';
import { ApplyError, ExcelHostError, toExcelHostError } from './errors';
import { MARK_FORMAT, MARK_RULE, type MarkRecord, type MarkSearch, dedupe, isMarkRecord, markKey, normalizeCell, queueMarkRemoval, sweepMarks } from './marks';
import { holds, opRange, queueOp } from './plan-ops';
import { DEFAULT_READ_BUDGET_BYTES, type KnownSheet, MERGE_BAND_ROWS, MIN_READ_BUDGET_BYTES, mergesRefused, type NoteCells, type ReadEnvironment, readWorkbook } from './reader';

/** How the adapter reaches Excel: `Excel.run` and `Office.context.requirements` (injectable for the fake host). */
export interface OfficeEnvironment {
  run: typeof Excel.run;
  isSetSupported(name: string, minVersion?: string): boolean;
  /** `Office.context.document.url` (Common API): the open document's path or URL; null when unsaved or unknown. */
  documentUrl?(): string | null;
}

/** The environment office.js set up on `scope` (the page's `window`, or wherever the fake host was installed). */
export function officeEnvironment(scope: object = globalThis): OfficeEnvironment {
  const s = scope as { Excel?: typeof Excel; Office?: typeof Office };
  if (!s.Excel?.run || !s.Office?.context?.requirements) {
    throw new ExcelHostError('unsupported', 'NoOffice', 'office.js is not loaded: Excel.run or Office.context.requirements is missing');
  }
  const requirements = s.Office.context.requirements;
  const office = s.Office;
  return {
    run: s.Excel.run.bind(s.Excel),
    isSetSupported: (name, version) => requirements.isSetSupported(name, version),
    documentUrl: () => office.context.document?.url ?? null,
  };
}

export { MARK_FORMAT, type MarkRecord };

interface ChangeSubscription {
  handler: (event: Excel.WorksheetChangedEventArgs) => Promise<void>;
  results: OfficeExtension.EventHandlerResult<unknown>[];
  /** Sheets already subscribed, so Excel's later "sheet added" event does not subscribe them twice. */
  sheetIds: Set<string>;
}

/** How long a change event matching one of our own writes is taken for its echo where triggerSource is missing. */
const ECHO_WINDOW_MS = 10_000;

export class OfficeWorkbook implements WorkbookPort {
  /** The add-in's state as last read or written; null until the first read. */
  private state: StoredState | null = null;
  /** The stored state changed in memory (new mark ids) and goes out with the next round trip. */
  private stateUnsaved = false;
  /** What was wrong with the stored state when last read (damaged JSON, a newer version), for diagnostics. */
  stateProblem: StateProblem = null;
  private known: KnownSheet[] | null = null;
  private readBudget = DEFAULT_READ_BUDGET_BYTES;
  private lastSkipped: string[] = [];
  private changeSubscriptions: ChangeSubscription[] = [];
  /** Marks made in this session ("sheetId\u0000formatId"): only their ids are trusted (see clearMarks). */
  private sessionFormatIds = new Set<string>();
  /** Sheets this adapter deleted, whose "sheet deleted" event is its own echo. */
  private ownDeletedSheetIds = new Set<string>();
  /** Sheet names this adapter added lately (lower case → until when), whose "sheet added" event is its own echo. */
  private ownAddedNames = new Map<string, number>();
  /** Ranges our own last writes touched ("sheetId!A1:B2" → until when), to drop their change events below 1.14. */
  private echoes = new Map<string, number>();
  /** Round trips the last read took (diagnostics and tests). */
  lastReadSyncs = 0;
  /** Which cells carry a note, per sheet id, as the last read saw them (ExcelApi 1.18); null before a read. */
  noteCells: NoteCells | null = null;
  /** Notes in the workbook at the last read: the next read locates that many in its first sync. */
  private noteCount: number | undefined;
  /** The last read asked where notes are and failed (a note deleted since?): the next attempt asks counts only. */
  private skipNoteLocations = false;
  /**
   * Visible cells (ExcelApi 1.9) tell hidden rows/columns in one address, but Excel refuses too many areas, at an
   * undocumented limit (office-js #4263, #5198): once refused, this session reads `rowHidden`/`columnHidden` instead.
   * A read that writes first (applyAndRead) uses them only once a plain read has, so it never fails a write for it.
   */
  private visibleCells: 'untried' | 'works' | 'refused' = 'untried';
  /** Set once Excel refused a sheet's merged areas as a whole (more than 512): merges are then asked in row bands. */
  private mergeBandRows: number | undefined;

  constructor(private readonly env: OfficeEnvironment = officeEnvironment()) {}

  documentName(): string | null {
    const url = this.env.documentUrl?.();
    return url ? fileNameOf(url) : null;
  }

  private has(version: string): boolean {
    return this.env.isSetSupported('ExcelApi', version);
  }

  capabilities(): HostCapabilities {
    return { dataValidation: this.has('1.8'), notes: this.has('1.18'), undoGrouping: this.has('1.20'), changeEvents: this.has('1.7'), merges: this.has('1.13') };
  }

  /** Plan operations the last `apply` left out because this Excel cannot do them (e.g. "validation" before 1.8). */
  skippedInLastApply(): readonly string[] {
    return this.lastSkipped;
  }

  currentMarks(): readonly MarkRecord[] {
    return (this.state?.marks ?? []).filter(isMarkRecord);
  }

  markedCells(): CellLoc[] {
    return this.currentMarks().map((m) => ({ sheet: this.sheetNameOf(m), cell: m.cell }));
  }

  // ------------------------------------------------------------------ read

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    // Live re-checks wait for the person to finish typing instead of failing
    // (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
    const runOptions = options.live ? { delayForCellEdit: true } : undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const env = this.readEnvironment(false);
        const askedNoteLocations = env.noteLocations === true && (env.lastNoteCount ?? 0) > 0;
        try {
          return await this.run(runOptions, async (context) => {
            const saveState = this.queueStateSave(context);
            const result = await readWorkbook(context, this.known, env);
            saveState();
            this.skipNoteLocations = false;
            if (env.specialCells) this.visibleCells = 'works';
            return this.finishRead(result);
          });
        } catch (e) {
          const error = toExcelHostError(e);
          const unexplained = error.kind === 'invalid' || error.kind === 'unknown' || error.kind === 'too-large';
          // More than 512 merged areas on a sheet fail the read with a code that does not say so: ask them alone, and
          // if that is what Excel refuses, ask them in row bands from now on (before blaming the visible cells).
          if (unexplained && env.merges && !env.mergeBandRows && (await this.run(undefined, mergesRefused))) {
            this.mergeBandRows = MERGE_BAND_ROWS;
            continue;
          }
          if (env.specialCells && unexplained) {
            this.visibleCells = 'refused';
            continue;
          }
          // Asking where the last read's notes are (getItemAt) fails when notes were deleted since: ask for counts
          // only, once (one more sync, only then); the next read locates them again.
          if (askedNoteLocations && (error.kind === 'not-found' || error.kind === 'invalid' || error.kind === 'unknown')) {
            this.skipNoteLocations = true;
            continue;
          }
          throw error;
        }
      } catch (e) {
        const error = toExcelHostError(e);
        if (attempt >= 12) throw error;
        if (error.kind === 'payload-too-large' && this.readBudget > MIN_READ_BUDGET_BYTES) {
          // Too much for one request: read in smaller pieces, sizing every sheet afresh.
          this.readBudget = Math.max(MIN_READ_BUDGET_BYTES, Math.floor(this.readBudget / 2));
          this.known = this.known?.map((k) => ({ ...k, cells: Number.POSITIVE_INFINITY })) ?? null;
          continue;
        }
        if (error.kind === 'not-found' && this.known) {
          // A sheet from the last read is gone (deleted with no event seen): start over from the sheet names.
          this.known = null;
          continue;
        }
        throw error;
      }
    }
  }

  private readEnvironment(afterWrites: boolean): ReadEnvironment {
    const specialCells = this.has('1.9') && (afterWrites ? this.visibleCells === 'works' : this.visibleCells !== 'refused');
    return { merges: this.has('1.13'), mergeBandRows: this.mergeBandRows, budgetBytes: this.readBudget, notes: this.has('1.18'), lastNoteCount: this.noteCount, noteLocations: !this.skipNoteLocations, specialCells };
  }

  private finishRead(result: Awaited<ReturnType<typeof readWorkbook>>): WorkbookSnapshot {
    this.known = result.known;
    this.noteCells = result.noteCells;
    this.noteCount = result.noteCount;
    this.lastReadSyncs = result.syncs;
    if (!this.stateUnsaved) {
      const decoded = decodeState(result.rawSettings[STATE_KEY]);
      this.state = decoded.state;
      this.stateProblem = decoded.problem;
    }
    const settings = logicalSettings({ ...result.rawSettings, [STATE_KEY]: encodeState(this.state ?? emptyState()) });
    return { ...result.snapshot, settings };
  }

  /** The stored state, reading it first if no read happened yet (so a write never drops what is stored). */
  private async ensureState(): Promise<StoredState> {
    if (this.state) return this.state;
    await this.read();
    return this.state ?? emptyState();
  }

  // ------------------------------------------------------------------ apply

  /**
   * Applies a plan in one round trip. Setting operations are merged into the one stored state, written last, so a batch
   * that fails part-way never names a half-built template sheet as a template. If it fails, what was and was not
   * written is found out (one more read) and a sheet the plan added is removed again; the error says all of it.
   */
  async apply(plan: Plan): Promise<void> {
    await this.applyPlan(plan, false);
  }

  /**
   * Applies a plan and reads the workbook back in the same round trip: loads queued after the writes see them (and
   * Excel's recalculation), so confirming a change costs one sync, not two.
   */
  async applyAndRead(plan: Plan): Promise<WorkbookSnapshot> {
    return (await this.applyPlan(plan, true))!;
  }

  private async applyPlan(plan: Plan, readAfter: boolean): Promise<WorkbookSnapshot | undefined> {
    const caps = this.capabilities();
    const pageLayout = this.has('1.9');
    const skipped: string[] = [];
    const state = await this.ensureState();
    const knownBefore = new Set((this.known ?? []).map((k) => k.id));
    const nextSettings = { ...state.settings };
    let settingsChanged = false;
    const written: { sheet: string; range: string }[] = [];
    const addedIds: Excel.Worksheet[] = [];
    let snapshot: WorkbookSnapshot | undefined;
    try {
      await this.run(undefined, async (context) => {
        const sheets = new Map<string, Excel.Worksheet>();
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
          if (op.op === 'setting') {
            nextSettings[op.key] = op.value;
            settingsChanged = true;
            continue;
          }
          if (op.op === 'addSheet') {
            this.ownAddedNames.set(op.sheet.toLowerCase(), Date.now() + ECHO_WINDOW_MS);
            const ws = context.workbook.worksheets.add(op.sheet);
            sheets.set(op.sheet, ws);
            ws.load('id');
            addedIds.push(ws);
            // Listen to the new sheet now: waiting for Excel's "sheet added" event would miss edits typed right after.
            for (const sub of this.changeSubscriptions) sub.results.push(ws.onChanged.add(sub.handler));
            continue;
          }
          queueOp(op, sheetNamed);
          const range = opRange(op);
          if (range) written.push({ sheet: op.sheet, range });
        }
        // The stored state is written once per batch, after everything else (office-js #920; see stored-state.ts): new
        // settings and marks not yet saved go out in the one `settings.add`, taken as written only once the sync succeeds.
        const saveState = settingsChanged ? this.queueStateWrite(context, { ...(this.state ?? state), settings: nextSettings }) : this.queueStateSave(context);
        for (const ws of sheets.values()) if (!addedIds.includes(ws)) ws.load('id');
        if (readAfter) {
          const addedNames = plan.ops.filter((o) => o.op === 'addSheet').map((o) => o.sheet);
          const result = await readWorkbook(context, this.known, this.readEnvironment(true), undefined, addedNames);
          saveState();
          snapshot = this.finishRead(result);
        } else {
          await context.sync();
          saveState();
        }
        for (const ws of addedIds) for (const sub of this.changeSubscriptions) sub.sheetIds.add(ws.id);
        // Sheets this plan added are known now: the next read stays one round trip.
        if (this.known && !readAfter) {
          for (const ws of addedIds) if (!this.known.some((k) => k.id === ws.id)) this.known.push({ id: ws.id, name: '', cells: 0, bytesPerCell: 0 });
        }
        const idOf = new Map([...sheets].map(([name, ws]) => [name, ws.id]));
        this.expectEchoes(written.map((w) => ({ sheetId: idOf.get(w.sheet) ?? '', range: w.range })));
      });
    } catch (e) {
      throw await this.explainFailedApply(plan, toExcelHostError(e), knownBefore);
    }
    this.lastSkipped = skipped;
    return snapshot;
  }

  /**
   * After an apply batch failed: reads back the cells the plan writes, removes sheets the plan added (they were not in
   * the workbook before and are half-built), and returns an error listing what was written and what was not.
   */
  private async explainFailedApply(plan: Plan, error: ExcelHostError, knownBefore: Set<string>): Promise<ExcelHostError> {
    const writes = plan.ops.filter((o): o is Extract<PlanOp, { op: 'write' }> => o.op === 'write');
    const addedNames = plan.ops.filter((o) => o.op === 'addSheet').map((o) => o.sheet);
    try {
      const outcome = await this.run(undefined, async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load('items/name,items/id');
        await context.sync();
        const present = new Map(worksheets.items.map((w) => [w.name.toLowerCase(), w]));
        // A sheet of that name not in the workbook before the plan: the plan added it, half-built.
        const removed: string[] = [];
        for (const name of addedNames) {
          const ws = present.get(name.toLowerCase());
          if (ws && !knownBefore.has(ws.id) && knownBefore.size > 0) {
            // Worksheet.delete clears the person's undo history ("the user's undo stack is cleared",
            // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities); the half-built
            // sheet is ours, and the error message says it was removed.
            ws.delete();
            this.ownDeletedSheetIds.add(ws.id);
            removed.push(ws.name);
          }
        }
        const probes = writes
          .filter((w) => present.has(w.sheet.toLowerCase()) && !removed.some((r) => r.toLowerCase() === w.sheet.toLowerCase()))
          .map((w) => {
            const range = present.get(w.sheet.toLowerCase())!.getRange(w.cell);
            range.load('values,formulas');
            return { w, range };
          });
        await context.sync();
        const done: string[] = [];
        const notDone: string[] = [];
        for (const { w, range } of probes) (holds(range, w.content) ? done : notDone).push(`${w.sheet}!${w.cell}`);
        for (const w of writes) if (!probes.some((p) => p.w === w)) notDone.push(`${w.sheet}!${w.cell}`);
        return { removed, done, notDone };
      });
      this.known = null; // sheets may have changed
      return new ApplyError(error, outcome.done, outcome.notDone, outcome.removed);
    } catch {
      // Could not even look (e.g. Excel is still busy): say so rather than guess.
      return new ApplyError(error, [], writes.map((w) => `${w.sheet}!${w.cell}`), [], true);
    }
  }

  // ------------------------------------------------------------------ select

  async select(loc: CellLoc): Promise<void> {
    await this.run(undefined, async (context) => {
      const saveState = this.queueStateSave(context);
      const ws = context.workbook.worksheets.getItem(loc.sheet);
      ws.activate();
      ws.getRange(loc.cell).select();
      await context.sync();
      saveState();
    });
  }

  // ------------------------------------------------------------------ marks

  /**
   * Replaces the current marks with `cells` in one round trip: earlier marks are deleted by their ids and a
   * conditional format (rule `=TRUE`, top priority) is added per cell. The new formats' ids are only known after that
   * sync, so they are written to the stored state with the next round trip the add-in makes anyway.
   *
   * Where notes exist (ExcelApi 1.18) and a text is given, the same round trip adds a note with the finding's text to
   * each cell the last read saw without a note (`noteCells`); cells with a person's note, or on a sheet whose notes the
   * read could not locate, get no note. A note may still appear between that read and this batch, and what
   * `NoteCollection.add` does on a cell that has one is not documented (it may refuse or replace), so each add is
   * preceded by a look at the cell in the same batch:
   * * replaced: the person's text is known from that look and put back in one more sync (its author then reads as
   *   the current user: `authorName` cannot be set);
   * * refused: the batch fails at that note, after the earlier marks were removed. Then the leftovers are found by
   *   their tag and removed, the cells looked at again, and the marks added without a note where a person has one:
   *   1 failed + 4 + 1 = 6 round trips, only in that case.
   */
  async mark(requests: MarkRequest[]): Promise<void> {
    const unique = dedupe(requests);
    await this.ensureState();
    // Marks an earlier session recorded: their ids may name something else now, so they are found by what they are.
    if (this.currentMarks().some((m) => !this.isThisSessions(m))) await this.clearMarks();
    try {
      await this.markOnce(unique, this.notePlan(unique));
    } catch (e) {
      const error = toExcelHostError(e);
      const notesQueued = this.has('1.18') && unique.some((r) => r.text);
      // A refused note shows as an undocumented code; protection, a busy Excel or typing are not worth a retry.
      const maybeNote = notesQueued && (error.kind === 'invalid' || error.kind === 'unknown');
      if (error.kind !== 'not-found' && !maybeNote) throw error;
      // An earlier mark was removed by hand (or its sheet deleted), or a note could not be added: remove what is left
      // of the earlier marks carefully, look at the cells again, then mark.
      const seen = await this.removeMarksCarefully(this.currentMarks(), notesQueued ? unique.filter((r) => r.text) : []);
      this.state = { ...(this.state ?? emptyState()), marks: [] };
      this.stateUnsaved = true;
      const plan = new Map<string, 'add' | 'ours'>();
      for (const r of unique) {
        const content = seen.get(markKey(r.sheet, r.cell));
        if (content === null) plan.set(markKey(r.sheet, r.cell), 'add');
        // Left by the failed batch (a person's note with the very same text would be taken for ours).
        else if (content !== undefined && content === r.text) plan.set(markKey(r.sheet, r.cell), 'ours');
      }
      await this.markOnce(unique, plan);
    }
  }

  /** For each cell to mark with a text: 'add' a note where the last read saw none there (or only our own, removed first). */
  private notePlan(requests: readonly MarkRequest[]): Map<string, 'add' | 'ours'> {
    const plan = new Map<string, 'add' | 'ours'>();
    if (!this.has('1.18')) return plan;
    const ownNotes = new Set(this.currentMarks().filter((m) => m.note !== null).map((m) => `${m.sheetId}!${m.cell}`));
    for (const r of requests) {
      if (!r.text) continue;
      const sheetId = this.known?.find((k) => k.name === r.sheet)?.id;
      const cells = sheetId === undefined ? undefined : this.noteCells?.get(sheetId);
      if (!cells) continue; // notes on that sheet not known: no note rather than risk a person's
      if (!cells.has(r.cell) || ownNotes.has(`${sheetId}!${r.cell}`)) plan.set(markKey(r.sheet, r.cell), 'add');
    }
    return plan;
  }

  private async markOnce(requests: MarkRequest[], notePlan: ReadonlyMap<string, 'add' | 'ours'>): Promise<void> {
    await this.run(undefined, async (context) => {
      const old = this.currentMarks();
      // Earlier marks first: a cell marked again gets its new note only after its old one is gone.
      queueMarkRemoval(context, old);
      // Every note before any format: if Excel refuses a note, the batch stops there and no format was added whose id
      // would never be known (operations before a failing one stay applied).
      const withNotes = requests.map((req) => {
        const ws = context.workbook.worksheets.getItem(req.sheet);
        ws.load('id');
        const plan = req.text ? notePlan.get(markKey(req.sheet, req.cell)) : undefined;
        let before: Excel.Note | null = null;
        if (plan === 'add') {
          // Looked at in the same batch, before the add: a note that appeared since the read is known below.
          before = ws.notes.getItemOrNullObject(req.cell);
          before.load('content');
          ws.notes.add(req.cell, req.text);
        }
        return { req, ws, plan, before };
      });
      const added = withNotes.map((a) => {
        const cf = a.ws.getRange(a.req.cell).conditionalFormats.add('Custom');
        cf.custom.rule.formula = MARK_RULE;
        cf.custom.format.fill.color = MARK_FORMAT.fill;
        cf.custom.format.font.color = MARK_FORMAT.fontColor;
        cf.custom.format.font.bold = MARK_FORMAT.bold;
        cf.load('id');
        return { ...a, cf };
      });
      await context.sync();
      // Excel replaced a person's note that appeared after the read: put their text back.
      const replaced = added.filter((a) => a.before && !a.before.isNullObject);
      const marks: MarkRecord[] = added.map(({ req, ws, cf, plan }) => ({
        sheetId: ws.id,
        sheet: req.sheet,
        cell: req.cell,
        formatId: cf.id,
        note: plan && !replaced.some((r) => r.req === req) ? (req.text ?? null) : null,
      }));
      this.expectEchoes([...old.map((m) => ({ sheetId: m.sheetId, range: m.cell })), ...marks.map((m) => ({ sheetId: m.sheetId, range: m.cell }))]);
      for (const m of marks) this.sessionFormatIds.add(`${m.sheetId}\u0000${m.formatId}`);
      this.state = { ...(this.state ?? emptyState()), marks };
      this.stateUnsaved = true; // saved with the next round trip, or with the restored notes below
      this.trackOwnNotes(old, marks);
      if (replaced.length) {
        for (const { ws, req, before } of replaced) ws.notes.getItem(req.cell).content = before!.content;
        const saveState = this.queueStateSave(context);
        await context.sync();
        saveState();
      }
    });
  }

  /** Keeps `noteCells` true after the add-in removed and added its own notes, so the next mark needs no read. */
  private trackOwnNotes(removed: readonly MarkRecord[], added: readonly MarkRecord[]): void {
    if (!this.noteCells) return;
    for (const m of removed) if (m.note !== null) this.noteCells.get(m.sheetId)?.delete(m.cell);
    for (const m of added) if (m.note !== null) this.noteCells.get(m.sheetId)?.add(m.cell);
  }

  /**
   * Removes marks (only those on `cells` when given). Marks this session made are removed by their ids in one round
   * trip (ids hold within a session). Marks recorded by an earlier session, marks whose format a person removed, and
   * "clear all" when the records are not all this session's are found by what they are: the rule's tag
   * (`sweepMarks`, four round trips), so a reopened file, a lost setting or a copied mark still clears. The records are
   * forgotten only once Excel confirmed the removal: a failed batch keeps them, so "clear marks" can try again.
   * `live`: a write following a quiet check, which waits for the person to finish editing a cell.
   */
  async clearMarks(cells?: CellLoc[], options: { live?: boolean } = {}): Promise<void> {
    await this.ensureState();
    const all = this.currentMarks();
    const wanted = cells ? new Set(cells.map((c) => `${c.sheet}!${normalizeCell(c.cell)}`)) : null;
    const removing = wanted ? all.filter((m) => wanted.has(`${this.sheetNameOf(m)}!${m.cell}`)) : all;
    if (cells && removing.length === 0 && !this.stateUnsaved) return;
    const keep = all.filter((m) => !removing.includes(m));
    const runOptions = options.live ? { delayForCellEdit: true } : undefined;
    const next = (): StoredState => ({ ...(this.state ?? emptyState()), marks: keep });
    if (removing.length && removing.every((m) => this.isThisSessions(m))) {
      try {
        await this.run(runOptions, async (context) => {
          queueMarkRemoval(context, removing);
          const commit = this.queueStateWrite(context, next());
          await context.sync();
          commit();
          this.trackOwnNotes(removing, []);
          this.expectEchoes(removing.map((m) => ({ sheetId: m.sheetId, range: m.cell })));
        });
        return;
      } catch (e) {
        // Anything but a missing format or sheet (removed by hand since) leaves the records as they were.
        if (toExcelHostError(e).kind !== 'not-found') throw e;
      }
    }
    const where: MarkSearch[] = cells
      ? removing.map((m) => ({ sheet: this.sheetNameOf(m), range: m.cell, note: m.note }))
      : [...this.sheetNamesNow().map((sheet) => ({ sheet, range: null, note: null })), ...removing.filter((m) => m.note !== null).map((m) => ({ sheet: this.sheetNameOf(m), range: m.cell, note: m.note }))];
    await this.run(runOptions, async (context) => {
      await sweepMarks(context, where, this.has('1.18'));
      const commit = this.queueStateWrite(context, next());
      await context.sync();
      commit();
    });
    this.noteCells = null; // changed under us: the next read learns them again
  }

  /** Whether a mark was made in this session, so its ids still name its format and sheet. */
  private isThisSessions(m: MarkRecord): boolean {
    return this.sessionFormatIds.has(`${m.sheetId}\u0000${m.formatId}`) && (this.known?.some((k) => k.id === m.sheetId) ?? false);
  }

  /** The sheet names the last read saw (a sweep over them finds marks wherever they are). */
  private sheetNamesNow(): string[] {
    return (this.known ?? []).map((k) => k.name).filter(Boolean);
  }

  /**
   * Removes marks that may be partly gone, by what they are (`sweepMarks`). Also looks at the notes of `look` cells
   * (after the removal) and returns their content, null for none ("sheet\u0000cell").
   */
  private async removeMarksCarefully(marks: readonly MarkRecord[], look: readonly CellLoc[] = []): Promise<Map<string, string | null>> {
    if (!marks.length && !look.length) return new Map();
    const where = marks.map((m) => ({ sheet: this.sheetNameOf(m), range: m.cell, note: m.note }));
    const { notes } = await this.run(undefined, (context) => sweepMarks(context, where, this.has('1.18'), look));
    this.noteCells = null; // changed under us: the next read learns them again
    return notes;
  }

  // ------------------------------------------------------------------ events

  /**
   * Calls `listener` after a person changes cells or sheets (ExcelApi 1.7 `Worksheet.onChanged`,
   * `WorksheetCollection.onAdded`/`onDeleted`; `onNameChanged` from 1.17). Excel also raises `onChanged` for format
   * changes and for this add-in's own writes ("Office Add-in code that changes the workbook",
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#events-in-excel); those are dropped by
   * `triggerSource === 'ThisLocalAddin'` where ExcelApi 1.14 has it
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member),
   * and below 1.14 by remembering which ranges our last writes touched.
   */
  async onChange(listener: (change: WorkbookChange) => void): Promise<() => void> {
    if (!this.capabilities().changeEvents) return () => undefined;
    const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if (this.isOwnEvent(event)) return;
      listener('cells');
    };
    const sub: ChangeSubscription = { handler, results: [], sheetIds: new Set() };
    await this.run(undefined, async (context) => {
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
          let added: { result: OfficeExtension.EventHandlerResult<unknown>; name: string };
          try {
            added = await this.run(undefined, async (ctx) => {
              const sheets = ctx.workbook.worksheets;
              const result = sheets.getItem(event.worksheetId).onChanged.add(handler);
              const named = sheets.getItem(event.worksheetId).load('name');
              await ctx.sync();
              return { result, name: named.name };
            });
          } catch {
            return; // gone again already (a failed apply removes its half-built sheet): nothing to listen to
          }
          sub.results.push(added.result);
          // WorksheetAddedEventArgs has no triggerSource either: an apply in flight says which names it adds.
          if (this.takeOwnAdd(added.name)) return;
          listener('sheets');
        }),
      );
      sub.results.push(
        worksheets.onDeleted.add(async (event: Excel.WorksheetDeletedEventArgs) => {
          // Forget the sheet now, so the next read stays one sync instead of failing on it.
          if (this.known) this.known = this.known.filter((k) => k.id !== event.worksheetId);
          sub.sheetIds.delete(event.worksheetId);
          // WorksheetDeletedEventArgs has no triggerSource (type, source, worksheetId only:
          // https://learn.microsoft.com/javascript/api/excel/excel.worksheetdeletedeventargs), so the add-in's own
          // deletions are recognised by the ids it deleted.
          if (this.ownDeletedSheetIds.delete(event.worksheetId)) return;
          listener('sheets');
        }),
      );
      if (this.has('1.17')) {
        sub.results.push(
          worksheets.onNameChanged.add(async (event: Excel.WorksheetNameChangedEventArgs) => {
            if (this.known) this.known = this.known.map((k) => (k.id === event.worksheetId ? { ...k, name: event.nameAfter } : k));
            listener('sheets');
          }),
        );
      }
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

  /** Whether a sheet of this name was added by this adapter lately (its "sheet added" event is an echo). */
  private takeOwnAdd(name: string): boolean {
    const until = this.ownAddedNames.get(name.toLowerCase());
    this.ownAddedNames.delete(name.toLowerCase());
    return until !== undefined && until >= Date.now();
  }

  /** Whether a change event is the echo of this add-in's own write. */
  isOwnEvent(event: { triggerSource?: string; worksheetId?: string; address?: string }): boolean {
    if (event.triggerSource !== undefined) return event.triggerSource === 'ThisLocalAddin';
    const key = `${event.worksheetId}!${event.address}`;
    const until = this.echoes.get(key);
    if (until === undefined) return false;
    this.echoes.delete(key);
    return until >= Date.now();
  }

  private expectEchoes(ranges: { sheetId: string; range: string }[]): void {
    if (this.has('1.14')) return; // triggerSource says it
    const until = Date.now() + ECHO_WINDOW_MS;
    for (const [k, t] of this.echoes) if (t < Date.now()) this.echoes.delete(k);
    for (const r of ranges) if (r.sheetId) this.echoes.set(`${r.sheetId}!${normalizeCell(r.range)}`, until);
  }

  // ------------------------------------------------------------------ internals

  private async run<R>(options: Excel.RunOptions | undefined, batch: (context: Excel.RequestContext) => Promise<R>): Promise<R> {
    try {
      return options ? await this.env.run(options, batch) : await this.env.run(batch);
    } catch (e) {
      throw toExcelHostError(e);
    }
  }

  private sheetNameOf(m: MarkRecord): string {
    return this.known?.find((k) => k.id === m.sheetId)?.name ?? m.sheet;
  }

  /** Queues writing `next` as the stored state; call the returned function once the sync succeeded (then it is the state). */
  private queueStateWrite(context: Excel.RequestContext, next: StoredState): () => void {
    context.workbook.settings.add(STATE_KEY, encodeState(next));
    return () => {
      this.state = next;
      this.stateUnsaved = false;
    };
  }

  /** Queues writing the unsaved state; call the returned function once the sync succeeded. */
  private queueStateSave(context: Excel.RequestContext): () => void {
    if (!this.stateUnsaved || !this.state) return () => undefined;
    context.workbook.settings.add(STATE_KEY, encodeState(this.state));
    return () => {
      this.stateUnsaved = false;
    };
  }
}

/** The last part of a path or URL ("https://…/Shared%20Documents/申請書.xlsx" → "申請書.xlsx"). */
export function fileNameOf(url: string): string {
  const last = url.split(/[\\/]/).filter(Boolean).pop() ?? url;
  try {
    return decodeURIComponent(last.split(/[?#]/)[0]);
  } catch {
    return last;
  }
}
