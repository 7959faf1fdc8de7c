/**
 * The formula-hygiene rules on real files: the template exported by `template`, blank and filled in consistently,
 * recalculated by LibreOffice, gets no hygiene finding for any program; and the ExcelJS adapter hands the rules what
 * they need (hidden rows and columns, the calculation mode) through the snapshot.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { PROGRAMS } from '../../src/domain/programs';
import { BUDGET_RULES, WORKBOOK_RULES } from '../../src/domain/rules';
import { checkWorkbook } from '../../src/sheet/check';
import { layoutCell, templateLayout } from '../../src/sheet/template';
import { readWorkbookFile } from '../../src/xlsx/read';
import { recalculateWithLibreOffice } from './soffice';

/** The programs whose brochures name budget items: only they have an official table (the others are refused). */
const WITH_ROWS = PROGRAMS.filter((program) => program.items.length > 0);

const SHEET = '經費預算表';
/** The rules of the README's formula-hygiene catalogue, read from their modules. */
const HYGIENE = new Set(['sum-range-incomplete', 'inconsistent-formula', 'formula-constant', 'reference-outside-table', 'error-value', 'hidden-amounts', 'manual-calculation', 'consolidation-mismatch']);

let dir: string;
const recalculated = new Map<string, string>();

async function template(program: string, out: string) {
  const code = await main(['template', '--program', program, out], { stdout: () => {}, stderr: () => {}, color: false });
  expect(code).toBe(0);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-hygiene-lo-'));
  const files: string[] = [];
  for (const program of WITH_ROWS) {
    const blank = join(dir, `blank-${program.id}.xlsx`);
    await template(program.id, blank);
    files.push(blank);
    // Filled in as an accountant would: every fundable item with both parts, self-only items with self-funding only.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.getWorksheet(SHEET)!;
    const layout = templateLayout(program, SHEET);
    layout.items.forEach((item, i) => {
      if (program.items.find((p) => p.id === item.id)?.gov !== 'self-only') ws.getCell(layoutCell(layout, item.row, 'gov')).value = 10 + i;
      ws.getCell(layoutCell(layout, item.row, 'self')).value = 40 + i;
    });
    const filled = join(dir, `filled-${program.id}.xlsx`);
    await wb.xlsx.writeFile(filled);
    files.push(filled);
  }
  const run = await recalculateWithLibreOffice(files, join(dir, 'recalculated'));
  for (const [input, output] of run.outputs) recalculated.set(input, output);
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the exported template, recalculated by LibreOffice', () => {
  it('the hygiene rules are the catalogue', () => {
    const ids = new Set<string>([...BUDGET_RULES, ...WORKBOOK_RULES].map((r) => r.id));
    for (const id of HYGIENE) expect(ids.has(id)).toBe(true);
  });

  for (const program of WITH_ROWS) {
    it(`${program.id}: blank and filled in consistently, no hygiene finding`, async () => {
      for (const kind of ['blank', 'filled']) {
        const snapshot = await readWorkbookFile(recalculated.get(join(dir, `${kind}-${program.id}.xlsx`))!);
        const { findings } = checkWorkbook(snapshot, { program: program.id });
        expect(findings.filter((f) => HYGIENE.has(f.rule)), `${kind}-${program.id}`).toEqual([]);
        if (kind === 'filled') expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      }
    });
  }
});

describe('the ExcelJS adapter hands hygiene facts through the snapshot', () => {
  it('hidden rows and columns, and manual calculation', async () => {
    const source = join(dir, 'blank-upgrade-10plus.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(source);
    const ws = wb.getWorksheet(SHEET)!;
    const layout = templateLayout(PROGRAMS.find((p) => p.id === 'upgrade-10plus')!, SHEET);
    const row = layout.items[1].row;
    ws.getCell(layoutCell(layout, row, 'gov')).value = 100;
    ws.getRow(row + 1).hidden = true;
    ws.getColumn(8).hidden = true; // H, outside the table: hidden but harmless
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    // ExcelJS cannot write the calculation mode: set it in xl/workbook.xml as Excel does.
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace(/<calcPr\b/, '<calcPr calcMode="manual"'));
    const out = join(dir, 'manual-hidden.xlsx');
    await writeFile(out, await zip.generateAsync({ type: 'nodebuffer' }));
    expect(await readFile(out)).toBeTruthy();

    const snapshot = await readWorkbookFile(out);
    expect(snapshot.calcMode).toBe('manual');
    const sheet = snapshot.sheets.find((s) => s.name === SHEET)!;
    expect(sheet.hiddenRows).toEqual([row]);
    const rules = checkWorkbook(snapshot, { program: 'upgrade-10plus' }).findings.filter((f) => HYGIENE.has(f.rule));
    expect(rules.map((f) => `${f.rule}@${f.cell}`).sort()).toEqual(['hidden-amounts@' + layoutCell(layout, row, 'gov'), 'manual-calculation@null']);
  });
});
