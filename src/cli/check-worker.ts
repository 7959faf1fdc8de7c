import { parentPort } from 'node:worker_threads';
import { checkOneFile, type FileJob } from './check-one';
import { loadProgramsFromEnv } from './programs';

/** Reads and checks the files the pool sends, one at a time; a file that hangs or eats memory costs only this thread. */
if (!parentPort) throw new Error('check-worker.ts runs only as a worker thread');
const port = parentPort;
loadProgramsFromEnv(); // --programs <folder>: the same program files as the CLI's own process
port.on('message', async (job: FileJob) => {
  port.postMessage(await checkOneFile(job));
});
// The checker is loaded: the pool starts a file's clock only from here.
port.postMessage({ ready: true });
