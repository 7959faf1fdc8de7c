import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 25 (4, 6) and 18 (3, 4): the report goes only to a regular file or to standard output. A link, a device, a FIFO
 * or one of the inputs is refused — even with --force — with a clear message and exit 2; a full disk is said in words
 * with exit 3 (the tool failed), never a stack trace; a pipe closed early ends quietly with the findings' status.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');
const clean = join(root, 'examples/clean-upgrade-10plus.xlsx');
const mistake = join(root, 'examples/mistake-gov-share-over-50.xlsx');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-output-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('output only to regular files', () => {
  it('refuses an input as the output, even with --force, and leaves the workbook whole', async () => {
    const input = join(dir, 'applicant.xlsx');
    await copyFile(clean, input);
    const before = await readFile(input);
    for (const format of ['xlsx', 'json', 'html']) {
      const r = await run(['check', '--format', format, '--output', input, '--force', '--lang', 'en', input], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is one of the files being checked');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // Spelled differently (./, a symbolic link to it): still the same file.
    const r = await run(['check', '--format', 'json', '--output', './applicant.xlsx', '--force', '--lang', 'en', input], dir);
    expect(r.code).toBe(2);
    expect(await readFile(input)).toEqual(before);
  });

  it('refuses a symbolic link, a device, a FIFO and a folder, even with --force', async () => {
    const real = join(dir, 'real.json');
    await writeFile(real, 'keep');
    const link = join(dir, 'link.json');
    await symlink(real, link);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const [target, words] of [
      [link, 'a symbolic link'],
      [fifo, 'a named pipe (FIFO)'],
      ['/dev/null', 'a character device'],
      [dir, 'a folder'],
    ] as const) {
      const r = await run(['check', '--format', 'json', '--output', target, '--force', '--lang', 'en', clean], dir);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(`is ${words}, not a regular file`);
    }
    expect(await readFile(real, 'utf8')).toBe('keep');
    expect((await stat(fifo)).isFIFO()).toBe(true);
    // template writes through the same gate.
    const t = await run(['template', '--program', 'upgrade-10plus', '--force', '--lang', 'en', link], dir);
    expect(t.code).toBe(2);
    expect(await readFile(real, 'utf8')).toBe('keep');
  });

  it('still replaces a regular report file with --force', async () => {
    const out = join(dir, 'report.json');
    await writeFile(out, 'old');
    const r = await run(['check', '--format', 'json', '--output', out, '--force', clean], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).files).toHaveLength(1);
  });
});

describe('standard output that fails', () => {
  it('a pipe closed by its reader ends quietly with the findings\' status, in every format', async () => {
    for (const format of ['text', 'json', 'md', 'html']) {
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, 'check', '--format', format, '--lang', 'en', clean, mistake], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
      });
      // A closed pipe (the reader went away): quiet, and the status the findings give (the second file has an error).
      expect(r.stderr, format).toBe('');
      expect(r.code, format).toBe(1);
    }
  });

  it('/dev/full: a clear message and exit 3, no stack trace', async () => {
    const out = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('/bin/sh', ['-c', `"${process.execPath}" "${bin}" check --format json --lang en "${clean}" > /dev/full`], (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
    expect(out.code).toBe(3);
    expect(out.stderr).toBe('subsidy-budget: cannot write to standard output: no space left on the device\n');
  });
});
