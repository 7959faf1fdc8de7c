import { foldWidth } from './money';
import type { ItemId, Program } from './programs/schema';
import { PROGRAMS } from './programs';

/**
 * Row-label matching. People type the official item names with variations: spaces, full-width characters, 及/或
 * swapped, a missing trailing 費, marks such as ※ or ＊, a leading number like "1." or "(一)". All of those map to the
 * official item; only what is left is an unknown item.
 */
export function normalizeLabel(label: string): string {
  let s = foldWidth(label).replace(/\s+/g, '');
  s = s.replace(/^[※*＊#•·●○◎★☆\-–—]+/, '');
  s = s.replace(/^(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]?\d+[)）、.．]|[(（]\d+[)）])/, '');
  s = s.replace(/^[※*＊]+/, '').replace(/[※*＊:：]+$/, '');
  s = s.replace(/或/g, '及');
  s = s.replace(/之/g, '');
  s = s.replace(/費$/, '');
  return s;
}

/** Every official item label across the known programs, by id. */
const OFFICIAL_LABELS: ReadonlyMap<ItemId, string> = new Map(
  PROGRAMS.flatMap((p) => p.items.map((i) => [i.id, i.label] as const)),
);

const NORMALIZED_TO_ID: ReadonlyMap<string, ItemId> = new Map(
  [...OFFICIAL_LABELS].map(([id, label]) => [normalizeLabel(label), id] as const),
);

/** The item a label names (whatever the program), or null. */
export function matchItem(label: string): ItemId | null {
  return NORMALIZED_TO_ID.get(normalizeLabel(label)) ?? null;
}

/** The program's item a label names, or null when the label is not one of that program's items. */
export function matchProgramItem(label: string, program: Program): Program['items'][number] | null {
  const id = matchItem(label);
  return id ? (program.items.find((i) => i.id === id) ?? null) : null;
}

export function isTotalLabel(label: string): boolean {
  const s = normalizeLabel(label);
  return s === '合計' || s === '總計' || s === '小計' || s === '總經費' || s === '合計(千元)';
}

export function isPercentLabel(label: string): boolean {
  const s = normalizeLabel(label).replace(/[()%％]/g, '');
  return s === '百分比' || s === '比例' || s === '占總經費比例' || s === '佔總經費比例';
}
