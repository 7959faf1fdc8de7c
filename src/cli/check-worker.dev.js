// Worker-thread entry for `check`: registers tsx (a worker does not inherit the launcher's loader), then runs the
// TypeScript worker that reads and checks one file at a time under the pool's time and memory bounds.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/check-worker.ts', import.meta.url).href);
