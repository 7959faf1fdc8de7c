import { performance } from 'node:perf_hooks';
import type { Lang } from '../domain/findings';
import type { Target } from '../domain/programs';
import type { WorkbookSnapshot } from '../sheet/grid';
import { readWorkbookFile, type ReadLimits } from '../xlsx/read';
import { checkOneFile, type FileJob } from './check-one';
import type { FileReport } from './file-report';
import { CheckPool, type IsolationLimits } from './isolate';

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
