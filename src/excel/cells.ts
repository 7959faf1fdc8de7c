import type { RawValue } from '../domain/budget';

/**
 * Text as it must be written through `Range.values` so Excel keeps it as that text. Excel reads values like typing:
 * "=…" (and Lotus-style "+…", "-…", "@…") becomes a formula, "1,234" a number, "TRUE" a boolean. A leading apostrophe
 * makes Excel store the rest as text (the apostrophe is a prefix, not part of the value, and `values` reads back
 * without it), so such text gets one. Text that starts with an apostrophe itself gets a second one to keep it.
 */
export function textForValues(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

export function needsQuotePrefix(text: string): boolean {
  if (/^[=+\-@']/.test(text)) return true;
  if (/^(true|false)$/i.test(text.trim())) return true;
  // Anything made only of digits and number/date punctuation may be taken as a number, date or time.
  return /\d/.test(text) && /^[\s\d.,:/%$()+\-eE]*$/.test(text);
}

/**
 * Column width in characters (what people and ExcelJS use) → points (what Office.js `format.columnWidth` takes).
 * Excel's rule for the default Calibri 11 (maximum digit width 7 px): pixels = round(chars × 7) + 5 padding,
 * and 1 px = 0.75 pt; so 8.43 characters → 64 px → 48 pt.
 */
export function columnWidthPoints(characters: number): number {
  const pixels = Math.round(characters * 7) + 5;
  return pixels * 0.75;
}

/** A cell of `values`/`formulas` (Office gives "" for blank) → the snapshot's value and formula. */
export function snapshotCell(value: unknown, formula: unknown): { value: RawValue; formula: string | null } {
  const v: RawValue = value === '' || value === null || value === undefined ? null : (value as RawValue);
  // Office hands back a text constant through `formulas` unchanged, so a text cell holding "=…" (entered with an
  // apostrophe or formatted as text) shows the same string in both; a real formula shows its result in `values`.
  const isFormula = typeof formula === 'string' && formula.startsWith('=') && !(typeof value === 'string' && value === formula);
  return { value: v, formula: isFormula ? (formula as string) : null };
}

/** A rectangle of one value, the shape Office expects for `numberFormat`/`values` of a multi-cell range. */
export function filled<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}
