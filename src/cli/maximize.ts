import type { Lang } from '../domain/findings';
import { describeBinding, maximizeTable, withWan, type Binding } from '../domain/maximize';
import { type Fixed, formatAmount, toNumber } from '../domain/money';
import { getProgram } from '../domain/programs';
import { checkWorkbook } from '../sheet/check';
import type { WorkbookSnapshot } from '../sheet/grid';
import { locateBudgetTables } from '../sheet/locate';
import { readWorkbookFile, UnreadableFileError } from '../xlsx/read';
import { parseCommandOptions, UsageError } from './options';
import { safeText } from './format';

/**
 * `subsidy-budget maximize`: for each workbook, the largest legal subsidy with the budget's item totals kept, the limit
 * that binds, and the allocation per item — what the pane's "largest subsidy" preview shows, for reviewers and scripts.
 */

export interface MaximizeCommand {
  command: 'maximize';
  files: string[];
  program?: string;
  format: 'text' | 'json';
  lang: Lang;
}

export interface MaximizeItemReport {
  item: string;
  label: string;
  gov: number;
  self: number;
  total: number;
  /** An itemised item's detail lines (machines, contracts, people) with the subsidy each gets: the rows that change. */
  lines?: { label: string; cell: string | null; gov: number; self: number; total: number }[];
}

/** One file's answer; `error` instead of the figures when the file cannot be read or has no budget table. */
export type MaximizeReport =
  | {
      file: string;
      program: string;
      grandTotal: number;
      govTotal: number;
      currentGovTotal: number;
      binding: Binding;
      items: MaximizeItemReport[];
    }
  | { file: string; program: string | null; error: string };

export function parseMaximize(argv: readonly string[]): MaximizeCommand | { command: 'help'; lang: Lang } {
  const options = parseCommandOptions(argv, ['text', 'json'] as const);
  if (options.help) return { command: 'help', lang: options.lang };
  if (options.files.length === 0) {
    throw new UsageError('沒有要計算的檔案：請列出一個或多個 .xlsx 檔', 'no files: name one or more .xlsx files');
  }
  const { lang, program, format, files } = options;
  return { command: 'maximize', files, program, format, lang };
}

/** The answer for one workbook already read. */
export function maximizeWorkbook(file: string, snapshot: WorkbookSnapshot, options: { program?: string; lang: Lang }): MaximizeReport {
  const programId = checkWorkbook(snapshot, { program: options.program, lang: options.lang }).program;
  const table = locateBudgetTables(snapshot)[0];
  if (!table) {
    return { file, program: programId, error: options.lang === 'en' ? 'no budget table (經費預算表) found' : '找不到經費預算表' };
  }
  const program = getProgram(programId);
  const { maximized } = maximizeTable(table, program);
  const n = (f: Fixed) => toNumber(f);
  return {
    file,
    program: programId,
    grandTotal: n(maximized.grandTotal),
    govTotal: n(maximized.govTotal),
    currentGovTotal: n(maximized.currentGovTotal),
    binding: maximized.binding,
    items: maximized.items.map((i) => {
      const lines = i.rows.filter((r) => table.rows[r].detailOf);
      return {
        item: i.itemId,
        label: i.label,
        gov: n(i.gov),
        self: n(i.self),
        total: n(i.total),
        ...(lines.length > 0
          ? { lines: lines.map((r) => ({ label: String(table.rows[r].label.value ?? '').trim(), cell: table.rows[r].gov?.loc.cell ?? null, gov: n(maximized.rows[r].gov), self: n(maximized.rows[r].self), total: n(maximized.rows[r].total) })) }
          : {}),
      };
    }),
  };
}

export async function maximizeFiles(command: MaximizeCommand, read = readWorkbookFile): Promise<MaximizeReport[]> {
  const reports: MaximizeReport[] = [];
  for (const file of command.files) {
    try {
      reports.push(maximizeWorkbook(file, await read(file), command));
    } catch (error) {
      // One bad file never costs the others their answer.
      const reason = error instanceof UnreadableFileError ? error.reason(command.lang) : error instanceof Error ? error.message : String(error);
      reports.push({ file, program: command.program ?? null, error: reason });
    }
  }
  return reports;
}

export function formatMaximizeJson(reports: readonly MaximizeReport[]): string {
  return `${JSON.stringify({ version: 1, files: reports }, null, 2)}\n`;
}

/** Text for a terminal: file names, reasons and labels come from outside, so control characters (ESC, U+202E) are escaped. */
export function formatMaximizeText(report: MaximizeReport, lang: Lang): string {
  return safeText(maximizeText(report, lang));
}

function maximizeText(report: MaximizeReport, lang: Lang): string {
  const en = lang === 'en';
  if ('error' in report) return en ? `${report.file}: cannot compute: ${report.error}\n` : `${report.file}：無法計算：${report.error}\n`;
  const program = getProgram(report.program);
  const k = (v: number) => BigInt(Math.round(v * 1_000_000));
  const more = report.govTotal - report.currentGovTotal;
  const lines = [
    `${report.file} — ${program.name[lang]}`,
    en
      ? `  Largest legal subsidy: ${withWan(k(report.govTotal), lang)}, now ${formatAmount(k(report.currentGovTotal))}; bound by ${describeBinding(report.binding, program, lang)}`
      : `  最大合法補助款：${withWan(k(report.govTotal), lang)}，目前 ${formatAmount(k(report.currentGovTotal))} 千元；受「${describeBinding(report.binding, program, lang)}」限制`,
    more >= 0
      ? en
        ? `  The subsidy can grow by ${withWan(k(more), lang)}; the grand total stays ${formatAmount(k(report.grandTotal))} thousand.`
        : `  可再增加的補助款：${withWan(k(more), lang)}；總經費維持 ${formatAmount(k(report.grandTotal))} 千元。`
      : en
        ? `  The subsidy must come down by ${withWan(k(-more), lang)} to be legal; the grand total stays ${formatAmount(k(report.grandTotal))} thousand.`
        : `  補助款須減少 ${withWan(k(-more), lang)}才符合規定；總經費維持 ${formatAmount(k(report.grandTotal))} 千元。`,
    en ? '  item: subsidy / self-funded / total (thousand)' : '  科目：補助款／自籌款／合計（千元）',
    ...report.items.flatMap((i) => [
      `  ${en ? (program.items.find((p) => p.id === i.item)?.en ?? i.label) : i.label}${en ? ': ' : '：'}${formatAmount(k(i.gov))}／${formatAmount(k(i.self))}／${formatAmount(k(i.total))}`,
      // An itemised item's lines, each with the subsidy it gets and its cell.
      ...(i.lines ?? []).map((l) => `    ${l.label}${l.cell ? ` (${l.cell})` : ''}${en ? ': ' : '：'}${formatAmount(k(l.gov))}／${formatAmount(k(l.self))}／${formatAmount(k(l.total))}`),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs `maximize`; returns the exit status: 0 when every file has an answer, 1 when some could not be computed. */
export async function runMaximize(
  command: MaximizeCommand,
  io: { stdout: (text: string) => void },
  read?: (file: string) => Promise<WorkbookSnapshot>,
): Promise<number> {
  const reports = await maximizeFiles(command, read);
  if (command.format === 'json') io.stdout(formatMaximizeJson(reports));
  else io.stdout(reports.map((r) => formatMaximizeText(r, command.lang)).join('\n'));
  return reports.some((r) => 'error' in r) ? 1 : 0;
}
