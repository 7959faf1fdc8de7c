/**
 * Reading benefit text as people type it: "120 公噸 CO2e；減碳 12 %", "由 10 人減為 6 人", "0.5 億元", "5,000萬元",
 * full-width digits and punctuation, "_____" placeholders, or the same spread over several cells. Pure: the sheet layer
 * hands in the cells' text with their addresses.
 */
import type { CellLoc } from '../findings';
import { divRoundHalfAway, foldWidth, fromNumber, parseDecimal, toDecimalString } from '../money';
import type { BenefitItemInput, BenefitQuantity, ImprovementMethod } from './input';
import {
  type BenefitItemDef,
  type BenefitSection,
  type BenefitSlot,
  type QuantityKind,
  BENEFIT_ITEMS,
  POSITIONAL_ORDER,
} from './items';

/** One cell's content on its way to the parser. */
export interface TextPiece {
  text: string;
  loc: CellLoc | null;
  /** Words that the column header gives every number in this cell ("基準" under a 基準值 header). */
  cue?: string;
}

/** A cell value as text: numbers exactly, percent-formatted numbers (0.12 shown as 12%) as "12 %". */
export function cellText(value: number | string | boolean | null, percentFormat = false): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const fixed = fromNumber(value);
    return percentFormat ? `${toDecimalString(fixed * 100n)} %` : toDecimalString(fixed);
  }
  return typeof value === 'boolean' ? '' : value;
}

/** Folds width, unifies CO2e spellings (so the 2 in CO2 is not a number), and blanks "_____" placeholders. */
export function normalizeBenefitText(text: string): string {
  return foldWidth(text)
    .replace(/CO\s*[2₂]\s*e?q?/gi, 'CO₂e')
    .replace(/_+/g, ' ')
    .replace(/\u00a0/g, ' ');
}

interface UnitRule {
  pattern: RegExp;
  kind: QuantityKind;
  /** Multiply by num/den to reach the official unit. */
  num: bigint;
  den: bigint;
  points?: boolean;
}

// Longest spellings first; matched right after the number (spaces allowed).
const UNITS: UnitRule[] = [
  { pattern: /^個?百分點/, kind: 'percent', num: 1n, den: 1n, points: true },
  { pattern: /^%/, kind: 'percent', num: 1n, den: 1n },
  { pattern: /^億(?:元)?/, kind: 'money', num: 1n, den: 1n },
  { pattern: /^萬元/, kind: 'money', num: 1n, den: 10_000n },
  { pattern: /^[千仟]元/, kind: 'money', num: 1n, den: 100_000n },
  { pattern: /^(?:元|NT\$)/i, kind: 'money', num: 1n, den: 100_000_000n },
  { pattern: /^萬\s*(?:度電?|kWh)/i, kind: 'energy', num: 10_000n, den: 1n },
  { pattern: /^(?:MWh|千度電?)/i, kind: 'energy', num: 1_000n, den: 1n },
  { pattern: /^(?:kWh|度電?)/i, kind: 'energy', num: 1n, den: 1n },
  { pattern: /^(?:公噸|噸|t)\s*(?:CO₂e)?(?![a-z])/i, kind: 'co2', num: 1n, den: 1n },
  { pattern: /^(?:公斤|kg)\s*(?:CO₂e)?/i, kind: 'co2', num: 1n, den: 1_000n },
  { pattern: /^CO₂e/, kind: 'co2', num: 1n, den: 1n },
  { pattern: /^(?:人|名|位)/, kind: 'people', num: 1n, den: 1n },
];

const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|\.\d+/g;

/** A quantity with the text between it and the previous quantity (its cue). */
export interface CuedQuantity extends BenefitQuantity {
  cueText: string;
}

/** Finds every number with its unit in the pieces, in reading order. */
export function extractQuantities(pieces: readonly TextPiece[]): CuedQuantity[] {
  let joined = '';
  const spans: { start: number; end: number; loc: CellLoc | null }[] = [];
  for (const piece of pieces) {
    const text = normalizeBenefitText(piece.text).trim();
    if (!text) continue;
    if (joined) joined += ' ';
    if (piece.cue) joined += `${piece.cue} `;
    const start = joined.length;
    joined += text;
    spans.push({ start, end: joined.length, loc: piece.loc });
  }
  const out: CuedQuantity[] = [];
  let previousEnd = 0;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(joined); m; m = NUMBER.exec(joined)) {
    const start = m.index;
    // A digit glued to letters ("A1", "ISO14064") is a name, not a quantity.
    if (start > 0 && /[A-Za-z]/.test(joined[start - 1])) continue;
    const numberText = m[0];
    let value = parseDecimal(numberText.replace(/,/g, ''));
    if (value === null) continue;
    const decimals = numberText.includes('.') ? numberText.split('.')[1].length : 0;
    let end = start + numberText.length;
    const rest = joined.slice(end);
    const space = /^\s*/.exec(rest)![0].length;
    let kind: QuantityKind | null = null;
    let points = false;
    let unitText = '';
    for (const unit of UNITS) {
      const u = unit.pattern.exec(rest.slice(space));
      if (!u) continue;
      kind = unit.kind;
      points = unit.points ?? false;
      unitText = u[0];
      value = divRoundHalfAway(value * unit.num, unit.den);
      end += space + u[0].length;
      break;
    }
    const span = spans.find((s) => start >= s.start && start < s.end);
    out.push({
      value,
      kind,
      stated: unitText ? `${numberText} ${unitText}` : numberText,
      decimals,
      loc: span?.loc ?? null,
      points,
      cueText: joined.slice(previousEnd, start),
    });
    previousEnd = end;
    NUMBER.lastIndex = end;
  }
  return out;
}

/** The end of the last match of `cue` in `text`, or -1. */
function lastCueEnd(cue: RegExp | undefined, text: string): number {
  if (!cue) return -1;
  const global = new RegExp(cue.source, cue.flags.includes('g') ? cue.flags : cue.flags + 'g');
  let end = -1;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    end = Math.max(end, m.index + m[0].length);
    if (m[0].length === 0) global.lastIndex++;
  }
  return end;
}

const fits = (q: BenefitQuantity, kind: QuantityKind) => q.kind === null || q.kind === kind;

/**
 * Assigns quantities to an item's blanks: first by the words just before each number (the nearest cue wins), then the
 * rest by position in the official order, a bare number taking the blank's unit.
 */
export function assignSlots(
  def: BenefitItemDef,
  quantities: readonly CuedQuantity[],
): { slots: Partial<Record<BenefitSlot, BenefitQuantity>>; extras: BenefitQuantity[] } {
  const slots: Partial<Record<BenefitSlot, BenefitQuantity>> = {};
  const used = new Set<number>();
  quantities.forEach((q, index) => {
    let best: { slot: BenefitSlot; end: number } | null = null;
    for (const s of def.slots) {
      if (slots[s.slot] || !fits(q, s.kind)) continue;
      const end = lastCueEnd(s.cue, q.cueText);
      if (end >= 0 && (!best || end > best.end)) best = { slot: s.slot, end };
    }
    if (best) {
      slots[best.slot] = withKind(q, def.slots.find((s) => s.slot === best.slot)!.kind);
      used.add(index);
    }
  });
  const order = POSITIONAL_ORDER[def.id] ?? def.slots.filter((s) => !s.cueOnly).map((s) => s.slot);
  for (const slot of order) {
    if (slots[slot]) continue;
    const kind = def.slots.find((s) => s.slot === slot)!.kind;
    const index = quantities.findIndex((q, i) => !used.has(i) && fits(q, kind));
    if (index < 0) continue;
    slots[slot] = withKind(quantities[index], kind);
    used.add(index);
  }
  const extras = quantities.filter((_, i) => !used.has(i)).map(stripCue);
  return { slots, extras };
}

function stripCue(q: CuedQuantity): BenefitQuantity {
  const { cueText: _cue, ...rest } = q;
  return rest;
}

/** A bare number takes the blank's kind, so "0.5" in a 億元 blank is 0.5 億元. */
function withKind(q: CuedQuantity, kind: QuantityKind): BenefitQuantity {
  return { ...stripCue(q), kind };
}

/** Label comparison form: folded width, no spaces, no numbering or marks, half-width brackets. */
export function normalizeBenefitLabel(label: string): string {
  return foldWidth(label)
    .replace(/\s+/g, '')
    .replace(/^[※*#•·●○◎★☆\-–—]+/, '')
    .replace(/^(?:[(（]?[一二三四五六七八九十]+[)）、.]|[(（]?\d+[)）、.]|[(（]\d+[)）])/, '')
    .replace(/[:：]+$/, '');
}

const LABEL_INDEX: ReadonlyMap<string, BenefitItemDef> = new Map(
  BENEFIT_ITEMS.flatMap((def) => [def.label, ...def.aliases].map((l) => [normalizeBenefitLabel(l), def] as const)),
);

/** The official item a 項目 label names, or null (a custom row). */
export function matchBenefitItem(label: string): BenefitItemDef | null {
  return LABEL_INDEX.get(normalizeBenefitLabel(label)) ?? null;
}

/** 相較提升 method named in the text: 百分點 → points, 相對/較原 → relative. */
export function detectMethod(text: string): ImprovementMethod | null {
  const s = normalizeBenefitText(text);
  if (/百分點/.test(s)) return 'points';
  if (/相對(?:提升|變化|成長|增加)|相對值|增幅/.test(s)) return 'relative';
  return null;
}

/** Reads one row: the label and its 效益 cells. */
export function readBenefitRow(
  label: string,
  labelLoc: CellLoc,
  section: BenefitSection,
  pieces: readonly TextPiece[],
  options: {
    effectCells?: readonly CellLoc[];
    /** Text of 說明/備註 cells: read for the 相較提升 method, never for numbers. */
    notes?: string;
  } = {},
): BenefitItemInput {
  const def = matchBenefitItem(label);
  const quantities = extractQuantities(pieces);
  const effectCells = options.effectCells ?? pieces.flatMap((p) => (p.loc ? [p.loc] : []));
  const text = pieces
    .map((p) => normalizeBenefitText(p.text).trim())
    .filter(Boolean)
    .join(' ');
  const { slots, extras } = def ? assignSlots(def, quantities) : { slots: {}, extras: quantities.map(stripCue) };
  return {
    id: def?.id ?? null,
    label,
    labelLoc,
    section,
    slots,
    extras,
    method: detectMethod(`${text} ${options.notes ?? ''}`),
    effectCells: [...effectCells],
    text,
  };
}

/** Filled: the row states at least one non-zero number (a 0 or an untouched "_____" claims nothing). */
export function isFilled(item: BenefitItemInput): boolean {
  return [...Object.values(item.slots), ...item.extras].some((q) => q !== undefined && q.value !== 0n);
}

/** Decimal text of a quantity's value in its official unit. */
export function quantityText(q: BenefitQuantity): string {
  return toDecimalString(q.value);
}

