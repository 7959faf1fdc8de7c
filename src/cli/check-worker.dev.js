// Worker-thread entry when the CLI runs from its TypeScript sources (tests, tsx): registers tsx (a worker does not
// inherit its parent's loader), then runs check-worker.ts. The compiled CLI (dist-cli) runs its bundled check-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
