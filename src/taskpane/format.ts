import { cellReference, formatNumber } from '../domain/a1';
import type { Lang } from '../domain/findings';

/** 3380 → "3,380"; keeps up to `decimals` decimals (amounts in 千元 may have some). */
export function formatAmount(value: number, decimals = 3): string {
  return formatNumber(value, decimals);
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export function formatValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** How a cell is named in the pane: 經費預算表!B9 (quoted like Excel when the sheet name needs it). */
export function cellRef(sheet: string | null, cell: string | null): string | null {
  if (!sheet) return null;
  return cellReference(sheet, cell);
}

/** A cell's content as the dialogs list it: numbers as accountants read them (4,000, not 4000); text and formulas as they are. */
export function formatCellText(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) ? formatAmount(Number(text), 6) : text;
}

/** A program's name split into what it shares with its siblings and what tells it apart: "升級轉型 個案補助" + "製造業10人以上". */
function nameParts(name: string, lang: Lang): { base: string; qualifier: string } | null {
  const m = lang === 'en' ? /^(.+?)(?: \((.+)\)|, ([^,]+))$/.exec(name) : /^(.+?)\s*（(.+)）$/.exec(name);
  return m ? { base: m[1], qualifier: m[2] ?? m[3] } : null;
}

/**
 * The program as its select lists it: where programs share a name but for a qualifier (10人以上 / 9人以下, 上限150萬 /
 * 300萬), the qualifier comes first, so the difference shows even when a narrow pane cuts the label short.
 */
export function programOptionLabel(program: { name: Record<Lang, string> }, all: readonly { name: Record<Lang, string> }[], lang: Lang): string {
  const name = program.name[lang];
  const parts = nameParts(name, lang);
  if (!parts) return name;
  // Siblings share the base but for a bracketed detail: "Supply-chain (1+10), low-carbon" / "Supply-chain (1+4), smart …".
  const family = (base: string | undefined) => base?.replace(/\s*[（(][^）)]*[）)]/g, '');
  const siblings = all.filter((p) => p !== program && family(nameParts(p.name[lang], lang)?.base) === family(parts.base));
  if (siblings.length === 0) return name;
  if (lang !== 'en') return `${parts.qualifier}｜${parts.base}`;
  // English qualifiers often open alike ("manufacturers with 10+ staff" / "… 9 or fewer staff"): the words they share
  // go (the full name is the option's title), so the label opens with the difference.
  const words = parts.qualifier.split(' ');
  const others = siblings.map((p) => nameParts(p.name.en, 'en')!.qualifier.split(' '));
  let shared = 0;
  while (shared < words.length - 1 && others.every((o) => o[shared] === words[shared])) shared++;
  const distinct = words.slice(shared).join(' ');
  return `${distinct.charAt(0).toUpperCase()}${distinct.slice(1)} | ${parts.base}`;
}
