import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { OfficeWorkbook, officeEnvironment } from '../../src/excel';
import { readBenefitSetting } from '../../src/sheet/benefits-plan';
import type { WorkbookSnapshot } from '../../src/sheet/grid';
import { EMPTY_BENEFIT_FORM, benefitWrite, calculatorInput, computeBenefits } from '../../src/taskpane/benefits';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { installFakeOffice } from '../../src/fake-excel-host';
import { exportSnapshot } from '../xlsx/export-snapshot';

/**
 * Issue 5's round trip: the pane (its session logic over the Office.js adapter and the fake Excel host) inserts the
 * budget template and fills the benefit tables; the workbook is saved as .xlsx and checked by the CLI.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'subsidy-budget-pane-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function checkFile(path: string, ...args: string[]): Promise<{ code: number; findings: Finding[] }> {
  const run = promisify(execFile)(process.execPath, [join(ROOT, 'bin/subsidy-budget.js'), 'check', '--format', 'json', ...args, path], { cwd: ROOT });
  const { stdout, code } = await run.then((r) => ({ stdout: r.stdout, code: 0 })).catch((e: { stdout: string; code: number }) => e);
  return { code, findings: (JSON.parse(stdout) as { files: { findings: Finding[] }[] }).files[0].findings };
}

/** Clears cells in a snapshot, as a person deleting them before saving. */
function blank(snapshot: WorkbookSnapshot, sheetName: string, cells: string[]): WorkbookSnapshot {
  const copy = structuredClone(snapshot);
  const sheet = copy.sheets.find((s) => s.name === sheetName)!;
  for (const address of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = m[1].charCodeAt(0) - 65 - sheet.origin.col;
    const row = Number(m[2]) - 1 - sheet.origin.row;
    sheet.values[row][col] = null;
    sheet.formulas[row][col] = null;
  }
  return copy;
}

describe('pane fills the tables in Excel → saved .xlsx → CLI', () => {
  it('reports nothing for the filled tables, and the right rules at the right cells when items are removed', async () => {
    const scope = {};
    const host = installFakeOffice(scope, { sheets: ['工作表1'] });
    const port = new OfficeWorkbook(officeEnvironment(scope));
    const session = new PaneSession(port, paneServices, 'zh-TW');
    await session.start();
    await session.chooseProgram('upgrade-10plus');
    await session.prepareTemplate();
    await session.confirm();

    // The accountant types a valid budget: total 4,000, subsidy 2,000 (50 %), equipment subsidy 1,200 (30 %).
    const typed: [string, number][] = [['B5', 1200], ['C5', 800], ['B6', 800], ['C6', 600], ['C8', 600]];
    for (const [cell, value] of typed) await host.userEdit('經費預算表', cell, value);
    await session.check();
    expect(session.getState().findings?.filter((f) => f.severity === 'error')).toEqual([]);

    // The benefits tab: economic figures and a low-carbon claim, computed by the pane's calculators.
    const form = { ...EMPTY_BENEFIT_FORM, values: { newInvestment: '0.028', jobs: '3', electricityBaseline: '1000000', electricitySaved: '120000', carbonSavedKwh: '120000', carbonBaseline: '480' } };
    const values = computeBenefits(calculatorInput(form, (f) => f, 'zh-TW'));
    const write = benefitWrite(await port.read(), values, 'lowcarbon', 'zh-TW');
    session.offer('benefits', write.plan, await port.read(), { userCells: write.userCells });
    await session.confirm();

    const saved = await port.read();
    const good = join(dir, 'filled.xlsx');
    await exportSnapshot(saved, good);
    const clean = await checkFile(good, '--target', 'lowcarbon');
    expect(clean.findings).toEqual([]);
    expect(clean.code).toBe(0);

    // Remove 增加就業人數 (leaving one economic item) and both low-carbon claims.
    const layout = readBenefitSetting(saved)!.layout;
    const economicTitle = layout.titles.economic;
    const lowcarbonTitle = layout.titles.lowcarbon;
    const cellsOf = (item: keyof typeof layout.cells) => Object.values(layout.cells[item] ?? {}).filter((c): c is string => typeof c === 'string');
    const removed = blank(saved, layout.sheet, [...cellsOf('jobs'), ...cellsOf('carbon'), ...cellsOf('electricity')]);
    const broken = join(dir, 'broken.xlsx');
    await exportSnapshot(removed, broken);
    const result = await checkFile(broken, '--target', 'lowcarbon');
    expect(result.code).toBe(1);
    expect(result.findings.map((f) => [f.rule, f.sheet, f.cell]).sort()).toEqual([
      ['economic-benefits-min', layout.sheet, economicTitle],
      ['lowcarbon-benefit-required', layout.sheet, lowcarbonTitle],
      ['technical-benefits-min', layout.sheet, expect.any(String)],
    ].sort());
  });
});
