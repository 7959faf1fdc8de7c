import type { WorkbookCheck } from '../sheet/check';
import { SEVERITY_ORDER, type Finding, type Lang, type Severity } from '../domain/findings';
import { cellReference as sheetCell, formatNumber } from '../domain/a1';
import { findProgram } from '../domain/programs';
import type { FileReport } from './file-report';
import { moreText } from './bounds';

/** Terminal styling; identity functions when output is not a colour terminal. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(severity: Severity, s: string): string;
}

export const plainStyle: Style = { bold: (s) => s, dim: (s) => s, severity: (_sev, s) => s };

export const ansiStyle: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  severity: (severity, s) => `\x1b[${severity === 'error' ? 31 : severity === 'warning' ? 33 : 36}m${s}\x1b[39m`,
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const WORDS = {
  'zh-TW': {
    severity: { error: '錯誤', warning: '警告', info: '提示' } as Record<Severity, string>,
    program: '計畫別',
    target: '補助標的',
    targets: { lowcarbon: '低碳化', smart: '智慧化' },
    targetUnknown: '未註明',
    programUnknown: '（未判定）',
    storedSettings: '活頁簿儲存的設定',
    settingNames: { program: '計畫別', target: '補助標的', 'review-sheet': '審查意見工作表' },
    settingUse: { true: '已採用', false: '未採用，與活頁簿內容不符' },
    source: {
      option: '由 --program 指定',
      setting: '活頁簿中儲存的設定',
      workbook: '依活頁簿內容判斷',
      default: '活頁簿未註明，採預設',
    } satisfies Record<WorkbookCheck['programSource'], string>,
    expected: '應為',
    actual: '目前',
    fix: '修正',
    basis: '依據',
    workbook: '（整本活頁簿）',
    noFindings: '沒有發現問題',
    blank: '空白',
    counts: (s: Record<Severity, number>) => `錯誤 ${s.error}、警告 ${s.warning}、提示 ${s.info}`,
    total: (files: number, withErrors: number, s: Record<Severity, number>) =>
      `共 ${files} 個檔案，${withErrors} 個有錯誤；錯誤 ${s.error}、警告 ${s.warning}、提示 ${s.info}`,
    reportTitle: '經費預算表檢查報告',
    file: '檔案',
    severityHeader: '嚴重度',
    cell: '儲存格',
    rule: '規則',
    message: '說明',
    overview: '總覽',
  },
  en: {
    severity: { error: 'Error', warning: 'Warning', info: 'Info' } as Record<Severity, string>,
    program: 'Program',
    target: 'Target',
    targets: { lowcarbon: 'low-carbon', smart: 'smart manufacturing' },
    targetUnknown: 'not stated',
    programUnknown: '(not determined)',
    storedSettings: 'Stored settings',
    settingNames: { program: 'program', target: 'target', 'review-sheet': 'review sheet (left out of the check)' },
    settingUse: { true: 'followed', false: 'not followed: the workbook shows otherwise' },
    source: {
      option: 'given with --program',
      setting: 'stored in the workbook',
      workbook: 'recognised from the workbook',
      default: 'not stated in the workbook; default',
    } satisfies Record<WorkbookCheck['programSource'], string>,
    expected: 'Expected',
    actual: 'now',
    fix: 'Fix',
    basis: 'Rule',
    workbook: '(whole workbook)',
    noFindings: 'No findings',
    blank: 'blank',
    counts: (s: Record<Severity, number>) => `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`,
    total: (files: number, withErrors: number, s: Record<Severity, number>) =>
      `${plural(files, 'file')}, ${withErrors} with errors; ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`,
    reportTitle: 'Budget table check report',
    file: 'File',
    severityHeader: 'Severity',
    cell: 'Cell',
    rule: 'Rule',
    message: 'Message',
    overview: 'Overview',
  },
} as const;

/**
 * Workbook text and file names reach a terminal: control characters (ESC sequences that clear the screen or move the
 * cursor, C1 controls, bidirectional overrides that reorder what is shown) are replaced by a visible escape such as
 * "\x1B", so a file can neither hide a line nor print a fake verdict. Line breaks are kept for the caller to indent.
 */
export function safeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/**
 * "經費預算表!B9"; a sheet name with spaces or punctuation is quoted as Excel's Name Box expects. A finding in a text
 * document's table is placed in the document's words ("表 3 第 5 列第 2 欄") instead.
 */
export function cellReference(finding: Pick<Finding, 'sheet' | 'cell' | 'place'>, lang: Lang): string {
  if (finding.place) return finding.place;
  if (finding.sheet === null) return WORDS[lang].workbook;
  return sheetCell(finding.sheet, finding.cell);
}

export function formatValue(value: number | string | null | undefined, lang: Lang): string {
  if (value === null) return WORDS[lang].blank;
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  return value;
}

export function programLine(report: FileReport, lang: Lang): string {
  const w = WORDS[lang];
  const program = report.program ? findProgram(report.program) : undefined;
  const programText = program
    ? `${program.name[lang]} (${program.id}${report.programSource ? `, ${w.source[report.programSource]}` : ''})`
    : (report.program ?? w.programUnknown);
  const target = report.target ? w.targets[report.target] : w.targetUnknown;
  const colon = lang === 'en' ? ': ' : '：';
  const settings = settingsText(report, lang);
  return `${w.program}${colon}${programText}   ${w.target}${colon}${target}${settings ? `   ${settings}` : ''}`;
}

/**
 * The settings stored in the workbook that the check read (invisible in Excel), and whether each was followed:
 * "Stored settings: program upgrade-under10 (not followed: …)"; '' when there are none.
 */
export function settingsText(report: Pick<FileReport, 'settings'>, lang: Lang): string {
  if (!report.settings?.length) return '';
  const w = WORDS[lang];
  const colon = lang === 'en' ? ': ' : '：';
  const each = report.settings.map((s) => `${w.settingNames[s.setting]} ${s.value}${lang === 'en' ? ` (${w.settingUse[`${s.used}`]})` : `（${w.settingUse[`${s.used}`]}）`}`);
  return `${w.storedSettings}${colon}${each.join(lang === 'en' ? '; ' : '；')}`;
}

export function sortedBySeverity(findings: readonly Finding[]): [Severity, Finding[]][] {
  return SEVERITY_ORDER.map((sev) => [sev, findings.filter((f) => f.severity === sev)] as [Severity, Finding[]]).filter(
    ([, list]) => list.length > 0,
  );
}

/** One file's block for a terminal: header, findings grouped by severity with the cell address first, a count. */
export function formatFileText(report: FileReport, lang: Lang, style: Style = plainStyle): string {
  const w = WORDS[lang];
  const lines: string[] = [style.bold(safeText(report.file)), `  ${safeText(programLine(report, lang))}`];
  if (report.findings.length === 0) lines.push(`  ${w.noFindings}`);
  for (const [severity, findings] of sortedBySeverity(report.findings)) {
    lines.push(`  ${style.severity(severity, style.bold(`${w.severity[severity]} (${findings.length})`))}`);
    for (const f of findings) {
      const message = safeText(f.message).replace(/\r?\n/g, '\n      ');
      lines.push(`    ${style.severity(severity, safeText(cellReference(f, lang)))}  ${message} ${style.dim(`[${f.rule}]`)}`);
      const details: string[] = [];
      if (f.expected !== undefined) details.push(expectedText(f, lang));
      if (f.advice) details.push(`${w.fix}${lang === 'en' ? ': ' : '：'}${f.advice}`);
      for (const d of details) lines.push(`      ${safeText(d).replace(/\r?\n/g, '\n      ')}`);
      if (f.citation) lines.push(`      ${style.dim(safeText(`${w.basis}${lang === 'en' ? ': ' : '：'}「${f.citation.quote}」 (${f.citation.seed})`))}`);
    }
  }
  if (report.omittedFindings) lines.push(`    ${omittedText(report.omittedFindings, lang)}`);
  lines.push(`  ${w.counts(report.summary)}`);
  return `${lines.join('\n')}\n`;
}

export function formatSummaryText(reports: readonly FileReport[], lang: Lang, style: Style = plainStyle): string {
  const total = totals(reports);
  const withErrors = reports.filter((r) => r.summary.error > 0).length;
  return `${style.bold(WORDS[lang].total(reports.length, withErrors, total))}\n`;
}

/** The machine-readable report: exactly one JSON document (SPEC §6). */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(
    {
      version: 1,
      files: reports.map((r) => ({
        file: r.file,
        program: r.program,
        programSource: r.programSource,
        target: r.target,
        settings: r.settings ?? [],
        findings: r.findings,
        ...(r.omittedFindings ? { omittedFindings: r.omittedFindings } : {}),
        summary: r.summary,
      })),
    },
    null,
    2,
  )}\n`;
}

/** A Markdown report a reviewer can file: an overview table, then one table of findings per file. */
export function formatMarkdown(reports: readonly FileReport[], lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [`# ${w.reportTitle}`, '', `## ${w.overview}`, ''];
  out.push(`| ${w.file} | ${w.program} | ${w.severity.error} | ${w.severity.warning} | ${w.severity.info} |`);
  out.push('|---|---|--:|--:|--:|');
  for (const r of reports) {
    out.push(`| ${md(r.file)} | ${md(r.program ?? w.programUnknown)} | ${r.summary.error} | ${r.summary.warning} | ${r.summary.info} |`);
  }
  const total = totals(reports);
  out.push('', w.total(reports.length, reports.filter((r) => r.summary.error > 0).length, total), '');
  for (const r of reports) {
    out.push(`## ${md(r.file)}`, '', md(programLine(r, lang)), '');
    if (r.findings.length === 0) {
      out.push(w.noFindings, '');
      continue;
    }
    out.push(`| ${w.severityHeader} | ${w.cell} | ${w.message} | ${w.expected} | ${w.fix} | ${w.rule} |`);
    out.push('|---|---|---|---|---|---|');
    for (const [, findings] of sortedBySeverity(r.findings)) {
      for (const f of findings) {
        const expected = f.expected === undefined ? '' : expectedText(f, lang, false);
        const rule = f.citation ? `\`${f.rule}\`<br>「${f.citation.quote}」 (${f.citation.seed})` : `\`${f.rule}\``;
        out.push(
          `| ${w.severity[f.severity]} | ${mdCode(cellReference(f, lang))} | ${md(f.message)} | ${md(expected)} | ${md(f.advice ?? '')} | ${rule.replace(/\|/g, '\\|')} |`,
        );
      }
    }
    if (r.omittedFindings) out.push('', md(omittedText(r.omittedFindings, lang)));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The line under a report cut to its bound: how many findings are not listed (the counts include them). */
export function omittedText(n: number, lang: Lang): string {
  return lang === 'en'
    ? `${moreText(n, 'findings', lang)}, not listed to keep the report bounded (the counts include them)`
    : `${moreText(n, 'findings', lang)}，為使報告大小有上限而未列出（計數已包含）`;
}

/** "應為 3.6（目前 3.5）" / "Expected 3.6 (now 3.5)". */
export function expectedText(f: Finding, lang: Lang, withLabel = true): string {
  const w = WORDS[lang];
  const value = formatValue(f.expected, lang);
  // Text is quoted, so a number typed as text ("1,200") reads differently from the number 1,200 it should be.
  const actual =
    f.actual === undefined ? '' : typeof f.actual === 'string' ? (lang === 'en' ? `"${f.actual}" (text)` : `「${f.actual}」（文字）`) : formatValue(f.actual, lang);
  const now = f.actual === undefined ? '' : lang === 'en' ? ` (${w.actual} ${actual})` : `（${w.actual} ${actual}）`;
  return `${withLabel ? `${w.expected} ` : ''}${value}${now}`;
}

export function totals(reports: readonly FileReport[]): Record<Severity, number> {
  const total: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const sev of SEVERITY_ORDER) total[sev] += r.summary[sev];
  return total;
}

/**
 * Workbook text made inert inside a Markdown table cell: no control characters, no HTML (`<script>`, `<img onerror>`
 * are shown as text), no links or images (`[`, `]`), no code spans, and pipes and line breaks kept inside the cell.
 */
export function md(text: string): string {
  return safeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, '<br>');
}

/** A code span for a cell reference: a backtick in a sheet name cannot end it early, a pipe cannot end the cell. */
function mdCode(text: string): string {
  return `\`${safeText(text).replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}
