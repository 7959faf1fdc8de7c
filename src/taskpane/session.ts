import type { BudgetSummary } from '../domain/summary';
import { type CellLoc, type Finding, type Lang, type RuleId, coveredCells, sameSlip } from '../domain/findings';
import { describeBinding, withWan, type Binding, type TableMaximum } from '../domain/maximize';
import { fromNumber, toNumber } from '../domain/money';
import { findProgram, getProgram, type Target } from '../domain/programs';
import type { WorkbookCheck } from '../sheet/check';
import { readSetting } from '../sheet/detect';
import { SETTING_KEYS, type WorkbookSnapshot } from '../sheet/grid';
import type { Plan } from '../sheet/plan';
import { checkMerges } from '../sheet/merge-guard';
import type { HostCapabilities, MarkRequest, WorkbookChange, WorkbookPort } from '../sheet/port';
import { describePlan, type PlanChanges } from './changes';
import { EMPTY_BENEFIT_FORM, parseBenefitForm, type BenefitForm } from './benefit-form';
import { describeError, type PaneError } from './errors';
import { loadMessages, t, type MessageKey } from './i18n';
import { fixPlan, fixRoutes, verdictOf, type Verdict } from './verdict';

/** The domain and sheet functions the pane calls; injected so the session can be tested without the real engine. */
export interface PaneServices {
  /** `checkWorkbook`: reads the program from the workbook's stored setting (or its items) unless one is given. */
  check(snapshot: WorkbookSnapshot, options: { program?: string; lang: Lang }): WorkbookCheck;
  /** The template plan for a program, never touching existing sheets (its builder may load on demand). */
  templatePlan(programId: string, snapshot: WorkbookSnapshot, lang: Lang): Promise<Plan>;
  /** Repairs for the budget tables' formulas and computed cells ("recalculate"); an empty plan when nothing needs repair. */
  recalcPlan(snapshot: WorkbookSnapshot, programId: string, lang: Lang): Plan;
  /**
   * The largest legal subsidy of the first budget table a check located, with the cell changes that apply it; null
   * without a table.
   */
  maximize(check: Pick<WorkbookCheck, 'tables' | 'basicInfo'>, programId: string): TableMaximum | null;
}

export type PendingKind = 'template' | 'recalc' | 'benefits' | 'fix' | 'maximize' | 'review';

export interface PendingWrite {
  kind: PendingKind;
  plan: Plan;
  changes: PlanChanges;
  /** Cells the user typed that the plan would replace (to mark them again when the plan is re-validated). */
  userCells?: readonly string[];
  /** Offered beside "apply" when the write would replace what the user typed: the same write leaving those cells. */
  keep?: { plan: Plan; changes: PlanChanges };
  /** What the write does in one sentence; the dialog shows it first and the full cell list behind a disclosure. */
  summary?: string;
  /** A fix: the finding it should clear, looked for again after the write. */
  clears?: { rule: RuleId; sheet: string | null; cell: string | null; cells?: string[] };
}

/** The largest legal subsidy as the summary and its preview show it (千元). */
export interface MaximumView {
  govTotal: number;
  currentGovTotal: number;
  /** How much more subsidy the rules allow (negative: how much must go). */
  more: number;
  binding: Binding;
  /** The sentence naming the binding limit. */
  bindingText: string;
  /** Cells the allocation would change (0: the budget is already at its largest legal subsidy). */
  cells: number;
}

export interface PaneState {
  lang: Lang;
  programId: string | null;
  programSource: WorkbookCheck['programSource'] | null;
  /** What the pane is doing right now, for the progress indicator; null when idle. */
  busy: MessageKey | null;
  findings: Finding[] | null;
  summary: BudgetSummary | null;
  checkedAt: Date | null;
  error: PaneError | null;
  notice: string | null;
  pending: PendingWrite | null;
  capabilities: HostCapabilities;
  /** 補助標的 as the check read it (program, ticked box or stored setting); null when unknown. */
  target: WorkbookCheck['target'];
  /** The target stored by the pane (a ticked box in the workbook may say otherwise, and wins). */
  storedTarget: string | null;
  /** Live checking is on (the host reports changes). */
  live: boolean;
  /** Marks are on the sheet (so "clear marks" has something to do). */
  marked: boolean;
  /** Where the budget stands: the line under the header. */
  verdict: Verdict | null;
  maximum: MaximumView | null;
  /** The 預期效益 form as typed; kept here (not in the tab) and stored with the workbook. */
  benefitForm: BenefitForm;
  /** The user picked the language; otherwise it follows Office's. */
  langPicked: boolean;
}


/**
 * The task pane's behaviour, independent of React: every action reads once, writes once, and keeps the state the
 * view renders. Writes that change cells are prepared first (the pane shows exactly which cells change) and applied
 * only after the user confirms.
 */
export class PaneSession {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private liveTimer: ReturnType<typeof setTimeout> | null = null;
  private ownWriteDepth = 0;
  /** The snapshot the current findings come from, serialised, so a refresh that reads the same workbook is a no-op. */
  private evaluatedKey: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastSnapshot: WorkbookSnapshot | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private formTimer: ReturnType<typeof setTimeout> | null = null;
  private formLoaded = false;

  constructor(
    private readonly port: WorkbookPort,
    private readonly services: PaneServices,
    lang: Lang,
    private readonly options: { debounceMs?: number } = {},
  ) {
    const capabilities = port.capabilities();
    this.state = {
      lang,
      programId: null,
      programSource: null,
      busy: null,
      findings: null,
      summary: null,
      checkedAt: null,
      error: null,
      notice: null,
      pending: null,
      capabilities,
      target: null,
      storedTarget: null,
      live: false,
      marked: false,
      verdict: null,
      maximum: null,
      benefitForm: EMPTY_BENEFIT_FORM,
      langPicked: false,
    };
  }

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Runs actions one at a time, so a live refresh never interleaves with a write. */
  private run<T>(busy: MessageKey, action: () => Promise<T>): Promise<T | undefined> {
    const next = this.queue.then(async () => {
      this.set({ busy, error: null });
      try {
        return await action();
      } catch (error) {
        this.set({ error: describeError(error, this.state.lang), notice: null });
        return undefined;
      } finally {
        this.set({ busy: null });
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts the pane: first check, then live checking where the host reports changes. */
  async start(): Promise<void> {
    await this.check();
    if (this.port.onChange && this.state.capabilities.changeEvents) {
      try {
        this.unsubscribe = await this.port.onChange((change) => this.onWorkbookChanged(change));
        this.set({ live: true });
      } catch (error) {
        this.set({ error: describeError(error, this.state.lang), live: false });
      }
    }
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.liveTimer) clearTimeout(this.liveTimer);
    if (this.formTimer) clearTimeout(this.formTimer);
  }

  /**
   * The adapter drops the change events of the add-in's own writes (triggerSource on ExcelApi 1.14, a guard below);
   * events during our own write are covered by the read that follows every write anyway. Sheet deletions and renames
   * arrive here too and refresh the findings.
   */
  private onWorkbookChanged(_change?: WorkbookChange): void {
    if (this.ownWriteDepth > 0) return;
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      void this.check({ quiet: true });
    }, this.options.debounceMs ?? 500);
  }

  private async ownWrite<T>(write: () => Promise<T>): Promise<T> {
    this.ownWriteDepth++;
    try {
      return await write();
    } finally {
      this.ownWriteDepth--;
    }
  }

  /**
   * One read, one run of the rule engine. `quiet` is a live refresh: it keeps the current notice, waits for the person
   * to finish typing in a cell (the adapter's `delayForCellEdit`), and never shows a cell-edit refusal as an error: the
   * next change event checks again.
   */
  check(options: { quiet?: boolean } = {}): Promise<void> {
    const quiet = options.quiet ?? false;
    return this.run('checking', async () => {
      let snapshot: WorkbookSnapshot;
      try {
        snapshot = await this.port.read(quiet ? { live: true } : undefined);
      } catch (error) {
        if (quiet && isCellEditError(error)) return;
        throw error;
      }
      this.evaluate(snapshot, quiet);
      await this.unmarkResolved();
    }) as Promise<void>;
  }

  /** Marks whose finding is gone are removed (one write, only when there are such marks). */
  private async unmarkResolved(): Promise<void> {
    const marked = this.port.markedCells?.() ?? [];
    if (!marked.length) return;
    const open = new Set(uniqueCells(this.state.findings ?? []).map((c) => `${c.sheet}!${c.cell}`));
    const resolved = marked.filter((c) => !open.has(`${c.sheet}!${c.cell}`));
    if (!resolved.length) return;
    try {
      // Follows a quiet check, so the person may be typing again: wait for the cell edit to end, as the read did. Where
      // Excel cannot wait (no DelayForCellEdit set) the refusal is not an error here: the marks stay recorded (the
      // adapter forgets them only after a successful removal) and the next check removes them.
      await this.ownWrite(() => this.port.clearMarks(resolved, { live: true }));
    } catch (error) {
      if (isCellEditError(error)) return;
      throw error;
    }
    this.set({ marked: resolved.length < marked.length });
  }

  private evaluate(snapshot: WorkbookSnapshot, quiet: boolean): void {
    const key = JSON.stringify(snapshot);
    if (quiet && key === this.evaluatedKey) return;
    // A notice answers the last action; an edit since then makes it stale.
    const edited = this.evaluatedKey !== null && key !== this.evaluatedKey;
    this.evaluatedKey = key;
    this.lastSnapshot = snapshot;
    const lang = this.state.lang;
    const outcome = this.services.check(snapshot, { lang });
    // The finished list, as the CLI prints it; the view only hides what it shows elsewhere (program-assumed).
    const findings = outcome.findings;
    const maximum = outcome.budget ? this.services.maximize(outcome, outcome.program) : null;
    const storedForm = this.formLoaded ? null : parseBenefitForm(readSetting(snapshot, SETTING_KEYS.benefitForm));
    this.formLoaded = true;
    this.set({
      programId: outcome.program,
      programSource: outcome.programSource,
      target: outcome.target,
      storedTarget: readSetting(snapshot, SETTING_KEYS.target),
      findings,
      summary: outcome.budget,
      verdict: verdictOf(findings, outcome.budget),
      maximum: maximum && maximumView(maximum, outcome.program, lang),
      checkedAt: new Date(),
      notice: quiet && !edited ? this.state.notice : null,
      marked: this.port.markedCells ? this.port.markedCells().length > 0 : this.state.marked || Boolean(snapshot.settings[SETTING_KEYS.marks] && snapshot.settings[SETTING_KEYS.marks] !== '[]'),
      ...(storedForm ? { benefitForm: storedForm } : {}),
    });
  }

  async setLang(lang: Lang): Promise<void> {
    try {
      await loadMessages(lang);
    } catch (error) {
      this.set({ error: describeError(error, this.state.lang) });
      return;
    }
    this.set({ lang, notice: null, langPicked: true });
    // Findings carry their message in the engine's language: run the check again in the new one.
    if (this.state.findings === null) return;
    await this.run('checking', async () => {
      const snapshot = this.lastSnapshot ?? (await this.port.read());
      this.evaluate(snapshot, false);
    });
  }

  /** Remembers the program in the workbook (a stored setting, no cell changes) and checks against it. */
  chooseProgram(programId: string): Promise<void> {
    return this.run('writing', async () => {
      const snapshot = await this.ownWrite(() =>
        this.applyThenRead({ title: 'program', ops: [{ op: 'setting', key: SETTING_KEYS.program, value: programId }] }),
      );
      this.evaluate(snapshot, true);
      this.set({ notice: t(this.state.lang, 'programSaved') });
    }) as Promise<void>;
  }

  /**
   * Remembers the 補助標的 (低碳化 / 智慧化) in the workbook, for programs that leave it to the applicant; it decides
   * which technical benefit table is required. A box ticked in 基本資料 still wins: it is the form itself.
   */
  chooseTarget(target: Target): Promise<void> {
    return this.run('writing', async () => {
      const snapshot = await this.ownWrite(() => this.applyThenRead({ title: 'target', ops: [{ op: 'setting', key: SETTING_KEYS.target, value: target }] }));
      this.evaluate(snapshot, true);
      this.set({ notice: t(this.state.lang, 'targetSaved') });
    }) as Promise<void>;
  }

  /** Reads once and builds the template plan; the view asks for confirmation, then calls `confirm()`. */
  prepareTemplate(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const programId = this.programFor(snapshot);
      const plan = await this.services.templatePlan(programId, snapshot, this.state.lang);
      const changes = describePlan(plan, snapshot);
      this.lastSnapshot = snapshot;
      const summary = t(this.state.lang, 'confirmTemplateSummary', {
        sheet: changes.newSheets[0] ?? changes.changes[0]?.sheet ?? '',
        items: getProgram(programId).items.length,
      });
      this.set({ pending: { kind: 'template', plan, changes, summary } });
    }) as Promise<void>;
  }

  prepareRecalc(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      this.lastSnapshot = snapshot;
      const plan = this.services.recalcPlan(snapshot, this.programFor(snapshot), this.state.lang);
      const changes = describePlan(plan, snapshot);
      if (changes.changes.length === 0 && changes.newSheets.length === 0) {
        this.set({ notice: t(this.state.lang, 'nothingToChange') });
        return;
      }
      this.set({ pending: { kind: 'recalc', plan, changes } });
    }) as Promise<void>;
  }

  /** The 審查意見 sheet for reviewers: created on a new sheet, or its own cells brought up to date; previewed first. */
  prepareReviewSheet(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const check = this.services.check(snapshot, { program: this.programFor(snapshot), lang: this.state.lang });
      // Loaded on first use: only reviewers ask for the review sheet.
      const { buildReviewSheetPlan } = await import(/* webpackChunkName: "review-sheet" */ '../sheet/review-plan');
      this.offer('review', buildReviewSheetPlan(snapshot, check, this.state.lang).plan, snapshot);
    }) as Promise<void>;
  }

  /** The program the workbook is checked against: the stored setting, else what the check recognised. */
  private programFor(snapshot: WorkbookSnapshot): string {
    return (
      snapshot.settings[SETTING_KEYS.program] ??
      this.state.programId ??
      this.services.check(snapshot, { lang: this.state.lang }).program
    );
  }

  /**
   * Offers a prepared plan for confirmation (the benefits tab builds its own). `userCells` are the A1 addresses the
   * plan would overwrite although the user typed them; `keepPlan` is the same write leaving those cells alone.
   */
  offer(kind: PendingKind, plan: Plan, snapshot: WorkbookSnapshot, options: { userCells?: readonly string[]; keepPlan?: Plan } = {}): void {
    const mark = (changes: PlanChanges): PlanChanges =>
      options.userCells
        ? { ...changes, changes: changes.changes.map((c) => ({ ...c, replacesUserInput: options.userCells!.includes(c.cell) })) }
        : changes;
    const changes = mark(describePlan(plan, snapshot));
    if (changes.changes.length === 0 && changes.newSheets.length === 0) {
      this.set({ notice: t(this.state.lang, 'nothingToChange'), error: null });
      return;
    }
    const keep = options.keepPlan ? { plan: options.keepPlan, changes: mark(describePlan(options.keepPlan, snapshot)) } : undefined;
    const sheets = [...new Set(changes.changes.map((c) => c.sheet))].join('、');
    const summary = kind === 'benefits' ? t(this.state.lang, 'benefitsSummary', { sheet: sheets, count: changes.changes.length }) : undefined;
    this.set({ pending: { kind, plan, changes, keep, summary, userCells: options.userCells }, notice: null, error: null });
  }

  /** Reads the workbook once, inside an action of `perform` (tabs that build their own plans). */
  readSnapshot(): Promise<WorkbookSnapshot> {
    return this.port.read();
  }

  cancel(): void {
    this.set({ pending: null });
  }

  /**
   * Applies what the user approved. The workbook is read again first: if a cell the plan touches changed while the
   * dialog was open (the person kept typing), the dialog is shown again with the state as it is now, so what is
   * written is what was approved. A plan that would write into a merge the user made is refused. Then one round trip
   * writes and reads back. `keep` applies the variant that leaves the user's cells.
   */
  confirm(variant: 'replace' | 'keep' = 'replace'): Promise<void> {
    const offered = this.state.pending;
    if (!offered) return Promise.resolve();
    const pending = variant === 'keep' && offered.keep ? { ...offered, ...offered.keep, keep: undefined } : offered;
    this.set({ pending: null });
    return this.run('writing', async () => {
      const lang = this.state.lang;
      const now = await this.port.read();
      const revalidated = await this.revalidate(offered, now);
      if (revalidated) {
        this.lastSnapshot = now;
        this.set({ pending: revalidated, notice: t(lang, 'planChanged') });
        return;
      }
      const merges = checkMerges(pending.plan, now);
      if (merges.conflicts.length) {
        this.set({ error: { message: t(lang, 'mergeConflict', { cells: merges.conflicts.join(', ') }), detail: null } });
        return;
      }
      const snapshot = await this.ownWrite(() => this.applyThenRead(pending.plan));
      this.evaluate(snapshot, false);
      const count = pending.changes.changes.length;
      const clears = pending.clears;
      if (clears) {
        // Verified by re-checking: the finding is gone, and no new error took its place.
        const still = this.state.findings?.some((f) => sameSlip(f, clears));
        this.set({ notice: t(lang, still ? 'fixNotCleared' : 'fixApplied', { count }) });
        return;
      }
      const notice =
        pending.kind === 'template'
          ? t(lang, 'templateInserted', { sheet: pending.changes.newSheets[0] ?? pending.changes.changes[0]?.sheet ?? '' })
          : pending.kind === 'recalc'
            ? t(lang, 'recalcDone', { count })
            : pending.kind === 'review'
              ? t(lang, 'reviewSheetDone', { count })
            : pending.kind === 'maximize'
              ? t(lang, 'maximizeApplied', { amount: withWan(fromNumber(this.state.summary?.govTotal ?? 0), lang) })
              : t(lang, 'benefitsFilled', { count });
      this.set({ notice: merges.unknown.length ? `${notice} ${t(lang, 'mergesUnknown')}` : notice });
    }) as Promise<void>;
  }

  /**
   * Offers a finding's fix (route `routeIndex`) as a preview of the cells it changes. The finding is from the last
   * check; if one of its cells has changed since, the check runs again instead of writing over the newer content.
   */
  prepareFix(finding: Finding, routeIndex = 0): Promise<void> {
    return this.run('reading', async () => {
      const route = fixRoutes(finding)[routeIndex];
      if (!route) return;
      const snapshot = await this.port.read();
      const plan = fixPlan(route.advice ?? finding.message, route.changes);
      const changes = describePlan(plan, snapshot);
      const stale = route.changes.some((c) => {
        const now = changes.changes.find((x) => x.sheet === c.sheet && x.cell === c.cell);
        return now !== undefined && normalise(now.before) !== normalise(c.from);
      });
      if (stale) {
        this.evaluate(snapshot, false);
        this.set({ notice: t(this.state.lang, 'fixStale') });
        return;
      }
      if (changes.changes.length === 0) {
        this.evaluate(snapshot, false);
        return;
      }
      this.set({
        pending: { kind: 'fix', plan, changes, summary: route.advice, clears: { rule: finding.rule, sheet: finding.sheet, cell: finding.cell, ...(finding.cells ? { cells: finding.cells } : {}) } },
        notice: null,
      });
    }) as Promise<void>;
  }

  /** Offers the largest legal subsidy (item totals kept) as a preview of the cells that change. */
  prepareMaximize(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const programId = this.programFor(snapshot);
      const result = this.services.maximize(this.services.check(snapshot, { program: programId, lang: this.state.lang }), programId);
      const lang = this.state.lang;
      if (!result || result.changes.length === 0) {
        this.set({ notice: t(lang, 'maximizeNothing') });
        return;
      }
      const view = maximumView(result, programId, lang);
      const plan = fixPlan(t(lang, 'maximizeTitle'), result.changes);
      const summary = t(lang, 'maximizeSummary', {
        from: withWan(fromNumber(view.currentGovTotal), lang),
        to: withWan(fromNumber(view.govTotal), lang),
        binding: view.bindingText,
      });
      this.set({ pending: { kind: 'maximize', plan, changes: describePlan(plan, snapshot), summary }, notice: null });
    }) as Promise<void>;
  }

  /** The 預期效益 form as typed: kept across tabs, and stored with the workbook shortly after the typing stops. */
  setBenefitForm(form: BenefitForm): void {
    this.set({ benefitForm: form });
    if (this.formTimer) clearTimeout(this.formTimer);
    this.formTimer = setTimeout(() => {
      this.formTimer = null;
      void this.saveBenefitForm();
    }, this.options.debounceMs ?? 500);
  }

  /** Writes the form into the workbook settings now (no cell changes). */
  saveBenefitForm(): Promise<void> {
    const value = JSON.stringify(this.state.benefitForm);
    return this.queue.then(() =>
      this.ownWrite(() => this.port.apply({ title: 'benefit form', ops: [{ op: 'setting', key: SETTING_KEYS.benefitForm, value }] })).catch(
        (error: unknown) => this.set({ error: describeError(error, this.state.lang) }),
      ),
    );
  }

  /**
   * The offer as it would be made now, or null when nothing it touches changed. Template and repair plans are built
   * again from the fresh snapshot (a sheet name may have been taken meanwhile); other plans are compared as they are.
   */
  private async revalidate(offered: PendingWrite, now: WorkbookSnapshot): Promise<PendingWrite | null> {
    const lang = this.state.lang;
    const plan =
      offered.kind === 'template'
        ? await this.services.templatePlan(this.programFor(now), now, lang)
        : offered.kind === 'recalc'
          ? this.services.recalcPlan(now, this.programFor(now), lang)
          : offered.plan;
    const mark = (c: PlanChanges): PlanChanges =>
      offered.userCells ? { ...c, changes: c.changes.map((x) => ({ ...x, replacesUserInput: offered.userCells!.includes(x.cell) })) } : c;
    const changes = mark(describePlan(plan, now));
    if (sameChanges(changes, offered.changes)) return null;
    const keep = offered.keep ? { plan: offered.keep.plan, changes: mark(describePlan(offered.keep.plan, now)) } : undefined;
    return { ...offered, plan, changes, keep };
  }

  private async applyThenRead(plan: Plan): Promise<WorkbookSnapshot> {
    if (this.port.applyAndRead) return this.port.applyAndRead(plan);
    await this.port.apply(plan);
    return this.port.read();
  }

  select(loc: CellLoc): Promise<void> {
    return this.run('working', () => this.port.select(loc)) as Promise<void>;
  }

  /** Marks every cell a finding points at (errors and warnings; each cell once), with the findings' text as a note. */
  mark(): Promise<void> {
    const cells = markRequests(this.state.findings ?? []);
    if (cells.length === 0) {
      this.set({ notice: t(this.state.lang, 'nothingToMark') });
      return Promise.resolve();
    }
    return this.run('writing', async () => {
      await this.ownWrite(() => this.port.mark(cells));
      this.set({ marked: true, notice: t(this.state.lang, 'marksAdded', { count: cells.length }) });
    }) as Promise<void>;
  }

  clearMarks(): Promise<void> {
    return this.run('writing', async () => {
      await this.ownWrite(() => this.port.clearMarks());
      this.set({ marked: false, notice: t(this.state.lang, 'marksCleared') });
    }) as Promise<void>;
  }

  dismissError(): void {
    this.set({ error: null });
  }

  /** Wraps an action of another tab (benefits) in the same queue, progress and error handling. */
  perform<T>(busy: MessageKey, action: () => Promise<T>): Promise<T | undefined> {
    return this.run(busy, action);
  }
}

/** The summary's view of a maximum: figures in 千元 and the binding limit in words. */
function maximumView(result: TableMaximum, programId: string, lang: Lang): MaximumView {
  const { maximized } = result;
  const govTotal = toNumber(maximized.govTotal);
  const currentGovTotal = toNumber(maximized.currentGovTotal);
  return {
    govTotal,
    currentGovTotal,
    more: govTotal - currentGovTotal,
    binding: maximized.binding,
    bindingText: describeBinding(maximized.binding, findProgram(programId) ?? getProgram('upgrade-10plus'), lang),
    cells: result.changes.length,
  };
}

/** A cell's content as text, for comparing what a fix expects with what the cell holds now. */
function normalise(value: string | number | null): string {
  return value === null ? '' : String(value).replace(/\s+/g, '').toUpperCase();
}

export function uniqueCells(findings: readonly Finding[]): CellLoc[] {
  const seen = new Set<string>();
  const cells: CellLoc[] = [];
  for (const f of findings) {
    if (!f.sheet || !f.cell || f.severity === 'info') continue;
    const key = `${f.sheet}!${f.cell}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cells.push({ sheet: f.sheet, cell: f.cell });
  }
  return cells;
}

/** One mark per cell, carrying the text of every error and warning on it (shown as a note where Excel has notes). */
export function markRequests(findings: readonly Finding[]): MarkRequest[] {
  const byCell = new Map<string, MarkRequest>();
  for (const f of findings) {
    if (!f.sheet || !f.cell || f.severity === 'info') continue;
    // A finding listing several cells (one slip repeated in a table) marks each of them.
    for (const cell of coveredCells(f)) {
      const key = `${f.sheet}!${cell}`;
      const existing = byCell.get(key);
      if (existing) existing.text = `${existing.text}\n${f.message}`;
      else byCell.set(key, { sheet: f.sheet, cell, text: f.message });
    }
  }
  return [...byCell.values()];
}

function sameChanges(a: PlanChanges, b: PlanChanges): boolean {
  if (a.newSheets.join('\u0000') !== b.newSheets.join('\u0000') || a.changes.length !== b.changes.length) return false;
  return a.changes.every((c, i) => {
    const d = b.changes[i];
    return c.sheet === d.sheet && c.cell === d.cell && c.before === d.before && c.after === d.after;
  });
}

function isCellEditError(error: unknown): boolean {
  return (error as { kind?: unknown } | null)?.kind === 'cell-edit';
}
