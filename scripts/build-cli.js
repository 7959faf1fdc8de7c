// `npm run build:cli`: bundles the command-line checker into dist-cli/ with esbuild, so `bin/subsidy-budget.js` runs
// plain JavaScript — no TypeScript loader at start-up, in the npm package or in a clone. Two entries share chunks: the
// CLI (main.js) and the worker the batch checker runs files in (check-worker.js, found beside the code that starts it).
// ExcelJS is loaded only by the commands that write a workbook, so it is its own chunk and `--help` or `check` never
// parse it. The bundle is written beside dist-cli and swapped in, so a CLI running meanwhile never sees half a build.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-cli');
const staging = `${out}.${process.pid}.tmp`;
const started = performance.now();

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'check-worker': 'src/cli/check-worker.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // The bundled CommonJS packages (ExcelJS and what it uses) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __sbRequire } from 'node:module'; const require = __sbRequire(import.meta.url);" },
});

const old = `${out}.${process.pid}.old`;
if (existsSync(out)) renameSync(out, old);
renameSync(staging, out);
rmSync(old, { recursive: true, force: true });
if (!process.argv.includes('--quiet')) {
  console.error(`built dist-cli in ${(performance.now() - started).toFixed(0)} ms`);
}
