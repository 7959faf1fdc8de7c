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
process.exitCode = await cli.main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  progress: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
});
