import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { AWAITING, CATEGORIES, type CorpusCase, type Expected } from './case';
import { CASES } from './cases';
import { applyChanges, type Change } from './recalc';
import { writeWorkbook } from './workbook';

/**
 * The corpus: realistic workbooks, each with a reviewer's conclusion, checked through the real command line
 * (`main`, exactly what bin/subsidy-budget.js runs: argument parsing, file reading, checking, JSON output, exit status),
 * and once more through the launcher in a child process.
 */

interface JsonFinding {
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  message: string;
  cells?: string[];
  routes?: { advice: string; changes: Change[] }[];
  fix?: Change[];
}
interface JsonFile {
  file: string;
  program: string | null;
  findings: JsonFinding[];
}

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
const fileOf = (c: CorpusCase) => join(dir, `${c.id}.xlsx`);

async function runCli(args: string[]): Promise<{ code: number; files: JsonFile[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', '--format', 'json', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
  });
  return { code, files: (JSON.parse(stdout) as { files: JsonFile[] }).files, stderr };
}

const where = (f: JsonFinding) => (f.cell === null ? null : `${f.sheet}!${f.cell}`);
const same = (f: JsonFinding, e: Expected) => f.rule === e.rule && f.severity === e.severity && where(f) === e.at;
const says = (f: JsonFinding, e: Expected) => (e.mentions ?? []).every((word) => f.message.includes(word));
const show = (f: JsonFinding) => `${f.severity} ${f.rule} @ ${where(f) ?? '(workbook)'}: ${f.message}`;

/** The reviewer's conclusion against the checker's report; returns the disagreements, in words. */
function disagreements(c: CorpusCase, code: number, file: JsonFile): string[] {
  const out: string[] = [];
  for (const e of c.expect.findings) {
    const found = file.findings.filter((f) => same(f, e));
    if (found.length === 0) out.push(`missed: ${e.severity} ${e.rule} @ ${e.at ?? '(workbook)'}`);
    else if (!found.some((f) => says(f, e))) out.push(`${show(found[0])} does not mention ${(e.mentions ?? []).join(', ')}`);
  }
  for (const f of file.findings) {
    if (f.severity === 'info') continue;
    if (!c.expect.findings.some((e) => same(f, e))) out.push(`not expected: ${show(f)}`);
  }
  for (const m of c.expect.mustNot ?? []) {
    const hit = file.findings.find((f) => f.rule === m.rule && (m.at === undefined || where(f) === m.at));
    if (hit) out.push(`must not fire: ${show(hit)}`);
  }
  if (file.program !== c.expect.program) out.push(`program: checked as ${file.program}, expected ${c.expect.program}`);
  if (code !== c.expect.exit) out.push(`exit status ${code}, expected ${c.expect.exit}`);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-corpus-'));
  for (const c of CASES) await writeFile(fileOf(c), await writeWorkbook(c.workbook));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the corpus itself', () => {
  it('has at least 40 workbooks with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });

  it('covers every category of issue 9, or names who is still building it', () => {
    const covered = new Set(CASES.map((c) => c.category));
    for (const category of CATEGORIES) {
      if (covered.has(category)) expect(AWAITING, `${category} has cases: remove it from AWAITING`).not.toHaveProperty(category);
      else expect(AWAITING, `no case for ${category}`).toHaveProperty(category);
    }
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s: the stated exit status follows from the stated errors', (_, c) => {
    expect(c.expect.exit).toBe(c.expect.findings.some((e) => e.severity === 'error') ? 1 : 0);
  });
});

describe('the checker agrees with the reviewer', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const run = await runCli([...(c.args ?? []), fileOf(c)]);
    expect(run.stderr).toBe('');
    expect(disagreements(c, run.code, run.files[0]), c.about).toEqual([]);
  });

  const withFixes = CASES.filter((c) => c.applyFixes);
  it.each(withFixes.map((c) => [c.id, c] as const))('%s: every route of every fix, applied and recalculated, clears its finding and adds no error', async (_, c) => {
    const before = (await runCli([...(c.args ?? []), fileOf(c)])).files[0].findings;
    const key = (f: JsonFinding) => `${f.rule}@${where(f)}`;
    const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(key));
    const problems: string[] = [];
    let routes = 0;
    for (const finding of before) {
      for (const route of finding.routes ?? (finding.fix ? [{ advice: '(fix)', changes: finding.fix }] : [])) {
        routes++;
        const file = join(dir, `${c.id}.fixed-${routes}.xlsx`);
        await writeFile(file, await writeWorkbook(applyChanges(c.workbook, route.changes)));
        const after = (await runCli([...(c.args ?? []), file])).files[0].findings;
        // The same slip: same rule and sheet, a cell in common (a finding listing cells may be led by another one).
        const same = (f: JsonFinding) => f.rule === finding.rule && f.sheet === finding.sheet && (f.cells ?? [f.cell]).some((c) => (finding.cells ?? [finding.cell]).includes(c));
        if (after.some(same)) problems.push(`${key(finding)} "${route.advice}" does not clear it`);
        // No new error of any kind, workbook-level rules included: a 基本資料 typed by hand follows the fix.
        for (const f of after) {
          if (f.severity === 'error' && !errorsBefore.has(key(f))) problems.push(`${key(finding)} "${route.advice}" adds ${show(f)}`);
        }
      }
    }
    expect(routes, 'the case has fixes to apply').toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the launcher in a child process reports the same for the whole corpus in one batch', async () => {
    const plain = CASES.filter((c) => !c.args?.length);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(root, 'bin/subsidy-budget.js'), 'check', '--format', 'json', ...plain.map(fileOf)],
        { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
        (error, out) => (error !== null && typeof error.code !== 'number' ? reject(error as Error) : resolve(out)),
      );
    });
    const files = (JSON.parse(stdout) as { files: JsonFile[] }).files;
    expect(files.map((f) => f.file)).toEqual(plain.map(fileOf));
    const problems = plain.flatMap((c, i) => disagreements(c, files[i].findings.some((f) => f.severity === 'error') ? 1 : 0, files[i]).map((d) => `${c.id}: ${d}`));
    expect(problems).toEqual([]);
  }, 120_000);
});
