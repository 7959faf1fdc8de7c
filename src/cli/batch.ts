import type { WorkbookCheck } from '../sheet/check';
import { performance } from 'node:perf_hooks';
import { summarize, type Finding, type Lang, type Severity } from '../domain/findings';
import type { Target } from '../domain/programs';
import { checkWorkbook } from '../sheet/check';
import type { WorkbookSnapshot } from '../sheet/grid';
import { tableExcerpt, type TableExcerpt } from '../sheet/excerpt';
import type { BudgetSummary } from '../domain/engine';
import { readWorkbookFile, UnreadableFileError, type ReadLimits } from '../xlsx/read';
import { CheckPool, type IsolationLimits } from './isolate';
import { boundReport } from './bounds';

/** One file's result, as the report formats print it. */
export interface FileReport {
  file: string;
  /** The program the file was checked against; null when the file could not be read and none was given. */
  program: string | null;
  /** How the program was decided: --program, the stored setting, the workbook's content, or the default. */
  programSource: WorkbookCheck['programSource'] | null;
  target: Target | null;
  findings: Finding[];
  /** Findings left out of `findings` to keep the report bounded (src/cli/bounds.ts); `summary` still counts them. */
  omittedFindings?: number;
  summary: Record<Severity, number>;
  /** The first budget table's totals in 千元; null when there is none or the file could not be read. */
  budget?: BudgetSummary | null;
  /** The first budget table as the sheet shows it, when the batch was asked for excerpts (HTML report). */
  excerpt?: TableExcerpt | null;
}

export interface BatchOptions {
  program?: string;
  target?: Target;
  lang: Lang;
  /** How many files are read at the same time. */
  concurrency?: number;
  /** Keep each file's budget table as shown (`FileReport.excerpt`), for reports that draw it. */
  excerpts?: boolean;
  /** How much of each file is read (size, rows, columns, inflated bytes). */
  limits?: Partial<ReadLimits>;
  /**
   * Read and check each file in a worker thread under these time and memory bounds, so a file that hangs or exhausts
   * memory is reported as unreadable while the others are still checked. Without it, files are checked in-process.
   */
  isolate?: IsolationLimits;
  /** Replaceable for tests (in-process only). */
  read?: (file: string) => Promise<WorkbookSnapshot>;
}

/** What a worker is asked to do: one file, with the options that decide its check. */
export interface FileJob {
  file: string;
  program?: string;
  target?: Target;
  lang: Lang;
  limits?: Partial<ReadLimits>;
  excerpts?: boolean;
}

/** One file's report and where its time went. */
export interface FileOutcome {
  report: FileReport;
  readMs: number;
  checkMs: number;
}

/** Where the time of a batch went, in milliseconds. */
export interface BatchTimings {
  files: number;
  wall: number;
  /** Time inside the (synchronous) rule check, summed over files. */
  check: number;
  /** Per-file read latencies summed; reads overlap, so this can exceed the wall time. */
  readLatencySum: number;
  /** How many files were in progress at a time. */
  workers: number;
}

/**
 * Checks files with bounded concurrency and hands each report to `onReport` in argument order, as soon as it and all
 * files before it are done, so a long batch prints progressively yet deterministically.
 */
export async function checkFiles(
  files: readonly string[],
  options: BatchOptions,
  onReport: (report: FileReport, index: number) => void,
): Promise<{ reports: FileReport[]; timings: BatchTimings }> {
  const start = performance.now();
  const read = options.read ?? ((file: string) => readWorkbookFile(file, options.limits));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const reports: (FileReport | undefined)[] = new Array(files.length);
  const timings: BatchTimings = { files: files.length, wall: 0, check: 0, readLatencySum: 0, workers: Math.min(concurrency, files.length) };
  let nextToStart = 0;
  let nextToEmit = 0;

  const emitReady = () => {
    while (nextToEmit < files.length && reports[nextToEmit]) {
      onReport(reports[nextToEmit]!, nextToEmit);
      nextToEmit++;
    }
  };

  const pool = options.isolate ? new CheckPool(options.isolate) : null;
  const processOne = async (index: number): Promise<FileReport> => {
    const job: FileJob = { file: files[index], program: options.program, target: options.target, lang: options.lang, limits: options.limits, excerpts: options.excerpts };
    const outcome = pool ? await pool.run(job) : await checkOneFile(job, read);
    timings.readLatencySum += outcome.readMs;
    timings.check += outcome.checkMs;
    return outcome.report;
  };

  const worker = async () => {
    while (nextToStart < files.length) {
      const index = nextToStart++;
      reports[index] = await processOne(index);
      emitReady();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  } finally {
    await pool?.close();
  }
  timings.wall = performance.now() - start;
  return { reports: reports as FileReport[], timings };
}

/** Reads and checks one file: in the CLI's process, or inside a pool worker. Never throws; failures are findings. */
export async function checkOneFile(
  job: FileJob,
  read: (file: string) => Promise<WorkbookSnapshot> = (file) => readWorkbookFile(file, job.limits),
): Promise<FileOutcome> {
  const readStart = performance.now();
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await read(job.file);
  } catch (error) {
    return { report: unreadableReport(job.file, error, job), readMs: performance.now() - readStart, checkMs: 0 };
  }
  const readMs = performance.now() - readStart;
  const checkStart = performance.now();
  let report: FileReport;
  try {
    const result = checkWorkbook(snapshot, { program: job.program, target: job.target, lang: job.lang });
    report = {
      file: job.file,
      program: result.program,
      programSource: result.programSource,
      target: result.target,
      findings: result.findings,
      summary: summarize(result.findings),
      budget: result.budget,
      ...(job.excerpts ? { excerpt: result.tables[0] ? tableExcerpt(snapshot, result.tables[0]) : null } : {}),
    };
  } catch (error) {
    // A bug in the checker must not hide the other files' results; this file is reported as not checked.
    report = unreadableReport(job.file, error, job, true);
  }
  // Bounded here, in the worker: no file's report can cost the batch its memory or another file's report.
  return { report: boundReport(report, job.lang), readMs, checkMs: performance.now() - checkStart };
}

export function unreadableReport(file: string, error: unknown, options: Pick<BatchOptions, 'program' | 'target' | 'lang'>, checkerFailed = false): FileReport {
  const en = options.lang === 'en';
  const reason =
    error instanceof UnreadableFileError
      ? error.reason(options.lang)
      : error instanceof Error
        ? error.message
        : String(error);
  const message = checkerFailed
    ? en
      ? `The file could not be checked: the checker failed (${reason}). Please report this with the file.`
      : `無法檢查此檔案：檢查程式發生錯誤（${reason}），請連同檔案回報。`
    : en
      ? `The file cannot be read: ${reason}.`
      : `無法讀取此檔案：${reason}。`;
  const findings: Finding[] = [
    {
      rule: 'unreadable-file',
      severity: 'error',
      sheet: null,
      cell: null,
      message,
      advice: checkerFailed
        ? undefined
        : en
          ? 'Check the path, and save the workbook from Excel as .xlsx (Excel Workbook, no password).'
          : '請確認路徑，並以 Excel 另存為 .xlsx（Excel 活頁簿，不設密碼）。',
    },
  ];
  return {
    file,
    program: options.program ?? null,
    programSource: options.program ? 'option' : null,
    target: options.target ?? null,
    findings,
    summary: summarize(findings),
    budget: null,
  };
}
