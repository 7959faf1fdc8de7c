/**
 * The blank official table written by `subsidy-budget template`, filled in as an accountant would (amounts only, the
 * formulas left alone), recalculated by LibreOffice headless, then checked by `subsidy-budget check`: the numbers
 * LibreOffice computes are the domain's, a valid budget has no errors and a breaching one has the right ones.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBudget } from '../../src/domain/compute';
import { fromInt, toNumber, ZERO } from '../../src/domain/money';
import { getProgram, type ItemId } from '../../src/domain/programs';
import { Grid } from '../../src/sheet/grid';
import { layoutCell, templateLayout } from '../../src/sheet/template';
import { readWorkbookFile } from '../../src/xlsx/read';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/subsidy-budget.js');

function exec(file: string, args: string[], timeout = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-lo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Types amounts into the template's gov/self cells with ExcelJS, leaving every formula as it is. */
async function fill(path: string, programId: string, amounts: Partial<Record<ItemId, [number, number]>>, out: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const layout = templateLayout(getProgram(programId), '經費預算表');
  const ws = wb.getWorksheet('經費預算表')!;
  for (const [id, [gov, self]] of Object.entries(amounts) as [ItemId, [number, number]][]) {
    const row = layout.itemRows[id]!;
    if (gov) ws.getCell(layoutCell(layout, row, 'gov')).value = gov;
    ws.getCell(layoutCell(layout, row, 'self')).value = self;
  }
  await wb.xlsx.writeFile(out);
}

/** LibreOffice opens the file, computes every formula, and saves it as .xlsx with the results cached. */
async function recalculate(path: string, outDir: string): Promise<string> {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  const run = await exec('soffice', [
    `-env:UserInstallation=${profile}`,
    '--headless',
    '--calc',
    '--convert-to',
    'xlsx:Calc MS Excel 2007 XML',
    '--outdir',
    outDir,
    path,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return join(outDir, path.split('/').pop()!);
}

async function templateFilledAndRecalculated(programId: string, name: string, amounts: Partial<Record<ItemId, [number, number]>>) {
  const blank = join(dir, `${name}-blank.xlsx`);
  const typed = join(dir, `${name}.xlsx`);
  expect((await exec(process.execPath, [bin, 'template', '--program', programId, blank])).code).toBe(0);
  await fill(blank, programId, amounts, typed);
  return recalculate(typed, join(dir, 'recalculated'));
}

describe('template → filled → LibreOffice recalculation → check', () => {
  it('gives the domain\'s totals and percentages, and no errors for a valid budget', async () => {
    const amounts: Partial<Record<ItemId, [number, number]>> = {
      consumables: [240, 120],
      'new-equipment': [300, 300],
      'equipment-improvement': [900, 900],
      'commissioned-research': [60, 60],
      personnel: [0, 200],
      'foundation-works': [0, 300],
    };
    const path = await templateFilledAndRecalculated('registered-factory', 'valid', amounts);

    const snapshot = await readWorkbookFile(path);
    const sheet = snapshot.sheets.find((s) => s.name === '經費預算表')!;
    const g = new Grid(sheet);
    const layout = templateLayout(getProgram('registered-factory'), '經費預算表');
    const rows = layout.items.map((item) => {
      const [gov, self] = amounts[item.id] ?? [0, 0];
      return { gov: fromInt(gov), self: fromInt(self) };
    });
    const domain = computeBudget(rows);
    const at = (row: number, column: 'gov' | 'self' | 'total' | 'percent') => g.value(row, layout.columns[column]);

    expect(at(layout.totalRow, 'gov')).toBe(toNumber(domain.govTotal));
    expect(at(layout.totalRow, 'self')).toBe(toNumber(domain.selfTotal));
    expect(at(layout.totalRow, 'total')).toBe(toNumber(domain.grandTotal));
    layout.items.forEach((item, index) => {
      const itemTotal = rows[index].gov + rows[index].self;
      expect(at(item.row, 'total')).toBe(toNumber(itemTotal));
      expect(at(item.row, 'percent')).toBe(toNumber(domain.rowPercents[index] ?? ZERO));
    });
    // The seed-004 percentages that the brochure misprints come out right when computed.
    expect(at(layout.itemRows['commissioned-research']!, 'percent')).toBe(3.6);
    expect(at(layout.itemRows['foundation-works']!, 'percent')).toBe(8.9);
    expect(at(layout.percentRow, 'gov')).toBe(44.4);

    const check = await exec(process.execPath, [bin, 'check', '--format', 'json', '--program', 'registered-factory', path]);
    expect(check.code, check.stdout).toBe(0);
    const [file] = JSON.parse(check.stdout).files;
    expect(file.summary.error).toBe(0);
    expect(file.findings.filter((f: { rule: string }) => /mismatch|hardcoded/.test(f.rule))).toEqual([]);
  }, 180_000);

  it('reports the breaches of a budget that breaks the rules', async () => {
    const path = await templateFilledAndRecalculated('upgrade-10plus', 'breaching', {
      consumables: [400, 100],
      'new-equipment': [2600, 1500],
      'equipment-improvement': [1200, 800],
      personnel: [300, 500],
    });
    const check = await exec(process.execPath, [bin, 'check', '--format', 'json', '--program', 'upgrade-10plus', path]);
    expect(check.code).toBe(1);
    const [file] = JSON.parse(check.stdout).files;
    const errors = file.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { rule: string }) => f.rule);
    // gov 4,500 of 7,400 = 60.8 %; new equipment gov 2,600 > 30 % × 7,400 = 2,220; 人事費 with gov money.
    expect(errors.sort()).toEqual(['gov-share', 'item-cap', 'self-only-item']);
  }, 180_000);
});
