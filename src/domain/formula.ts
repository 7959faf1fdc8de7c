import { columnIndex, columnLetter, parseRange } from './a1';

/**
 * Just enough of Excel's formula grammar for the formula-hygiene rules: the cells a formula refers to, its R1C1 form
 * (two formulas copied from one another read the same), and the numbers typed inside it.
 */

/**
 * One token of a formula, with `text` as written (white space dropped). The lexer never throws: what it does not know is
 * an `other` token, which the hygiene rules pass over and the evaluator (sheet/formula.ts) refuses.
 */
export type FormulaToken =
  | { kind: 'string'; text: string; value: string }
  | { kind: 'ref'; text: string; sheet: string | null; cells: string; area: Area }
  | { kind: 'function'; text: string; name: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'bool'; text: string; value: boolean }
  | { kind: 'error'; text: string; value: string }
  | { kind: 'name'; text: string }
  | { kind: 'op'; text: string }
  | { kind: 'other'; text: string };

/** A rectangle in zero-based sheet coordinates, with which corners are absolute ($). */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
  abs: { row: [boolean, boolean]; col: [boolean, boolean] };
}

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
/** A cell or a range, not followed by what would make it part of a longer word, a call or a sheet name. */
const CELLS = new RegExp(String.raw`^${CELL}(?::${CELL})?(?![\w(.!])`);
const QUOTED_SHEET = /^'((?:[^']|'')+)'!/;
const PLAIN_SHEET = /^([\p{L}\p{N}_.]+)!/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_\\][\w.]*/;
const OP = /^(?:<>|<=|>=|[-+*/^&=<>(),:%;])/;
const ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)/i;

/** The area's corners from the shared A1 parser, plus which of them carry a $ (absolute row / column). */
function parseArea(text: string): Area {
  const [a, b = a] = text.split(':');
  const dollars = (cell: string) => ({ col: cell.startsWith('$'), row: /\$\d/.test(cell) });
  const p = dollars(a);
  const q = dollars(b);
  return { ...parseRange(text), abs: { row: [p.row, q.row], col: [p.col, q.col] } };
}

/**
 * Tokens by formula text. A check meets the same few formulas again and again (every row's `=B4+C4`, and each fix
 * candidate re-runs the rules over the same table), and tokenizing was the largest single cost of checking a file;
 * the tokens are never mutated, so one list serves every caller. Bounded, so a workbook of distinct formulas cannot grow it.
 */
const TOKEN_CACHE = new Map<string, readonly FormulaToken[]>();
const TOKEN_CACHE_SIZE = 4096;

/**
 * The tokens of a formula ("=SUM(B4:B9)" or without the "="); white space is dropped. The one tokenizer of the
 * project: the hygiene rules read it here, the evaluator of uncached formulas and `shiftFormula` too.
 */
export function tokenize(formula: string): readonly FormulaToken[] {
  let tokens = TOKEN_CACHE.get(formula);
  if (tokens === undefined) {
    if (TOKEN_CACHE.size >= TOKEN_CACHE_SIZE) TOKEN_CACHE.clear();
    tokens = lex(formula.replace(/^=/, '')).map((t) => t.token);
    TOKEN_CACHE.set(formula, tokens);
  }
  return tokens;
}

/** Each token with where it starts in `s` (white space skipped). */
function lex(s: string): { token: FormulaToken; at: number }[] {
  const out: { token: FormulaToken; at: number }[] = [];
  let i = 0;
  while (i < s.length) {
    const at = i;
    const push = (token: FormulaToken) => {
      out.push({ token, at });
      i = at + token.text.length;
    };
    const ch = s[i];
    const rest = s.slice(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= s.length) break;
        if (s[j] === '"') {
          if (s[j + 1] !== '"') break;
          value += '"';
          j += 2;
        } else value += s[j++];
      }
      if (j >= s.length) push({ kind: 'other', text: rest }); // an unterminated string
      else push({ kind: 'string', text: s.slice(i, j + 1), value });
      continue;
    }
    if (ch === '#') {
      const error = ERROR.exec(rest);
      push(error ? { kind: 'error', text: error[0], value: error[0].toUpperCase() } : { kind: 'other', text: ch });
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      push({ kind: 'number', text: number[0], value: Number(number[0]) });
      continue;
    }
    // A reference, perhaps with a sheet: Sheet1!A1, 'My sheet'!A1:B2, A1:B2, $B$3.
    const prefix = QUOTED_SHEET.exec(rest) ?? PLAIN_SHEET.exec(rest);
    const cells = CELLS.exec(prefix ? rest.slice(prefix[0].length) : rest);
    if (cells) {
      const sheet = prefix === null ? null : prefix[0].startsWith("'") ? prefix[1].replace(/''/g, "'") : prefix[1];
      push({ kind: 'ref', text: `${prefix?.[0] ?? ''}${cells[0]}`, sheet, cells: cells[0], area: parseArea(cells[0]) });
      continue;
    }
    if (prefix) {
      push({ kind: 'other', text: prefix[0] }); // a sheet name not followed by a cell reference
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      const upper = word[0].toUpperCase();
      if (s[i + word[0].length] === '(') push({ kind: 'function', text: word[0], name: upper.replace(/^_XLFN\./, '') });
      else if (upper === 'TRUE' || upper === 'FALSE') push({ kind: 'bool', text: word[0], value: upper === 'TRUE' });
      else push({ kind: 'name', text: word[0] });
      continue;
    }
    const op = OP.exec(rest);
    push(op ? { kind: 'op', text: op[0] } : { kind: 'other', text: ch });
  }
  return out;
}

/**
 * The formula a shared-formula cell holds (or a formula copied to another cell): every relative reference moved by
 * (rows, cols), absolute parts ($B$3) kept, strings and sheet names left alone. Rows stop at 1 and columns at A.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  const lead = formula.startsWith('=') ? 1 : 0;
  let out = formula.slice(0, lead);
  let from = lead;
  for (const { token, at } of lex(formula.slice(lead))) {
    if (token.kind !== 'ref') continue;
    const start = lead + at + token.text.length - token.cells.length;
    const shifted = token.cells.replace(/(\$?)([A-Za-z]{1,3})(\$?)(\d+)/g, (_, colAbs: string, col: string, rowAbs: string, row: string) => {
      const c = colAbs ? col : columnLetter(Math.max(0, columnIndex(col) + cols));
      const r = rowAbs ? row : String(Math.max(1, Number(row) + rows));
      return `${colAbs}${c}${rowAbs}${r}`;
    });
    out += formula.slice(from, start) + shifted;
    from = start + token.cells.length;
  }
  return out + formula.slice(from);
}

/** The areas a formula refers to; `sheet` null means the formula's own sheet. */
export function formulaReferences(formula: string): { sheet: string | null; area: Area }[] {
  return tokenize(formula).flatMap((t) => (t.kind === 'ref' ? [{ sheet: t.sheet, area: t.area }] : []));
}

/**
 * The formula in R1C1 notation as seen from (row, col): `=B4+C4` in D4 and `=B5+C5` in D5 both read `RC[-2]+RC[-1]`,
 * so a formula that differs from its neighbours stands out.
 */
export function toR1C1(formula: string, row: number, col: number): string {
  return tokenize(formula)
    .map((t) => {
      switch (t.kind) {
        case 'ref': {
          const { area } = t;
          const corner = (r: number, c: number, i: 0 | 1) =>
            `R${area.abs.row[i] ? r + 1 : r === row ? '' : `[${r - row}]`}C${area.abs.col[i] ? c + 1 : c === col ? '' : `[${c - col}]`}`;
          const cells = area.top === area.bottom && area.left === area.right ? corner(area.top, area.left, 0) : `${corner(area.top, area.left, 0)}:${corner(area.bottom, area.right, 1)}`;
          return t.sheet === null ? cells : `'${t.sheet}'!${cells}`;
        }
        case 'function':
          return t.name;
        default:
          return t.text.toUpperCase();
      }
    })
    .join('');
}

const ROUNDING = new Set(['ROUND', 'ROUNDUP', 'ROUNDDOWN']);

/**
 * Numbers typed inside a formula that stand for data (`=B4+C4+100`, `=B5*0.5`). Not counted: 0 (comparisons,
 * IF(…=0,…)), a ROUND's digits, and 100 or 1000 as a factor or divisor (a share in %, a unit) or as IF's result (100 %).
 */
export function formulaConstants(formula: string): { text: string; value: number }[] {
  const tokens = tokenize(formula);
  const calls: string[] = [];
  const found: { text: string; value: number }[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (t.kind === 'op' && t.text === '(') calls.push(prev?.kind === 'function' ? prev.name : '');
    else if (t.kind === 'op' && t.text === ')') calls.pop();
    if (t.kind !== 'number') return;
    const next = tokens[i + 1];
    const call = calls[calls.length - 1] ?? '';
    const isOp = (tok: FormulaToken | undefined, ops: string) => tok?.kind === 'op' && ops.includes(tok.text);
    if (t.value === 0) return;
    if (ROUNDING.has(call) && isOp(prev, ',') && Number.isInteger(t.value) && t.value <= 6) return;
    if ((t.value === 100 || t.value === 1000) && (isOp(prev, '*/') || isOp(next, '*/'))) return;
    if (t.value === 100 && call === 'IF' && isOp(prev, ',')) return;
    found.push({ text: t.text, value: t.value });
  });
  return found;
}

/**
 * Excel's error values, as a cell's value reads when its formula fails. The guard says `#…`, not `string`, so that a
 * string that is not an error value is still a string after a failed test.
 */
export function isErrorValue(value: unknown): value is `#${string}` {
  return typeof value === 'string' && /^#(?:REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/.test(value.trim());
}
