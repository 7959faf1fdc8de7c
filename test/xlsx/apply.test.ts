import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAMS } from '../../src/domain/programs';
import { checkWorkbook } from '../../src/sheet/check';
import { Grid, SETTING_KEYS } from '../../src/sheet/grid';
import { formula, num, text, type Plan } from '../../src/sheet/plan';
import { buildTemplatePlan } from '../../src/sheet/template';
import { applyPlan, PlanApplyError, writeWorkbookFile } from '../../src/xlsx/apply';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/xlsx/read';

/** Writes the workbook to .xlsx bytes and loads it again, as a user opening the saved file would. */
async function saveAndReload(wb: ExcelJS.Workbook): Promise<{ buffer: Buffer; reloaded: ExcelJS.Workbook }> {
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const reloaded = new ExcelJS.Workbook();
  await reloaded.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return { buffer, reloaded };
}

const plan: Plan = {
  title: 'test',
  ops: [
    { op: 'addSheet', sheet: '經費預算表' },
    { op: 'write', sheet: '經費預算表', cell: 'A1', content: text('經費預算表') },
    { op: 'merge', sheet: '經費預算表', range: 'A1:E1' },
    { op: 'write', sheet: '經費預算表', cell: 'A2', content: text('=SUM(B3:B4) typed by a user') },
    { op: 'write', sheet: '經費預算表', cell: 'A3', content: text('+886 2 1234') },
    { op: 'write', sheet: '經費預算表', cell: 'B3', content: num(240) },
    { op: 'write', sheet: '經費預算表', cell: 'C3', content: num(120) },
    { op: 'write', sheet: '經費預算表', cell: 'D3', content: formula('=B3+C3') },
    { op: 'write', sheet: '經費預算表', cell: 'E3', content: { kind: 'blank' } },
    {
      op: 'format',
      sheet: '經費預算表',
      range: 'B3:D3',
      format: {
        numberFormat: '#,##0',
        bold: true,
        fontSize: 12,
        fontColor: '#9C0006',
        fill: '#D9E1F2',
        horizontalAlignment: 'right',
        verticalAlignment: 'center',
        wrap: true,
        border: { style: 'thin', color: '#000000' },
      },
    },
    { op: 'format', sheet: '經費預算表', range: 'E3', format: { numberFormat: '0.0' } },
    { op: 'columnWidth', sheet: '經費預算表', column: 'A', width: 24 },
    {
      op: 'validation',
      sheet: '經費預算表',
      range: 'B3:B4',
      rule: { type: 'wholeNumber', min: 0, max: 0 },
      error: { title: '僅能自籌', message: '人事費僅能編列於業者自籌款' },
      prompt: { title: '人事費', message: '請填 0 或留白' },
    },
    {
      op: 'validation',
      sheet: '經費預算表',
      range: 'C3',
      rule: { type: 'wholeNumber', min: 0 },
      error: { title: '金額', message: '請輸入 0 以上的整數' },
    },
    {
      op: 'conditionalFormat',
      sheet: '經費預算表',
      range: 'B5',
      formula: '=$B$5>$D$5*0.5',
      format: { fill: '#FFC7CE', fontColor: '#9C0006', bold: true },
    },
    { op: 'pageSetup', sheet: '經費預算表', landscape: true, printArea: 'A1:E8', fitToWidth: true },
    { op: 'setting', key: SETTING_KEYS.program, value: 'registered-factory' },
    { op: 'activate', sheet: '經費預算表', cell: 'B3' },
  ],
};

describe('applyPlan writes every kind of plan step', () => {
  it('round-trips values, formulas and formats through a saved .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const result = applyPlan(wb, plan);
    const { buffer, reloaded } = await saveAndReload(wb);
    const snapshot = await readWorkbookBuffer(buffer);
    const g = new Grid(snapshot.sheets[0]);

    expect(snapshot.sheets[0].name).toBe('經費預算表');
    expect(g.value(0, 0)).toBe('經費預算表');
    expect(snapshot.sheets[0].merges).toEqual(['A1:E1']);
    // User text beginning with "=" or "+" is stored as text, never as a formula.
    expect(g.value(1, 0)).toBe('=SUM(B3:B4) typed by a user');
    expect(g.formula(1, 0)).toBeNull();
    expect(g.value(2, 0)).toBe('+886 2 1234');
    expect(g.formula(2, 0)).toBeNull();
    expect(g.value(2, 1)).toBe(240);
    expect(g.formula(2, 3)).toBe('=B3+C3');
    expect(g.numberFormat(2, 1)).toBe('#,##0');
    expect(g.numberFormat(2, 4)).toBe('0.0');

    const ws = reloaded.getWorksheet('經費預算表')!;
    const b3 = ws.getCell('B3');
    expect(b3.font).toMatchObject({ bold: true, size: 12, color: { argb: 'FF9C0006' } });
    expect(b3.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(b3.alignment).toMatchObject({ horizontal: 'right', vertical: 'middle', wrapText: true });
    expect(b3.border.top).toMatchObject({ style: 'thin', color: { argb: 'FF000000' } });
    expect(b3.border.right).toMatchObject({ style: 'thin' });
    expect(ws.getCell('A3').font?.bold).toBeFalsy();
    expect(ws.getColumn('A').width).toBe(24);

    expect(ws.getCell('B4').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '僅能自籌',
      error: '人事費僅能編列於業者自籌款',
      promptTitle: '人事費',
      prompt: '請填 0 或留白',
    });
    expect(ws.getCell('B4').dataValidation.formulae.map(Number)).toEqual([0, 0]);
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect(ws.getCell('C3').dataValidation.formulae.map(Number)).toEqual([0]);

    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cfs).toHaveLength(1);
    expect(cfs[0].ref).toBe('B5');
    expect(cfs[0].rules[0]).toMatchObject({ type: 'expression', formulae: ['$B$5>$D$5*0.5'] });
    expect(cfs[0].rules[0].style?.fill).toMatchObject({ bgColor: { argb: 'FFFFC7CE' } });
    expect(cfs[0].rules[0].style?.font).toMatchObject({ bold: true, color: { argb: 'FF9C0006' } });

    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printArea).toBe('A1:E8');
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.views[0]).toMatchObject({ activeCell: 'B3' });

    // Settings are not written into a plain file; the caller learns which were left out.
    expect(result.unsavedSettings).toEqual({ [SETTING_KEYS.program]: 'registered-factory' });
    expect(snapshot.settings).toEqual({});
  });

  it('refuses to add a sheet whose name is taken (case-insensitively) and leaves that sheet alone', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').getCell('A1').value = 'keep me';
    expect(() => applyPlan(wb, { title: 't', ops: [{ op: 'addSheet', sheet: 'budget' }] })).toThrow(PlanApplyError);
    expect(() => applyPlan(wb, { title: 't', ops: [{ op: 'addSheet', sheet: 'budget' }] })).toThrow(/already has a sheet/);
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.getWorksheet('Budget')!.getCell('A1').value).toBe('keep me');
  });

  it('names the missing sheet when a step targets one that does not exist', () => {
    const wb = new ExcelJS.Workbook();
    expect(() =>
      applyPlan(wb, { title: 't', ops: [{ op: 'write', sheet: '經費預算表', cell: 'A1', content: num(1) }] }),
    ).toThrow(/"write" names sheet "經費預算表"/);
  });

  it('adds to an existing workbook without touching its other sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const existing = wb.addWorksheet('經費預算表');
    existing.getCell('B2').value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
    const { plan: template, sheet } = buildTemplatePlan(PROGRAMS[0], ['經費預算表']);
    applyPlan(wb, template);
    const snapshot = await readWorkbookBuffer((await saveAndReload(wb)).buffer);
    expect(sheet).toBe('經費預算表 (2)');
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['經費預算表', '經費預算表 (2)']);
    expect(snapshot.sheets[0].values).toEqual([[3]]);
    expect(snapshot.sheets[0].formulas).toEqual([['=SUM(1,2)']]);
  });
});

describe('writeWorkbookFile with the official template', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-apply-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(PROGRAMS.map((p) => [p.id, p] as const))('%s: the blank template reads back as a budget table with live formulas', async (_id, program) => {
    const path = join(dir, `${program.id}.xlsx`);
    const { plan: template, sheet } = buildTemplatePlan(program, []);
    await writeWorkbookFile(template, path);
    const snapshot = await readWorkbookFile(path);
    const g = new Grid(snapshot.sheets.find((s) => s.name === sheet)!);
    expect(g.hasFormulas()).toBe(true);
    for (const item of program.items) {
      const labels = snapshot.sheets.flatMap((s) => s.values.flat()).filter((v) => v === item.label);
      expect(labels).toHaveLength(1);
    }
    const check = checkWorkbook(snapshot, { program: program.id });
    expect(check.findings.filter((f) => f.rule === 'missing-table')).toEqual([]);
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
