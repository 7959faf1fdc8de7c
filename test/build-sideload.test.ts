// `npm start` / `npm stop` on a machine without desktop Excel must explain how to use Excel on the web instead of
// failing inside office-addin-debugging.
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error scripts/sideload.js is plain JavaScript without type declarations
import { main } from '../scripts/sideload.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function captureStderr(run: () => number): { code: number; text: string } {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
  try {
    return { code: run(), text: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('npm start without desktop Excel', () => {
  it.each(['linux', 'freebsd'])('fails on %s with the steps to sideload into Excel on the web', (platform) => {
    const { code, text } = captureStderr(() => main(['start'], platform));
    expect(code).toBe(1);
    expect(text).toContain(`platform: ${platform}`);
    expect(text).toContain('npm run dev-server');
    expect(text).toContain('https://localhost:3000');
    expect(text).toMatch(/Insert → Add-ins → Upload My Add-in/);
    expect(text).toContain('manifest.xml');
  });

  it('is what `npm start` runs, and exits non-zero from the command line', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toBe('node scripts/sideload.js start');
    expect(scripts.stop).toBe('node scripts/sideload.js stop');
    // Pretend to be Linux whatever this machine is, so the test never launches a real Excel.
    const pretendLinux = 'data:text/javascript,Object.defineProperty(process,"platform",{value:"linux"})';
    const result = spawnSync(process.execPath, ['--import', pretendLinux, 'scripts/sideload.js', 'start'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Upload My Add-in/);
  });

  it('lets `npm stop` succeed with a note, since nothing was sideloaded', () => {
    const { code, text } = captureStderr(() => main(['stop'], 'linux'));
    expect(code).toBe(0);
    expect(text).toMatch(/Nothing to stop/);
  });

  it('rejects an unknown command', () => {
    const { code, text } = captureStderr(() => main(['restart'], 'linux'));
    expect(code).toBe(2);
    expect(text).toMatch(/usage/);
  });
});
