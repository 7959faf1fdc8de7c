import type { BudgetSummary } from '../domain/engine';
import type { CellLoc, Finding, Lang } from '../domain/findings';
import type { Target } from '../domain/programs';
import type { WorkbookCheck } from '../sheet/check';
import { readSetting } from '../sheet/detect';
import { SETTING_KEYS, type WorkbookSnapshot } from '../sheet/grid';
import type { Plan } from '../sheet/plan';
import type { HostCapabilities, WorkbookPort } from '../sheet/port';
import { describePlan, type PlanChanges } from './changes';
import { describeError, type PaneError } from './errors';
import { t, type MessageKey } from './i18n';

/** The domain and sheet functions the pane calls; injected so the session can be tested without the real engine. */
export interface PaneServices {
  /** `checkWorkbook`: reads the program from the workbook's stored setting (or its items) unless one is given. */
  check(snapshot: WorkbookSnapshot, options: { program?: string; lang: Lang }): WorkbookCheck;
  /** The template plan for a program, never touching existing sheets. */
  templatePlan(programId: string, snapshot: WorkbookSnapshot, lang: Lang): Plan;
  /** Repairs for the budget tables' formulas and computed cells; an empty plan when nothing needs repair. */
  recalcPlan(snapshot: WorkbookSnapshot, programId: string, lang: Lang): Plan;
}

export type PendingKind = 'template' | 'recalc' | 'benefits';

export interface PendingWrite {
  kind: PendingKind;
  plan: Plan;
  changes: PlanChanges;
  /** Offered beside "apply" when the write would replace what the user typed: the same write leaving those cells. */
  keep?: { plan: Plan; changes: PlanChanges };
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
        this.unsubscribe = await this.port.onChange(() => this.onWorkbookChanged());
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
  }

  /**
   * Change events during our own write are covered by the read that follows every write, so they are dropped. Excel
   * reports our writes again after they finish, indistinguishable from a person typing at that moment; those refresh
   * like any edit, and a refresh that reads the very workbook already checked changes nothing in the pane.
   */
  private onWorkbookChanged(): void {
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

  /** One read, one run of the rule engine. `quiet` keeps the current notice (live refreshes). */
  check(options: { quiet?: boolean } = {}): Promise<void> {
    return this.run('checking', async () => {
      const snapshot = await this.port.read();
      this.evaluate(snapshot, options.quiet ?? false);
    }) as Promise<void>;
  }

  private evaluate(snapshot: WorkbookSnapshot, quiet: boolean): void {
    const key = JSON.stringify(snapshot);
    if (quiet && key === this.evaluatedKey) return;
    this.evaluatedKey = key;
    this.lastSnapshot = snapshot;
    const outcome = this.services.check(snapshot, { lang: this.state.lang });
    this.set({
      programId: outcome.program,
      programSource: outcome.programSource,
      target: outcome.target,
      storedTarget: readSetting(snapshot, SETTING_KEYS.target),
      // The program picker already says when the program was assumed (the engine's text names the CLI flag).
      findings: outcome.findings.filter((f) => f.rule !== 'program-assumed'),
      summary: outcome.budget,
      checkedAt: new Date(),
      notice: quiet ? this.state.notice : null,
      marked: this.state.marked || Boolean(snapshot.settings[SETTING_KEYS.marks] && snapshot.settings[SETTING_KEYS.marks] !== '[]'),
    });
  }

  setLang(lang: Lang): Promise<void> {
    this.set({ lang, notice: null });
    // Findings carry their message in the engine's language: run the check again in the new one.
    if (this.state.findings === null) return Promise.resolve();
    return this.run('checking', async () => {
      const snapshot = this.lastSnapshot ?? (await this.port.read());
      this.evaluate(snapshot, false);
    }) as Promise<void>;
  }

  /** Remembers the program in the workbook (a stored setting, no cell changes) and checks against it. */
  chooseProgram(programId: string): Promise<void> {
    return this.run('writing', async () => {
      await this.ownWrite(() =>
        this.port.apply({ title: 'program', ops: [{ op: 'setting', key: SETTING_KEYS.program, value: programId }] }),
      );
      const snapshot = await this.port.read();
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
      await this.ownWrite(() => this.port.apply({ title: 'target', ops: [{ op: 'setting', key: SETTING_KEYS.target, value: target }] }));
      const snapshot = await this.port.read();
      this.evaluate(snapshot, true);
      this.set({ notice: t(this.state.lang, 'targetSaved') });
    }) as Promise<void>;
  }

  /** Reads once and builds the template plan; the view asks for confirmation, then calls `confirm()`. */
  prepareTemplate(): Promise<void> {
    return this.run('reading', async () => {
      const snapshot = await this.port.read();
      const plan = this.services.templatePlan(this.programFor(snapshot), snapshot, this.state.lang);
      this.set({ pending: { kind: 'template', plan, changes: describePlan(plan, snapshot) } });
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
    this.set({ pending: { kind, plan, changes, keep }, notice: null, error: null });
  }

  /** Reads the workbook once, inside an action of `perform` (tabs that build their own plans). */
  readSnapshot(): Promise<WorkbookSnapshot> {
    return this.port.read();
  }

  cancel(): void {
    this.set({ pending: null });
  }

  /** Applies the pending plan in one write, then checks again. `keep` applies the variant that leaves the user's cells. */
  confirm(variant: 'replace' | 'keep' = 'replace'): Promise<void> {
    const offered = this.state.pending;
    if (!offered) return Promise.resolve();
    const pending = variant === 'keep' && offered.keep ? { ...offered, ...offered.keep, keep: undefined } : offered;
    this.set({ pending: null });
    return this.run('writing', async () => {
      await this.ownWrite(() => this.port.apply(pending.plan));
      const snapshot = await this.port.read();
      this.evaluate(snapshot, false);
      const lang = this.state.lang;
      const count = pending.changes.changes.length;
      const notice =
        pending.kind === 'template'
          ? t(lang, 'templateInserted', { sheet: pending.changes.newSheets[0] ?? pending.changes.changes[0]?.sheet ?? '' })
          : pending.kind === 'recalc'
            ? t(lang, 'recalcDone', { count })
            : t(lang, 'benefitsFilled', { count });
      this.set({ notice });
    }) as Promise<void>;
  }

  select(loc: CellLoc): Promise<void> {
    return this.run('working', () => this.port.select(loc)) as Promise<void>;
  }

  /** Marks every cell a finding points at (errors and warnings first; each cell once). */
  mark(): Promise<void> {
    const cells = uniqueCells(this.state.findings ?? []);
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
