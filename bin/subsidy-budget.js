#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript sources run directly, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  progress: Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb',
});
