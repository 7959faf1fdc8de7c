import type { BudgetSummary } from '../domain/summary';
import { type CellLoc, type Finding, type FixRouteKind, type Lang, type RuleId, coveredCells, sameSlip } from '../domain/findings';
import type { TableMaximum } from '../domain/maximize';
import { describeBinding, withWan, type Binding } from '../domain/maximize-words';
import { fromNumber, toNumber } from '../domain/money';
import { findProgram, getProgram, type Target } from '../domain/programs';
import type { WorkbookCheck } from '../sheet/check';
import { readSetting } from '../sheet/detect';
import { SETTING_KEYS, type WorkbookSnapshot } from '../sheet/grid';
import type { Plan } from '../sheet/plan';
import { checkMerges } from '../sheet/merge-guard';
import type { HostCapabilities, MarkRequest, WorkbookChange, WorkbookPort } from '../sheet/port';
import { describePlan, type PlanChanges } from './changes';
import { consequencesOf, sameConsequences, withWrites, type Consequences } from './consequences';
import { EMPTY_BENEFIT_FORM, parseBenefitForm, type BenefitForm } from './benefit-form';
import { describeError, type PaneError } from './errors';
import { loadMessages, t, type MessageKey } from './i18n';
import { fixPlan, fixRoutes, verdictOf, type Verdict } from './verdict';

/** The domain and sheet functions the pane calls; injected so the session can be tested without the real engine. */
export interface PaneServices {
  /** Loads what the other services need (the engine's chunk); every action of the session waits for it. */
  load?(): Promise<void>;
  /** `checkWorkbook`: reads the program from the workbook's stored setting (or its items) unless one is given. */
  check(snapshot: WorkbookSnapshot, options: { program?: string; target?: Target; lang: Lang }): WorkbookCheck;
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
  /** A fix: which of the finding's routes, so that at 套用 it is planned again from the sheet as it is then. */
  route?: { index: number; kind?: FixRouteKind };
  /** A fix or the largest subsidy: what it does to 補助款, 總經費, item totals and the share. */
  consequences?: Consequences;
  /**
   * Shown again because the sheet changed while the dialog was open: this is the write rebuilt from the sheet as it is
   * now. The dialog says so in warning colour and focuses 取消.
   */
  changedWhileOpen?: boolean;
  /** Shown again: the cells ("sheet!A1") whose before or after differ from what the dialog showed first. */
  changedCells?: readonly string[];
  /** Builds the write again from a fresher snapshot with the same intent (the benefits tab's form values). */
  rebuild?: (snapshot: WorkbookSnapshot) => { plan: Plan; userCells?: readonly string[]; keepPlan?: Plan };
}

export type NoticeTone = 'success' | 'info' | 'warning';

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
  /**
   * Each limit as the headline counts it (item totals and 總經費 kept, only who pays changes): how much more subsidy
   * it allows, negative when that much must go; whole 千元. `null`: the program has no such limit.
   */
  rooms: { share: number | null; cap: number | null; items: { itemId: string; room: number }[] };
  /**
   * Several limits broken at once and the largest legal subsidy clears every one of them: how many (0 otherwise). The
   * findings offer it as one action.
   */
  fixesAll: number;
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
  /** How the notice reads: done (success), neutral (info), or something to look at (warning). */
  noticeTone: NoticeTone;
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
  /**
   * Reviewer mode: the pane offers nothing that changes the applicant's numbers or settings (no fixes, no maximum, no
   * template or repair, no benefits fill); a program or 補助標的 chosen is used for this check only, never stored.
   */
  reviewer: boolean;
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
  /** The program picked in this session (stored as a setting too); null until the user picks one. */
  private chosenProgram: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private formTimer: ReturnType<typeof setTimeout> | null = null;
  private formLoaded = false;
  /** Reviewer mode: the program and 補助標的 to check against, in this pane only (the workbook keeps its own). */
  private programOverride: string | null = null;
  private targetOverride: Target | null = null;
  /** The workbook each offered write was planned from (serialised): unchanged at 套用, the write stands as shown. */
  private readonly basis = new WeakMap<PendingWrite, string>();

  constructor(
    private readonly port: WorkbookPort,
    private readonly services: PaneServices,
    lang: Lang,
    private readonly options: { debounceMs?: number; reviewer?: boolean } = {},
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
      noticeTone: 'success',
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
      reviewer: options.reviewer ?? false,
    };
  }

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    // A notice says something done unless it says otherwise.
    const tone = patch.notice !== undefined && patch.noticeTone === undefined ? { noticeTone: 'success' as const } : {};
    this.state = { ...this.state, ...tone, ...patch };
    for (const l of this.listeners) l();
  }

  /** Runs actions one at a time, so a live refresh never interleaves with a write. */
  private run<T>(busy: MessageKey, action: () => Promise<T>): Promise<T | undefined> {
    const next = this.queue.then(async () => {
      this.set({ busy, error: null });
      try {
        await this.services.load?.();
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
    const { outcome, findings } = this.findingsFor(snapshot);
    const maximum = outcome.budget ? this.services.maximize(outcome, outcome.program) : null;
    const fixesAll = maximum ? this.limitsClearedBy(maximum, snapshot, outcome.program, findings) : 0;
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
      maximum: maximum && { ...maximumView(maximum, outcome.program, lang, outcome.budget), fixesAll },
      checkedAt: new Date(),
      notice: quiet && !edited ? this.state.notice : null,
      noticeTone: this.state.noticeTone,
      marked: this.port.markedCells ? this.port.markedCells().length > 0 : this.state.marked || Boolean(snapshot.settings[SETTING_KEYS.marks] && snapshot.settings[SETTING_KEYS.marks] !== '[]'),
      ...(storedForm ? { benefitForm: storedForm } : {}),
    });
  }

  /**
   * With two or more limits broken (subsidy in a self-only item, an item cap, the share, the cap): how many the largest
   * legal subsidy clears, when it clears them all (checked on the sheet as it would be); otherwise 0.
   */
  private limitsClearedBy(maximum: TableMaximum, snapshot: WorkbookSnapshot, program: string, findings: readonly Finding[]): number {
    const broken = findings.filter((f) => f.severity === 'error' && LIMIT_RULES.has(f.rule));
    if (broken.length < 2 || maximum.changes.length === 0) return 0;
    const after = this.services.check(withWrites(snapshot, fixPlan('', maximum.changes)), { program, lang: this.state.lang }).findings;
    return broken.some((f) => after.some((a) => sameSlip(a, f))) ? 0 : broken.length;
  }

  /** The check of a snapshot: the finished list, as the CLI prints it. */
  private findingsFor(snapshot: WorkbookSnapshot): { outcome: WorkbookCheck; findings: Finding[] } {
    const overrides = this.overrides();
    let outcome = this.services.check(snapshot, { lang: this.state.lang, ...overrides });
    // The workbook's own words overrule a stored setting (issue 25), not the person at the picker: a program chosen in
    // this session counts as --program does, and the check says where the workbook names another.
    if (!overrides.program && this.chosenProgram !== null && outcome.program !== this.chosenProgram) {
      outcome = this.services.check(snapshot, { lang: this.state.lang, ...overrides, program: this.chosenProgram });
    }
    return { outcome, findings: outcome.findings };
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

  /** Reviewer mode's program and 補助標的 for the check (none outside it). */
  private overrides(): { program?: string; target?: Target } {
    if (!this.state.reviewer) return {};
    return { ...(this.programOverride ? { program: this.programOverride } : {}), ...(this.targetOverride ? { target: this.targetOverride } : {}) };
  }

  /**
   * Turns reviewer mode on or off (remembered on this computer by the view, never in the workbook). Off again, the
   * workbook's own program and 補助標的 decide once more.
   */
  setReviewer(on: boolean): Promise<void> {
    if (!on) {
      this.programOverride = null;
      this.targetOverride = null;
    }
    this.set({ reviewer: on, pending: null, notice: t(this.state.lang, on ? 'reviewerOn' : 'reviewerOff'), noticeTone: 'info' });
    return this.recheckInPane();
  }

  /** Runs the rules again on the workbook as last read (nothing written): after a change of what the pane checks against. */
  private recheckInPane(notice?: string): Promise<void> {
    return this.run('checking', async () => {
      const kept = { notice: notice ?? this.state.notice, noticeTone: this.state.noticeTone };
      this.evaluatedKey = null;
      this.evaluate(this.lastSnapshot ?? (await this.port.read()), false);
      this.set(notice ? { notice, noticeTone: 'info' } : kept);
    }) as Promise<void>;
  }

  /**
   * Remembers the program in the workbook (a stored setting, no cell changes) and checks against it. In reviewer mode
   * the program is used for this pane's check only: nothing is written to the applicant's workbook.
   */
  chooseProgram(programId: string): Promise<void> {
    if (this.state.reviewer) {
      this.programOverride = programId;
      const name = findProgram(programId)?.name[this.state.lang] ?? programId;
      return this.recheckInPane(t(this.state.lang, 'reviewerProgram', { name }));
    }
    return this.run('writing', async () => {
      this.chosenProgram = programId;
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
    if (this.state.reviewer) {
      this.targetOverride = target;
      return this.recheckInPane(t(this.state.lang, 'reviewerTarget'));
    }
    return this.run('writing', async () => {
      const snapshot = await this.ownWrite(() => this.applyThenRead({ title: 'target', ops: [{ op: 'setting', key: SETTING_KEYS.target, value: target }] }));
      this.evaluate(snapshot, true);
      this.set({ notice: t(this.state.lang, 'targetSaved') });
    }) as Promise<void>;
  }

  /** Reads once and builds the template plan; the view asks for confirmation, then calls `confirm()`. */
  prepareTemplate(): Promise<void> {
    if (this.state.reviewer) return Promise.resolve();
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      this.lastSnapshot = snapshot;
      this.offer('template', await this.services.templatePlan(this.programFor(snapshot), snapshot, this.state.lang), snapshot);
    }) as Promise<void>;
  }

  prepareRecalc(): Promise<void> {
    if (this.state.reviewer) return Promise.resolve();
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      this.lastSnapshot = snapshot;
      this.offer('recalc', this.services.recalcPlan(snapshot, this.programFor(snapshot), this.state.lang), snapshot);
    }) as Promise<void>;
  }

  /** The 審查意見 sheet for reviewers: created on a new sheet, or its own cells brought up to date; previewed first. */
  prepareReviewSheet(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const review = await this.reviewPlan(snapshot);
      this.offer('review', review.plan, snapshot, { summary: review.summary });
    }) as Promise<void>;
  }

  private async reviewPlan(snapshot: WorkbookSnapshot): Promise<{ plan: Plan; summary: string }> {
    const lang = this.state.lang;
    const check = this.services.check(snapshot, { program: this.programFor(snapshot), lang });
    // Loaded on first use: only reviewers ask for the review sheet.
    const { buildReviewSheetPlan } = await import(/* webpackChunkName: "review-sheet" */ '../sheet/review-plan');
    const built = buildReviewSheetPlan(snapshot, check, lang, {
      program: check.program,
      target: check.target,
      file: this.port.documentName?.() ?? null,
      date: isoDate(new Date()),
    });
    const writes = built.plan.ops.filter((op) => op.op === 'write').length;
    const kept = built.kept.length ? t(lang, 'reviewKeptCells', { count: built.kept.length, cells: built.kept.join('、') }) : '';
    const summary = built.created
      ? t(lang, 'reviewCreateSummary', { sheet: built.sheet, count: check.findings.length })
      : `${t(lang, 'reviewUpdateSummary', { sheet: built.sheet, count: writes })}${kept}`;
    return { plan: built.plan, summary };
  }

  /** The program the workbook is checked against: the stored setting, else what the check recognised. */
  private programFor(snapshot: WorkbookSnapshot): string {
    return (
      (this.state.reviewer ? this.programOverride : null) ??
      snapshot.settings[SETTING_KEYS.program] ??
      this.state.programId ??
      this.services.check(snapshot, { lang: this.state.lang }).program
    );
  }

  /**
   * Offers a prepared plan for confirmation (the benefits tab builds its own). `userCells` are the A1 addresses the
   * plan would overwrite although the user typed them; `keepPlan` is the same write leaving those cells alone;
   * `rebuild` makes the same write again from a fresher snapshot (at 套用, if the sheet changed meanwhile).
   */
  offer(
    kind: PendingKind,
    plan: Plan,
    snapshot: WorkbookSnapshot,
    options: { userCells?: readonly string[]; keepPlan?: Plan; rebuild?: PendingWrite['rebuild']; summary?: string } = {},
  ): void {
    const pending = this.pendingFor(kind, plan, snapshot, options);
    if (!pending) {
      this.set({ notice: t(this.state.lang, kind === 'review' ? 'reviewUpToDate' : 'nothingToChange'), noticeTone: 'info', error: null });
      return;
    }
    this.show({ ...pending, rebuild: options.rebuild }, snapshot);
  }

  /** A plan as its dialog shows it, or null when it changes nothing. */
  private pendingFor(
    kind: PendingKind,
    plan: Plan,
    snapshot: WorkbookSnapshot,
    options: { userCells?: readonly string[]; keepPlan?: Plan; summary?: string } = {},
  ): PendingWrite | null {
    const mark = (changes: PlanChanges): PlanChanges =>
      // The review sheet rewrites only cells that still hold what it wrote (it leaves the reviewer's): none is theirs.
      kind === 'review'
        ? { ...changes, changes: changes.changes.map((c) => ({ ...c, replacesUserInput: false })) }
        : options.userCells
        ? { ...changes, changes: changes.changes.map((c) => ({ ...c, replacesUserInput: options.userCells!.includes(c.cell) })) }
        : changes;
    const changes = mark(describePlan(plan, snapshot));
    if (changes.changes.length === 0 && changes.newSheets.length === 0) return null;
    const keep = options.keepPlan ? { plan: options.keepPlan, changes: mark(describePlan(options.keepPlan, snapshot)) } : undefined;
    const sheets = [...new Set(changes.changes.map((c) => c.sheet))].join('、');
    const summary =
      options.summary ??
      (kind === 'benefits'
        ? t(this.state.lang, 'benefitsSummary', { sheet: sheets, count: changes.changes.length })
        : kind === 'template'
          ? t(this.state.lang, 'confirmTemplateSummary', {
              sheet: changes.newSheets[0] ?? changes.changes[0]?.sheet ?? '',
              items: getProgram(this.programFor(snapshot)).items.length,
            })
          : undefined);
    return { kind, plan, changes, keep, summary, userCells: options.userCells };
  }

  /** Opens (or re-opens) the dialog for `pending`, remembering the workbook it was planned from. */
  private show(pending: PendingWrite, snapshot: WorkbookSnapshot): void {
    this.basis.set(pending, JSON.stringify(snapshot));
    this.set({ pending, notice: null, error: null });
  }

  /** Reads the workbook once, inside an action of `perform` (tabs that build their own plans). */
  readSnapshot(): Promise<WorkbookSnapshot> {
    return this.port.read();
  }

  cancel(): void {
    this.set({ pending: null });
  }

  /**
   * Applies what the user approved, never over what they typed meanwhile. The workbook is read again and the write
   * is rebuilt from it with the same intent: a fix is planned again for its finding (the same route: a move stays a
   * move of what is there now), the largest subsidy is computed again from the item totals as they are, the template,
   * recalculation, review sheet and benefits are built again. If that differs from what the dialog showed, the dialog
   * shows the new write, in warning colour, and nothing is written; if the finding is gone, the dialog is withdrawn,
   * saying so. A plan that would write into a merge the user made is refused. Then one round trip writes and reads
   * back, and marks on cells no longer in a finding go. `keep` applies the variant that leaves the user's cells.
   */
  confirm(variant: 'replace' | 'keep' = 'replace'): Promise<void> {
    const offered = this.state.pending;
    if (!offered || this.state.busy) return Promise.resolve();
    // A reviewer writes only their own sheet.
    if (this.state.reviewer && offered.kind !== 'review') {
      this.set({ pending: null });
      return Promise.resolve();
    }
    return this.run('writing', async () => {
      const lang = this.state.lang;
      let now: WorkbookSnapshot;
      try {
        now = await this.port.read();
      } catch (error) {
        this.set({ pending: null }); // the failure is said in the pane, not behind a modal
        throw error;
      }
      const outcome = await this.rebuild(offered, now);
      if (outcome.kind === 'withdrawn') {
        this.evaluate(now, false);
        this.set({ pending: null, notice: t(lang, outcome.reason), noticeTone: 'warning' });
        return;
      }
      if (outcome.kind === 'changed') {
        this.lastSnapshot = now;
        const shown = new Map(offered.changes.changes.map((c) => [`${c.sheet}!${c.cell}`, c]));
        const changedCells = outcome.pending.changes.changes
          .filter((c) => {
            const was = shown.get(`${c.sheet}!${c.cell}`);
            return !was || was.before !== c.before || was.after !== c.after;
          })
          .map((c) => `${c.sheet}!${c.cell}`);
        this.show({ ...outcome.pending, changedWhileOpen: true, changedCells }, now);
        return;
      }
      const pending = variant === 'keep' && offered.keep ? { ...offered, ...offered.keep, keep: undefined } : offered;
      const merges = checkMerges(pending.plan, now);
      if (merges.conflicts.length) {
        this.set({ pending: null, error: { message: t(lang, 'mergeConflict', { cells: merges.conflicts.join(', ') }), detail: null } });
        return;
      }
      this.set({ pending: null });
      const snapshot = await this.ownWrite(() => this.applyThenRead(pending.plan));
      this.evaluate(snapshot, false);
      // A cell the write fixed loses its mark and note at once, not at the next edit.
      await this.unmarkResolved();
      const count = pending.changes.changes.length;
      const clears = pending.clears;
      if (clears) {
        // Verified by re-checking: the finding is gone, and no new error took its place.
        const still = this.state.findings?.some((f) => sameSlip(f, clears));
        this.set({ notice: t(lang, still ? 'fixNotCleared' : 'fixApplied', { count }), noticeTone: still ? 'warning' : 'success' });
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
   * The offer as it would be made from `now`: the same when nothing it shows changed, `changed` with the new write
   * (what the person typed meanwhile is kept: in the rebuilt plan, or left out by the `keep` variant), or `withdrawn`
   * when there is nothing left to do.
   */
  private async rebuild(
    offered: PendingWrite,
    now: WorkbookSnapshot,
  ): Promise<{ kind: 'same' } | { kind: 'changed'; pending: PendingWrite } | { kind: 'withdrawn'; reason: MessageKey }> {
    if (this.basis.get(offered) === JSON.stringify(now)) return { kind: 'same' };
    let fresh: PendingWrite | null;
    if (offered.kind === 'fix') {
      const clears = offered.clears!;
      const finding = this.findingsFor(now).findings.find((f) => sameSlip(f, clears));
      if (!finding) return { kind: 'withdrawn', reason: 'fixWithdrawn' };
      const routes = fixRoutes(finding);
      const wanted = offered.route ?? { index: 0 };
      const index = wanted.kind ? routes.findIndex((r) => r.kind === wanted.kind) : Math.min(wanted.index, routes.length - 1);
      fresh = index < 0 ? null : this.fixOffer(finding, index, now);
      if (!fresh) return { kind: 'withdrawn', reason: 'fixWithdrawn' };
    } else if (offered.kind === 'maximize') {
      fresh = this.maximizeOffer(now);
      if (!fresh) return { kind: 'withdrawn', reason: 'maximizeWithdrawn' };
    } else {
      const lang = this.state.lang;
      const built =
        offered.kind === 'template'
          ? { plan: await this.services.templatePlan(this.programFor(now), now, lang) }
          : offered.kind === 'recalc'
            ? { plan: this.services.recalcPlan(now, this.programFor(now), lang) }
            : offered.kind === 'review'
              ? await this.reviewPlan(now)
              : offered.rebuild
                ? offered.rebuild(now)
                : { plan: offered.plan, userCells: offered.userCells, keepPlan: offered.keep?.plan };
      fresh = this.pendingFor(offered.kind, built.plan, now, built);
      if (!fresh) return { kind: 'withdrawn', reason: offered.kind === 'review' ? 'reviewUpToDate' : 'nothingToChange' };
      fresh = { ...fresh, rebuild: offered.rebuild };
      // Cells typed while the dialog was open that this write would replace: marked, and left out by 保留.
      const typed = fresh.changes.changes.filter((c) => {
        const was = offered.changes.changes.find((x) => x.sheet === c.sheet && x.cell === c.cell);
        return was ? was.before !== c.before : c.replacesUserInput;
      });
      if (typed.length > 0) {
        const typedKeys = new Set(typed.map((c) => `${c.sheet}!${c.cell}`));
        const isTyped = (c: { sheet: string; cell: string }) => typedKeys.has(`${c.sheet}!${c.cell}`);
        const keepBase = fresh.keep?.plan ?? fresh.plan;
        const keepPlan = { ...keepBase, ops: keepBase.ops.filter((op) => op.op !== 'write' || !isTyped(op)) };
        fresh = {
          ...fresh,
          changes: { ...fresh.changes, changes: fresh.changes.changes.map((c) => (isTyped(c) ? { ...c, replacesUserInput: true } : c)) },
          keep: { plan: keepPlan, changes: describePlan(keepPlan, now) },
          userCells: [...new Set([...(fresh.userCells ?? []), ...typed.map((c) => c.cell)])],
        };
      }
    }
    const same = sameChanges(fresh.changes, offered.changes) && sameConsequences(fresh.consequences, offered.consequences) && fresh.summary === offered.summary;
    return same ? { kind: 'same' } : { kind: 'changed', pending: fresh };
  }

  /**
   * Offers a finding's fix (route `routeIndex`) as a preview of the cells it changes. The finding is from the last
   * check; if one of its cells has changed since, the check runs again instead of writing over the newer content.
   */
  prepareFix(finding: Finding, routeIndex = 0): Promise<void> {
    if (this.state.reviewer) return Promise.resolve();
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
        this.set({ notice: t(this.state.lang, 'fixStale'), noticeTone: 'warning' });
        return;
      }
      if (changes.changes.length === 0) {
        this.evaluate(snapshot, false);
        return;
      }
      const pending = this.fixOffer(finding, routeIndex, snapshot);
      if (pending) this.show(pending, snapshot);
    }) as Promise<void>;
  }

  /** A finding's route as its dialog shows it: the cells, the route's own words and what it does to the budget. */
  private fixOffer(finding: Finding, routeIndex: number, snapshot: WorkbookSnapshot): PendingWrite | null {
    const route = fixRoutes(finding)[routeIndex];
    if (!route) return null;
    const plan = fixPlan(route.advice ?? finding.message, route.changes);
    const changes = describePlan(plan, snapshot);
    if (changes.changes.length === 0) return null;
    return {
      kind: 'fix',
      plan,
      changes,
      summary: route.advice,
      clears: { rule: finding.rule, sheet: finding.sheet, cell: finding.cell, ...(finding.cells ? { cells: finding.cells } : {}) },
      route: { index: routeIndex, ...(route.kind ? { kind: route.kind } : {}) },
      consequences: this.consequences(snapshot, plan),
    };
  }

  /** What `plan` does to the budget's totals, or undefined when the workbook has no budget table. */
  private consequences(snapshot: WorkbookSnapshot, plan: Plan): Consequences | undefined {
    const program = this.programFor(snapshot);
    const before = this.services.check(snapshot, { program, lang: this.state.lang }).budget;
    const after = this.services.check(withWrites(snapshot, plan), { program, lang: this.state.lang }).budget;
    return before && after ? consequencesOf(before, after) : undefined;
  }

  /** Offers the largest legal subsidy (item totals kept) as a preview of the cells that change. */
  prepareMaximize(): Promise<void> {
    if (this.state.reviewer) return Promise.resolve();
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const pending = this.maximizeOffer(snapshot);
      if (!pending) {
        this.set({ notice: t(this.state.lang, 'maximizeNothing'), noticeTone: 'info' });
        return;
      }
      this.show(pending, snapshot);
    }) as Promise<void>;
  }

  /** The largest legal subsidy of the item totals in `snapshot`, as its dialog shows it; null when already there. */
  private maximizeOffer(snapshot: WorkbookSnapshot): PendingWrite | null {
    const programId = this.programFor(snapshot);
    const result = this.services.maximize(this.services.check(snapshot, { program: programId, lang: this.state.lang }), programId);
    if (!result || result.changes.length === 0) return null;
    const lang = this.state.lang;
    const view = maximumView(result, programId, lang, null);
    const plan = fixPlan(t(lang, 'maximizeTitle'), result.changes);
    const summary = t(lang, 'maximizeSummary', {
      from: withWan(fromNumber(view.currentGovTotal), lang),
      to: withWan(fromNumber(view.govTotal), lang),
      binding: view.bindingText,
    });
    return { kind: 'maximize', plan, changes: describePlan(plan, snapshot), summary, consequences: this.consequences(snapshot, plan) };
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
    if (this.state.reviewer) return Promise.resolve(); // the applicant's settings stay as they are
    const value = JSON.stringify(this.state.benefitForm);
    return this.queue.then(() =>
      this.ownWrite(() => this.port.apply({ title: 'benefit form', ops: [{ op: 'setting', key: SETTING_KEYS.benefitForm, value }] })).catch(
        (error: unknown) => this.set({ error: describeError(error, this.state.lang) }),
      ),
    );
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

/** Limits that moving subsidy to 自籌款 can satisfy: the largest legal subsidy fixes them all at once. */
const LIMIT_RULES = new Set<RuleId>(['self-only-item', 'item-cap', 'gov-share', 'gov-cap']);

/** The summary's view of a maximum: figures in 千元 and the binding limit in words. */
function maximumView(result: TableMaximum, programId: string, lang: Lang, summary: BudgetSummary | null): MaximumView {
  const { maximized } = result;
  const govTotal = toNumber(maximized.govTotal);
  const currentGovTotal = toNumber(maximized.currentGovTotal);
  // Item caps on the subsidy (the summary's items with base 'gov'): room up to the item's own bound, its total kept.
  const govCapped = new Set((summary?.items ?? []).filter((i) => i.base === 'gov').map((i) => i.itemId));
  return {
    rooms: {
      share: summary?.govShare ? toNumber(maximized.limits.share) - currentGovTotal : null,
      cap: summary?.subsidyCap ? toNumber(maximized.limits.cap) - currentGovTotal : null,
      items: maximized.items
        .filter((i) => govCapped.has(i.itemId) && (i.total !== 0n || i.currentGov !== 0n))
        .map((i) => ({ itemId: i.itemId, room: toNumber(i.upper) - toNumber(i.currentGov) })),
    },
    fixesAll: 0,
    govTotal,
    currentGovTotal,
    more: govTotal - currentGovTotal,
    binding: maximized.binding,
    bindingText: describeBinding(maximized.binding, findProgram(programId) ?? getProgram('upgrade-10plus'), lang),
    cells: result.changes.length,
  };
}

/** The local date as yyyy-mm-dd, as a reviewer writes it. */
function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
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
