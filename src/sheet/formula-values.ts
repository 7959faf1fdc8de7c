import type { RawValue } from '../domain/budget';
import { columnIndex } from './grid';

/** The values formulas compute with, and Excel's rules for them (coercion, comparison, rounding, error values). */

const CELL = /^\$?[A-Za-z]{1,3}\$?\d{1,7}$/;

export type Scalar = number | string | boolean | null | { error: string };
export type Value = Scalar | { range: Scalar[] };

export class Unknown extends Error {
  override name = 'Unknown';
}

export const isError = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

export function parseA1(ref: string): { row: number; col: number } {
  if (!CELL.test(ref)) throw new Unknown(`not a cell: ${ref}`);
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref)!;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function scalar(v: Value): Scalar {
  if (v !== null && typeof v === 'object' && 'range' in v) {
    // A range where one value is expected: Excel's implicit intersection is not modelled; a single cell is fine.
    if (v.range.length === 1) return v.range[0];
    throw new Unknown('a range where a value is expected');
  }
  return v;
}

export function toNumber(v: Scalar): number | { error: string } {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v.replace(/,/g, '').trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : { error: '#VALUE!' };
}

export function text(v: Scalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error; // as Excel shows it (#VALUE!), not "[object Object]"
  return String(v);
}

export function arithmetic(op: string, a: Value, b: Value): Scalar {
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

export function compare(op: string, a: Scalar, b: Scalar): Scalar {
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
export function roundTo(x: number, digits: number, mode: 'ROUND' | 'ROUNDUP' | 'ROUNDDOWN'): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === 'ROUND' ? Math.round(scaled) : mode === 'ROUNDUP' ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(x) * r) / f;
}

export function toRaw(v: Scalar): RawValue {
  if (isError(v)) return v.error;
  if (typeof v === 'string') return v === '' ? null : v;
  return v;
}
