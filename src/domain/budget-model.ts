import { type ParsedAmount, parseAmount } from './amount';
import type { BudgetRowInput, BudgetTableInput, RawCell, Unit } from './budget';
import { type ComputedBudget, computeBudget } from './compute';
import { type Fixed, ZERO, fromInt } from './money';
import { type LabelMatch, readLabel } from './labels';
import type { Program, ProgramItem } from './programs/schema';

/** Amounts in 元 are divided by this, and amounts in 萬元 multiplied by the other, to compare with limits in 千元. */
export const YUAN_PER_THOUSAND = 1000n;
export const THOUSANDS_PER_WAN = 10n;
/** Without a unit label, a grand total above this multiple of the subsidy cap suggests amounts typed in 元. */
const UNIT_SUSPECT_FACTOR = 100n;

/** One amount cell as read: where it is, how it parses, and whether a person types it (input) or it is derived. */
export interface AmountReading {
  cell: RawCell;
  parsed: ParsedAmount;
  /** `input`: 政府補助款 / 業者自籌款 of an item row; `derived`: a 合計 cell (its own rules judge its value). */
  role: 'input' | 'derived';
}

/** An item row of the table: its cells, the program item its label names (or null), and its amounts as typed. */
export interface ModelRow {
  input: BudgetRowInput;
  /** The program item the label names, or null (unknown, or another program's item). */
  item: ProgramItem | null;
  /** How the label was read, whatever the program; null when it names no item. */
  match: LabelMatch | null;
  /** In the table's unit; 0 for blank or unreadable cells. */
  gov: Fixed;
  self: Fixed;
  /** A detail line of an itemised item: that item's group (its `item` and rules are the group's). */
  group: ModelGroup | null;
}

/**
 * An itemised item: the item's own row and the detail lines listed under it (machines, contracts, people). The lines'
 * sum is the item's amount; the item's own row, when it holds amounts, is a sum checked against them.
 */
export interface ModelGroup {
  /** The label cell of the item's own row. */
  label: RawCell;
  /** The item's own row when it is a sum over the details (not counted), null when it is the group's first line. */
  head: BudgetRowInput | null;
  item: ProgramItem | null;
  match: LabelMatch | null;
  /** Indices into `rows` of the detail lines. */
  rows: number[];
}

/**
 * One 經費預算表 read once for every rule: each amount parsed, each label matched, the exact totals computed, and
 * the unit decided. Rules only read this model; none of them parses a cell again.
 */
export interface BudgetModel {
  table: BudgetTableInput;
  program: Program;
  /** The unit the amounts are in ('千元' when the table states none). */
  unit: Unit;
  /** No unit label, and the amounts look like 元: the limits are judged on the 元 reading. */
  unitSuspect: boolean;
  /** Converts an amount in the table's unit (or its 元 reading) to 千元, the unit of the limits. */
  toThousand: (f: Fixed) => Fixed;
  rows: ModelRow[];
  /** The itemised items, in sheet order. */
  groups: ModelGroup[];
  /** Every amount cell of the table in reading order: item rows (gov, self), then row totals, then the 合計 row. */
  amounts: AmountReading[];
  computed: ComputedBudget;
  /** The 合計 column is filled in somewhere (an empty column is not checked). */
  totalColumnUsed: boolean;
  /** Each row's 合計 as shown (computed when the column is unused or the cell unreadable). */
  shownRowTotals: Fixed[];
  /** The grand total as the sheet shows it: the 合計-row cell when it reads as a number, else the sum of shownRowTotals. */
  shownGrand: Fixed;
  /** The program limits in 千元. */
  govTotalK: Fixed;
  selfTotalK: Fixed;
  grandTotalK: Fixed;
  /** The program's subsidy cap in 千元; null when the program states none. */
  capK: Fixed | null;
  /**
   * With self-funding as budgeted, the subsidy may grow to self × r ÷ (1 − r) under a share limit r (= self at 1/2);
   * null when the program has no share limit (or one of 100 %).
   */
  govAllowedBySelf: Fixed | null;
}

/** The value of a parsed amount: its number, or 0 for blank and unreadable cells. */
export function valueOf(parsed: ParsedAmount): Fixed {
  return parsed.kind === 'number' ? parsed.value : ZERO;
}

export function readCell(cell: RawCell | null): Fixed {
  return cell ? valueOf(parseAmount(cell.value)) : ZERO;
}

/** Reads a located table into the model the rules check. Never throws on odd content. */
export function buildBudgetModel(table: BudgetTableInput, program: Program): BudgetModel {
  const amounts: AmountReading[] = [];
  const read = (cell: RawCell | null, role: AmountReading['role']): Fixed => {
    if (!cell) return ZERO;
    const parsed = parseAmount(cell.value);
    amounts.push({ cell, parsed, role });
    return valueOf(parsed);
  };

  const itemOf = (match: LabelMatch | null) => (match ? (program.items.find((i) => i.id === match.item) ?? null) : null);
  const groups = new Map<string, ModelGroup>();
  const groupOf = (label: RawCell): ModelGroup => {
    const key = `${label.loc.sheet}!${label.loc.cell}`;
    let group = groups.get(key);
    if (!group) {
      const match = readLabel(String(label.value ?? ''));
      const head = (table.subtotals ?? []).find((s) => s.item && s.row.label.loc.cell === label.loc.cell && s.row.label.loc.sheet === label.loc.sheet)?.row ?? null;
      group = { label, head, match, item: itemOf(match), rows: [] };
      groups.set(key, group);
    }
    return group;
  };
  const rows: ModelRow[] = table.rows.map((input, index) => {
    const group = input.detailOf ? groupOf(input.detailOf) : null;
    group?.rows.push(index);
    // A detail line is read as its item whatever its own words; the item row that is the group's first line stays itself.
    const match = group ? null : readLabel(String(input.label.value ?? ''));
    return {
      input,
      match,
      item: group ? group.item : itemOf(match),
      gov: read(input.gov, 'input'),
      self: read(input.self, 'input'),
      group,
    };
  });
  const computed = computeBudget(rows);

  const totalColumnUsed = rows.some((r) => r.input.total && r.input.total.value !== null);
  const shownRowTotals = rows.map((row, index) => {
    const cell = row.input.total;
    if (!cell || !totalColumnUsed) return computed.rowTotals[index];
    return read(cell, 'derived');
  });
  for (const { row } of table.subtotals ?? []) for (const cell of [row.gov, row.self, row.total]) read(cell, 'derived');
  const totalRow = table.totalRow;
  for (const cell of [totalRow?.gov, totalRow?.self, totalRow?.total]) read(cell ?? null, 'derived');
  const shownTotalCell = totalRow?.total ? parseAmount(totalRow.total.value) : null;
  const shownGrand = shownTotalCell?.kind === 'number' ? shownTotalCell.value : shownRowTotals.reduce((a, b) => a + b, ZERO);

  const unit = table.unit?.unit ?? '千元';
  // Without a unit label, a grand total far above what the program can fund means the amounts were typed in 元: the
  // limits are then judged on that reading (a 1,320,000 "千元" subsidy is a unit slip, not a breach of the cap).
  const capK = program.subsidyCap ? fromInt(program.subsidyCap.amount) : null;
  const unitSuspect = table.unit === null && capK !== null && sumReadable(table) > capK * UNIT_SUSPECT_FACTOR;
  const toThousand = (f: Fixed) =>
    unit === '元' || unitSuspect ? f / YUAN_PER_THOUSAND : unit === '萬元' ? f * THOUSANDS_PER_WAN : f;
  const share = program.govShare?.ratio ?? null;

  return {
    table,
    program,
    unit,
    unitSuspect,
    toThousand,
    rows,
    groups: [...groups.values()],
    amounts,
    computed,
    totalColumnUsed,
    shownRowTotals,
    shownGrand,
    govTotalK: toThousand(computed.govTotal),
    selfTotalK: toThousand(computed.selfTotal),
    grandTotalK: toThousand(computed.grandTotal),
    capK,
    govAllowedBySelf: share && share.num < share.den ? (toThousand(computed.selfTotal) * share.num) / (share.den - share.num) : null,
  };
}

/** The sum of the item amounts that read as numbers (the unit guess must not depend on what the rules report). */
function sumReadable(table: BudgetTableInput): Fixed {
  let total = ZERO;
  for (const row of table.rows) total += readCell(row.gov) + readCell(row.self);
  return total;
}

const sameCell = (a: RawCell | undefined, b: RawCell) => !!a && a.loc.cell === b.loc.cell && a.loc.sheet === b.loc.sheet;

/** A cell that holds something: a value or a formula. */
const filled = (cell: RawCell | null | undefined): cell is RawCell =>
  !!cell && (cell.formula !== null || (cell.value !== null && !(typeof cell.value === 'string' && cell.value.trim() === '')));

/**
 * Where an item's amount in one column is shown: for an itemised item, the item's own row when it holds the sum, else
 * the group's 小計, else its last detail line; for an item on rows of its own, its last row. Null when the table has
 * no row of the item. Findings about the item's sum (item-cap) point here.
 */
export function itemCell(model: BudgetModel, itemId: string, column: 'gov' | 'self' | 'total'): { cell: RawCell | null; label: RawCell } | null {
  const rows = model.rows.filter((r) => r.item?.id === itemId);
  const last = rows[rows.length - 1];
  if (!last) return null;
  const group = last.group;
  if (group) {
    if (group.head && filled(group.head[column])) return { cell: group.head[column], label: group.label };
    const members = new Set(group.rows);
    const closing = (model.table.subtotals ?? []).find((s) => !s.item && s.covers.length > 0 && s.covers.every((i) => members.has(i) || sameCell(model.rows[i]?.input.label, group.label)));
    if (closing && filled(closing.row[column])) return { cell: closing.row[column], label: group.label };
  }
  return { cell: last.input[column], label: last.group?.label ?? last.input.label };
}
