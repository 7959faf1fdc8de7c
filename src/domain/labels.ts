import { foldWidth } from './money';
import { trimEndWhere, withoutBracketNotes } from './scan';
import type { ItemId } from './programs/schema';
import { PROGRAMS } from './programs';
import { ITEM_SYNONYMS } from './programs/synonyms';

/**
 * Row-label matching, in three steps: normalise what people type (width, spaces, numbering, marks, 之, a trailing
 * 費/費用, the separators 及 或 與 和 / 、, parenthetical notes such as (自籌)); look the result up among the official
 * labels and the synonyms (data in programs/synonyms.ts, each with its reason); then a bounded near-match for typos.
 * Only what is left is an unknown item.
 */

const TIDY_CACHE = new Map<string, string>();
const TIDY_CACHE_SIZE = 4096;

/**
 * Width, spaces, leading numbering and marks: the differences a reader does not see as another wording. Remembered by
 * label: locating a table, building its model and every rule ask again for the same few dozen labels (profiled as
 * the largest share of checking a file after formula tokens).
 */
export function tidyLabel(label: string): string {
  let tidy = TIDY_CACHE.get(label);
  if (tidy === undefined) {
    if (TIDY_CACHE.size >= TIDY_CACHE_SIZE) TIDY_CACHE.clear();
    tidy = tidyOnce(label);
    TIDY_CACHE.set(label, tidy);
  }
  return tidy;
}

function tidyOnce(label: string): string {
  let s = foldWidth(label).replace(/\s+/g, '');
  s = s.replace(/^[※*#•·●○◎★☆\-–—]+/, '');
  s = s.replace(/^(?:[(]?[一二三四五六七八九十]+[)、.]|[(]?\d+(?:\.\d+)*[)、.]|[(]\d+[)]|[A-Za-z][.、)])/, '');
  s = trimEndWhere(s.replace(/^[※*]+/, ''), (ch) => ch === '※' || ch === '*' || ch === ':');
  return s;
}

/** The wording-level key of a label: tidied, notes in parentheses dropped, separators and suffixes folded. */
export function normalizeLabel(label: string): string {
  let s = tidyLabel(label);
  // Notes: 人事費(自籌), 人事費（僅自籌）, 無形資產引進費（含軟體授權、專利技術移轉及顧問費用）, 人事費[註2].
  const withoutNotes = withoutBracketNotes(s);
  if (withoutNotes !== '') s = withoutNotes;
  s = s.replace(/[及或與和/、&+]/g, '及');
  s = s.replace(/之/g, '');
  s = s.replace(/費用$/, '').replace(/費$/, '');
  return s;
}

/** How a label was read as an item: its own words, another wording of them, a synonym, or a near-match (a typo). */
export type LabelMatch =
  | { item: ItemId; how: 'official' | 'wording' }
  | { item: ItemId; how: 'synonym'; reason: string }
  | { item: ItemId; how: 'near'; distance: number };

/** Every official item label across the known programs, by id. */
const OFFICIAL_LABELS: ReadonlyMap<ItemId, string> = new Map(PROGRAMS.flatMap((p) => p.items.map((i) => [i.id, i.label] as const)));
const TIDY_TO_ID: ReadonlyMap<string, ItemId> = new Map([...OFFICIAL_LABELS].map(([id, label]) => [tidyLabel(label), id] as const));
const NORMALIZED_TO_ID: ReadonlyMap<string, ItemId> = new Map([...OFFICIAL_LABELS].map(([id, label]) => [normalizeLabel(label), id] as const));
const SYNONYMS: ReadonlyMap<string, { item: ItemId; reason: string }> = new Map(
  ITEM_SYNONYMS.map((s) => [normalizeLabel(s.label), { item: s.item, reason: s.reason }] as const),
);
/** Keys a near-match may land on: the official wordings and the synonyms. */
const NEAR_CANDIDATES: readonly [string, ItemId][] = [
  ...[...NORMALIZED_TO_ID].map(([key, id]) => [key, id] as [string, ItemId]),
  ...[...SYNONYMS].map(([key, s]) => [key, s.item] as [string, ItemId]),
];

/**
 * Edits allowed for a near-match: none below 4 characters (人事 vs 人力 are other words), 1 up to 7, 2 beyond — and the
 * best candidate must be unique, so a label between two items is unknown rather than guessed.
 */
function nearBudget(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/** How a label reads as an item (whatever the program), or null. */
export function readLabel(label: string): LabelMatch | null {
  const tidy = tidyLabel(label);
  if (tidy === '') return null;
  const official = TIDY_TO_ID.get(tidy);
  if (official) return { item: official, how: 'official' };
  const key = normalizeLabel(label);
  if (key === '' || isTotalKey(key) || isSubtotalLabel(label)) return null;
  const wording = NORMALIZED_TO_ID.get(key);
  if (wording) return { item: wording, how: 'wording' };
  const synonym = SYNONYMS.get(key);
  if (synonym) return { item: synonym.item, how: 'synonym', reason: synonym.reason };
  const budget = nearBudget([...key].length);
  if (budget === 0) return null;
  let best: { item: ItemId; distance: number } | null = null;
  let tie = false;
  for (const [candidate, item] of NEAR_CANDIDATES) {
    const distance = editDistance(key, candidate, budget);
    if (distance > budget) continue;
    if (!best || distance < best.distance) {
      best = { item, distance };
      tie = false;
    } else if (distance === best.distance && item !== best.item) tie = true;
  }
  return best && !tie ? { item: best.item, how: 'near', distance: best.distance } : null;
}

/** The item a label names (whatever the program), or null. */
export function matchItem(label: string): ItemId | null {
  return readLabel(label)?.item ?? null;
}

const isTotalKey = (s: string) => s === '合計' || s === '總計' || s === '總經費' || s === '經費合計' || s === '總額';

/** The grand total row's label: 合計, 總計, 總經費, 合計(千元). */
export function isTotalLabel(label: string): boolean {
  const s = tidyLabel(label);
  return isTotalKey(s) || isTotalKey(s.replace(/[(][^)]*元[)]$/, ''));
}

/** A subtotal's label: 小計 (also 小　計), 合計(一), 小計(二), 分項合計, 自籌款小計. */
export function isSubtotalLabel(label: string): boolean {
  const s = tidyLabel(label);
  return /小計/.test(s) && s.length <= 12 || /^(?:合計|總計)[(][一二三四五六七八九十\dA-Za-z]+[)]$/.test(s);
}

/**
 * A label written as a detail line under an item: indented (spaces, full-width spaces), numbered ((1) 1. ① 一、 (一)
 * a.), bulleted, or introduced by 其中. Whether the line names an item is decided elsewhere: a numbered item is an item.
 */
export function isDetailLabel(label: string): boolean {
  if (/^[ \t\u3000]+\S/.test(label)) return true;
  const s = foldWidth(label).trim();
  return /^(?:[(]\s*(?:\d+|[一二三四五六七八九十]+|[A-Za-z])\s*[)]|\d+(?:\.\d+)*\s*[.、)]|[\u2460-\u2473\u2474-\u249b\u3220-\u3229]|[一二三四五六七八九十]+\s*[、.]|[A-Za-z]\s*[.)、]|[-–—•·●○◎▪‧*※>]|其中)/.test(s);
}

export function isPercentLabel(label: string): boolean {
  const s = tidyLabel(label).replace(/[()%]/g, '');
  return s === '百分比' || s === '比例' || s === '占總經費比例' || s === '佔總經費比例';
}

/** Levenshtein distance over code points, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[y.length];
}
