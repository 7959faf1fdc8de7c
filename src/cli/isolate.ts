import { Worker } from 'node:worker_threads';
import { UnreadableFileError } from '../xlsx/read';
import { unreadableReport, type FileJob, type FileOutcome } from './check-one';

/** The bounds each file is read and checked under. */
export interface IsolationLimits {
  /** Wall time for one file, reading and checking, in milliseconds. */
  timeoutMs: number;
  /** The worker's JavaScript heap, in MB (V8's old generation; the file's own bytes are counted by --max-file-mb). */
  memoryMb: number;
}

/** The worker beside this module: bundled JavaScript in dist-cli, or the TypeScript sources through tsx's loader. */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './check-worker.dev.js' : './check-worker.js', import.meta.url);

/**
 * Worker threads that read and check one file at a time each. A worker that runs past the time bound is terminated, one
 * that runs out of heap dies on its own; either way that file becomes an `unreadable-file` finding saying why, a fresh
 * worker takes the next file, and the batch goes on. Workers are reused between files, so their start-up is paid once.
 */
export class CheckPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  constructor(private readonly limits: IsolationLimits) {}

  async run(job: FileJob): Promise<FileOutcome> {
    let worker: Worker;
    try {
      worker = this.idle.pop() ?? (await this.spawn());
    } catch (error) {
      return { report: unreadableReport(job.file, new UnreadableFileError(job.file, 'crashed', (error as Error).message), job), readMs: 0, checkMs: 0 };
    }
    // The clock starts once the worker is ready: its start-up (loading the checker) is not the file's time.
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: FileOutcome, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) this.idle.push(worker);
        else this.discard(worker);
        resolve(outcome);
      };
      const failed = (code: 'timeout' | 'memory' | 'crashed', detail: string): FileOutcome => ({
        report: unreadableReport(job.file, new UnreadableFileError(job.file, code, detail), job),
        readMs: performance.now() - started,
        checkMs: 0,
      });
      const onMessage = (outcome: FileOutcome) => finish(outcome, true);
      const onError = (error: Error & { code?: string }) =>
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? failed('memory', `${this.limits.memoryMb} MB`)
            : failed('crashed', error.message),
          false,
        );
      const onExit = (code: number) => finish(failed('crashed', `exit ${code}`), false);
      const timer = setTimeout(() => finish(failed('timeout', `${+(this.limits.timeoutMs / 1000).toFixed(2)} s`), false), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    });
  }

  /** Stops every worker; the batch is over. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  /** A new worker, once it has loaded the checker and said it is ready. */
  private spawn(): Promise<Worker> {
    const worker = new Worker(WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
      // The worker's output would interleave with the report; it prints nothing itself.
      stdout: true,
      stderr: true,
    });
    this.all.add(worker);
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        worker.off('message', onReady);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) {
          this.discard(worker);
          reject(error);
        } else resolve(worker);
      };
      const onReady = () => done();
      const onError = (error: Error) => done(error);
      const onExit = (code: number) => done(new Error(`the worker stopped while starting (exit ${code})`));
      worker.once('message', onReady);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  }

  private discard(worker: Worker): void {
    this.all.delete(worker);
    void worker.terminate();
  }
}
