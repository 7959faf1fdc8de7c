/**
 * The template exported as .xlsx (`subsidy-budget template`), filled in as an accountant would, recalculated by
 * LibreOffice headless (forced recalculation: the files carry deliberately stale cached results), read back: the
 * numbers are the domain's for every program; the checker finds no error in a valid budget and exactly the breaches in
 * a breaching one; the template formulas survive LibreOffice's round trip so "recalculate" repairs only what was
 * typed over. One soffice start for all files.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { computeBudget } from '../../src/domain/compute';
import { fromInt, fromNumber } from '../../src/domain/money';
import { PROGRAMS, getProgram, type ItemId, type Program } from '../../src/domain/programs';
import { Grid, SETTING_KEYS, type WorkbookSnapshot } from '../../src/sheet/grid';
import { locateBudgetTables } from '../../src/sheet/locate';
import { buildComputePlan, buildRepairPlan } from '../../src/sheet/recalc';
import { type TemplateColumn, type TemplateLayout, layoutCell, templateLayout } from '../../src/sheet/template';
import { readWorkbookFile } from '../../src/xlsx/read';
import { recalculateWithLibreOffice } from './soffice';

/** The programs whose brochures name budget items: only they have an official table (the others are refused). */
const WITH_ROWS = PROGRAMS.filter((program) => program.items.length > 0);

type Amounts = Partial<Record<ItemId, [number, number]>>;
const SHEET = '經費預算表';
const STALE = -12345; // cached in every formula cell: LibreOffice must replace it

/** Within every program's limits: gov 1,500 of at least 3,380 (the SPEC §3 example plus the program's self-only items). */
function validAmounts(program: Program): Amounts {
  const amounts: Amounts = {
    consumables: [240, 120],
    'new-equipment': [300, 300],
    'equipment-improvement': [900, 900],
    'commissioned-research': [60, 60],
  };
  const selfOnly = [200, 300, 150];
  program.items.filter((i) => i.gov === 'self-only').forEach((item, index) => (amounts[item.id] = [0, selfOnly[index]]));
  return amounts;
}

/** gov 505 of 1,000 (50.5 %); new equipment gov 400 > 30 % × 1,000; 5 of 政府補助款 in 人事費. */
const BREACHING: Amounts = {
  consumables: [100, 0],
  'new-equipment': [400, 100],
  'equipment-improvement': [0, 300],
  personnel: [5, 95],
};

/** Shares that sit exactly on a half: 3/2000 = 0.15 % → 0.2, 29/2000 = 1.45 % → 1.5, 201/400-style rounding. */
const HALVES: Amounts = {
  consumables: [0, 3],
  'new-equipment': [29, 0],
  'equipment-improvement': [968, 1000],
};

interface Case {
  name: string;
  program: Program;
  amounts: Amounts;
  /** Cells typed over with a constant after filling (to be repaired). */
  typedOver?: { column: TemplateColumn; row: (l: TemplateLayout) => number; value: number }[];
  /** Error findings the checker must report, as "rule@cell"; [] for a valid budget. */
  errors: (l: TemplateLayout) => string[];
}

const cases: Case[] = [
  ...WITH_ROWS.map((program) => ({ name: `valid-${program.id}`, program, amounts: validAmounts(program), errors: () => [] })),
  ...WITH_ROWS.map((program) => ({
    name: `breach-${program.id}`,
    program,
    amounts: BREACHING,
    errors: (l: TemplateLayout) => [
      `gov-share@${layoutCell(l, l.totalRow, 'gov')}`,
      `item-cap@${layoutCell(l, l.itemRows['new-equipment']!, 'gov')}`,
      `self-only-item@${layoutCell(l, l.itemRows.personnel!, 'gov')}`,
    ],
  })),
  {
    name: 'over-cap-registered-factory',
    program: getProgram('registered-factory'), // cap 1,500 千元; gov 1,600 of 3,300 = 48.5 %
    amounts: { 'equipment-improvement': [1600, 1700] },
    errors: (l) => [`gov-cap@${layoutCell(l, l.totalRow, 'gov')}`],
  },
  { name: 'halves-upgrade-10plus', program: getProgram('upgrade-10plus'), amounts: HALVES, errors: () => [] },
  {
    name: 'typed-over-chain-smart',
    program: getProgram('chain-smart'),
    amounts: validAmounts(getProgram('chain-smart')),
    typedOver: [
      { column: 'total', row: (l) => l.itemRows['new-equipment']!, value: 600 },
      { column: 'gov', row: (l) => l.totalRow, value: 1500 },
    ],
    errors: () => [],
  },
];

let dir: string;
const recalculated = new Map<string, WorkbookSnapshot>();
let sofficeMs = 0;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

/** Types amounts with ExcelJS, leaving formulas in place but caching a wrong result in each, as a stale file would. */
async function fill(blank: string, out: string, c: Case, layout: TemplateLayout) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(blank);
  wb.calcProperties.fullCalcOnLoad = false; // the forced recalculation must come from LibreOffice's setting
  const ws = wb.getWorksheet(SHEET)!;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.formula) cell.value = { formula: cell.formula, result: STALE } as ExcelJS.CellFormulaValue;
    }),
  );
  for (const [id, [gov, self]] of Object.entries(c.amounts) as [ItemId, [number, number]][]) {
    const row = layout.itemRows[id]!;
    if (gov !== 0) ws.getCell(layoutCell(layout, row, 'gov')).value = gov;
    ws.getCell(layoutCell(layout, row, 'self')).value = self;
  }
  for (const t of c.typedOver ?? []) ws.getCell(layoutCell(layout, t.row(layout), t.column)).value = t.value;
  await wb.xlsx.writeFile(out);
}

const paths = (name: string) => ({ blank: join(dir, 'blank', `${name}.xlsx`), typed: join(dir, 'typed', `${name}.xlsx`) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-template-lo-'));
  await mkdir(join(dir, 'blank'));
  await mkdir(join(dir, 'typed'));
  const typed: string[] = [];
  for (const c of cases) {
    const { blank, typed: out } = paths(c.name);
    const made = await cli(['template', '--program', c.program.id, blank]);
    expect(made.code, made.stderr).toBe(0);
    await fill(blank, out, c, templateLayout(c.program, SHEET));
    typed.push(out);
  }
  const run = await recalculateWithLibreOffice(typed, join(dir, 'recalculated'));
  sofficeMs = run.ms;
  for (const c of cases) recalculated.set(c.name, await readWorkbookFile(run.outputs.get(paths(c.name).typed)!));
}, 240_000);

afterAll(async () => {
  if (dir && !process.env.KEEP_LO) await rm(dir, { recursive: true, force: true });
  if (sofficeMs) console.info(`soffice recalculated ${cases.length} files in ${Math.round(sofficeMs)} ms`);
});

/**
 * Reads a recalculated cell straight from ExcelJS. `cell.result` is used because ExcelJS's `cell.value` drops a formula
 * result of 0 (its model copy skips falsy fields).
 */
function recalculatedValue(ws: ExcelJS.Worksheet, a1: string): number | string | null {
  const cell = ws.getCell(a1);
  const result = cell.formula ? (cell.result as unknown) : cell.value;
  if (result === undefined || result === null || result === '') return null;
  return typeof result === 'number' || typeof result === 'string' ? result : JSON.stringify(result);
}

async function expectDomainNumbers(c: Case) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'recalculated', `${c.name}.xlsx`));
  const ws = wb.getWorksheet(SHEET)!;
  const layout = templateLayout(c.program, SHEET);
  const amounts = layout.items.map((item) => {
    const [gov, self] = c.amounts[item.id] ?? [0, 0];
    return { gov: fromInt(gov), self: fromInt(self) };
  });
  const domain = computeBudget(amounts);
  const at = (row: number, column: TemplateColumn) => {
    const v = recalculatedValue(ws, layoutCell(layout, row, column));
    return typeof v === 'number' ? fromNumber(v) : v;
  };
  layout.items.forEach((item, i) => {
    expect(at(item.row, 'total'), `${c.name} ${layoutCell(layout, item.row, 'total')}`).toBe(domain.rowTotals[i]);
    expect(at(item.row, 'percent'), `${c.name} ${layoutCell(layout, item.row, 'percent')}`).toBe(domain.rowPercents[i]);
  });
  expect(at(layout.totalRow, 'gov')).toBe(domain.govTotal);
  expect(at(layout.totalRow, 'self')).toBe(domain.selfTotal);
  expect(at(layout.totalRow, 'total')).toBe(domain.grandTotal);
  expect(at(layout.percentRow, 'gov')).toBe(domain.govPercent);
  expect(at(layout.percentRow, 'self')).toBe(domain.selfPercent);
  expect(at(layout.percentRow, 'total')).toBe(fromInt(100));
  return { layout, at };
}

describe('LibreOffice recalculates the exported template to the domain numbers', () => {
  for (const c of cases.filter((x) => !x.typedOver)) {
    it(`${c.name}: every total and percentage equals computeBudget`, async () => {
      await expectDomainNumbers(c);
    });
  }

  it('rounds exact halves away from zero, as the domain does', async () => {
    const { layout, at } = await expectDomainNumbers(cases.find((c) => c.name.startsWith('halves'))!);
    expect(at(layout.itemRows.consumables!, 'percent')).toBe(fromNumber(0.2)); // 3 / 2000 = 0.15 %
    expect(at(layout.itemRows['new-equipment']!, 'percent')).toBe(fromNumber(1.5)); // 29 / 2000 = 1.45 %
  });

  it('replaced the stale cached results, so the numbers are LibreOffice\'s own', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(paths('valid-upgrade-10plus').typed);
    expect(wb.getWorksheet(SHEET)!.getCell('D4').result).toBe(STALE);
    const { layout, at } = await expectDomainNumbers(cases[0]);
    expect(at(layout.itemRows.consumables!, 'total')).toBe(fromInt(360));
  });

  it('the product reader (readWorkbookFile) reads a formula result of 0 as 0, not as blank', () => {
    // An unused item row: 合計 =B+C is 0 and its share 0.0 — as Excel and LibreOffice save it (<v>0</v>).
    const c = cases.find((x) => x.name === 'breach-upgrade-10plus')!;
    const layout = templateLayout(c.program, SHEET);
    const grid = new Grid(recalculated.get(c.name)!.sheets.find((s) => s.name === SHEET)!);
    const unused = layout.itemRows['commissioned-research']!;
    expect(grid.value(unused, layout.columns.total)).toBe(0);
    expect(grid.value(unused, layout.columns.percent)).toBe(0);
  });
});

type Report = {
  files: { file: string; program: string; findings: { rule: string; severity: string; cell: string; sheet: string }[] }[];
};

/** `subsidy-budget check --program <id> --format json` over the recalculated files, one run per program. */
async function checkAll(): Promise<Map<string, Report['files'][number]>> {
  const checked = cases.filter((c) => !c.typedOver);
  const byCase = new Map<string, Report['files'][number]>();
  for (const program of WITH_ROWS) {
    const group = checked.filter((c) => c.program.id === program.id);
    const result = await cli(['check', '--program', program.id, '--format', 'json', ...group.map((c) => join(dir, 'recalculated', `${c.name}.xlsx`))]);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files).toHaveLength(group.length);
    group.forEach((c, i) => byCase.set(c.name, report.files[i]));
    expect(result.code, program.id).toBe(group.some((c) => c.errors(templateLayout(c.program, SHEET)).length > 0) ? 1 : 0);
  }
  return byCase;
}

describe('subsidy-budget check on the recalculated files', () => {
  it('reports no error for valid budgets and exactly the breaches, at their cells, for breaching ones', async () => {
    for (const [name, file] of await checkAll()) {
      const c = cases.find((x) => x.name === name)!;
      const errors = file.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.cell}`);
      expect(errors.sort(), `${name}: ${JSON.stringify(file.findings)}`).toEqual(c.errors(templateLayout(c.program, SHEET)).sort());
      expect(file.findings.filter((f) => f.rule === 'unknown-item'), name).toEqual([]);
    }
  });

  it('raises no total or percentage warning on a table LibreOffice computed', async () => {
    for (const [name, file] of await checkAll()) {
      expect(file.findings.filter((f) => /mismatch|hardcoded/.test(f.rule)).map((f) => `${f.rule}@${f.cell}`), name).toEqual([]);
    }
  });
});

describe('recalculate after a LibreOffice round trip', () => {
  it('finds the template formulas intact and repairs only the cells typed over', () => {
    const c = cases.find((x) => x.typedOver)!;
    const layout = templateLayout(c.program, SHEET);
    const snapshot = recalculated.get(c.name)!;
    const withSettings = { ...snapshot, settings: { ...snapshot.settings, [SETTING_KEYS.templates]: JSON.stringify([SHEET]) } };
    const { changes } = buildRepairPlan(withSettings, SHEET, c.program);
    expect(changes.map((x) => x.cell).sort()).toEqual(c.typedOver!.map((t) => layoutCell(layout, t.row(layout), t.column)).sort());
    for (const other of cases.filter((x) => !x.typedOver)) {
      const s = recalculated.get(other.name)!;
      const repair = buildRepairPlan({ ...s, settings: { [SETTING_KEYS.templates]: JSON.stringify([SHEET]) } }, SHEET, other.program);
      expect(repair.changes, other.name).toEqual([]);
    }
  });

  it('has nothing to compute where LibreOffice already computed the domain numbers', () => {
    for (const c of cases.filter((x) => !x.typedOver)) {
      const tables = locateBudgetTables(recalculated.get(c.name)!);
      expect(tables).toHaveLength(1);
      expect(buildComputePlan(tables[0], c.program).changes, c.name).toEqual([]);
    }
  });
});
