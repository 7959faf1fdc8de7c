// A program office adds a program without code, as the README's steps say: copy a shipped file, change the id and the
// numbers, list it, check budgets with it; a bad file or one whose examples do not hold is refused with its name and
// field. The same validation stops a pane build (scripts/validate-programs.ts).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');
const data = join(root, 'src/domain/programs/data');
const dir = mkdtempSync(join(tmpdir(), 'sb-programs-'));

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}
const cli = (args: string[]) => run(bin, args);

/** Step 1–3 of the README: a copy of upgrade-10plus with its own id, a 2,000 千元 cap and examples that say so. */
function officeProgram(change: (file: Record<string, unknown>) => void = () => {}): string {
  const folder = mkdtempSync(join(dir, 'office-'));
  const file = JSON.parse(readFileSync(join(data, 'upgrade-10plus.json'), 'utf8')) as Record<string, unknown> & { limits: Record<string, unknown>[] };
  file.id = 'office-pilot';
  file.name = { 'zh-TW': '示範計畫（局處自訂）', en: 'Office pilot program' };
  file.recognize = [{ all: ['示範計畫'] }];
  const cap = file.limits.find((l) => l.rule === 'gov-cap')!;
  cap.right = { amount: 2000 };
  file.examples = [
    { name: 'under the new cap', rows: [['consumables', 1000, 1500]], fires: [] },
    { name: 'over the new cap', rows: [['consumables', 2100, 2200]], fires: ['gov-cap'] },
  ];
  change(file);
  writeFileSync(join(folder, 'pilot.json'), JSON.stringify(file, null, 2));
  return folder;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('programs as files a program office edits', () => {
  it('lists every shipped program with its limits and the brochure each comes from', async () => {
    const listed = await cli(['programs', '--format', 'json']);
    expect(listed.code).toBe(0);
    const { programs } = JSON.parse(listed.stdout) as { programs: { id: string }[] };
    const ids = programs.map((p) => p.id);
    expect(ids).toHaveLength(53);
    expect(ids).toEqual(expect.arrayContaining(['upgrade-10plus', 'sbir-phase1', 'citd-product', 'a-plus-frontier']));
    const text = await cli(['programs']);
    expect(text.stdout).toMatch(/sbir-phase1 .*\n\s+gov-cap\s+政府補助款 ≤ 1,000 千元/);
  });

  it('adds a program from a folder: listed with its new cap, and budgets are checked by it', async () => {
    const folder = officeProgram();
    const listed = await cli(['programs', '--programs', folder, '--lang', 'en']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/office-pilot .*\n(.*\n)*?\s+gov-cap\s+.*2,000/);
    // examples/clean-upgrade-10plus.xlsx asks for 3,900 千元: within 升級轉型's 5,000, over the pilot's 2,000.
    const shipped = await cli(['check', '--format', 'json', '--program', 'upgrade-10plus', 'examples/clean-upgrade-10plus.xlsx']);
    expect(shipped.code).toBe(0);
    const checked = await cli(['check', '--format', 'json', '--programs', folder, '--program', 'office-pilot', 'examples/clean-upgrade-10plus.xlsx']);
    expect(checked.code).toBe(1);
    const [file] = (JSON.parse(checked.stdout) as { files: { program: string; findings: { rule: string }[] }[] }).files;
    expect(file.program).toBe('office-pilot');
    expect(file.findings.map((f) => f.rule)).toContain('gov-cap');
  }, 60_000);

  it('refuses a malformed file, naming the file, the field and what is expected, before checking anything', async () => {
    const folder = officeProgram((file) => {
      (file.limits as Record<string, unknown>[]).find((l) => l.rule === 'gov-cap')!.right = { amount: 'two thousand' };
    });
    const refused = await cli(['check', '--programs', folder, '--lang', 'en', 'examples/clean-upgrade-10plus.xlsx']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pilot\.json/);
    // The field, and what it may be: one of the named quantities, or an amount that is a number.
    expect(refused.stderr).toMatch(/limits\[\d+\]\.right: expected one of: .*"total".*amount: .*expected number, received string/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file whose examples do not hold (the numbers changed, the examples not)', async () => {
    const folder = officeProgram((file) => {
      (file.examples as { fires: string[] }[])[1].fires = [];
    });
    const refused = await cli(['programs', '--programs', folder, '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/examples do not hold[\s\S]*office-pilot[\s\S]*over the new cap/);
  });

  it('stops a pane build on a bad bundled file, naming it (scripts/validate-programs.ts)', async () => {
    const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
    const script = join(root, 'scripts/validate-programs.ts');
    const good = await run(tsx, [script]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/53 program files valid/);
    const copy = join(dir, 'data-copy');
    mkdirSync(copy);
    cpSync(data, copy, { recursive: true });
    const broken = JSON.parse(readFileSync(join(copy, 'sbir-phase2.json'), 'utf8')) as Record<string, unknown>;
    delete broken.limits;
    writeFileSync(join(copy, 'sbir-phase2.json'), JSON.stringify(broken));
    const bad = await run(tsx, [script, copy]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/sbir-phase2\.json[\s\S]*limits/);
  }, 60_000);
});
