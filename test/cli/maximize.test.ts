import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBudgetTable } from '../../src/domain/engine';
import { getProgram } from '../../src/domain/programs';
import { locateBudgetTables } from '../../src/sheet/locate';
import { readWorkbookFile } from '../../src/xlsx/read';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');
const example = (name: string) => join('examples', name);

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

interface MaximizeJson {
  version: number;
  files: {
    file: string;
    program: string | null;
    grandTotal?: number;
    govTotal?: number;
    currentGovTotal?: number;
    binding?: string;
    items?: { item: string; label: string; gov: number; self: number; total: number }[];
    error?: string;
  }[];
}

describe('subsidy-budget maximize', () => {
  it('prints the JSON contract: item totals kept, the largest subsidy, the binding limit; a bad file does not cost the others', async () => {
    const files = ['mistake-self-only-personnel.xlsx', 'mistake-gov-share-over-50.xlsx', 'mistake-missing-table.xlsx', 'no-such-file.xlsx'];
    const run = await cli(['maximize', '--format', 'json', ...files.map(example)]);
    expect(run.code).toBe(1); // two files have no answer
    const json = JSON.parse(run.stdout) as MaximizeJson;
    expect(json.version).toBe(1);
    expect(json.files.map((f) => f.file)).toEqual(files.map(example));
    const [personnel, share, missing, absent] = json.files;
    expect(Object.keys(personnel)).toEqual(['file', 'program', 'grandTotal', 'govTotal', 'currentGovTotal', 'binding', 'items']);
    expect(missing.error).toBe('找不到經費預算表');
    expect(absent.error).toBeTruthy();

    for (const [name, report] of [
      [files[0], personnel],
      [files[1], share],
    ] as const) {
      // The budget's own item totals, in 千元, as the checker reads them.
      const snapshot = await readWorkbookFile(join(root, example(name)));
      const table = locateBudgetTables(snapshot)[0];
      const program = getProgram(report.program!);
      const summary = checkBudgetTable(table, program).summary;
      expect(report.items!.map((i) => [i.item, i.total])).toEqual(summary.amounts.filter((a) => a.gov + a.self !== 0 || report.items!.some((i) => i.item === a.itemId)).map((a) => [a.itemId, a.gov + a.self]));
      expect(report.grandTotal).toBe(summary.grandTotal);
      expect(report.currentGovTotal).toBe(summary.govTotal);
      for (const item of report.items!) expect(item.gov + item.self).toBe(item.total);
      expect(report.items!.reduce((a, i) => a + i.gov, 0)).toBe(report.govTotal);
      // At most half of the total, and whole 千元.
      expect(report.govTotal! * 2).toBeLessThanOrEqual(report.grandTotal!);
      expect(Number.isInteger(report.govTotal)).toBe(true);
    }
    expect(personnel.items!.find((i) => i.item === 'personnel')!.gov).toBe(0);
    expect(share.binding).toBe('gov-share');
    expect(share.govTotal).toBe(4050);
  });

  it('says the answer in words, in 千元 and 萬元, with the limit that binds', async () => {
    const run = await cli(['maximize', example('mistake-gov-share-over-50.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('最大合法補助款：4,050 千元（405 萬元），目前 4,400 千元；受「補助款不得超過總經費 50%」限制');
    expect(run.stdout).toContain('補助款須減少 350 千元（35 萬元）才符合規定');
    const en = await cli(['maximize', '--lang', 'en', '--program', 'registered-factory', example('clean-upgrade-10plus.xlsx')]);
    expect(en.stdout).toContain('bound by the program cap of 1,500 thousand');
  });

  it('refuses bad usage with exit status 2', async () => {
    expect((await cli(['maximize'])).code).toBe(2);
    expect((await cli(['maximize', '--format', 'md', example('clean-upgrade-10plus.xlsx')])).code).toBe(2);
    const unknown = await cli(['maximize', '--program', 'nope', example('clean-upgrade-10plus.xlsx')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('upgrade-10plus');
  });
});
