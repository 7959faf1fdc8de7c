import { EXIT_FAILURE } from './exit-codes';
import type { Io } from './io';

/**
 * The CLI's standard streams, safe for pipes and full disks. `check *.xlsx | head` closes the pipe early: that is the
 * reader's choice, so the rest of the output is dropped quietly and the exit status stays the one the findings give.
 * Any other write error (`> /dev/full`: no space left) is said once on stderr, in words, and the status becomes
 * EXIT_FAILURE — never a stack trace, never 1, which means "findings".
 */
export function processIo(lang: 'zh-TW' | 'en', stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr) {
  let failure: NodeJS.ErrnoException | null = null;
  let closed = false;
  const write = (stream: NodeJS.WriteStream, text: string) => {
    if (stream === stdout && (closed || failure)) return;
    try {
      stream.write(text);
    } catch {
      // A destroyed stream throws synchronously on some Node versions; the 'error' handler below has said why.
    }
  };
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closed || failure) return;
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    failure = error;
    const reason = error.code === 'ENOSPC' ? (lang === 'en' ? 'no space left on the device' : '裝置空間不足') : error.message;
    write(stderr, lang === 'en' ? `subsidy-budget: cannot write to standard output: ${reason}\n` : `subsidy-budget: 無法寫入標準輸出：${reason}\n`);
    process.exitCode = EXIT_FAILURE;
  });
  // stderr closed too: nothing more can be said.
  stderr.on('error', () => {});
  const io: Io = {
    stdout: (text) => write(stdout, text),
    stderr: (text) => write(stderr, text),
    color: Boolean(stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    progress: Boolean(stderr.isTTY) && process.env.TERM !== 'dumb',
  };
  /** The exit status: the command's, unless standard output failed (a closed pipe is not a failure). */
  const status = (code: number) => (failure ? EXIT_FAILURE : code);
  return { io, status };
}
