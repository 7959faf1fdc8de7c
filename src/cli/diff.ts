import type { Finding, Lang } from '../domain/findings';
import { compareResubmission, type Amounts, type ItemChange, type Resubmission, type Totals } from '../domain/resubmission';
import type { WorkbookSnapshot } from '../sheet/grid';
import { parseCommandOptions, UsageError } from './options';
import { checkFiles } from './batch';
import type { FileReport } from './file-report';
import { cellReference, md, safeText } from './format';
import { escapeHtml } from './html';

/**
 * `subsidy-budget diff <old.xlsx> <new.xlsx>`: a resubmission (補件) against the original — item by item what changed,
 * the totals and share, and which findings were fixed, remain or are new.
 */

export type DiffFormat = 'text' | 'json' | 'md' | 'html';
const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'json', 'md', 'html'];

export interface DiffCommand {
  command: 'diff';
  old: string;
  new: string;
  program?: string;
  format: DiffFormat;
  lang: Lang;
}

export function parseDiff(argv: readonly string[]): DiffCommand | { command: 'help'; lang: Lang } {
  const options = parseCommandOptions(argv, DIFF_FORMATS);
  if (options.help) return { command: 'help', lang: options.lang };
  if (options.files.length !== 2) {
    throw new UsageError('diff 需要兩個檔案：原送件與補件後的 .xlsx', 'diff needs two files: the original and the resubmitted .xlsx');
  }
  const { lang, program, format, files } = options;
  return { command: 'diff', old: files[0], new: files[1], program, format, lang };
}

export interface DiffReport extends Resubmission {
  old: FileReport;
  new: FileReport;
}

export async function diffFiles(command: DiffCommand, read?: (file: string) => Promise<WorkbookSnapshot>): Promise<DiffReport> {
  const { reports } = await checkFiles([command.old, command.new], { program: command.program, lang: command.lang, read }, () => {});
  const [old, resubmitted] = reports;
  return { old, new: resubmitted, ...compareResubmission(old, resubmitted) };
}

/** The issue-12 contract: `{"version":1,"old","new","items":[…],"findings":{"fixed","remaining","new"}}`, plus totals. */
export function formatDiffJson(d: DiffReport): string {
  return `${JSON.stringify(
    {
      version: 1,
      old: d.old.file,
      new: d.new.file,
      program: { old: d.old.program, new: d.new.program },
      items: d.items,
      totals: d.totals,
      findings: d.findings,
    },
    null,
    2,
  )}\n`;
}

const DIFF_WORDS = {
  'zh-TW': {
    title: '補件差異',
    items: '科目變動（千元）',
    noItems: '各科目金額沒有變動',
    item: '科目',
    gov: '補助款',
    self: '自籌款',
    total: '總經費',
    share: '補助比例',
    before: '原送件',
    after: '補件',
    added: '新增',
    removed: '刪除',
    totals: '合計（千元）',
    noTable: '無經費預算表',
    fixed: '已修正',
    remaining: '仍存在',
    new: '新發現',
    programChanged: (a: string, b: string) => `計畫別不同：原送件 ${a}，補件 ${b}`,
  },
  en: {
    title: 'Resubmission diff',
    items: 'Items changed (NT$ thousand)',
    noItems: 'No item amounts changed',
    item: 'Item',
    gov: 'Subsidy',
    self: 'Self-funded',
    total: 'Total',
    share: 'Subsidy share',
    before: 'Original',
    after: 'Resubmitted',
    added: 'added',
    removed: 'removed',
    totals: 'Totals (NT$ thousand)',
    noTable: 'no budget table',
    fixed: 'Fixed',
    remaining: 'Remaining',
    new: 'New',
    programChanged: (a: string, b: string) => `Programs differ: original ${a}, resubmitted ${b}`,
  },
} as const;

const n = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(v);
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const arrow = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);

/** "240 → 0" per part, or the added / removed item's amounts. */
function itemCells(change: ItemChange, lang: Lang): { gov: string; self: string; note: string } {
  const w = DIFF_WORDS[lang];
  const side = (a: Amounts | null, part: keyof Amounts) => (a === null ? '0' : n(a[part]));
  return {
    gov: arrow(side(change.old, 'gov'), side(change.new, 'gov')),
    self: arrow(side(change.old, 'self'), side(change.new, 'self')),
    note: change.old === null ? w.added : change.new === null ? w.removed : '',
  };
}

function totalsCells(t: { old: Totals | null; new: Totals | null }, lang: Lang): [string, string][] {
  const w = DIFF_WORDS[lang];
  const get = (x: Totals | null, f: (x: Totals) => string) => (x === null ? w.noTable : f(x));
  const row = (label: string, f: (x: Totals) => string): [string, string] => [label, arrow(get(t.old, f), get(t.new, f))];
  return [row(w.gov, (x) => n(x.gov)), row(w.self, (x) => n(x.self)), row(w.total, (x) => n(x.total)), row(w.share, (x) => pct(x.share))];
}

const FINDING_GROUPS = ['fixed', 'remaining', 'new'] as const;

export function formatDiffText(d: DiffReport, lang: Lang): string {
  const w = DIFF_WORDS[lang];
  const colon = lang === 'en' ? ': ' : '：';
  const lines = [`${w.title}${colon}${safeText(d.old.file)} → ${safeText(d.new.file)}`];
  if (d.old.program !== d.new.program) lines.push(w.programChanged(String(d.old.program), String(d.new.program)));
  lines.push(`${w.items}${colon}`);
  if (d.items.length === 0) lines.push(`  ${w.noItems}`);
  for (const change of d.items) {
    const c = itemCells(change, lang);
    lines.push(`  ${safeText(change.label)}${c.note ? `（${c.note}）` : ''}${colon}${w.gov} ${c.gov}；${w.self} ${c.self}`);
  }
  lines.push(`${w.totals}${colon}${totalsCells(d.totals, lang).map(([k, v]) => `${k} ${v}`).join('；')}`);
  for (const group of FINDING_GROUPS) {
    const list = d.findings[group];
    lines.push(`${w[group]} (${list.length})`);
    for (const f of list) lines.push(`  ${safeText(cellReference(f, lang))}  ${safeText(f.message).replace(/\n/g, '\n    ')} [${f.rule}]`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatDiffMarkdown(d: DiffReport, lang: Lang): string {
  const w = DIFF_WORDS[lang];
  const out = [`# ${w.title}`, '', `${md(d.old.file)} → ${md(d.new.file)}`, ''];
  if (d.old.program !== d.new.program) out.push(md(w.programChanged(String(d.old.program), String(d.new.program))), '');
  out.push(`## ${w.items}`, '');
  if (d.items.length === 0) out.push(w.noItems, '');
  else {
    out.push(`| ${w.item} | ${w.gov} | ${w.self} | |`, '|---|--:|--:|---|');
    for (const change of d.items) {
      const c = itemCells(change, lang);
      out.push(`| ${md(change.label)} | ${c.gov} | ${c.self} | ${c.note} |`);
    }
    out.push('');
  }
  out.push(`## ${w.totals}`, '', `| | ${w.before} → ${w.after} |`, '|---|--:|', ...totalsCells(d.totals, lang).map(([k, v]) => `| ${k} | ${v} |`), '');
  for (const group of FINDING_GROUPS) {
    out.push(`## ${w[group]} (${d.findings[group].length})`, '');
    for (const f of d.findings[group]) out.push(`* ${md(cellReference(f, lang))} ${md(f.message)} (${md(f.rule)})`);
    if (d.findings[group].length > 0) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function formatDiffHtml(d: DiffReport, lang: Lang): string {
  const w = DIFF_WORDS[lang];
  const esc = escapeHtml;
  const findingRows = (list: readonly Finding[]) =>
    list.map((f) => `<li><code>${esc(cellReference(f, lang))}</code> ${esc(f.message)} <small>[${esc(f.rule)}]</small></li>`).join('');
  return [
    '<!doctype html>',
    `<html lang="${lang === 'en' ? 'en' : 'zh-Hant-TW'}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(w.title)}</title>`,
    '<style>body{font-family:"Noto Sans CJK TC","Microsoft JhengHei",system-ui,sans-serif;margin:1.5rem;font-size:14px}table{border-collapse:collapse}td,th{border-bottom:1px solid #d1d1d1;padding:.25rem .6rem;text-align:left}td.num{text-align:right}.fixed{color:#0e700e}.new{color:#c50f1f}</style>',
    `</head><body><h1>${esc(w.title)}</h1><p>${esc(d.old.file)} → ${esc(d.new.file)}</p>`,
    d.old.program !== d.new.program ? `<p>${esc(w.programChanged(String(d.old.program), String(d.new.program)))}</p>` : '',
    `<h2>${esc(w.items)}</h2>`,
    d.items.length === 0
      ? `<p>${esc(w.noItems)}</p>`
      : `<table><thead><tr><th>${esc(w.item)}</th><th>${esc(w.gov)}</th><th>${esc(w.self)}</th><th></th></tr></thead><tbody>${d.items
          .map((change) => {
            const c = itemCells(change, lang);
            return `<tr><td>${esc(change.label)}</td><td class="num">${c.gov}</td><td class="num">${c.self}</td><td>${c.note}</td></tr>`;
          })
          .join('')}</tbody></table>`,
    `<h2>${esc(w.totals)}</h2><table><tbody>${totalsCells(d.totals, lang)
      .map(([k, v]) => `<tr><th>${esc(k)}</th><td class="num">${esc(v)}</td></tr>`)
      .join('')}</tbody></table>`,
    ...FINDING_GROUPS.map((g) => `<h2 class="${g}">${esc(w[g])} (${d.findings[g].length})</h2><ul>${findingRows(d.findings[g])}</ul>`),
    '</body></html>',
    '',
  ].join('\n');
}

/** Runs `diff`; the exit status follows `check`: 1 when the resubmission still has an error. */
export async function runDiff(command: DiffCommand, io: { stdout: (text: string) => void }, read?: (file: string) => Promise<WorkbookSnapshot>): Promise<number> {
  const d = await diffFiles(command, read);
  const format = { text: formatDiffText, json: formatDiffJson, md: formatDiffMarkdown, html: formatDiffHtml }[command.format];
  io.stdout(format(d, command.lang));
  return d.new.summary.error > 0 ? 1 : 0;
}

/** Used by the help text. */
export const DIFF_USAGE = {
  en: 'subsidy-budget diff [--program <id>] [--format text|json|md|html] [--lang zh-TW|en] <old.xlsx> <new.xlsx>',
  'zh-TW': 'subsidy-budget diff [--program <id>] [--format text|json|md|html] [--lang zh-TW|en] <原送件.xlsx> <補件.xlsx>',
} as const;
