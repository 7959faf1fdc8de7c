/**
 * Start-up of the compiled CLI (`npm run bench`): `subsidy-budget --help` against `node -e 0`, alternated and measured
 * in this run, printed as a ratio so it means the same on any machine (goal ≤ 2×: the CLI adds at most one empty
 * Node start to Node's own).
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = 15;
const bin = fileURLToPath(new URL('../bin/subsidy-budget.js', import.meta.url));

function timed(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare: number[] = [];
const help: number[] = [];
timed(['-e', '0']);
timed([bin, '--help']);
for (let i = 0; i < RUNS; i++) {
  bare.push(timed(['-e', '0']));
  help.push(timed([bin, '--help']));
}
console.log(
  `start-up: subsidy-budget --help ${median(help).toFixed(0)} ms, node -e 0 ${median(bare).toFixed(0)} ms (medians of ${RUNS}): ${(median(help) / median(bare)).toFixed(2)}× (goal ≤ 2×)`,
);
