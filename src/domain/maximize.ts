import { parseAmount } from './amount';
import type { BudgetTableInput, RawCell } from './budget';
import type { CellChange } from './findings';
import { type Fixed, SCALE, ZERO, fromInt, toNumber } from './money';
import type { ItemId, Program, ProgramItem } from './programs/schema';
import { buildBudgetModel } from './budget-model';
import type { Binding } from './maximize-words';

export { describeBinding, withWan, type Binding } from './maximize-words';
import { govBounds } from './limits';
import { type AmountEdit, inStoredUnits, planChanges, tableCells } from './fixes';
import { type BasicInfo, basicInfoFollow } from './rules/basic-info-mismatch';

/**
 * The largest legal subsidy: with every row's total kept (the costs stay; only who pays changes), the allocation of
 * 政府補助款 that is largest under every rule of the program — self-only items, item caps on the subsidy, the share
 * limit and the subsidy cap — in whole 千元.
 *
 * Each row's subsidy is independent of the others except through the two sums (share and cap), so the largest total
 * is min(Σ per-row upper bounds, share room, cap room); any allocation reaching it within the bounds is optimal.
 */

/** Which limit stops the subsidy from growing further. */
/** The limit that binds: one of the program's plan-level limits (by rule id), or the items' own limits. */

/** One row of the table as the maximiser sees it; amounts in 千元. */
export interface MaximizeRow {
  item: ProgramItem | null;
  label: string;
  gov: Fixed;
  self: Fixed;
  /** The row's subsidy cannot be moved: an unknown item, a formula in an amount cell, a cell missing. */
  fixed: boolean;
}

export interface MaximizedRow {
  gov: Fixed;
  self: Fixed;
  total: Fixed;
  /** The most this row's subsidy may be on its own (its total, its item's cap, 0 for a self-only item). */
  upper: Fixed;
  fixed: boolean;
}

export interface MaximizedItem {
  itemId: ItemId;
  label: string;
  gov: Fixed;
  self: Fixed;
  total: Fixed;
  currentGov: Fixed;
  /** The item's own limit on its subsidy (0 for a self-only item). */
  upper: Fixed;
  /** Its rows (indices into `rows`): the detail lines of an itemised item, or its own row(s). */
  rows: number[];
}

export interface Maximized {
  grandTotal: Fixed;
  /** The largest legal subsidy. */
  govTotal: Fixed;
  currentGovTotal: Fixed;
  binding: Binding;
  /** The limits in 千元, each already in whole 千元 (share and cap net of rows that cannot move). */
  limits: { share: Fixed; cap: Fixed; items: Fixed };
  rows: MaximizedRow[];
  /** Per program item present in the table, in program order. */
  items: MaximizedItem[];
  /** Rows whose subsidy the maximiser could not move (their current subsidy is kept and counted). */
  fixedRows: number;
  /** The current allocation already breaks a limit that only the subsidy decides (share, cap, item caps, self-only). */
  currentIllegal: boolean;
}

const floorWhole = (f: Fixed): Fixed => {
  const q = f / SCALE; // truncates toward zero
  return (f < ZERO && f % SCALE !== ZERO ? q - 1n : q) * SCALE;
};
const min = (...values: Fixed[]): Fixed => values.reduce((a, b) => (b < a ? b : a));
const max = (a: Fixed, b: Fixed): Fixed => (a > b ? a : b);


export function maximizeSubsidy(givenRows: readonly MaximizeRow[], program: Program): Maximized {
  // A program that names no 會計科目 funds any row: each row it does not list is an item of its own.
  const ownItems: ProgramItem[] = [];
  const rows = givenRows.map((r, i) => {
    if (!program.anyItem || r.item !== null) return r;
    const item = { id: `row-${i + 1}` as ItemId, label: r.label, en: r.label, gov: 'allowed' } satisfies ProgramItem;
    ownItems.push(item);
    return { ...r, item };
  });
  const programItems = [...program.items, ...ownItems];
  const totals = rows.map((r) => r.gov + r.self);
  const grandTotal = totals.reduce((a, b) => a + b, ZERO);
  const currentGovTotal = rows.reduce((a, r) => a + r.gov, ZERO);

  // Per-item caps on the subsidy share one bound across the item's rows.
  const itemCap = new Map<ItemId, Fixed>();
  for (const item of programItems) {
    if (item.gov === 'self-only') itemCap.set(item.id, ZERO);
    else if (item.cap?.base === 'gov') itemCap.set(item.id, max(ZERO, floorWhole((grandTotal * item.cap.ratio.num) / item.cap.ratio.den)));
  }

  const movable = rows.map((r) => !r.fixed && r.item !== null);
  const rowUpper = rows.map((r, i) =>
    !movable[i] ? r.gov : r.item?.gov === 'self-only' ? ZERO : max(ZERO, floorWhole(totals[i])),
  );
  const fixedGov = rows.reduce((a, r, i) => (movable[i] ? a : a + r.gov), ZERO);

  // The user's split where it is legal: each row keeps its whole-千元 subsidy within its own bound …
  const gov = rows.map((r, i) => (movable[i] ? min(max(ZERO, floorWhole(r.gov)), rowUpper[i]) : r.gov));
  // … and an item over its cap gives back from its last rows first.
  const itemUpper = new Map<ItemId, Fixed>();
  for (const item of programItems) {
    const indices = rows.flatMap((r, i) => (movable[i] && r.item?.id === item.id ? [i] : []));
    if (indices.length === 0) continue;
    const rowSum = indices.reduce((a, i) => a + rowUpper[i], ZERO);
    const upper = itemCap.has(item.id) ? min(rowSum, itemCap.get(item.id)!) : rowSum;
    itemUpper.set(item.id, upper);
    let excess = indices.reduce((a, i) => a + gov[i], ZERO) - upper;
    for (const i of [...indices].reverse()) {
      if (excess <= ZERO) break;
      const cut = min(excess, gov[i]);
      gov[i] -= cut;
      excess -= cut;
    }
  }

  const itemsLimit = [...itemUpper.values()].reduce((a, b) => a + b, ZERO);
  // Every plan-level limit of the program read from its record (share n/d exactly, cap, self-funding minimum, fixed
  // split or amount): each allows a largest whole-千元 subsidy for these item totals.
  const rooms = govBounds(program, grandTotal).map((b) => ({ rule: b.limit.rule as Binding, room: max(ZERO, floorWhole(b.max - fixedGov)) }));
  const roomOf = (rule: Binding) => rooms.filter((r) => r.rule === rule).reduce<Fixed | null>((a, r) => (a === null || r.room < a ? r.room : a), null);
  const shareRoom = roomOf('gov-share') ?? itemsLimit;
  const capRoom = roomOf('gov-cap') ?? itemsLimit;
  const best = min(itemsLimit, ...rooms.map((r) => r.room));
  const binding: Binding = rooms.find((r) => r.room === best && r.rule === 'gov-cap')?.rule ?? rooms.find((r) => r.room === best)?.rule ?? 'items';

  // Reach `best`: take from the last items first when over; add to the first items first when under.
  const order = programItems.flatMap((item) => rows.flatMap((r, i) => (movable[i] && r.item?.id === item.id ? [i] : [])));
  let current = order.reduce((a, i) => a + gov[i], ZERO);
  const itemGov = (id: ItemId) => order.reduce((a, i) => (rows[i].item!.id === id ? a + gov[i] : a), ZERO);
  if (current > best) {
    for (const i of [...order].reverse()) {
      const cut = min(current - best, gov[i]);
      gov[i] -= cut;
      current -= cut;
      if (current === best) break;
    }
  } else {
    for (const i of order) {
      if (current === best) break;
      const id = rows[i].item!.id;
      const room = min(rowUpper[i] - gov[i], itemUpper.get(id)! - itemGov(id), best - current);
      if (room <= ZERO) continue;
      gov[i] += room;
      current += room;
    }
  }

  const outRows: MaximizedRow[] = rows.map((r, i) => ({
    gov: gov[i],
    self: totals[i] - gov[i],
    total: totals[i],
    upper: movable[i] ? min(rowUpper[i], r.item ? (itemUpper.get(r.item.id) ?? rowUpper[i]) : rowUpper[i]) : r.gov,
    fixed: !movable[i],
  }));
  const items: MaximizedItem[] = programItems.flatMap((item) => {
    const indices = rows.flatMap((r, i) => (r.item?.id === item.id ? [i] : []));
    if (indices.length === 0) return [];
    const sumOf = (f: (i: number) => Fixed) => indices.reduce((a, i) => a + f(i), ZERO);
    return [
      {
        itemId: item.id,
        label: item.label,
        gov: sumOf((i) => gov[i]),
        self: sumOf((i) => totals[i] - gov[i]),
        total: sumOf((i) => totals[i]),
        currentGov: sumOf((i) => rows[i].gov),
        upper: itemUpper.get(item.id) ?? sumOf((i) => rows[i].gov),
        rows: indices,
      },
    ];
  });

  const currentIllegal =
    govBounds(program, grandTotal).some((b) => currentGovTotal > b.max) ||
    rows.some((r, i) => movable[i] && r.gov > rowUpper[i]) ||
    items.some((item) => item.currentGov > item.upper && itemCap.has(item.itemId));

  return {
    grandTotal,
    govTotal: current + fixedGov,
    currentGovTotal,
    binding,
    limits: { share: shareRoom + fixedGov, cap: capRoom + fixedGov, items: itemsLimit },
    rows: outRows,
    items,
    fixedRows: movable.filter((m) => !m).length,
    currentIllegal,
  };
}


/** How amounts in the table's unit become 千元 and back (the engine's reading, including amounts typed in 元). */
export interface TableUnit {
  toThousand: (f: Fixed) => Fixed;
  fromThousand: (f: Fixed) => Fixed;
}

/** Without a unit label, a grand total over this multiple of the cap means amounts typed in 元 (as the engine reads it). */
const UNIT_SUSPECT_FACTOR = 100n;

export function tableUnit(table: BudgetTableInput, program: Program): TableUnit {
  const label = table.unit?.unit ?? '千元';
  let sum = ZERO;
  if (table.unit === null) {
    for (const row of table.rows) {
      for (const cell of [row.gov, row.self]) {
        const parsed = cell ? parseAmount(cell.value) : null;
        if (parsed?.kind === 'number') sum += parsed.value;
      }
    }
  }
  const yuan = label === '元' || (table.unit === null && program.subsidyCap !== null && sum > fromInt(program.subsidyCap.amount) * UNIT_SUSPECT_FACTOR);
  if (yuan) return { toThousand: (f) => f / 1000n, fromThousand: (f) => f * 1000n };
  if (label === '萬元') return { toThousand: (f) => f * 10n, fromThousand: (f) => f / 10n };
  return { toThousand: (f) => f, fromThousand: (f) => f };
}

function amountOf(cell: RawCell | null): Fixed {
  if (!cell) return ZERO;
  const parsed = parseAmount(cell.value);
  return parsed.kind === 'number' ? parsed.value : ZERO;
}

/** A row the maximiser must leave alone: no place to write, a formula, or a value that is not an amount. */
function rowIsFixed(cells: (RawCell | null)[]): boolean {
  return cells.some((c) => c === null || c.formula !== null || parseAmount(c.value).kind === 'invalid');
}

export interface TableMaximum {
  maximized: Maximized;
  /** The cells that change (with 基本資料's typed figures, when given), as each cell stores them; empty when the budget is already at the maximum. */
  changes: CellChange[];
}

/**
 * The largest legal subsidy of a located table, with the cell changes that apply it — and, when the table is the one
 * 基本資料 states, the changes that keep 基本資料's typed amounts and percentages agreeing with it.
 */
export function maximizeTable(table: BudgetTableInput, program: Program, basicInfo: BasicInfo | null = null): TableMaximum {
  const unit = tableUnit(table, program);
  // The model's reading of each row: a detail line of an itemised item is that item.
  const model = buildBudgetModel(table, program);
  const rows: MaximizeRow[] = table.rows.map((row, i) => {
    const item = model.rows[i].item;
    return {
      item,
      label: String(row.label.value ?? '').trim(),

      gov: unit.toThousand(amountOf(row.gov)),
      self: unit.toThousand(amountOf(row.self)),
      fixed: rowIsFixed([row.gov, row.self]),
    };
  });
  const maximized = maximizeSubsidy(rows, program);
  const changes: CellChange[] = [];
  const edits: AmountEdit[] = [];
  table.rows.forEach((row, i) => {
    const out = maximized.rows[i];
    if (out.fixed || !row.gov || !row.self) return;
    const govValue = unit.fromThousand(out.gov);
    const totalInUnit = amountOf(row.gov) + amountOf(row.self);
    const selfValue = totalInUnit - govValue;
    edits.push({ row: i, gov: govValue, self: selfValue });
    for (const [cell, value] of [
      [row.gov, govValue],
      [row.self, selfValue],
    ] as const) {
      const before = parseAmount(cell.value);
      // A blank cell that stays 0 is left blank; a number typed as text is rewritten as the number it reads as.
      if (before.kind === 'blank' && value === ZERO) continue;
      if (before.kind === 'number' && before.value === value && !before.fromText) continue;
      changes.push(inStoredUnits(cell, { sheet: cell.loc.sheet, cell: cell.loc.cell, from: cell.value === null ? null : (cell.value as number | string), to: toNumber(value) }));
    }
  });
  if (changes.length > 0) {
    // Typed 合計 and percentages that agreed with the amounts follow them, as with a fix (formulas recompute).
    const items = new Set(changes.map((c) => `${c.sheet}!${c.cell}`));
    const cells = tableCells(table);
    for (const c of planChanges(model, edits)) {
      const key = `${c.sheet}!${c.cell}`;
      const cell = cells.get(key);
      if (!items.has(key) && cell) changes.push(inStoredUnits(cell, c));
    }
  }
  if (basicInfo && changes.length > 0) {
    // Item totals are kept: only the split between 補助款 and 自籌款 moves.
    const totals = (gov: Fixed) => ({ grandTotal: toNumber(maximized.grandTotal), govTotal: toNumber(gov), selfTotal: toNumber(maximized.grandTotal - gov) });
    changes.push(...(basicInfoFollow(basicInfo, totals(maximized.currentGovTotal), totals(maximized.govTotal)) ?? []));
  }
  return { maximized, changes };
}
