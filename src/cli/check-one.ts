import { performance } from 'node:perf_hooks';
import { finding, summarize, type Finding, type Lang } from '../domain/findings';
import type { Target } from '../domain/programs';
import { checkWorkbook } from '../sheet/check';
import { tableExcerpt } from '../sheet/excerpt';
import type { WorkbookSnapshot } from '../sheet/grid';
import { readWorkbookFile, UnreadableFileError, type ReadLimits } from '../xlsx/read';
import { boundReport } from './bounds';
import type { FileReport } from './file-report';

/** One file's job and report: what the batch and a pool worker share (the worker runs `checkOneFile`). */

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
      settings: result.settings,
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

export function unreadableReport(file: string, error: unknown, options: Pick<FileJob, 'program' | 'target' | 'lang'>, checkerFailed = false): FileReport {
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
    finding('unreadable-file', null, message, {
      advice: checkerFailed
        ? undefined
        : en
          ? 'Check the path, and save the workbook as .xlsx or .ods (the 計畫書 as .docx or .odt), with no password.'
          : '請確認路徑，並將活頁簿另存為 .xlsx 或 .ods（計畫書存為 .docx 或 .odt），不設密碼。',
    }),
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
