/**
 * Validates the bundled program files before a pane build (webpack.config.js runs it): each file against the schema,
 * its example budgets against its own limits, and every file in src/domain/programs/data/ bundled exactly once. The pane
 * ships the files without zod, so this is where a bad one stops the build, naming the file, the field and what is
 * expected. Exit status 1 on any problem.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readProgramFolder } from '../src/cli/programs';
import { UsageError } from '../src/cli/options';
import { PROGRAM_FILES } from '../src/domain/programs';
import { SEED003_FILES } from '../src/domain/programs/seed003';

// Another folder may be named (the test breaks a copy); the bundled one by default.
const folder = process.argv[2] ?? fileURLToPath(new URL('../src/domain/programs/data', import.meta.url));

function problems(): string[] {
  try {
    readProgramFolder(folder);
  } catch (error) {
    return [error instanceof UsageError ? error.en : String(error)];
  }
  const bundled = [...PROGRAM_FILES, ...SEED003_FILES].map((f) => f.id);
  const onDisk = readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length));
  const out: string[] = [];
  for (const id of onDisk) if (!bundled.includes(id)) out.push(`${id}.json is in ${folder} but not bundled (programs/index.ts or seed003.ts)`);
  for (const id of new Set(bundled)) {
    if (bundled.filter((b) => b === id).length > 1) out.push(`${id} is bundled twice`);
    if (!onDisk.includes(id)) out.push(`${id} is bundled but its file is not named ${id}.json`);
  }
  return out;
}

const found = problems();
if (found.length > 0) {
  process.stderr.write(`Program files (${folder}):\n${found.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${readdirSync(folder).filter((n) => n.endsWith('.json')).length} program files valid, their examples hold\n`);
