import { parentPort } from 'node:worker_threads';
import { checkOneFile, type FileJob } from './check-one';

/** Reads and checks the files the pool sends, one at a time; a file that hangs or eats memory costs only this thread. */
if (!parentPort) throw new Error('check-worker.ts runs only as a worker thread');
const port = parentPort;
port.on('message', async (job: FileJob) => {
  port.postMessage(await checkOneFile(job));
});
// The checker is loaded: the pool starts a file's clock only from here.
port.postMessage({ ready: true });
