import { parseAmount } from '../domain/amount';
import type { BudgetRowInput, BudgetTableInput, RawCell, SubtotalInput, Unit, UnreadRowInput } from '../domain/budget';
import type { CellLoc } from '../domain/findings';
import { formulaReferences } from '../domain/formula';
import { isDetailLabel, isPercentLabel, isSubtotalLabel, isTotalLabel, matchItem } from '../domain/labels';
import { type Fixed, ZERO, foldWidth } from '../domain/money';
import { formatScale, formatSymbols, Grid, type SheetSnapshot, type WorkbookSnapshot, parseRange, toA1 } from './grid';

/**
 * Finds 經費預算表 tables in a workbook snapshot by their header row (會計科目 | 政府補助款 | 業者自籌款 | 合計 |
 * 各科目補助比例(%)), in any sheet, at any position and in any column order, and hands their cells to the domain
 * uninterpreted. One pass over each sheet's rows; only text cells are looked at when searching for headers.
 */

/** The columns a budget table can have. */
type ColumnKind = 'label' | 'gov' | 'self' | 'total' | 'percent';

/** A header cell longer than this (after removing spaces and parenthesised units) is a sentence, not a header. */
const MAX_HEADER_CORE_LENGTH = 12;
/** Text cells longer than this are never headers, titles or unit labels; skipping them early keeps the scan cheap. */
const MAX_SHORT_TEXT_LENGTH = 40;
/** How far above the header the title (經費預算表) and the unit label may be. */
const TITLE_ROWS_ABOVE = 6;
const UNIT_ROWS_ABOVE = 3;
/** How many columns beside the table a title or unit label may stand. */
const TITLE_COLS_BESIDE = 3;
const UNIT_COLS_RIGHT = 4;
/** Blank rows in a row after which only a recognised row (an item, 合計, 小計) continues the table. */
const BLANK_GAP_ENDING_TABLE = 2;
/** Blank rows in a row that end the table whatever follows. */
const MAX_BLANK_RUN_IN_TABLE = 8;
/** Rows below a header that are searched for item names when the label column has no header. */
const LABEL_PROBE_ROWS = 40;
/** A label longer than this, or a shorter one with sentence punctuation, is a note, not an accounting item. */
const MAX_LABEL_LENGTH = 24;

/** Removes white space (including line breaks inside a cell) and folds full-width characters. */
function compact(text: string): string {
  return foldWidth(text).replace(/\s+/g, '');
}

/** Which budget-table column a header text names, or null. */
export function headerKind(text: string): ColumnKind | null {
  if (text.length > MAX_SHORT_TEXT_LENGTH) return null;
  const s = compact(text);
  if (s === '') return null;
  // "(千元)", "(%)", "(A)" qualify a header without changing what it names; so does a formula hint "=(A)+(B)".
  const core = s
    .replace(/[(\[【][^)\]】]*[)\]】]/g, '')
    .replace(/=.*$/, '')
    .replace(/[:：]$/, '');
  if (core.length > MAX_HEADER_CORE_LENGTH) return null;
  if (core === '' || core === '%') return /%/.test(s) ? 'percent' : null;
  // Percent first: 各科目補助比例 and 佔總經費比例 also contain 補助 / 總經費.
  if (/比例|比率|百分比|%/.test(core)) return 'percent';
  if (/自籌|配合款/.test(core)) return 'self';
  if (/補助/.test(core)) return 'gov';
  if (/^(?:合計|小計|總計|總經費|經費合計|合計金額|金額合計|總額|總金額)$/.test(core)) return 'total';
  if (/科目$/.test(core) || /^(?:經費|預算)?項目$/.test(core)) return 'label';
  return null;
}

/**
 * Whether an Excel number format shows values ×100 with a % sign. A % inside quotes ("0.0\"%\""), escaped (\%) or
 * inside brackets ([$-404]) is literal text and does not scale the value.
 */
export function isPercentFormat(format: string): boolean {
  return formatSymbols(format).includes('%');
}

/** The unit a unit label names: 千元 and 萬元 win over 元 (both contain 元); 百萬元 and 億元 are not budget units. */
function unitIn(s: string): Unit | null {
  const m = /(千|仟|萬|万|百萬|億)?元/.exec(s);
  if (!m) return null;
  if (m[1] === '千' || m[1] === '仟') return '千元';
  if (m[1] === '萬' || m[1] === '万') return '萬元';
  return m[1] ? null : '元';
}

/**
 * The unit named by a cell standing near a table: "金額單位：千元", "單位：元", "(元)", "（千元）", "單位:新臺幣元",
 * "經費預算表(單位：千元)". With `inHeader`, a parenthesised unit inside a header ("政府補助款(千元)") counts too.
 */
export function unitLabel(text: string, inHeader = false): Unit | null {
  if (text.length > MAX_SHORT_TEXT_LENGTH) return null;
  const s = compact(text);
  const unitPart = /單位[:]?(.*)$/.exec(s);
  if (unitPart) return unitIn(unitPart[1]);
  if (/^[(]?(?:新[臺台]幣)?(?:千|仟|萬|万)?元[)]?$/.test(s)) return unitIn(s);
  if (inHeader) {
    const paren = /[(\[]((?:新[臺台]幣)?(?:千|仟|萬|万)?元)[)\]]/.exec(s);
    if (paren) return unitIn(paren[1]);
  }
  return null;
}

function isBlankValue(grid: Grid, row: number, col: number): boolean {
  const v = grid.value(row, col);
  return grid.formula(row, col) === null && (v === null || (typeof v === 'string' && v.trim() === ''));
}

const isBlankCell = (cell: RawCell | null) =>
  !cell || (cell.formula === null && (cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === '')));

function shortText(grid: Grid, row: number, col: number): string | null {
  const v = grid.value(row, col);
  return typeof v === 'string' && v.length <= MAX_SHORT_TEXT_LENGTH ? v : null;
}

/** Notes under a table: 註1：…, ※註, 備註, 說明, or any sentence. */
function isNote(text: string): boolean {
  const s = compact(text);
  if (isMarkedNote(text)) return true;
  if (s.length > MAX_LABEL_LENGTH) return true;
  return s.length > 15 && /[，；,;]/.test(s);
}

/** A note by its mark (註, 備註, 說明 …) or a full sentence, not merely by its length. */
function isMarkedNote(text: string): boolean {
  const s = compact(text);
  return /^[※*＊]*(?:註|备注|備註|附註|說明|資料來源|填表說明)/.test(s) || (/[。！？]/.test(s) && s.length > 4);
}

/** The next section of the application form ("參、設備購置或改善規劃"), which ends the table above it. */
function isSectionHeading(text: string): boolean {
  return /^[壹貳參叁肆伍陸柒捌玖拾]+[、.．]/.test(compact(text));
}

/**
 * A title naming the table: "經費預算表", "柒、經費預算表", "中心廠 經費預算表", "經費預算表（單位：千元）" — but not a
 * sentence that mentions it ("申請經費須與經費預算表一致", "請填寫經費預算表").
 */
function isTitleText(text: string): boolean {
  const s = compact(text);
  const at = s.indexOf('經費預算表');
  if (at < 0) return false;
  const prefix = s.slice(0, at);
  const suffix = s.slice(at + '經費預算表'.length);
  return prefix.length <= 12 && !/[請須應填與依詳如]/.test(prefix) && (suffix === '' || /^[(\[【:]/.test(suffix) || /單位/.test(suffix));
}

/** A header cell and the columns it covers (more than one when it is merged across). */
interface HeaderColumn {
  kind: ColumnKind;
  row: number;
  left: number;
  right: number;
}

interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Merged areas keyed by their top-left cell; malformed ranges are ignored. */
function mergeIndex(sheet: SheetSnapshot): Map<string, Rect> {
  const index = new Map<string, Rect>();
  for (const range of Array.isArray(sheet.merges) ? sheet.merges : []) {
    try {
      const r = parseRange(String(range));
      index.set(`${r.top},${r.left}`, { top: r.top, bottom: r.bottom, left: r.left, right: r.right });
    } catch {
      // A range the host wrote oddly only costs us the merge information.
    }
  }
  return index;
}

/** Header cells of one row, left to right. */
function headerCellsOfRow(grid: Grid, row: number, merges: Map<string, Rect>): HeaderColumn[] {
  const cells: HeaderColumn[] = [];
  for (let col = grid.sheet.origin.col; col < grid.colCount; col++) {
    const text = shortText(grid, row, col);
    if (text === null) continue;
    const kind = headerKind(text);
    if (!kind) continue;
    const merge = merges.get(`${row},${col}`);
    cells.push({ kind, row, left: col, right: Math.max(col, merge?.right ?? col) });
  }
  return cells;
}

/**
 * Splits a row's header cells into tables: a kind seen twice starts the next table, so tables standing side by side
 * are told apart whatever their column order.
 */
function groupHeaderCells(cells: HeaderColumn[]): HeaderColumn[][] {
  const groups: HeaderColumn[][] = [];
  let current: HeaderColumn[] = [];
  for (const cell of cells) {
    if (current.some((c) => c.kind === cell.kind)) {
      groups.push(current);
      current = [];
    }
    current.push(cell);
  }
  if (current.length) groups.push(current);
  return groups;
}

const hasKind = (cells: HeaderColumn[], kind: ColumnKind) => cells.some((c) => c.kind === kind);

/**
 * Adds header cells from the row below to a group that lacks columns, for two-row headers such as
 * 會計科目 (merged down) | 經費 (merged across) over 政府補助款 | 業者自籌款 | 合計.
 */
function completeFromNextRow(group: HeaderColumn[], below: HeaderColumn[]): HeaderColumn[] {
  const left = Math.min(...group.map((c) => c.left)) - 1;
  const right = Math.max(...group.map((c) => c.right)) + TITLE_COLS_BESIDE;
  const combined = [...group];
  for (const cell of below) {
    if (cell.left < left || cell.left > right || hasKind(combined, cell.kind)) continue;
    // A column already named by a header cell above is not renamed by the row below.
    if (group.some((c) => c.left <= cell.left && cell.left <= c.right)) continue;
    combined.push(cell);
  }
  return combined;
}

/**
 * A label column without a header (a blank or merged cell above it): the column beside the amounts whose rows below
 * hold the most item names, if at least two.
 */
function probeLabelColumn(grid: Grid, headerRow: number, group: HeaderColumn[]): HeaderColumn | null {
  const taken = new Set<number>();
  for (const c of group) for (let col = c.left; col <= c.right; col++) taken.add(col);
  const left = Math.max(grid.sheet.origin.col, Math.min(...group.map((c) => c.left)) - TITLE_COLS_BESIDE);
  const right = Math.max(...group.map((c) => c.right)) + 1;
  let best: { col: number; hits: number } | null = null;
  for (let col = left; col <= right; col++) {
    if (taken.has(col)) continue;
    let hits = 0;
    const last = Math.min(grid.rowCount - 1, headerRow + LABEL_PROBE_ROWS);
    for (let row = headerRow + 1; row <= last; row++) {
      const text = shortText(grid, row, col);
      if (text !== null && (matchItem(text) !== null || isTotalLabel(text))) hits++;
    }
    if (hits >= 2 && (!best || hits > best.hits)) best = { col, hits };
  }
  return best ? { kind: 'label', row: headerRow, left: best.col, right: best.col } : null;
}

/** A cell handed to the domain: its value as shown, its formula, and how its number format shows numbers. */
export function rawCell(grid: Grid, row: number, col: number): RawCell {
  const format = String(grid.numberFormat(row, col) ?? '');
  const scale = formatScale(format);
  return {
    loc: { sheet: grid.name, cell: toA1(row, col) },
    value: grid.shownValue(row, col),
    formula: grid.formula(row, col),
    percentFormat: isPercentFormat(format),
    ...(scale === 1 ? {} : { scale }),
  };
}

/** The cell of a (possibly merged-across) column holding this row's value: the first non-blank, else the first. */
function columnCell(grid: Grid, row: number, column: HeaderColumn | undefined): RawCell | null {
  if (!column) return null;
  for (let col = column.left; col <= column.right; col++) {
    if (!isBlankValue(grid, row, col)) return rawCell(grid, row, col);
  }
  return rawCell(grid, row, column.left);
}

/**
 * The label cell of a row. Under a label header merged across columns (a number column beside the name, or a category
 * beside the item), prefer the cell naming an item or 合計, else the last non-blank one.
 */
function labelCell(grid: Grid, row: number, column: HeaderColumn): RawCell {
  let lastFilled = -1;
  for (let col = column.left; col <= column.right; col++) {
    if (isBlankValue(grid, row, col)) continue;
    lastFilled = col;
    const text = grid.text(row, col);
    if (matchItem(text) || isTotalLabel(text) || isSubtotalLabel(text) || isPercentLabel(text)) return rawCell(grid, row, col);
  }
  return rawCell(grid, row, lastFilled >= 0 ? lastFilled : column.left);
}

interface Columns {
  label: HeaderColumn;
  gov: HeaderColumn;
  self: HeaderColumn;
  total?: HeaderColumn;
  percent?: HeaderColumn;
}

function columnsOf(cells: HeaderColumn[]): Columns | null {
  const find = (kind: ColumnKind) => cells.find((c) => c.kind === kind);
  const label = find('label');
  const gov = find('gov');
  const self = find('self');
  if (!label || !gov || !self) return null;
  return { label, gov, self, total: find('total'), percent: find('percent') };
}

const allColumns = (c: Columns): HeaderColumn[] =>
  [c.label, c.gov, c.self, c.total, c.percent].filter((x): x is HeaderColumn => x !== undefined);

/** How a row inside a table reads before the table is put together. */
type LineKind = 'item' | 'total' | 'subtotal' | 'percent' | 'note' | 'other';
interface Line {
  row: number;
  input: BudgetRowInput;
  kind: LineKind;
  hasAmounts: boolean;
}

/**
 * Reads the rows under a header down to the table's end, accounting for every row that carries an amount: items,
 * subtotals (小計, 合計(一), a 合計 above the real one, a row equal to the sum of the rows above it), the 合計 and
 * 百分比(%) rows, and rows that fit none of these (reported as unread, never dropped). Neither a long label, a blank row,
 * nor a note ends the table before its 合計; after a gap or a note only a row the checker recognises continues it.
 * The table ends at a title, another header, the next section of the form, or a gap with nothing recognisable after it.
 */
function readBody(grid: Grid, columns: Columns, firstRow: number, isHeaderRow: (row: number) => boolean, merges: Map<string, Rect> = new Map()) {
  const cols = allColumns(columns);
  // A label merged down over several amount rows names each of them: their label is the merged cell's.
  const mergedDown = [...merges.values()].filter((m) => m.bottom > m.top && m.left <= columns.label.right && columns.label.left <= m.right);
  const rowLabel = (row: number): RawCell => {
    const own = labelCell(grid, row, columns.label);
    if (!isBlankCell(own)) return own;
    const merge = mergedDown.find((m) => m.top < row && row <= m.bottom);
    return merge ? labelCell(grid, merge.top, columns.label) : own;
  };
  const readRow = (row: number): BudgetRowInput => ({
    label: rowLabel(row),
    gov: columnCell(grid, row, columns.gov),
    self: columnCell(grid, row, columns.self),
    total: columnCell(grid, row, columns.total),
    percent: columnCell(grid, row, columns.percent),
  });

  const lines: Line[] = [];
  let blanks = 0;
  let noteSeen = false;
  let totalSeen = false;
  for (let row = firstRow; row < grid.rowCount; row++) {
    let blank = true;
    let firstText: string | null = null;
    for (const c of cols) {
      for (let col = c.left; col <= c.right; col++) {
        if (isBlankValue(grid, row, col)) continue;
        blank = false;
        if (firstText === null && typeof grid.value(row, col) === 'string') firstText = grid.text(row, col);
      }
    }
    if (blank) {
      if (++blanks > MAX_BLANK_RUN_IN_TABLE || (totalSeen && blanks >= BLANK_GAP_ENDING_TABLE)) break;
      continue;
    }
    const input = readRow(row);
    const label = typeof input.label.value === 'string' ? input.label.value : '';
    const hasAmounts = ![input.gov, input.self, input.total].every(isBlankCell);
    const kind: LineKind = isPercentLabel(label)
      ? 'percent'
      : isSubtotalLabel(label)
        ? 'subtotal'
        : isTotalLabel(label)
          ? 'total'
          : label !== '' && matchItem(label) !== null
            ? 'item'
            : firstText !== null && isNote(firstText) && (!hasAmounts || isMarkedNote(firstText))
              ? 'note' // a long label with amounts and no note mark is a budget line: counted (unknown-item if no item)
              : 'other';
    const known = kind !== 'note' && kind !== 'other';
    if (!known && (isTitleText(label) || isHeaderRow(row))) break;
    if (!known && !hasAmounts && isSectionHeading(label)) break;
    const afterGap = blanks >= BLANK_GAP_ENDING_TABLE || noteSeen;
    // A note or a line of text holding no amount (a group heading 一、資本支出, "※以下為自籌款項目") is passed over:
    // it is no item, and nothing in it is lost. After a gap or a note, only a recognised row continues the table.
    if (!hasAmounts && (kind === 'note' || kind === 'other')) {
      if (totalSeen) break;
      if (kind === 'note' || afterGap) noteSeen = true;
      continue;
    }
    // After a gap of blank rows or a note, and anywhere after the 合計, only a row the checker recognises continues.
    if ((afterGap || totalSeen) && !known) break;
    if (totalSeen && noteSeen) break;
    blanks = 0;
    lines.push({ row, input, kind, hasAmounts });
    if (kind === 'total') totalSeen = true;
    if (kind === 'percent') break;
  }
  return assembleTable(lines);
}

/**
 * Puts the read lines together: the last 合計 is the table's; the ones above it are subtotals. Lines under an item's
 * own row that name no item are that item's details when the layout says so (see `closeGroup`).
 */
function assembleTable(lines: Line[]) {
  const rows: BudgetRowInput[] = [];
  const subtotals: SubtotalInput[] = [];
  const unread: UnreadRowInput[] = [];
  let totalRow: BudgetRowInput | null = null;
  let percentRow: BudgetRowInput | null = null;
  const grandAt = lines.map((l) => l.kind).lastIndexOf('total');
  let groupStart = 0;
  /** The last item row and the unnamed lines read under it so far (indices into `rows`). */
  let open: { head: Line; at: number; lines: number[] } | null = null;
  /** The rows the closed group's 小計 would cover: its details, or the item row with them. */
  let closedGroup: number[] | null = null;

  /**
   * Decides whether the open item row and the lines under it are one itemised item. They are when the item's own row
   * is blank, holds (or refers to) the lines' sum, or a closing 小計 equals their sum, or every line is written as a
   * detail (numbered, indented, bulleted, 其中). The item row is then a sum over its details (checked, never counted);
   * when only a 小計 equal to the item row plus the lines says so, the item row is the group's first line. Otherwise
   * the lines stay rows of their own (unknown-item reports them).
   */
  const closeGroup = (closing: Line | null) => {
    const group = open;
    open = null;
    closedGroup = null;
    if (!group || group.lines.length === 0) return;
    const details = group.lines.map((i) => rows[i]);
    const head = group.head.input;
    // Blank amounts and 合計 (no number, no formula): a heading over its lines. A typed 0 or =B4+C4 is an item's own amount.
    const headBlank = [head.gov, head.self, head.total].every(isBlankCell);
    const headIsSum = headBlank || (hasNonZero(head) && sumsTo(head, details)) || refersTo(head, details);
    const closesAll = closing !== null && hasNonZero(head) && sumsTo(closing.input, [head, ...details]) && !sumsTo(closing.input, details);
    const marked = details.every((d) => typeof d.label.value === 'string' && isDetailLabel(d.label.value));
    const closesDetails = closing !== null && sumsTo(closing.input, details);
    if (closesAll && !headIsSum) {
      for (const i of group.lines) rows[i] = { ...rows[i], detailOf: head.label };
      closedGroup = [group.at, ...group.lines];
    } else if (headIsSum || marked || closesDetails) {
      rows.splice(group.at, 1);
      const covers = group.lines.map((i) => i - 1);
      for (const i of covers) rows[i] = { ...rows[i], detailOf: head.label };
      subtotals.push({ row: head, covers, item: true });
      if (groupStart > group.at) groupStart--;
      closedGroup = covers;
    }
  };
  const asSubtotal = (line: Line) => {
    const preferred = closedGroup;
    closedGroup = null;
    const group = range(groupStart, rows.length);
    const all = range(0, rows.length);
    if (preferred && sumsTo(line.input, preferred.map((i) => rows[i]))) {
      // The group's own 小計, checked against its details only; it keeps its percentage (the item's share).
      subtotals.push({ row: line.input, covers: preferred });
    } else {
      const covers = group.length > 0 && sumsTo(line.input, group.map((i) => rows[i])) ? group : sumsTo(line.input, rows) ? all : group.length > 0 ? group : all;
      subtotals.push({ row: { ...line.input, percent: null }, covers });
    }
    groupStart = rows.length;
  };
  /** An unlabelled line (or one labelled like a sum) equal to the sum of the open group's lines, or of the rows above. */
  const isUnnamedSum = (line: Line) => {
    if (line.kind !== 'other' || !mayBeSubtotal(line.input) || !hasNonZero(line.input)) return false;
    if (open && open.lines.length > 0) {
      const details = open.lines.map((i) => rows[i]);
      if (sumsTo(line.input, details) || sumsTo(line.input, [open.head.input, ...details])) return true;
    }
    return rows.length - groupStart >= 2 && sumsTo(line.input, rows.slice(groupStart));
  };
  lines.forEach((line, index) => {
    const afterTotal = grandAt >= 0 && index > grandAt;
    if (line.kind === 'percent' || index === grandAt || afterTotal || line.kind === 'note') {
      closeGroup(null);
      if (line.kind === 'percent') percentRow = { ...line.input, percent: null };
      else if (index === grandAt) totalRow = { ...line.input, percent: null };
      else if (afterTotal) {
        if (line.hasAmounts) unread.push({ row: line.input, why: 'after-total' });
      } else unread.push({ row: line.input, why: 'note' });
    } else if (line.kind === 'subtotal' || line.kind === 'total' || isUnnamedSum(line)) {
      closeGroup(line);
      asSubtotal(line);
    } else {
      if (line.kind === 'item') closeGroup(null);
      rows.push(line.input);
      if (line.kind === 'item') open = { head: line, at: rows.length - 1, lines: [] };
      else if (open) open.lines.push(rows.length - 1);
    }
  });
  closeGroup(null);
  const bottom = lines.length > 0 ? lines[lines.length - 1].row : -1;
  return { rows, totalRow: totalRow as BudgetRowInput | null, percentRow: percentRow as BudgetRowInput | null, subtotals, unread, bottom };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

function amountIn(cell: RawCell | null): Fixed {
  const parsed = cell ? parseAmount(cell.value) : null;
  return parsed?.kind === 'number' ? parsed.value : ZERO;
}

/** A label a subtotal may have: none, or one that speaks of a sum (計, 合, 總); a named row such as 雜支 is an item. */
function mayBeSubtotal(row: BudgetRowInput): boolean {
  const label = row.label.value;
  return label === null || (typeof label === 'string' && (label.trim() === '' || /[計合總]/.test(label)));
}

function hasNonZero(row: BudgetRowInput): boolean {
  return amountIn(row.gov) !== ZERO || amountIn(row.self) !== ZERO;
}

/** The row's 政府補助款 or 業者自籌款 is a formula referring to one of those rows (=SUM(B6:B8) on an item's own row). */
function refersTo(row: BudgetRowInput, rows: BudgetRowInput[]): boolean {
  const lines = new Set(rows.map((r) => rowNumber(r.label)));
  return [row.gov, row.self].some((cell) => {
    if (!cell?.formula) return false;
    return formulaReferences(cell.formula).some(({ sheet, area }) => (sheet === null || sheet === cell.loc.sheet) && [...lines].some((l) => area.top <= l && l <= area.bottom));
  });
}

const rowNumber = (cell: RawCell) => Number(/\d+$/.exec(cell.loc.cell)?.[0] ?? 0) - 1;

/** The row's 政府補助款 and 業者自籌款 equal the sums of those rows'. */
function sumsTo(row: BudgetRowInput, rows: BudgetRowInput[]): boolean {
  const gov = rows.reduce((a, r) => a + amountIn(r.gov), ZERO);
  const self = rows.reduce((a, r) => a + amountIn(r.self), ZERO);
  return amountIn(row.gov) === gov && amountIn(row.self) === self;
}

/** The nearest cell above the header containing 經費預算表. */
function findTitle(grid: Grid, area: Rect, headerTop: number, floor: number): CellLoc | null {
  const top = Math.max(floor, headerTop - TITLE_ROWS_ABOVE, grid.sheet.origin.row);
  const left = Math.max(grid.sheet.origin.col, area.left - TITLE_COLS_BESIDE);
  const right = area.right + TITLE_COLS_BESIDE;
  for (let row = headerTop - 1; row >= top; row--) {
    let best: { col: number; distance: number } | null = null;
    for (let col = left; col <= right; col++) {
      const text = shortText(grid, row, col);
      if (text === null || !isTitleText(text)) continue;
      const distance = col < area.left ? area.left - col : col > area.right ? col - area.right : 0;
      if (!best || distance < best.distance) best = { col, distance };
    }
    if (best) return { sheet: grid.name, cell: toA1(row, best.col) };
  }
  return null;
}

/** The unit label nearest the header: a labelled cell ("金額單位：千元", "(元)") first, else a unit inside a header cell. */
function findUnit(grid: Grid, area: Rect, headerTop: number, headerBottom: number, titleRow: number | null, floor: number) {
  const top = Math.max(floor, Math.min(titleRow ?? headerTop, headerTop - UNIT_ROWS_ABOVE), grid.sheet.origin.row);
  const left = Math.max(grid.sheet.origin.col, area.left - 1);
  const right = area.right + UNIT_COLS_RIGHT;
  for (let row = headerBottom; row >= top; row--) {
    for (let col = left; col <= right; col++) {
      const text = shortText(grid, row, col);
      const unit = text === null ? null : unitLabel(text, false);
      if (unit) return { unit, loc: { sheet: grid.name, cell: toA1(row, col) } };
    }
  }
  // "政府補助款(千元)", or a group heading "經費(千元)" over a two-row header.
  for (let row = headerTop; row <= headerBottom; row++) {
    for (let col = area.left; col <= area.right; col++) {
      const text = shortText(grid, row, col);
      const unit = text === null ? null : unitLabel(text, true);
      if (unit) return { unit, loc: { sheet: grid.name, cell: toA1(row, col) } };
    }
  }
  return null;
}

interface Located {
  table: BudgetTableInput;
  area: Rect;
  /** A 經費預算表 title was found (rather than falling back to the header's first cell). */
  titled: boolean;
}

function locateInSheet(sheet: SheetSnapshot, workbookHasFormulas: boolean): Located[] {
  const grid = new Grid(sheet);
  const merges = mergeIndex(sheet);
  const found: Located[] = [];
  // Header cells per row, computed once: each row is classified when scanned and reused as "the row below".
  const headerCache = new Map<number, HeaderColumn[]>();
  const headerCells = (row: number) => {
    let cells = headerCache.get(row);
    if (!cells) {
      cells = row < grid.rowCount ? headerCellsOfRow(grid, row, merges) : [];
      headerCache.set(row, cells);
    }
    return cells;
  };
  const isHeaderRow = (row: number) => {
    const cells = headerCells(row);
    return hasKind(cells, 'gov') && hasKind(cells, 'self');
  };

  for (let row = sheet.origin.row; row < grid.rowCount; row++) {
    const cells = headerCells(row);
    headerCache.delete(row - 2); // keep the cache small on long sheets
    if (cells.length === 0) continue;
    for (let group of groupHeaderCells(cells)) {
      let headerBottom = row;
      if (!columnsOf(group)) {
        const combined = completeFromNextRow(group, headerCells(row + 1));
        if (combined.length > group.length && columnsOf(combined)) {
          group = combined;
          headerBottom = row + 1;
        }
      }
      if (!columnsOf(group) && hasKind(group, 'gov') && hasKind(group, 'self') && !hasKind(group, 'label')) {
        const probed = probeLabelColumn(grid, headerBottom, group);
        if (probed) group = [...group, probed];
      }
      const columns = columnsOf(group);
      if (!columns) continue;
      const header = allColumns(columns);
      const area: Rect = {
        top: row,
        bottom: headerBottom,
        left: Math.min(...header.map((c) => c.left)),
        right: Math.max(...header.map((c) => c.right)),
      };
      if (found.some((f) => overlaps(f.area, area))) continue;

      const body = readBody(grid, columns, headerBottom + 1, isHeaderRow, merges);
      area.bottom = Math.max(headerBottom, body.bottom);
      // Title and unit are searched above the header but not inside an earlier table in the same columns.
      const floor = Math.max(
        sheet.origin.row,
        ...found.filter((f) => f.area.left <= area.right && area.left <= f.area.right && f.area.bottom < row).map((f) => f.area.bottom + 1),
      );
      const title = findTitle(grid, area, row, floor);
      const titleRow = title ? Number(/\d+$/.exec(title.cell)![0]) - 1 : null;
      const unit = findUnit(grid, area, row, headerBottom, titleRow, floor);
      found.push({
        area: { ...area, top: titleRow ?? row },
        titled: title !== null,
        table: {
          sheet: sheet.name,
          title: title ?? { sheet: sheet.name, cell: toA1(row, area.left) },
          unit,
          rows: body.rows,
          totalRow: body.totalRow,
          percentRow: body.percentRow,
          subtotals: body.subtotals,
          unread: body.unread,
          workbookHasFormulas,
        },
      });
    }
  }
  return found.sort((a, b) => a.area.top - b.area.top || a.area.left - b.area.left);
}

function sheetHasFormulas(sheet: SheetSnapshot): boolean {
  const rows = Array.isArray(sheet.formulas) ? sheet.formulas : [];
  return rows.some((r) => Array.isArray(r) && r.some((f) => typeof f === 'string' && f.startsWith('=')));
}

function locateAll(snapshot: WorkbookSnapshot): Located[] {
  const sheets = Array.isArray(snapshot?.sheets) ? snapshot.sheets : [];
  const workbookHasFormulas = sheets.some(sheetHasFormulas);
  return sheets.flatMap((sheet) => locateInSheet(sheet, workbookHasFormulas));
}

/** Every 經費預算表 in the workbook, in sheet order and, within a sheet, top to bottom. Never throws on odd content. */
export function locateBudgetTables(snapshot: WorkbookSnapshot): BudgetTableInput[] {
  return locateAll(snapshot).map((f) => f.table);
}

/** How complete a located table is: recognised items, a 合計 row, a title, a unit, the optional columns. */
function completeness({ table, titled }: Located): number {
  const items = table.rows.filter((r) => typeof r.label.value === 'string' && matchItem(r.label.value) !== null).length;
  return (
    items * 2 +
    (table.totalRow ? 3 : 0) +
    (table.percentRow ? 1 : 0) +
    (table.unit ? 1 : 0) +
    (titled ? 1 : 0) +
    (table.rows.some((r) => r.total) ? 1 : 0) +
    (table.rows.some((r) => r.percent) ? 1 : 0)
  );
}

/** The most complete 經費預算表 in the workbook (the first of equals), or null when there is none. */
export function locateBudgetTable(snapshot: WorkbookSnapshot): BudgetTableInput | null {
  let best: Located | null = null;
  let bestScore = -1;
  for (const located of locateAll(snapshot)) {
    const score = completeness(located);
    if (score > bestScore) {
      best = located;
      bestScore = score;
    }
  }
  return best?.table ?? null;
}
