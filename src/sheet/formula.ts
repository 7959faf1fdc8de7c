import type { RawValue } from '../domain/budget';
import { columnIndex, columnLetter, Grid, type SheetSnapshot, toA1 } from './grid';

/**
 * A small formula evaluator for what budget tables use — arithmetic, comparisons, `&`, cell and range references (also
 * on other sheets), SUM, ROUND, IF and a few companions — so that a workbook written by a script, whose formulas carry
 * no stored results, is read with the values Excel would show. Anything else is left unknown (never guessed), and the
 * checker says so once instead of reporting blank totals.
 */

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'ref'; sheet: string | null; text: string }
  | { kind: 'func'; name: string }
  | { kind: 'name'; name: string }
  | { kind: 'op'; value: string };

const CELL = /^\$?[A-Za-z]{1,3}\$?\d{1,7}$/;

/** Splits a formula (without "=") into tokens; throws on anything it does not know. */
export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= s.length) throw new FormulaError('unterminated string');
        if (s[j] === '"') {
          if (s[j + 1] === '"') (text += '"'), (j += 2);
          else break;
        } else text += s[j++];
      }
      tokens.push({ kind: 'string', value: text });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const m = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/i.exec(s.slice(i));
      if (!m) throw new FormulaError(`unknown error literal at ${i}`);
      tokens.push({ kind: 'error', value: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(i));
    if (number && !/^\d+:/.test(s.slice(i))) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    // A reference, perhaps with a sheet: Sheet1!A1, 'My sheet'!A1:B2, A1:B2, $B$3.
    let sheet: string | null = null;
    let rest = s.slice(i);
    const quotedSheet = /^'((?:[^']|'')+)'!/.exec(rest);
    const plainSheet = /^([\p{L}\p{N}_.]+)!/u.exec(rest);
    if (quotedSheet) {
      sheet = quotedSheet[1].replace(/''/g, "'");
      i += quotedSheet[0].length;
      rest = s.slice(i);
    } else if (plainSheet) {
      sheet = plainSheet[1];
      i += plainSheet[0].length;
      rest = s.slice(i);
    }
    const ref = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?(?![\w(.])/.exec(rest);
    if (ref) {
      tokens.push({ kind: 'ref', sheet, text: ref[0] });
      i += ref[0].length;
      continue;
    }
    if (sheet !== null) throw new FormulaError('a sheet name not followed by a cell reference');
    const word = /^[A-Za-z_\\][\w.]*/.exec(rest);
    if (word) {
      const upper = word[0].toUpperCase();
      i += word[0].length;
      if (s[i] === '(') tokens.push({ kind: 'func', name: upper.replace(/^_XLFN\./, '') });
      else if (upper === 'TRUE' || upper === 'FALSE') tokens.push({ kind: 'bool', value: upper === 'TRUE' });
      else tokens.push({ kind: 'name', name: word[0] });
      continue;
    }
    const op = /^(?:<>|<=|>=|[-+*/^&=<>(),:%;])/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', value: op[0] === ';' ? ',' : op[0] });
      i += op[0].length;
      continue;
    }
    throw new FormulaError(`unexpected "${ch}"`);
  }
  return tokens;
}

export class FormulaError extends Error {
  override name = 'FormulaError';
}

/**
 * The formula a shared-formula cell holds: the master's text with every relative reference moved by the cell's offset
 * from the master (absolute parts, $B$3, stay). Text in quotes is left alone.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: copy it whole.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : '';
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(])/.exec(formula.slice(i));
    if (m && !/[\w.]/.test(prev)) {
      const col = m[1] ? m[2] : columnLetter(Math.max(0, columnIndex(m[2]) + cols));
      const row = m[3] ? m[4] : String(Math.max(1, Number(m[4]) + rows));
      out += `${m[1]}${col}${m[3]}${row}`;
      i += m[0].length;
      continue;
    }
    const word = /^[\w.]+/.exec(formula.slice(i));
    if (word) {
      out += word[0];
      i += word[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

type Scalar = number | string | boolean | null | { error: string };
type Value = Scalar | { range: Scalar[] };

class Unknown extends Error {
  override name = 'Unknown';
}

const isError = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

/**
 * Fills in the values of formula cells saved without results, evaluating them (and the uncached cells they depend on)
 * in place. Records on each sheet the cells that stay unknown (`uncomputed`).
 */
export function fillUncachedFormulas(sheets: SheetSnapshot[], uncached: Map<string, string[]>): void {
  const bySheet = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
  const grids = new Map(sheets.map((s) => [s, new Grid(s)]));
  const pending = new Map<SheetSnapshot, Set<string>>();
  for (const [name, cells] of uncached) {
    const sheet = bySheet.get(name.toLowerCase());
    if (sheet && cells.length > 0) pending.set(sheet, new Set(cells));
  }
  if (pending.size === 0) return;
  const done = new Map<string, Scalar>();
  const failed = new Set<string>();
  const active = new Set<string>();

  const key = (sheet: SheetSnapshot, a1: string) => `${sheet.name}\u0000${a1}`;

  const cellValue = (sheet: SheetSnapshot, row: number, col: number): Scalar => {
    const grid = grids.get(sheet)!;
    const a1 = toA1(row, col);
    if (pending.get(sheet)?.has(a1)) return evaluateCell(sheet, a1);
    if (sheet.clipped && (row >= (sheet.clipped.rowsFrom ?? Infinity) || col >= (sheet.clipped.colsFrom ?? Infinity))) {
      throw new Unknown('a reference beyond the read bounds');
    }
    const v = grid.value(row, col);
    if (typeof v === 'string' && /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(v)) return { error: v };
    return v;
  };

  const evaluateCell = (sheet: SheetSnapshot, a1: string): Scalar => {
    const k = key(sheet, a1);
    if (done.has(k)) return done.get(k)!;
    if (failed.has(k) || active.has(k)) throw new Unknown('circular or unknown');
    active.add(k);
    try {
      const grid = grids.get(sheet)!;
      const { row, col } = parseA1(a1);
      const formula = grid.formula(row, col);
      if (formula === null) throw new Unknown('no formula');
      const result = evaluate(formula.slice(1), sheet);
      const value = scalar(result);
      done.set(k, value);
      const r = row - sheet.origin.row;
      const c = col - sheet.origin.col;
      if (sheet.values[r] && c >= 0 && c < sheet.values[r].length) sheet.values[r][c] = toRaw(value);
      return value;
    } catch (error) {
      failed.add(k);
      throw error instanceof Unknown ? error : new Unknown(String(error));
    } finally {
      active.delete(k);
    }
  };

  const evaluate = (formula: string, home: SheetSnapshot): Value => {
    const tokens = tokenize(formula);
    let p = 0;
    const peek = () => tokens[p];
    const isOp = (v: string) => peek()?.kind === 'op' && (peek() as { value: string }).value === v;
    const expect = (v: string) => {
      if (!isOp(v)) throw new Unknown(`expected ${v}`);
      p++;
    };

    const comparison = (): Value => {
      let left = concat();
      while (peek()?.kind === 'op' && ['=', '<>', '<', '>', '<=', '>='].includes((peek() as { value: string }).value)) {
        const op = (tokens[p++] as { value: string }).value;
        const right = concat();
        left = compare(op, scalar(left), scalar(right));
      }
      return left;
    };
    const concat = (): Value => {
      let left = additive();
      while (isOp('&')) {
        p++;
        const a = scalar(left);
        const b = scalar(additive());
        if (isError(a)) return a;
        if (isError(b)) return b;
        left = `${text(a)}${text(b)}`;
      }
      return left;
    };
    const additive = (): Value => {
      let left = multiplicative();
      while (isOp('+') || isOp('-')) {
        const op = (tokens[p++] as { value: string }).value;
        left = arithmetic(op, left, multiplicative());
      }
      return left;
    };
    const multiplicative = (): Value => {
      let left = power();
      while (isOp('*') || isOp('/')) {
        const op = (tokens[p++] as { value: string }).value;
        left = arithmetic(op, left, power());
      }
      return left;
    };
    const power = (): Value => {
      let left = unary();
      while (isOp('^')) {
        p++;
        left = arithmetic('^', left, unary());
      }
      return left;
    };
    const unary = (): Value => {
      if (isOp('-')) {
        p++;
        return arithmetic('*', -1, unary());
      }
      if (isOp('+')) {
        p++;
        return unary();
      }
      let v = primary();
      while (isOp('%')) {
        p++;
        v = arithmetic('/', v, 100);
      }
      return v;
    };
    const primary = (): Value => {
      const t = tokens[p++];
      if (!t) throw new Unknown('formula ends early');
      switch (t.kind) {
        case 'number':
        case 'string':
        case 'bool':
          return t.value;
        case 'error':
          return { error: t.value };
        case 'ref':
          return reference(t.sheet, t.text);
        case 'func':
          return call(t.name);
        case 'name':
          throw new Unknown(`defined name ${t.name}`);
        case 'op':
          if (t.value === '(') {
            const v = comparison();
            expect(')');
            return v;
          }
          throw new Unknown(`unexpected ${t.value}`);
      }
    };
    const args = (): Value[] => {
      expect('(');
      const list: Value[] = [];
      if (isOp(')')) {
        p++;
        return list;
      }
      for (;;) {
        list.push(isOp(',') || isOp(')') ? null : comparison());
        if (isOp(',')) {
          p++;
          continue;
        }
        expect(')');
        return list;
      }
    };
    const call = (name: string): Value => {
      // IF evaluates only the branch it takes, as Excel does (the other may be an error or unknown).
      if (name === 'IF' || name === 'IFERROR') {
        expect('(');
        const first = comparison();
        const branches: [number, number][] = [];
        const skipArg = () => {
          const start = p;
          let depth = 0;
          while (p < tokens.length) {
            const t = tokens[p];
            if (t.kind === 'op' && t.value === '(') depth++;
            if (t.kind === 'op' && t.value === ')') {
              if (depth === 0) break;
              depth--;
            }
            if (t.kind === 'op' && t.value === ',' && depth === 0) break;
            p++;
          }
          branches.push([start, p]);
        };
        while (isOp(',')) {
          p++;
          skipArg();
        }
        expect(')');
        const after = p;
        const evalBranch = (index: number, fallback: Value): Value => {
          const b = branches[index];
          if (!b || b[0] === b[1]) return b ? 0 : fallback;
          p = b[0];
          const v = comparison();
          p = after;
          return v;
        };
        const c = scalar(first);
        if (name === 'IFERROR') return isError(c) ? evalBranch(0, 0) : first;
        if (isError(c)) return c;
        const truth = typeof c === 'string' ? (() => { throw new Unknown('IF on text'); })() : Boolean(c);
        return truth ? evalBranch(0, true) : evalBranch(1, false);
      }
      const list = args();
      const numbers = (values: Value[]): number[] | { error: string } => {
        const out: number[] = [];
        for (const v of values) {
          if (v !== null && typeof v === 'object' && 'range' in v) {
            for (const s of v.range) {
              if (isError(s)) return s;
              if (typeof s === 'number') out.push(s); // text and booleans in ranges are ignored, as in Excel
            }
          } else {
            const s = scalar(v);
            if (isError(s)) return s;
            const n = toNumber(s);
            if (isError(n)) return n;
            out.push(n);
          }
        }
        return out;
      };
      const nth = (i: number): number | { error: string } => toNumber(scalar(list[i] ?? null));
      switch (name) {
        case 'SUM': {
          const n = numbers(list);
          return isError(n) ? n : n.reduce((a, b) => a + b, 0);
        }
        case 'MIN':
        case 'MAX': {
          const n = numbers(list);
          if (isError(n)) return n;
          return n.length === 0 ? 0 : name === 'MIN' ? Math.min(...n) : Math.max(...n);
        }
        case 'AVERAGE': {
          const n = numbers(list);
          if (isError(n)) return n;
          return n.length === 0 ? { error: '#DIV/0!' } : n.reduce((a, b) => a + b, 0) / n.length;
        }
        case 'ROUND':
        case 'ROUNDUP':
        case 'ROUNDDOWN': {
          const x = nth(0);
          const d = nth(1);
          if (isError(x)) return x;
          if (isError(d)) return d;
          return roundTo(x, Math.trunc(d), name);
        }
        case 'INT': {
          const x = nth(0);
          return isError(x) ? x : Math.floor(x);
        }
        case 'ABS': {
          const x = nth(0);
          return isError(x) ? x : Math.abs(x);
        }
        case 'AND':
        case 'OR': {
          const n = numbers(list);
          if (isError(n)) return n;
          return name === 'AND' ? n.every((v) => v !== 0) : n.some((v) => v !== 0);
        }
        case 'NOT': {
          const x = nth(0);
          return isError(x) ? x : x === 0;
        }
        default:
          throw new Unknown(`function ${name}`);
      }
    };
    const reference = (sheetName: string | null, ref: string): Value => {
      const sheet = sheetName === null ? home : bySheet.get(sheetName.toLowerCase());
      if (!sheet) throw new Unknown(`sheet ${sheetName}`);
      const [a, b] = ref.split(':');
      const p1 = parseA1(a);
      if (b === undefined) return cellValue(sheet, p1.row, p1.col);
      const p2 = parseA1(b);
      const top = Math.min(p1.row, p2.row);
      const bottom = Math.max(p1.row, p2.row);
      const left = Math.min(p1.col, p2.col);
      const right = Math.max(p1.col, p2.col);
      // Only the part of the range inside the sheet's used range can hold anything.
      const grid = grids.get(sheet)!;
      const range: Scalar[] = [];
      const lastRow = Math.min(bottom, grid.rowCount - 1);
      const lastCol = Math.min(right, grid.colCount - 1);
      if (sheet.clipped && (bottom >= (sheet.clipped.rowsFrom ?? Infinity) || right >= (sheet.clipped.colsFrom ?? Infinity))) {
        throw new Unknown('a range beyond the read bounds');
      }
      for (let r = Math.max(top, sheet.origin.row); r <= lastRow; r++) {
        for (let c = Math.max(left, sheet.origin.col); c <= lastCol; c++) range.push(cellValue(sheet, r, c));
      }
      return { range };
    };

    const result = comparison();
    if (p !== tokens.length) throw new Unknown('trailing tokens');
    return result;
  };

  for (const [sheet, cells] of pending) {
    const unknown: string[] = [];
    for (const a1 of cells) {
      try {
        evaluateCell(sheet, a1);
      } catch {
        unknown.push(a1);
      }
    }
    if (unknown.length > 0) sheet.uncomputed = unknown;
  }
}

function parseA1(ref: string): { row: number; col: number } {
  if (!CELL.test(ref)) throw new Unknown(`not a cell: ${ref}`);
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref)!;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

function scalar(v: Value): Scalar {
  if (v !== null && typeof v === 'object' && 'range' in v) {
    // A range where one value is expected: Excel's implicit intersection is not modelled; a single cell is fine.
    if (v.range.length === 1) return v.range[0];
    throw new Unknown('a range where a value is expected');
  }
  return v;
}

function toNumber(v: Scalar): number | { error: string } {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v.replace(/,/g, '').trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : { error: '#VALUE!' };
}

function text(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error; // as Excel shows it (#VALUE!), not "[object Object]"
  return String(v);
}

function arithmetic(op: string, a: Value, b: Value): Scalar {
  const x = toNumber(scalar(a));
  const y = toNumber(scalar(b));
  if (isError(x)) return x;
  if (isError(y)) return y;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? { error: '#DIV/0!' } : x / y;
    default:
      return x ** y;
  }
}

function compare(op: string, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const norm = (v: Scalar) => (v === null ? (typeof (v === a ? b : a) === 'string' ? '' : 0) : v);
  const x = norm(a) as number | string | boolean;
  const y = norm(b) as number | string | boolean;
  const rank = (v: number | string | boolean) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let d: number;
  if (rank(x) !== rank(y)) d = rank(x) - rank(y);
  else if (typeof x === 'string') d = x.toLowerCase() < String(y).toLowerCase() ? -1 : x.toLowerCase() > String(y).toLowerCase() ? 1 : 0;
  else d = Number(x) - Number(y);
  switch (op) {
    case '=':
      return d === 0;
    case '<>':
      return d !== 0;
    case '<':
      return d < 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    default:
      return d >= 0;
  }
}

/** Excel's ROUND family: halves away from zero, on the decimal value shown (15 significant digits), not the binary one. */
function roundTo(x: number, digits: number, mode: 'ROUND' | 'ROUNDUP' | 'ROUNDDOWN'): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === 'ROUND' ? Math.round(scaled) : mode === 'ROUNDUP' ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(x) * r) / f;
}

function toRaw(v: Scalar): RawValue {
  if (isError(v)) return v.error;
  if (typeof v === 'string') return v === '' ? null : v;
  return v;
}
