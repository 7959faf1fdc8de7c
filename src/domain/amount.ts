import type { RawValue } from './budget';
import { type Fixed, foldWidth, fromNumber, parseDecimal } from './money';

/** How an amount cell reads. */
export type ParsedAmount =
  | { kind: 'blank' }
  /** `fromText`: the cell holds text that reads as a number ("1,200", "１２００"), not a number. */
  | { kind: 'number'; value: Fixed; fromText: boolean }
  | { kind: 'invalid'; text: string };

/**
 * Reads an amount as people type it: numbers, numeric text with thousands separators (",", "，", "、" between digit
 * groups), full-width digits and punctuation, surrounding spaces, a trailing 千元/元/NT$ unit. Blank and "-" mean 0.
 */
export function parseAmount(value: RawValue): ParsedAmount {
  if (value === null) return { kind: 'blank' };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { kind: 'number', value: fromNumber(value), fromText: false } : { kind: 'invalid', text: String(value) };
  }
  if (typeof value === 'boolean') return { kind: 'invalid', text: value ? 'TRUE' : 'FALSE' };
  const text = value;
  const parsed = parseNumericText(text);
  if (parsed === 'blank') return { kind: 'blank' };
  if (parsed === null) return { kind: 'invalid', text };
  return { kind: 'number', value: parsed, fromText: true };
}

/** Numeric text → Fixed; 'blank' for empty or dash placeholders; null when it is not a number. */
export function parseNumericText(text: string): Fixed | 'blank' | null {
  let s = foldWidth(text).trim();
  if (s === '' || /^[-–—_]+$/.test(s)) return 'blank';
  s = s.replace(/^(?:NT\$|NTD|\$)\s*/i, '');
  // The unit at the end, then the space before it (not /\s*unit$/, which retries every run of spaces: quadratic).
  const unit = /(?:千元|仟元|元|NTD)$/i.exec(s);
  if (unit) s = s.slice(0, unit.index).trimEnd();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(/\s+/g, '');
  // Thousands separators only between digit groups of three, so "1,2" stays invalid.
  if (/[,，、]/.test(s)) {
    if (!/^[+-]?\d{1,3}(?:[,，、]\d{3})+(?:\.\d+)?$/.test(s)) return null;
    s = s.replace(/[,，、]/g, '');
  }
  const n = parseDecimal(s);
  if (n === null) return null;
  return negative ? -n : n;
}
