import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global set-up: the CLI tests run bin/subsidy-budget.js, which runs the bundle in dist-cli, so it is built from
 * the current sources first (about a second) — a test never checks a stale build.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-cli.js', import.meta.url)), '--quiet'], { stdio: 'inherit' });
}
