import type { Lang } from '../domain/findings';

/** 3380 → "3,380"; keeps up to `decimals` decimals (amounts in 千元 may have some). */
export function formatAmount(value: number, decimals = 3): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals });
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export function formatValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? formatAmount(value, 6) : value;
}

export function formatTime(date: Date, lang: Lang): string {
  return date.toLocaleTimeString(lang === 'en' ? 'en-US' : 'zh-TW', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** How a cell is named in the pane: 經費預算表!B9 (quoted like Excel when the sheet name needs it). */
export function cellRef(sheet: string | null, cell: string | null): string | null {
  if (!sheet) return null;
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return cell ? `${name}!${cell}` : name;
}

/** A cell's content as the dialogs list it: numbers as accountants read them (4,000, not 4000); text and formulas as they are. */
export function formatCellText(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) ? formatAmount(Number(text), 6) : text;
}
