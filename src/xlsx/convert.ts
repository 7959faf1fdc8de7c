import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Old binary formats (.xls, .doc) converted by LibreOffice, when it is installed: `soffice --headless --convert-to`
 * on a copy of the file's bytes inside a private temporary folder (mode 0700, its own LibreOffice profile so it never
 * waits on a running LibreOffice), bounded in time, the folder removed afterwards. The original is never opened by
 * LibreOffice, let alone written. Never the npm `xlsx` package (unfixed read-side advisories in its 0.18.5).
 */

/** How long one conversion may take; LibreOffice starts in 2–3 s on a 2-core machine. */
export const CONVERSION_TIMEOUT_MS = 60_000;

/**
 * The soffice program: `SUBSIDY_BUDGET_SOFFICE` when set (an empty value turns conversion off), else `soffice` or
 * `libreoffice` found on PATH; null when there is none.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.SUBSIDY_BUDGET_SOFFICE;
  if (chosen !== undefined) return chosen === '' || !isExecutable(chosen) ? null : chosen;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class ConversionError extends Error {
  override name = 'ConversionError';
  constructor(
    message: string,
    readonly kind: 'no-converter' | 'failed' | 'timeout',
  ) {
    super(message);
  }
}

/** Converts `data` (an .xls or .doc) to .xlsx or .docx with LibreOffice and returns the converted bytes. */
export async function convertWithLibreOffice(
  data: Buffer,
  from: 'xls' | 'doc',
  options: { soffice?: string | null; timeoutMs?: number } = {},
): Promise<Buffer> {
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice) throw new ConversionError('LibreOffice (soffice) is not installed', 'no-converter');
  const to = from === 'xls' ? 'xlsx' : 'docx';
  const dir = await mkdtemp(join(tmpdir(), 'subsidy-budget-convert-'));
  try {
    const input = join(dir, `input.${from}`);
    const out = join(dir, 'out');
    await mkdir(out);
    await writeFile(input, data, { mode: 0o600 });
    const args = [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to, '--outdir', out, input];
    await run(soffice, args, options.timeoutMs ?? CONVERSION_TIMEOUT_MS);
    try {
      return await readFile(join(out, `input.${to}`));
    } catch {
      throw new ConversionError(`LibreOffice wrote no .${to}`, 'failed');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs soffice in its own process group, so a timeout ends it and the office process it starts. */
function run(program: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, HOME: process.env.HOME ?? tmpdir() } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new ConversionError(`LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s`, 'timeout'));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ConversionError(`LibreOffice could not be started (${error.message})`, 'failed'));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new ConversionError(`LibreOffice exited with status ${code}${stderr ? `: ${stderr.trim().slice(0, 200)}` : ''}`, 'failed'));
    });
  });
}
