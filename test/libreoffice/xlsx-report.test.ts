import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { recalculateWithLibreOffice } from './soffice';

/** The xlsx review report (check --format xlsx) opens in LibreOffice as in ExcelJS, with the rows the JSON lists. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = (name: string) => join(root, 'examples', name);

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', color: false, progress: false, stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-xlsx-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('xlsx review report', () => {
  it('writes one row per finding with file, sheet and cell, plus an overview; re-opens in ExcelJS and LibreOffice', async () => {
    const files = ['mistake-self-only-personnel.xlsx', 'clean-chain-smart.xlsx', 'seed-004-registered-factory.xlsx', 'no-such-file.xlsx'].map(example);
    const json = capture();
    await main(['check', '--format', 'json', ...files], json);
    const expected = JSON.parse(json.out) as { files: { file: string; findings: { sheet: string | null; cell: string | null; rule: string; message: string }[] }[] };

    const out = join(dir, 'review.xlsx');
    const io = capture();
    expect(await main(['check', '--format', 'xlsx', '--output', out, ...files], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toContain('review.xlsx');

    const verify = async (path: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['總覽', '問題清單']);
      const overview = workbook.getWorksheet('總覽')!;
      expect(overview.rowCount).toBe(1 + files.length);
      expect(overview.getRow(2).getCell(1).text).toBe(files[0]);
      expect(overview.getRow(2).getCell(10).text).toBe('需修正');
      const sheet = workbook.getWorksheet('問題清單')!;
      const rows: string[][] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) rows.push([1, 2, 3, 5].map((c) => row.getCell(c).text));
      });
      const want = expected.files.flatMap((f) => f.findings.map((x) => [f.file, x.sheet ?? '', x.cell ?? '', x.rule]));
      expect(rows.map((r) => r.join('|')).sort()).toEqual(want.map((r) => r.join('|')).sort());
    };
    await verify(out);
    const { outputs } = await recalculateWithLibreOffice([out], join(dir, 'lo'));
    await verify(outputs.get(out)!);
  }, 120_000);
});
