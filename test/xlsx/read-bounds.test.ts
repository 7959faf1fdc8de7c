import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostile } from '../../bench/hostile-files';
import { checkWorkbook } from '../../src/sheet/check';
import { Grid } from '../../src/sheet/grid';
import { readWorkbookBuffer, readWorkbookFile, UnreadableFileError, type UnreadableReason } from '../../src/xlsx/read';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-bounds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(read: Promise<unknown>): Promise<{ code: UnreadableReason; message: string }> {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return { code: (error as UnreadableFileError).code, message: (error as Error).message };
  }
  throw new Error('expected the read to fail');
}

const cellCount = (values: unknown[][]) => values.reduce((n, r) => n + r.length, 0);

describe('hostile workbooks are read within bounds', () => {
  it('a sheet with cells at A1 and XFD1048576 keeps one cell and says the rest was not read', async () => {
    const snapshot = await readWorkbookFile(writeHostile(dir, 'sparse-huge-address'));
    const data = snapshot.sheets.find((s) => s.name === '資料')!;
    expect(cellCount(data.values)).toBe(1);
    expect(data.clipped).toMatchObject({ rowsFrom: 1_048_575 });
    const result = checkWorkbook(snapshot, { program: 'registered-factory' });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.map((f) => f.rule)).toContain('sheet-truncated');
  });

  it('a merge over a whole sheet is clipped to the cells there are', async () => {
    const snapshot = await readWorkbookFile(writeHostile(dir, 'whole-sheet-merge'));
    const cover = snapshot.sheets.find((s) => s.name === '封面')!;
    expect(cellCount(cover.values)).toBe(1);
    expect(cover.merges).toEqual(['A1:A1']);
  });

  it.each(['whole-sheet-validation', 'whole-sheet-defined-name'] as const)('%s: read like the plain table (validations and names are not expanded)', async (kind) => {
    const snapshot = await readWorkbookFile(writeHostile(dir, kind));
    expect(cellCount(snapshot.sheets[0].values)).toBe(20);
    const result = checkWorkbook(snapshot, { program: 'registered-factory' });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('stops a part that inflates beyond what it declares', async () => {
    const { code, message } = await failure(readWorkbookFile(writeHostile(dir, 'zip-bomb-false-size')));
    expect(code).toBe('bomb');
    expect(message).toMatch(/sheet2\.xml expands beyond its declared 2 KB/);
  });

  it('stops a part that inflates beyond the bound', async () => {
    const path = writeHostile(dir, 'zip-bomb-whitespace', { bombBytes: 64 * 1024 * 1024 });
    const { code, message } = await failure(readWorkbookFile(path, { maxPartBytes: 8 * 1024 * 1024 }));
    expect(code).toBe('bomb');
    expect(message).toMatch(/beyond the 8\.0 MB bound/);
  });

  it('stops a sheet that repeats the same cell more often than the bounds have cells', async () => {
    const path = writeHostile(dir, 'zip-bomb-repeated-cell', { bombBytes: 32 * 1024 * 1024 });
    const { code, message } = await failure(readWorkbookFile(path, { maxRows: 100, maxCols: 20 }));
    expect(code).toBe('bomb');
    expect(message).toMatch(/repeats cells beyond its 100 × 20 read bounds/);
  });

  it('reads only the first rows of a long data sheet and reports the rest', async () => {
    const snapshot = await readWorkbookFile(writeHostile(dir, 'rows-700k', { rows: 1_200 }), { maxRows: 1_000 });
    const data = snapshot.sheets.find((s) => s.name === '資料')!;
    expect(data.values).toHaveLength(1_000);
    expect(data.clipped).toEqual({ rowsFrom: 1_000, skippedCells: 0, dimension: 'A1:H1200' });
    expect(new Grid(snapshot.sheets[0]).value(4, 3)).toBe(2360);
  });

  it.each([
    ['a FIFO', 'fifo'],
    ['/dev/zero', 'dev-zero'],
  ] as const)('refuses %s without blocking', async (_name, kind) => {
    const { code } = await failure(readWorkbookFile(writeHostile(dir, kind)));
    expect(code).toBe('not-regular');
  });

  it('refuses a file over the size bound before reading it', async () => {
    const path = join(dir, 'big.xlsx');
    await writeFile(path, Buffer.alloc(4096, 1));
    const { code, message } = await failure(readWorkbookFile(path, { maxFileBytes: 1024 }));
    expect(code).toBe('too-large');
    expect(message).toMatch(/4 KB > 1 KB/);
  });
});

async function budgetBook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('經費預算表');
  ws.getCell('A1').value = '金額單位：千元';
  ws.addRow(['會計科目', '政府補助款', '業者自籌款', '合計']);
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('values as shown', () => {
  it('computes formulas a script saved without results, so totals are compared, not reported blank', async () => {
    const buffer = await budgetBook((ws) => {
      ws.addRow(['消耗性器材及原材料費', 240, 120, { formula: 'B3+C3' }]);
      ws.addRow(['既有設備之改善費', 900, 900, { formula: 'B4+C4' }]);
      ws.addRow(['人事費', 0, 200, { formula: 'B5+C5' }]);
      ws.addRow(['合計', { formula: 'SUM(B3:B5)' }, { formula: 'SUM(C3:C5)' }, { formula: 'SUM(D3:D5)' }]);
    });
    const snapshot = await readWorkbookBuffer(buffer);
    expect(new Grid(snapshot.sheets[0]).value(5, 3)).toBe(2360);
    const result = checkWorkbook(snapshot, { program: 'registered-factory' });
    expect(result.findings).toEqual([]);
    expect(result.budget).toMatchObject({ grandTotal: 2360, govTotal: 1140 });
  });

  it('says once that formulas could not be computed, instead of blank-total errors', async () => {
    const buffer = await budgetBook((ws) => {
      ws.addRow(['消耗性器材及原材料費', 240, 120, { formula: 'B3+C3' }]);
      ws.addRow(['既有設備之改善費', 900, 900, { formula: 'B4+C4' }]);
      ws.addRow(['合計', { formula: 'SUMPRODUCT(B3:B4)' }, { formula: 'SUMPRODUCT(C3:C4)' }, { formula: 'SUMPRODUCT(D3:D4)' }]);
    });
    const result = checkWorkbook(await readWorkbookBuffer(buffer), { program: 'registered-factory', lang: 'en' });
    const rules = result.findings.map((f) => f.rule);
    expect(rules.filter((r) => r === 'no-cached-values')).toHaveLength(1);
    expect(rules).not.toContain('column-total-mismatch');
    expect(result.findings.find((f) => f.rule === 'no-cached-values')!.message).toMatch(/經費預算表!B5, 經費預算表!C5, 經費預算表!D5/);
  });

  it('amounts stored in 元 but shown in 千元 with #,##0, are read as shown: no false cap error', async () => {
    const rows: [string, number, number][] = [
      ['消耗性器材及原材料費', 240_000, 120_000],
      ['既有設備之改善費', 900_000, 900_000],
      ['人事費', 0, 200_000],
    ];
    const buffer = await budgetBook((ws) => {
      for (const [label, gov, self] of rows) ws.addRow([label, gov, self, gov + self]);
      ws.addRow(['合計', 1_140_000, 1_220_000, 2_360_000]);
      for (let r = 3; r <= 6; r++) for (const c of ['B', 'C', 'D']) ws.getCell(`${c}${r}`).numFmt = '#,##0,';
    });
    const result = checkWorkbook(await readWorkbookBuffer(buffer), { program: 'registered-factory' });
    expect(result.findings).toEqual([]);
    expect(result.budget).toMatchObject({ grandTotal: 2360, govTotal: 1140 });
  });
});
