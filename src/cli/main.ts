import { availableParallelism } from 'node:os';
import type { Lang } from '../domain/findings';
import { getProgram, PROGRAM_IDS } from '../domain/programs';
import { buildTemplatePlan } from '../sheet/template';
import { buildConsortiumTemplatePlan, consortiumRefusal } from '../sheet/consortium-template';
import type { Plan } from '../sheet/plan';
import { writeWorkbookFile } from '../xlsx/apply';
import { DEFAULT_FILE_BOUNDS, parseCommand, type CheckCommand, type TemplateCommand } from './args';
import { guessLang, parseCommandOptions, UsageError } from './options';
import { addPrograms } from '../domain/programs';
import { formatPrograms, PROGRAMS_ENV, readProgramFolder, takeProgramsOption } from './programs';
import { checkFiles, type BatchTimings } from './batch';
import { runMaximize } from './maximize';
import { DIFF_USAGE, runDiff } from './diff';
import { emitReport, failsOn } from './reports';
import { progressLine } from './progress';
import { outputRefusal, writeFailure } from './output';
import { EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { processIo } from './process-io';
import type { Io } from './io';
import { ansiStyle, formatFileText, formatJson, formatMarkdown, formatSummaryText, plainStyle } from './format';

export { EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE };

/**
 * The CLI as a process (bin/subsidy-budget.js): standard streams that survive closed pipes and full disks, and an
 * unexpected error said in one line with EXIT_FAILURE instead of a stack trace and 1 ("findings").
 */
export async function runProcess(argv: readonly string[]): Promise<number> {
  const lang = guessLang(argv);
  const { io, status } = processIo(lang);
  try {
    return status(await main(argv, io));
  } catch (error) {
    io.stderr(`subsidy-budget: ${lang === 'en' ? 'internal error' : '內部錯誤'}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

export function usage(lang: Lang): string {
  const programs = PROGRAM_IDS.join(' | ');
  return lang === 'en'
    ? `Usage:
  subsidy-budget check [--program <id>] [--target lowcarbon|smart] [--format text|json|md|html|xlsx] [--output <file>]
                       [--fail-on error|warning] [--lang zh-TW|en] <file.xlsx>...
  subsidy-budget template --program <id> [--members <n>] [--lang zh-TW|en] [--force] <out.xlsx>
  subsidy-budget maximize [--program <id>] [--format text|json] [--lang zh-TW|en] <file.xlsx>...
  ${DIFF_USAGE.en}
  subsidy-budget programs [--format text|json] [--lang zh-TW|en]
  Any command: --programs <folder> adds the program files (*.json) of a folder (see docs/program.schema.json).

check     checks the 經費預算表 of each workbook against the program's rules.
          Exit status: 0 no file has an error, 1 some file has an error, 2 bad usage,
          3 the tool failed (the report could not be written).
          --program   ${programs}
                      (default: read from the workbook, else upgrade-10plus)
          --target    the application's 補助標的 (default: read from the workbook)
          --format    text (default), json (one JSON document), md (a Markdown report),
                      html (one self-contained report file), xlsx (a workbook; needs --output)
          --output    write the report to this file (--force replaces an existing one; never an input,
                      a link, a device or a FIFO)
          --fail-on   error (default) or warning: which findings make the exit status 1
          --timings   print where the time went to stderr
          --max-file-mb     larger files are not read (default ${DEFAULT_FILE_BOUNDS.maxFileMb})
          --file-timeout    seconds one file may take to read and check (default ${DEFAULT_FILE_BOUNDS.timeoutSeconds})
          --max-memory-mb   memory (JavaScript heap) one file may use (default ${DEFAULT_FILE_BOUNDS.memoryMb})
template  writes the blank official 經費預算表 of a program to a new .xlsx file (--force replaces an existing file).
maximize  the largest legal subsidy of each budget with its item totals kept (only who pays changes), the limit that
          binds, and the subsidy / self-funding per item, in NT$ thousand. Exit status 1 when a file has no answer.
programs  every program the checker knows, with its limits and the brochure each comes from.
diff      a resubmission against the original: the items whose amounts changed, the totals and share, and which
          findings were fixed, remain or are new. Exit status 1 when the resubmission still has an error.
`
    : `用法：
  subsidy-budget check [--program <id>] [--target lowcarbon|smart] [--format text|json|md|html|xlsx] [--output <檔案>]
                       [--fail-on error|warning] [--lang zh-TW|en] <檔案.xlsx>...
  subsidy-budget template --program <id> [--members <n>] [--lang zh-TW|en] [--force] <輸出.xlsx>
  subsidy-budget maximize [--program <id>] [--format text|json] [--lang zh-TW|en] <檔案.xlsx>...
  ${DIFF_USAGE['zh-TW']}
  subsidy-budget programs [--format text|json] [--lang zh-TW|en]
  任一指令：--programs <資料夾> 加入資料夾中的計畫檔（*.json，格式見 docs/program.schema.json）。

check     依計畫別規定檢查每個活頁簿的經費預算表。
          結束代碼：0 沒有檔案有錯誤，1 有檔案有錯誤，2 用法不正確，3 工具本身失敗（報告無法寫入）。
          --program   ${programs}
                      （預設：由活頁簿判斷，否則為 upgrade-10plus）
          --target    補助標的 lowcarbon（低碳化）或 smart（智慧化）（預設：由活頁簿判斷）
          --format    text（預設）、json（單一 JSON 文件）、md（Markdown 報告）、
                      html（單一離線報告檔）、xlsx（活頁簿；需 --output）
          --output    將報告寫入此檔（--force 可覆寫既有檔案；不會寫入輸入檔、連結、裝置或 FIFO）
          --fail-on   error（預設）或 warning：哪一級的問題使結束代碼為 1
          --timings   在 stderr 印出時間花在哪裡
          --max-file-mb     超過此大小（MB）的檔案不讀取（預設 ${DEFAULT_FILE_BOUNDS.maxFileMb}）
          --file-timeout    每個檔案讀取與檢查的時間上限，秒（預設 ${DEFAULT_FILE_BOUNDS.timeoutSeconds}）
          --max-memory-mb   每個檔案可用的記憶體上限，MB（預設 ${DEFAULT_FILE_BOUNDS.memoryMb}）
template  將計畫別的空白官方經費預算表寫成新的 .xlsx 檔（--force 可覆寫既有檔案）。
maximize  在各科目合計不變（只調整由誰出資）下，計算最大的合法補助款、受哪項上限限制，以及各科目的補助款／自籌款（千元）。
          有檔案無法計算時結束代碼為 1。
programs  列出所有已知計畫別，及各項上限與其出處。
diff      比較補件與原送件：金額有變動的科目、合計與補助比例，以及已修正、仍存在與新發現的問題。補件仍有錯誤時結束代碼為 1。
`;
}

/** Runs one command line; returns the exit status. Never calls process.exit, so it can run inside tests. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // --programs <folder> adds program files for this run (and its worker threads, through the environment).
  let restore: (() => void) | null = null;
  const envBefore = process.env[PROGRAMS_ENV];
  try {
    const taken = takeProgramsOption(argv);
    if (taken.folder !== null) {
      restore = addPrograms(readProgramFolder(taken.folder));
      process.env[PROGRAMS_ENV] = taken.folder;
    }
    return await runCommand(taken.argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const lang = guessLang(argv);
    io.stderr(`subsidy-budget: ${error.text(lang)}\n`);
    return EXIT_USAGE;
  } finally {
    restore?.();
    if (envBefore === undefined) delete process.env[PROGRAMS_ENV];
    else process.env[PROGRAMS_ENV] = envBefore;
  }
}

async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'programs') return runPrograms(argv.slice(1), io);
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const lang = guessLang(argv);
    io.stderr(`subsidy-budget: ${error.text(lang)}\n\n${usage(lang)}`);
    return EXIT_USAGE;
  }
  switch (command.command) {
    case 'help':
      io.stdout(usage(command.lang));
      return EXIT_OK;
    case 'check':
      return runCheck(command, io);
    case 'template':
      return runTemplate(command, io);
    case 'maximize':
      return runMaximize(command, io);
    case 'diff':
      return runDiff(command, io);
  }
}

/** `subsidy-budget programs [--format text|json] [--lang zh-TW|en]`: every known program with its limits and sources. */
function runPrograms(argv: readonly string[], io: Io): number {
  const options = parseCommandOptions(argv, ['text', 'json'] as const);
  if (options.help) {
    io.stdout(usage(options.lang));
    return EXIT_OK;
  }
  if (options.files.length > 0) throw new UsageError(`programs 不接受檔案：${options.files.join(' ')}`, `programs takes no files: ${options.files.join(' ')}`);
  io.stdout(formatPrograms(options.format, options.lang));
  return EXIT_OK;
}

async function runCheck(command: CheckCommand, io: Io): Promise<number> {
  const style = io.color ? ansiStyle : plainStyle;
  const formatStart = { ms: 0 };
  const timed = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    formatStart.ms += performance.now() - t0;
  };

  if (command.output !== undefined) {
    // Refused before any file is read: a batch of hundreds must not be checked only to find its report cannot be written.
    const refusal = outputRefusal(command.output, { force: command.force, inputs: command.files, lang: command.lang });
    if (refusal !== null) {
      io.stderr(`subsidy-budget: ${refusal}\n`);
      return EXIT_USAGE;
    }
  }
  const toStdoutText = command.format === 'text' && command.output === undefined;
  const progress = io.progress && !toStdoutText ? progressLine(command.files.length, io.stderr, command.lang) : null;
  const { bounds } = command;
  const { reports, timings } = await checkFiles(
    command.files,
    {
      program: command.program,
      target: command.target,
      lang: command.lang,
      excerpts: command.format === 'html',
      concurrency: Math.min(4, availableParallelism()),
      limits: { maxFileBytes: bounds.maxFileMb * 1024 * 1024 },
      isolate: { timeoutMs: bounds.timeoutSeconds * 1000, memoryMb: bounds.memoryMb },
    },
    (report, index) => {
      progress?.tick(index + 1);
      // Text is printed as each file (in argument order) is done, so a long batch shows progress.
      if (toStdoutText) timed(() => io.stdout(`${index > 0 ? '\n' : ''}${formatFileText(report, command.lang, style)}`));
    },
  );
  progress?.done();

  if (!toStdoutText && (command.output !== undefined || command.format === 'html' || command.format === 'xlsx')) {
    const failed = await emitReport(reports, command, io);
    if (failed) return EXIT_FAILURE;
  } else timed(() => {
    if (command.format === 'text') io.stdout(`\n${formatSummaryText(reports, command.lang, style)}`);
    else if (command.format === 'json') io.stdout(formatJson(reports));
    else io.stdout(formatMarkdown(reports, command.lang));
  });

  if (command.timings) io.stderr(timingReport(timings, formatStart.ms));
  return failsOn(reports, command.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Where the time went. Files are read and checked in parallel workers, so per-file times are summed over files and
 * shown with their share of the workers' busy time; the rest of the wall time is worker start-up and hand-over.
 */
export function timingReport(t: BatchTimings, formatMs: number): string {
  const busy = t.readLatencySum + t.check;
  const pct = (ms: number) => (busy > 0 ? `${((ms / busy) * 100).toFixed(1)}%` : '—');
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    `timings: ${t.files} files in ${ms(t.wall)} (${(t.wall / Math.max(1, t.files)).toFixed(1)} ms/file), ${t.workers} at a time`,
    `  reading files (I/O + unzip + XML parse): ${ms(t.readLatencySum)} ${pct(t.readLatencySum)} (summed over files)`,
    `  checking (locate + rules):               ${ms(t.check)} ${pct(t.check)} (summed over files)`,
    `  formatting output:                       ${ms(formatMs)}`,
    `  the rest (worker start-up, hand-over):   ${ms(Math.max(0, t.wall - formatMs - busy / Math.max(1, t.workers)))}`,
    '',
  ].join('\n');
}

async function runTemplate(command: TemplateCommand, io: Io): Promise<number> {
  const en = command.lang === 'en';
  const refusal = outputRefusal(command.out, { force: command.force, lang: command.lang });
  if (refusal !== null) {
    io.stderr(`subsidy-budget: ${refusal}\n`);
    return EXIT_USAGE;
  }
  const program = getProgram(command.program);
  const { members } = command;
  // A brochure that names no budget items gives no official rows to lay out; inventing them would mislead.
  const refused =
    program.items.length === 0
      ? en
        ? `no template for ${program.name.en} (${program.id}): its brochure names no budget items, so the official rows are not known. Check your own budget table with: subsidy-budget check --program ${program.id} <file>`
        : `無法產生「${program.name['zh-TW']}」（${program.id}）的範本：其簡章未列出經費項目，官方表格列不明。請以自己的經費預算表檢查：subsidy-budget check --program ${program.id} <檔案>`
      : members === undefined
        ? null
        : consortiumRefusal(program, members, command.lang);
  if (refused !== null) {
    io.stderr(`subsidy-budget: ${refused}\n`);
    return EXIT_USAGE;
  }
  // One applicant's table, or with --members a plan: a 總表 summing the companies by formula, then each company's table.
  let plan: Plan;
  let written: string;
  if (members === undefined) {
    const single = buildTemplatePlan(program, [], command.lang);
    plan = single.plan;
    written = en ? `the ${program.name.en} budget table (sheet "${single.sheet}")` : `「${program.name['zh-TW']}」經費預算表（工作表「${single.sheet}」）`;
  } else {
    const consortium = buildConsortiumTemplatePlan(program, members, command.lang);
    plan = consortium.plan;
    written = en ? `the ${program.name.en} plan (sheets ${consortium.sheets.join(', ')})` : `「${program.name['zh-TW']}」聯合計畫（工作表 ${consortium.sheets.join('、')}）`;
  }
  try {
    await writeWorkbookFile(plan, command.out);
  } catch (error) {
    io.stderr(`subsidy-budget: ${writeFailure(command.out, error, command.lang)}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(en ? `Wrote ${written} to ${command.out}\n` : `已將${written}寫入 ${command.out}\n`);
  return EXIT_OK;
}

