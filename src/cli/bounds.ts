import { SEVERITY_ORDER, type CellChange, type Finding, type Lang } from '../domain/findings';
import type { TableExcerpt } from '../sheet/excerpt';
import type { FileReport } from './file-report';

/**
 * How much of one file's report the batch keeps. A 30 KB workbook can repeat one 32,767-character shared string in
 * thousands of cells, and each finding quotes its cell: unbounded, one file's report outgrows the string a format can
 * build (`RangeError: Invalid string length`) or the CLI's heap, and costs every other file its report. So each report
 * is cut in its worker, before it reaches the batch: at most `findings` findings (the most severe kept), each string at
 * most `chars` characters, each list at most `items` entries, each cut said as "… and N more". The summary counts stay
 * whole, so the exit status and the totals still count every finding. About 1 MB per file at worst.
 */
export const REPORT_BOUNDS = { findings: 200, chars: 2_000, items: 100 } as const;

export type ReportBounds = { findings: number; chars: number; items: number };

/** "… and 31,000 more characters" / "…（另有 31,000 字）": what was cut, said where it was cut. */
export function moreText(n: number, what: 'characters' | 'findings' | 'cells', lang: Lang): string {
  const count = n.toLocaleString('en-US');
  if (lang === 'en') return `… and ${count} more ${what === 'characters' ? (n === 1 ? 'character' : 'characters') : what === 'cells' ? (n === 1 ? 'cell' : 'cells') : n === 1 ? 'finding' : 'findings'}`;
  return `…（另有 ${count} ${what === 'characters' ? '字' : what === 'cells' ? '格' : '項問題'}）`;
}

/** `text` cut to `max` characters (never inside a surrogate pair), with what was cut said at the end. */
export function capText(text: string, max: number, lang: Lang): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}${moreText(text.length - end, 'characters', lang)}`;
}

function capValue<T>(value: T, max: number, lang: Lang): T {
  return (typeof value === 'string' ? capText(value, max, lang) : value) as T;
}

function capChanges(changes: readonly CellChange[], max: number, lang: Lang): CellChange[] {
  return changes.map((c) => ({ ...c, sheet: capText(c.sheet, max, lang), from: capValue(c.from, max, lang), to: capValue(c.to, max, lang) }));
}

function capFinding(f: Finding, b: ReportBounds, lang: Lang): Finding {
  const out: Finding = { ...f, message: capText(f.message, b.chars, lang), sheet: f.sheet === null ? null : capText(f.sheet, b.chars, lang) };
  if (f.cell !== null) out.cell = capText(f.cell, b.chars, lang);
  if (f.advice !== undefined) out.advice = capText(f.advice, b.chars, lang);
  if (f.expected !== undefined) out.expected = capValue(f.expected, b.chars, lang);
  if (f.actual !== undefined) out.actual = capValue(f.actual, b.chars, lang);
  if (f.cells) out.cells = f.cells.length > b.items ? [...f.cells.slice(0, b.items), moreText(f.cells.length - b.items, 'cells', lang)] : f.cells;
  // A fix is data to apply: a cut one would be wrong, so a fix longer than the bound is left out (its advice stays).
  const tooLong = (changes: readonly CellChange[]) => changes.length > b.items;
  if (f.fix && tooLong(f.fix)) delete out.fix;
  else if (f.fix) out.fix = capChanges(f.fix, b.chars, lang);
  if (f.routes && f.routes.some((r) => tooLong(r.changes))) delete out.routes;
  else if (f.routes) out.routes = f.routes.map((r) => ({ ...r, advice: capText(r.advice, b.chars, lang), changes: capChanges(r.changes, b.chars, lang) }));
  return out;
}

function capExcerpt(excerpt: TableExcerpt, b: ReportBounds, lang: Lang): TableExcerpt {
  return { ...excerpt, sheet: capText(excerpt.sheet, b.chars, lang), cells: excerpt.cells.map((row) => row.map((c) => capText(c, b.chars, lang))) };
}

/**
 * One file's report within the bounds. The findings kept are the most severe (errors, then warnings, then notes), in
 * the checker's order; `omittedFindings` says how many were left out.
 */
export function boundReport(report: FileReport, lang: Lang, b: ReportBounds = REPORT_BOUNDS): FileReport {
  let findings = report.findings;
  let omitted = report.omittedFindings ?? 0;
  if (findings.length > b.findings) {
    const rank = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
    const keep = new Set(
      findings
        .map((f, i) => ({ f, i }))
        .sort((x, y) => rank(x.f) - rank(y.f) || x.i - y.i)
        .slice(0, b.findings)
        .map((x) => x.i),
    );
    omitted += findings.length - b.findings;
    findings = findings.filter((_, i) => keep.has(i));
  }
  return {
    ...report,
    findings: findings.map((f) => capFinding(f, b, lang)),
    ...(omitted > 0 ? { omittedFindings: omitted } : {}),
    ...(report.excerpt ? { excerpt: capExcerpt(report.excerpt, b, lang) } : {}),
  };
}
