import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a reviewer installs it without the repository: `npm pack`, then `npm install -g` of the tarball into
 * a fresh prefix, then `subsidy-budget` run from an unrelated folder. Nothing from the repository's node_modules can
 * help it there, so this also shows the bundle needs no TypeScript loader and no dependency.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
let prefix: string;
let installed: string;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-package-'));
  prefix = join(work, 'prefix');
  // --ignore-scripts: prepack would rebuild dist-cli, which the global set-up has just built from these sources, while
  // other test files may be running it.
  const packed = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], root);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(work, packed.stdout.trim().split('\n').pop()!);
  const install = await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
  expect(install.code, install.stderr).toBe(0);
  installed = join(prefix, 'lib', 'node_modules', 'subsidy-budget');
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm pack → npm install -g ./subsidy-budget-*.tgz', () => {
  it('installs compiled JavaScript only, with no dependencies to fetch', async () => {
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
    const files = (await readdir(installed, { recursive: true })).map(String);
    expect(files).toContain(join('dist-cli', 'main.js'));
    expect(files).toContain(join('dist-cli', 'check-worker.js'));
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
  });

  it('checks a workbook from any folder: subsidy-budget check file.xlsx', { timeout: 60_000 }, async () => {
    const folder = join(work, 'submitted');
    await mkdir(folder);
    await copyFile(join(root, 'examples', 'mistake-gov-share-over-50.xlsx'), join(folder, 'application.xlsx'));
    await copyFile(join(root, 'examples', 'clean-upgrade-10plus.xlsx'), join(folder, 'clean.xlsx'));
    const path = `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`;

    const help = await run('subsidy-budget', ['--help', '--lang', 'en'], folder, { PATH: path });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('subsidy-budget check');

    // Two files, so the batch goes through its worker pool (the bundled worker entry) as a real check does.
    const check = await run('subsidy-budget', ['check', '--format', 'json', 'application.xlsx', 'clean.xlsx'], folder, { PATH: path });
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout) as { files: { file: string; findings: { rule: string }[]; summary: { error: number } }[] };
    expect(report.files.map((f) => f.file)).toEqual(['application.xlsx', 'clean.xlsx']);
    expect(report.files[0].findings.map((f) => f.rule)).toContain('gov-share');
    expect(report.files[1].summary.error).toBe(0);

    // A command that loads the ExcelJS chunk.
    const template = await run('subsidy-budget', ['template', '--program', 'upgrade-10plus', 'blank.xlsx'], folder, { PATH: path });
    expect(template.code, template.stderr).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(['application.xlsx', 'blank.xlsx', 'clean.xlsx']);
  });
});
