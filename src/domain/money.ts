/**
 * Exact decimal arithmetic for amounts and percentages.
 *
 * A `Fixed` is a bigint holding the value × 10^6. Amounts in 千元 then keep 0.001 元 precision, sums never drift, and
 * percentage checks compare exact rationals instead of binary floats (120/3380 must be judged as 3.5503…, not as
 * whatever 0.1 + 0.2 happens to produce).
 */
import { groupThousands } from './scan';
export type Fixed = bigint;

export const SCALE_DIGITS = 6;
export const SCALE = 1_000_000n;
export const ZERO: Fixed = 0n;

const FULL_WIDTH_OFFSET = 0xfee0;

/** Folds full-width ASCII (０-９, ，, ．, －, ＋, ％ …) and the ideographic space to their ASCII forms. */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Parses a plain decimal string ("-12.5", "3", ".5", "1e3") exactly; rounds beyond 6 decimals half away from zero. */
export function parseDecimal(text: string): Fixed | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const [, sign, intPart, fracPart = '', expPart] = m;
  if (intPart === '' && fracPart === '') return null;
  const digits = (intPart || '0') + fracPart;
  const pointShift = fracPart.length - (expPart ? Number(expPart) : 0); // value = digits × 10^-pointShift
  if (!Number.isFinite(pointShift) || Math.abs(pointShift) > 400) return null;
  let value: bigint;
  if (pointShift <= SCALE_DIGITS) {
    value = BigInt(digits) * 10n ** BigInt(SCALE_DIGITS - pointShift);
  } else {
    const drop = pointShift - SCALE_DIGITS;
    const divisor = 10n ** BigInt(drop);
    const n = BigInt(digits);
    value = n / divisor;
    if ((n % divisor) * 2n >= divisor) value += 1n;
  }
  return sign === '-' ? -value : value;
}

/** Converts a JS number (as read from a spreadsheet) to Fixed using its shortest round-trip decimal form. */
export function fromNumber(n: number): Fixed {
  // Whole numbers (most amounts) need no decimal parsing: the same value, without a string and a regular expression.
  if (Number.isSafeInteger(n)) return BigInt(n) * SCALE;
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const parsed = parseDecimal(String(n));
  if (parsed === null) throw new RangeError(`cannot represent ${n}`);
  return parsed;
}

export function fromInt(n: number | bigint): Fixed {
  return BigInt(n) * SCALE;
}

export function toNumber(f: Fixed): number {
  // A whole value converts directly (both ways round to the nearest double); only fractions go through the decimal text.
  if (f % SCALE === ZERO) return Number(f / SCALE);
  return Number(toDecimalString(f));
}

/** Exact decimal text without trailing zeros: 1200000000n → "1200", 3550000n → "3.55". */
export function toDecimalString(f: Fixed): string {
  const negative = f < 0n;
  const abs = negative ? -f : f;
  const int = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + int.toString() + (frac ? '.' + frac : '');
}

export function sum(values: Iterable<Fixed>): Fixed {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export function abs(f: Fixed): Fixed {
  return f < 0n ? -f : f;
}

export function isWhole(f: Fixed): boolean {
  return f % SCALE === 0n;
}

/** Integer division rounded half away from zero, as Excel's ROUND does. */
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** Rounds to `decimals` places, half away from zero (Excel ROUND). */
export function round(f: Fixed, decimals: number): Fixed {
  if (decimals >= SCALE_DIGITS) return f;
  const unit = 10n ** BigInt(SCALE_DIGITS - decimals);
  return divRoundHalfAway(f, unit) * unit;
}

/** part ÷ whole × 100 as an exact Fixed (rounded at the 6th decimal); null when whole is 0. */
export function percentOf(part: Fixed, whole: Fixed): Fixed | null {
  if (whole === 0n) return null;
  return divRoundHalfAway(part * 100n * SCALE, whole);
}

/** part ÷ whole × 100 rounded to `decimals` places half away from zero, computed from the exact rational. */
export function roundedPercent(part: Fixed, whole: Fixed, decimals = 1): Fixed | null {
  if (whole === 0n) return null;
  const unit = 10n ** BigInt(decimals);
  const q = divRoundHalfAway(part * 100n * unit, whole);
  return q * (SCALE / unit);
}

/**
 * Compares |shown − part/whole×100| with `tolerance` exactly (no intermediate rounding).
 * Returns −1, 0 or 1 like a comparator: 1 means the distance is larger than the tolerance.
 */
export function comparePercentDistance(shown: Fixed, part: Fixed, whole: Fixed, tolerance: Fixed): -1 | 0 | 1 {
  // |shown·whole − 100·part·SCALE| versus tolerance·|whole|, all scaled by SCALE.
  const distance = abs(shown * whole - 100n * part * SCALE);
  const limit = tolerance * abs(whole);
  return distance > limit ? 1 : distance < limit ? -1 : 0;
}

/** An amount as a person reads it: whole numbers plain, fractions to two places ("1,200", "12.55"). */
export function formatAmount(f: Fixed): string {
  return format(f, isWhole(f) ? 0 : 2);
}

/** A limit as whole amounts a person may type: the largest whole number not above it ("1,663" for 1,663.5). */
export function formatLimit(f: Fixed): string {
  const floor = f >= 0n ? (f / SCALE) * SCALE : -((-f + SCALE - 1n) / SCALE) * SCALE;
  return format(floor, 0);
}

/** The smallest whole amount not below it ("9" for 8.57): an excess a person must remove. */
export function formatExcess(f: Fixed): string {
  const ceil = f <= 0n ? -((-f / SCALE) * SCALE) : ((f + SCALE - 1n) / SCALE) * SCALE;
  return format(ceil, 0);
}

/** Formats with thousands separators and a fixed number of decimals: 3380 → "3,380", 3.55 (1) → "3.6". */
export function format(f: Fixed, decimals = 0): string {
  const r = round(f, decimals);
  const negative = r < 0n;
  const a = negative ? -r : r;
  const int = groupThousands((a / SCALE).toString());
  const frac = decimals > 0 ? '.' + (a % SCALE).toString().padStart(SCALE_DIGITS, '0').slice(0, decimals) : '';
  return (negative ? '-' : '') + int + frac;
}
