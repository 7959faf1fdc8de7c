import { parseRange } from './a1';

/**
 * Just enough of Excel's formula grammar for the formula-hygiene rules: the cells a formula refers to, its R1C1 form
 * (two formulas copied from one another read the same), and the numbers typed inside it.
 */

export type FormulaToken =
  | { kind: 'string'; text: string }
  | { kind: 'ref'; text: string; sheet: string | null; area: Area }
  | { kind: 'function'; name: string }
  | { kind: 'number'; text: string; value: number }
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

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const TOKEN = new RegExp(
  [
    String.raw`"(?:[^"]|"")*"`, // string literal
    String.raw`('(?:[^']|'')+'|[\p{L}\p{N}_.]+)!(${CELL}(?::${CELL})?)`, // sheet-qualified reference
    String.raw`([A-Za-z_][A-Za-z0-9_.]*)\(`, // function call
    String.raw`(${CELL}(?::${CELL})?)(?![A-Za-z0-9_(!])`, // reference
    String.raw`(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)`, // number
    String.raw`(<=|>=|<>|[-+*/^&=<>(),:%])`, // operator or punctuation
    String.raw`(\s+)`,
    '(.)',
  ].join('|'),
  'gu',
);

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

/** The tokens of a formula ("=SUM(B4:B9)" or without the "="); white space is dropped. */
export function tokenize(formula: string): readonly FormulaToken[] {
  let tokens = TOKEN_CACHE.get(formula);
  if (tokens === undefined) {
    if (TOKEN_CACHE.size >= TOKEN_CACHE_SIZE) TOKEN_CACHE.clear();
    tokens = scan(formula);
    TOKEN_CACHE.set(formula, tokens);
  }
  return tokens;
}

function scan(formula: string): FormulaToken[] {
  const tokens: FormulaToken[] = [];
  for (const m of formula.replace(/^=/, '').matchAll(TOKEN)) {
    if (m[7] !== undefined) continue; // white space
    if (m[0].startsWith('"')) tokens.push({ kind: 'string', text: m[0] });
    else if (m[2] !== undefined) {
      const sheet = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
      tokens.push({ kind: 'ref', text: m[0], sheet, area: parseArea(m[2]) });
    } else if (m[3] !== undefined) tokens.push({ kind: 'function', name: m[3].toUpperCase() });
    else if (m[4] !== undefined) tokens.push({ kind: 'ref', text: m[4], sheet: null, area: parseArea(m[4]) });
    else if (m[5] !== undefined) tokens.push({ kind: 'number', text: m[5], value: Number(m[5]) });
    else if (m[6] !== undefined) tokens.push({ kind: 'op', text: m[6] });
    else tokens.push({ kind: 'other', text: m[0] });
  }
  return tokens;
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
          return `${t.name}(`;
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
    if (t.kind === 'function') calls.push(t.name);
    else if (t.kind === 'op' && t.text === '(') calls.push('');
    else if (t.kind === 'op' && t.text === ')') calls.pop();
    if (t.kind !== 'number') return;
    const prev = tokens[i - 1];
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
