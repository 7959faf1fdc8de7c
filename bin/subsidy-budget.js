#!/usr/bin/env node
// Launcher: runs the compiled CLI in dist-cli (bundled JavaScript, built by `npm run build:cli`; the npm package ships
// it built, and npm run demo / check / template build it first).
let cli;
try {
  cli = await import('../dist-cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(`subsidy-budget: the compiled CLI is missing (${error.message.split('\n')[0]}).\nBuild it with: npm run build:cli\n`);
  process.exit(2);
}
// runProcess wires the standard streams (a closed pipe ends quietly; a full disk is said, exit 3).
process.exitCode = await cli.runProcess(process.argv.slice(2));
