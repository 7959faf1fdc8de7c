// `template --program chain-smart --members 3`: a 總表 whose cells add up the companies by formula, then 中心廠 and
// 合作廠商1–3, filled as applicants would and recalculated by LibreOffice: the 總表 shows the companies' sum, the checker
// reads one plan (no member-count, no consolidation-mismatch), judges the share on the 總表 and names the company of a
// slip in a company's table. Past the program's member limit the command refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { getProgram } from '../../src/domain/programs';
import { checkWorkbook } from '../../src/sheet/check';
import { layoutCell, templateLayout } from '../../src/sheet/template';
import { readWorkbookFile } from '../../src/xlsx/read';
import { recalculateWithLibreOffice } from './soffice';

let dir: string;
const io = (out: string[]) => ({ stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s), color: false });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-consortium-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a 以大帶小 智慧化 plan built by template --members 3', () => {
  it('sums the companies on the 總表 after recalculation, and is checked as one plan', async () => {
    const blank = join(dir, 'plan.xlsx');
    const said: string[] = [];
    expect(await main(['template', '--program', 'chain-smart', '--members', '3', blank], io(said))).toBe(0);
    expect(said.join('')).toContain('總表、中心廠、合作廠商1、合作廠商2、合作廠商3');

    const program = getProgram('chain-smart');
    const layout = templateLayout(program, '總表');
    const row = (id: string) => layout.items.find((i) => i.id === id)!.row;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['總表', '中心廠', '合作廠商1', '合作廠商2', '合作廠商3']);
    // Every company asks for 40 % of its own budget; 合作廠商2 also puts 人事費 in the subsidy.
    ['中心廠', '合作廠商1', '合作廠商2', '合作廠商3'].forEach((name, i) => {
      const ws = wb.getWorksheet(name)!;
      ws.getCell(layoutCell(layout, row('consumables'), 'gov')).value = 400 + 100 * i;
      ws.getCell(layoutCell(layout, row('consumables'), 'self')).value = 600 + 150 * i;
      if (name === '合作廠商2') ws.getCell(layoutCell(layout, row('personnel'), 'gov')).value = 10;
    });
    const filled = join(dir, 'plan-filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const run = await recalculateWithLibreOffice([filled], join(dir, 'recalculated'));
    const snapshot = await readWorkbookFile(run.outputs.get(filled)!);

    const total = snapshot.sheets.find((s) => s.name === '總表')!;
    const at = (a1: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
      return total.values[Number(m[2]) - 1 - total.origin.row][m[1].charCodeAt(0) - 65 - total.origin.col];
    };
    // 400 + 500 + 600 + 700 and 600 + 750 + 900 + 1,050; 人事費 10 from 合作廠商2.
    expect(at(layoutCell(layout, row('consumables'), 'gov'))).toBe(2200);
    expect(at(layoutCell(layout, row('consumables'), 'self'))).toBe(3300);
    expect(at(layoutCell(layout, layout.totalRow, 'gov'))).toBe(2210);

    const { findings, budget } = checkWorkbook(snapshot, {});
    expect(budget?.govTotal).toBe(2210);
    const rules = findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.sheet}!${f.cell}${f.company ? ` (${f.company})` : ''}`);
    expect(rules).toEqual([
      `self-only-item@總表!${layoutCell(layout, row('personnel'), 'gov')}`,
      `self-only-item@合作廠商2!${layoutCell(layout, row('personnel'), 'gov')} (合作廠商2)`,
    ]);
  }, 240_000);

  it('refuses more members than the program allows, and a program that is not a plan of several companies', async () => {
    const said: string[] = [];
    expect(await main(['template', '--program', 'chain-smart', '--members', '5', '--lang', 'en', join(dir, 'five.xlsx')], io(said))).toBe(2);
    expect(said.join('')).toMatch(/at most 4 members, not 5/);
    const single: string[] = [];
    expect(await main(['template', '--program', 'upgrade-10plus', '--members', '2', '--lang', 'en', join(dir, 'single.xlsx')], io(single))).toBe(2);
    expect(single.join('')).toMatch(/not a plan of several companies/);
  });
});
