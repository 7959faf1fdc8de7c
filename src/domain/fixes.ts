import { parseAmount } from './amount';
import type { BudgetRowInput, BudgetTableInput, RawCell } from './budget';
import { type BudgetModel, buildBudgetModel, readCell } from './budget-model';
import { type CellChange, type Finding, type FixRoute, type FixRouteKind, sameSlip, writesFormula } from './findings';
import { type Fixed, SCALE, ZERO, comparePercentDistance, fromNumber, roundedPercent, toNumber } from './money';
import { PERCENT_TOLERANCE, shownPercent } from './percent';

/**
 * Exact fixes. A rule proposes routes (amount edits on item rows, or direct cell changes); `planChanges` turns them
 * into the cell changes a person would make — the edited amounts plus every typed-constant total and percentage that
 * was right before and would be wrong after (formula cells recompute by themselves) — and the engine offers a route
 * only when, applied and re-checked against every rule, it clears its finding and creates no new error.
 */

/** New amounts for one item row (indices into `model.rows`), in the table's unit. */
export interface AmountEdit {
  row: number;
  gov?: Fixed;
  self?: Fixed;
}

/** A route as a rule proposes it. */
export interface RouteCandidate {
  advice: string;
  edits?: AmountEdit[];
  cells?: CellChange[];
  kind?: FixRouteKind;
}

/** What a cell holds now, as a fix states it: its formula, else its value. */
export const current = (cell: RawCell): string | number | null => cell.formula ?? (typeof cell.value === 'boolean' ? (cell.value ? 'TRUE' : 'FALSE') : cell.value);

/** The number a cell should hold, as written into it: whole amounts stay integers. */
const cellNumber = (f: Fixed): number => toNumber(f);

/**
 * A change as the cell stores it. The domain reads and plans every number as shown; a cell whose number format scales
 * (`#,##0,` shows 3,600,000 元 as 3,600) stores `scale` times that, so a fix must write — and say it finds — the stored
 * number, or it would put 3,600 元 where 3,600,000 belongs. Text and formulas are written as they are.
 */
export function inStoredUnits(cell: RawCell, change: CellChange): CellChange {
  if ((cell.scale ?? 1) === 1) return change;
  const stored = (v: CellChange['to']) => (typeof v === 'number' ? storedNumber(cell, v) : v);
  return { ...change, from: typeof cell.value === 'number' && cell.formula === null ? stored(change.from) : change.from, to: stored(change.to) };
}

/** The number to store in `cell` for it to show `shown` (exact: 3,600 under `#,##0,` is 3,600,000). */
export function storedNumber(cell: RawCell, shown: number): number {
  const scale = cell.scale ?? 1;
  return scale === 1 || !Number.isFinite(shown) ? shown : toNumber(fromNumber(shown) * BigInt(scale));
}

/** Every cell of a located table (items, subtotals, 合計 and 百分比 rows), by "sheet!A1". */
export function tableCells(table: BudgetTableInput): Map<string, RawCell> {
  const cells = new Map<string, RawCell>();
  const rows = [...table.rows, ...(table.subtotals ?? []).map((s) => s.row), table.totalRow, table.percentRow];
  for (const row of rows) {
    if (!row) continue;
    for (const cell of [row.label, row.gov, row.self, row.total, row.percent]) if (cell) cells.set(`${cell.loc.sheet}!${cell.loc.cell}`, cell);
  }
  return cells;
}

/** Converts an amount in 千元 to the table's unit (元 ×1000, 萬元 ÷10), as the person would type it. */
export function fromThousand(model: BudgetModel, k: Fixed): Fixed {
  if (model.unit === '元' || model.unitSuspect) return k * 1000n;
  if (model.unit === '萬元') return k / 10n;
  return k;
}

/** The smallest whole number of 千元 (as Fixed) not below the exact quotient `numerator / denominator` (a Fixed value). */
export function ceilThousands(numerator: bigint, denominator: bigint): Fixed {
  if (numerator <= 0n) return ZERO;
  const unit = denominator * SCALE;
  return ((numerator + unit - 1n) / unit) * SCALE;
}

/** The item row whose gov or self cell is at `cell`, with the column. */
export function rowAt(model: BudgetModel, sheet: string | null, cell: string | null): { index: number; column: 'gov' | 'self' } | null {
  for (let index = 0; index < model.rows.length; index++) {
    const { input } = model.rows[index];
    if (input.gov && input.gov.loc.cell === cell && input.gov.loc.sheet === sheet) return { index, column: 'gov' };
    if (input.self && input.self.loc.cell === cell && input.self.loc.sheet === sheet) return { index, column: 'self' };
  }
  return null;
}

/** Takes `amount` (table unit) of 政府補助款 from the given rows, largest first; `toSelf` moves it to 業者自籌款. */
export function takeFromGov(model: BudgetModel, rows: number[], amount: Fixed, toSelf: boolean): AmountEdit[] | null {
  const order = [...rows].filter((i) => model.rows[i].gov > ZERO && model.rows[i].input.gov && (!toSelf || model.rows[i].input.self));
  order.sort((a, b) => (model.rows[b].gov > model.rows[a].gov ? 1 : model.rows[b].gov < model.rows[a].gov ? -1 : b - a));
  const edits: AmountEdit[] = [];
  let left = amount;
  for (const i of order) {
    if (left <= ZERO) break;
    const row = model.rows[i];
    const take = row.gov < left ? row.gov : left;
    edits.push({ row: i, gov: row.gov - take, ...(toSelf ? { self: row.self + take } : {}) });
    left -= take;
  }
  return left > ZERO ? null : edits;
}

const key = (f: Pick<Finding, 'rule' | 'sheet' | 'cell'>) => `${f.rule}@${f.sheet}!${f.cell}`;

/** The column letters and row number of an A1 address. */
export function splitA1(cell: string): { col: string; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return m ? { col: m[1], row: Number(m[2]) } : { col: 'A', row: 1 };
}

/** The standard formula of a derived cell, or null when the table lacks what it refers to. */
export function standardFormula(model: BudgetModel, cell: RawCell): string | null {
  const { table } = model;
  const at = (c: RawCell | null) => (c ? c.loc.cell : null);
  const { totalRow, percentRow } = table;
  const grand = at(totalRow?.total ?? null);
  const itemRowsIn = (column: (r: BudgetRowInput) => RawCell | null) => table.rows.map((r) => at(column(r))).filter((c): c is string => c !== null);
  const sumOf = (cells: string[]) => (cells.length === 0 ? null : `=SUM(${ranges(cells).join(',')})`);
  for (const row of table.rows) {
    if (row.total === cell && row.gov && row.self) return `=${row.gov.loc.cell}+${row.self.loc.cell}`;
    if (row.percent === cell && row.total && grand) return percentFormula(row.total.loc.cell, grand, cell.percentFormat);
  }
  for (const { row, covers } of table.subtotals ?? []) {
    const pick = row.gov === cell ? (r: BudgetRowInput) => r.gov : row.self === cell ? (r: BudgetRowInput) => r.self : row.total === cell ? (r: BudgetRowInput) => r.total : null;
    if (pick) return sumOf(covers.map((i) => at(pick(table.rows[i]))).filter((c): c is string => c !== null));
    if (row.percent === cell && row.total && grand) return percentFormula(row.total.loc.cell, grand, cell.percentFormat);
  }
  if (totalRow) {
    if (totalRow.gov === cell) return sumOf(itemRowsIn((r) => r.gov));
    if (totalRow.self === cell) return sumOf(itemRowsIn((r) => r.self));
    if (totalRow.total === cell) {
      if (model.totalColumnUsed) return sumOf(itemRowsIn((r) => r.total));
      return totalRow.gov && totalRow.self ? `=${totalRow.gov.loc.cell}+${totalRow.self.loc.cell}` : null;
    }
  }
  if (percentRow && grand) {
    const part = percentRow.gov === cell ? totalRow?.gov : percentRow.self === cell ? totalRow?.self : percentRow.total === cell ? totalRow?.total : null;
    if (part) return percentFormula(part.loc.cell, grand, cell.percentFormat);
  }
  return null;
}

function percentFormula(part: string, grand: string, percentFormat: boolean): string {
  return percentFormat ? `=ROUND(${part}/${grand},3)` : `=ROUND(${part}/${grand}*100,1)`;
}

/** Consecutive cells of one column as ranges: B4,B5,B6,B8 → B4:B6, B8. */
function ranges(cells: string[]): string[] {
  const out: string[] = [];
  let start: { col: string; row: number } | null = null;
  let prev: { col: string; row: number } | null = null;
  const flush = () => {
    if (start && prev) out.push(start.row === prev.row ? `${start.col}${start.row}` : `${start.col}${start.row}:${prev.col}${prev.row}`);
  };
  for (const c of cells.map(splitA1)) {
    if (prev && c.col === prev.col && c.row === prev.row + 1) prev = c;
    else {
      flush();
      start = prev = c;
    }
  }
  flush();
  return out;
}

interface DerivedValues {
  rowTotals: (Fixed | null)[];
  subtotals: { gov: Fixed; self: Fixed; total: Fixed }[];
  gov: Fixed;
  self: Fixed;
  total: Fixed;
}

/** What each derived cell of the standard layout holds for given item amounts (row totals as `shownTotal` says). */
function derive(table: BudgetTableInput, gov: Fixed[], self: Fixed[], shownTotal: (i: number) => Fixed | null): DerivedValues {
  const rowTotals = table.rows.map((_, i) => shownTotal(i));
  const totalOf = (i: number) => rowTotals[i] ?? gov[i] + self[i];
  const sumOver = (idx: number[], f: (i: number) => Fixed) => idx.reduce((a, i) => a + f(i), ZERO);
  const all = table.rows.map((_, i) => i);
  return {
    rowTotals,
    subtotals: (table.subtotals ?? []).map(({ covers }) => ({ gov: sumOver(covers, (i) => gov[i]), self: sumOver(covers, (i) => self[i]), total: sumOver(covers, totalOf) })),
    gov: sumOver(all, (i) => gov[i]),
    self: sumOver(all, (i) => self[i]),
    total: sumOver(all, totalOf),
  };
}

/**
 * The cell changes of a route: the edited amounts, the direct changes, and each typed-constant total or percentage
 * that agreed with the amounts before and would not after. Formula cells are left to recompute.
 */
export function planChanges(model: BudgetModel, edits: AmountEdit[], direct: CellChange[] = []): CellChange[] {
  const { table } = model;
  const changes = new Map<RawCell, CellChange>();
  const directAt = new Map(direct.map((c) => [`${c.sheet}!${c.cell}`, c] as const));
  const directFor = (cell: RawCell | null) => (cell ? directAt.get(`${cell.loc.sheet}!${cell.loc.cell}`) : undefined);
  const set = (cell: RawCell, to: Fixed) => changes.set(cell, { ...cell.loc, from: current(cell), to: cellNumber(to) });

  const oldGov = model.rows.map((r) => r.gov);
  const oldSelf = model.rows.map((r) => r.self);
  const newGov = [...oldGov];
  const newSelf = [...oldSelf];
  for (const e of edits) {
    const row = model.rows[e.row];
    if (e.gov !== undefined && row.input.gov && e.gov !== row.gov) {
      newGov[e.row] = e.gov;
      set(row.input.gov, e.gov);
    }
    if (e.self !== undefined && row.input.self && e.self !== row.self) {
      newSelf[e.row] = e.self;
      set(row.input.self, e.self);
    }
  }
  /** The number a direct change writes, or the value its formula gives. */
  const directValue = (change: CellChange, fallback: Fixed): Fixed => {
    if (writesFormula(change)) return fallback;
    const parsed = parseAmount(change.to);
    return parsed.kind === 'number' ? parsed.value : ZERO;
  };
  const isFormula = (cell: RawCell) => cell.formula !== null;

  // Row totals: shown before and after.
  const oldShown = (i: number): Fixed | null => (model.totalColumnUsed && table.rows[i].total ? model.shownRowTotals[i] : null);
  const newShown = table.rows.map((row, i): Fixed | null => {
    const cell = row.total;
    if (!cell || !model.totalColumnUsed) return null;
    const d = directFor(cell);
    const sum = newGov[i] + newSelf[i];
    if (d) return directValue(d, sum);
    if (isFormula(cell)) return sum;
    if (model.shownRowTotals[i] === oldGov[i] + oldSelf[i] && sum !== model.shownRowTotals[i]) {
      set(cell, sum);
      return sum;
    }
    return model.shownRowTotals[i];
  });
  const before = derive(table, oldGov, oldSelf, oldShown);
  const after = derive(table, newGov, newSelf, (i) => newShown[i]);

  /** A derived amount cell: follows a direct change, recomputes as a formula, or is updated if it was right before. */
  const follow = (cell: RawCell | null, was: Fixed, now: Fixed) => {
    if (!cell || directFor(cell) || isFormula(cell) || parseAmount(cell.value).kind === 'invalid') return;
    if (readCell(cell) === was && was !== now) set(cell, now);
  };
  (table.subtotals ?? []).forEach(({ row }, s) => {
    follow(row.gov, before.subtotals[s].gov, after.subtotals[s].gov);
    follow(row.self, before.subtotals[s].self, after.subtotals[s].self);
    if (model.totalColumnUsed) follow(row.total, before.subtotals[s].total, after.subtotals[s].total);
  });
  const totalRow = table.totalRow;
  follow(totalRow?.gov ?? null, before.gov, after.gov);
  follow(totalRow?.self ?? null, before.self, after.self);
  follow(totalRow?.total ?? null, before.total, after.total);

  // Percentages: a typed one that was within tolerance and no longer would be is rewritten.
  const grandBefore = model.computed.grandTotal;
  const grandAfter = after.gov + after.self;
  const followPercent = (cell: RawCell | null, partBefore: Fixed, partAfter: Fixed) => {
    if (!cell || directFor(cell) || isFormula(cell) || cell.value === null || grandBefore === ZERO || grandAfter === ZERO) return;
    const shown = shownPercent(cell);
    if (shown === null || comparePercentDistance(shown, partBefore, grandBefore, PERCENT_TOLERANCE) > 0) return;
    if (comparePercentDistance(shown, partAfter, grandAfter, PERCENT_TOLERANCE) <= 0) return;
    const pct = roundedPercent(partAfter, grandAfter, 1)!;
    changes.set(cell, { ...cell.loc, from: current(cell), to: cell.percentFormat ? toNumber(pct) / 100 : toNumber(pct) });
  };
  table.rows.forEach((row, i) => followPercent(row.percent, oldGov[i] + oldSelf[i], newGov[i] + newSelf[i]));
  (table.subtotals ?? []).forEach(({ row }, s) => followPercent(row.percent, before.subtotals[s].gov + before.subtotals[s].self, after.subtotals[s].gov + after.subtotals[s].self));
  if (table.percentRow) {
    followPercent(table.percentRow.gov, before.gov, after.gov);
    followPercent(table.percentRow.self, before.self, after.self);
    followPercent(table.percentRow.total, grandBefore, grandAfter);
  }
  return [...direct, ...changes.values()];
}

/** The table with the changes applied: numbers replace values; formulas are set and every formula cell recomputed. */
export function applyChanges(model: BudgetModel, changes: CellChange[]): BudgetTableInput {
  const byCell = new Map(changes.map((c) => [`${c.sheet}!${c.cell}`, c] as const));
  const apply = (cell: RawCell | null): RawCell | null => {
    if (!cell) return cell;
    const c = byCell.get(`${cell.loc.sheet}!${cell.loc.cell}`);
    if (!c) return cell;
    if (writesFormula(c)) return { ...cell, formula: c.to };
    return { ...cell, value: c.to, formula: null };
  };
  const row = (r: BudgetRowInput): BudgetRowInput => ({ ...r, label: apply(r.label)!, gov: apply(r.gov), self: apply(r.self), total: apply(r.total), percent: apply(r.percent) });
  const t = model.table;
  const changed: BudgetTableInput = {
    ...t,
    rows: t.rows.map(row),
    totalRow: t.totalRow && row(t.totalRow),
    percentRow: t.percentRow && row(t.percentRow),
    subtotals: t.subtotals?.map((s) => ({ ...s, row: row(s.row) })),
  };
  return recomputeFormulas(changed, model);
}

/** Sets every formula cell in a derived position to what the standard formula gives (what the host will show). */
function recomputeFormulas(table: BudgetTableInput, model: BudgetModel): BudgetTableInput {
  const fresh = buildBudgetModel(table, model.program);
  const gov = fresh.rows.map((r) => r.gov);
  const self = fresh.rows.map((r) => r.self);
  // SUM skips numbers typed as text (+ converts them): the sums see only real numbers.
  const numeric = (cell: RawCell | null) => (cell && typeof cell.value === 'number' ? readCell(cell) : ZERO);
  const govNumbers = table.rows.map((r) => numeric(r.gov));
  const selfNumbers = table.rows.map((r) => numeric(r.self));
  const value = (cell: RawCell | null, v: Fixed | null, percent = false): RawCell | null => {
    if (!cell || cell.formula === null || v === null) return cell;
    return { ...cell, value: percent && cell.percentFormat ? toNumber(v) / 100 : toNumber(v) };
  };
  const rows = table.rows.map((r, i) => ({ ...r, total: value(r.total, gov[i] + self[i]) }));
  const shown = rows.map((r, i) => (fresh.totalColumnUsed && r.total ? readCell(r.total) : gov[i] + self[i]));
  const d = derive({ ...table, rows }, govNumbers, selfNumbers, (i) => shown[i]);
  const grandCell = value(table.totalRow?.total ?? null, d.total);
  const grand = grandCell ? readCell(grandCell) : d.total;
  const pct = (part: Fixed) => (grand === ZERO ? null : roundedPercent(part, grand, 1));
  return {
    ...table,
    rows: rows.map((r, i) => ({ ...r, percent: value(r.percent, pct(shown[i]), true) })),
    subtotals: table.subtotals?.map((s, i) => ({ ...s, row: { ...s.row, gov: value(s.row.gov, d.subtotals[i].gov), self: value(s.row.self, d.subtotals[i].self), total: value(s.row.total, d.subtotals[i].total), percent: value(s.row.percent, pct(d.subtotals[i].total), true) } })),
    totalRow: table.totalRow && { ...table.totalRow, gov: value(table.totalRow.gov, d.gov), self: value(table.totalRow.self, d.self), total: grandCell },
    percentRow: table.percentRow && {
      ...table.percentRow,
      gov: value(table.percentRow.gov, pct(d.gov), true),
      self: value(table.percentRow.self, pct(d.self), true),
      total: value(table.percentRow.total, pct(grand), true),
    },
  };
}

/**
 * Keeps the routes that, applied, clear `finding` and add no error; fills `fix`, `routes` and the advice. `check`
 * re-runs every rule (without remedies) on a table; `linked` gives the changes cells outside the table need to agree
 * with the table after a route (already as those cells store them), or null when they cannot.
 */
export function settleRoutes(
  model: BudgetModel,
  finding: Finding,
  candidates: RouteCandidate[],
  before: Finding[],
  check: (table: BudgetTableInput) => Finding[],
  joiner: string,
  linked?: (after: BudgetTableInput) => CellChange[] | null,
): void {
  const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(key));
  const routes: FixRoute[] = [];
  for (const candidate of candidates) {
    const changes = planChanges(model, candidate.edits ?? [], candidate.cells ?? []);
    if (changes.length === 0) continue;
    const table = applyChanges(model, changes);
    const after = check(table);
    if (after.some((f) => sameSlip(f, finding))) continue;
    if (after.some((f) => f.severity === 'error' && !errorsBefore.has(key(f)))) continue;
    // Cells outside the table that must follow it (基本資料 typed by hand); null: they cannot, so neither can the route.
    const outside = linked ? linked(table) : [];
    if (outside === null) continue;
    routes.push({ advice: candidate.advice, changes: [...changes, ...outside], ...(candidate.kind ? { kind: candidate.kind } : {}) });
  }
  if (routes.length === 0) return;
  // Planned and re-checked as the cells show their numbers; handed out as the cells store them.
  const cells = tableCells(model.table);
  for (const route of routes) route.changes = route.changes.map((c) => {
    const cell = cells.get(`${c.sheet}!${c.cell}`);
    return cell ? inStoredUnits(cell, c) : c;
  });
  finding.fix = routes[0].changes;
  // A single route is listed too when its kind says what it does (a cut must say so wherever it is offered).
  if (routes.length > 1 || routes[0].kind) finding.routes = routes;
  finding.advice = routes.map((r) => r.advice).join(joiner);
}
