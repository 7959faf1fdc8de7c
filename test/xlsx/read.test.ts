import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grid, SETTING_KEYS } from '../../src/sheet/grid';
import { readSetting } from '../../src/sheet/detect';
import {
  parseWebExtensionProperties,
  readWorkbookBuffer,
  readWorkbookFile,
  UnreadableFileError,
} from '../../src/xlsx/read';
import { addWebExtensionSettings } from '../../src/xlsx/webextension';

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const grid = async (data: Buffer, sheet = 0) => new Grid((await readWorkbookBuffer(data)).sheets[sheet]);

describe('readWorkbookBuffer: cell values as Office.js reports them', () => {
  it('reads a formula as "=" text and its cached result as the value', async () => {
    const g = await grid(
      await xlsx((wb) => {
        const ws = wb.addWorksheet('經費預算表');
        ws.getCell('B2').value = 240;
        ws.getCell('C2').value = 120;
        ws.getCell('D2').value = { formula: 'B2+C2', result: 360 } as ExcelJS.CellFormulaValue;
        ws.getCell('E2').value = { formula: 'ROUND(D2/3380*100,1)', result: 10.7 } as ExcelJS.CellFormulaValue;
      }),
    );
    expect(g.value(1, 3)).toBe(360);
    expect(g.formula(1, 3)).toBe('=B2+C2');
    expect(g.value(1, 4)).toBe(10.7);
    expect(g.formula(1, 4)).toBe('=ROUND(D2/3380*100,1)');
    expect(g.formula(1, 1)).toBeNull();
    expect(g.value(1, 1)).toBe(240);
  });

  it('gives every cell of a shared formula its own formula text and cached result', async () => {
    const g = await grid(
      await xlsx((wb) => {
        const ws = wb.addWorksheet('S');
        ws.getCell('B2').value = 1;
        ws.getCell('C2').value = 2;
        ws.getCell('B3').value = 10;
        ws.getCell('C3').value = 20;
        ws.getCell('B4').value = 100;
        ws.getCell('C4').value = 200;
        ws.fillFormula('D2:D4', 'B2+C2', [3, 30, 300]);
      }),
    );
    expect([g.formula(1, 3), g.formula(2, 3), g.formula(3, 3)]).toEqual(['=B2+C2', '=B3+C3', '=B4+C4']);
    expect([g.value(1, 3), g.value(2, 3), g.value(3, 3)]).toEqual([3, 30, 300]);
  });

  it('flattens rich text and hyperlinks to their text, errors to their code, dates to serial numbers', async () => {
    const g = await grid(
      await xlsx((wb) => {
        const ws = wb.addWorksheet('S');
        ws.getCell('A1').value = { richText: [{ text: '經費' }, { font: { bold: true }, text: '預算表' }] };
        ws.getCell('A2').value = { text: '申請須知', hyperlink: 'https://example.org' };
        ws.getCell('A3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
        ws.getCell('A4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
        ws.getCell('A5').value = new Date(Date.UTC(2024, 0, 1));
        ws.getCell('A6').value = true;
        ws.getCell('A7').value = '=A1 typed as text';
      }),
    );
    expect(g.value(0, 0)).toBe('經費預算表');
    expect(g.value(1, 0)).toBe('申請須知');
    expect(g.value(2, 0)).toBe('#DIV/0!');
    expect(g.value(3, 0)).toBe('#DIV/0!');
    expect(g.formula(3, 0)).toBe('=1/0');
    expect(g.value(4, 0)).toBe(45292); // Excel's serial for 2024-01-01
    expect(g.value(5, 0)).toBe(true);
    expect(g.value(6, 0)).toBe('=A1 typed as text');
    expect(g.formula(6, 0)).toBeNull();
  });

  it('reports merged areas, with the value only in the top-left cell', async () => {
    const snapshot = await readWorkbookBuffer(
      await xlsx((wb) => {
        const ws = wb.addWorksheet('S');
        ws.getCell('A1').value = '經費預算表';
        ws.mergeCells('A1:E1');
        ws.getCell('A2').value = '會計科目';
      }),
    );
    const sheet = snapshot.sheets[0];
    expect(sheet.merges).toEqual(['A1:E1']);
    expect(sheet.values[0]).toEqual(['經費預算表', null, null, null, null]);
  });

  it('keeps number formats, including percent formats on blank cells of the used range', async () => {
    const g = await grid(
      await xlsx((wb) => {
        const ws = wb.addWorksheet('S');
        ws.getCell('B2').value = 0.107;
        ws.getCell('B2').numFmt = '0.0%';
        ws.getCell('C2').value = 1800;
        ws.getCell('C2').numFmt = '#,##0';
        ws.getCell('B3').numFmt = '0.0%'; // formatted ahead of typing
        ws.getCell('C4').value = 'end';
      }),
    );
    expect(g.numberFormat(1, 1)).toBe('0.0%');
    expect(g.numberFormat(1, 2)).toBe('#,##0');
    expect(g.numberFormat(2, 1)).toBe('0.0%');
    expect(g.numberFormat(3, 2)).toBe('General');
  });

  it('places the used range where it starts on the sheet', async () => {
    const snapshot = await readWorkbookBuffer(
      await xlsx((wb) => {
        wb.addWorksheet('Empty');
        const ws = wb.addWorksheet('Budget');
        ws.getCell('C5').value = '會計科目';
        ws.getCell('F9').value = 3380;
      }),
    );
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Empty', 'Budget']);
    expect(snapshot.sheets[0].values).toEqual([]);
    const budget = snapshot.sheets[1];
    expect(budget.origin).toEqual({ row: 4, col: 2 });
    expect(budget.values).toHaveLength(5);
    expect(budget.values[0]).toHaveLength(4);
    const g = new Grid(budget);
    expect(g.value(4, 2)).toBe('會計科目');
    expect(g.value(8, 5)).toBe(3380);
  });
});

describe('settings stored by the add-in', () => {
  it('reads the web-extension properties, unwrapping JSON strings', async () => {
    const plain = await xlsx((wb) => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    const saved = await addWebExtensionSettings(
      plain,
      {
        [SETTING_KEYS.program]: 'chain-smart',
        [SETTING_KEYS.templates]: JSON.stringify(['經費預算表', '經費預算表 (2)']),
        'other.list': ['a', 'b'],
        'other.flag': true,
      },
      { addinId: '6cab35cb-8e86-4609-ab82-8fe4af9db503' },
    );
    const snapshot = await readWorkbookBuffer(saved);
    expect(snapshot.settings[SETTING_KEYS.program]).toBe('chain-smart');
    expect(readSetting(snapshot, SETTING_KEYS.program)).toBe('chain-smart');
    expect(JSON.parse(snapshot.settings[SETTING_KEYS.templates])).toEqual(['經費預算表', '經費預算表 (2)']);
    expect(snapshot.settings['other.list']).toBe('["a","b"]');
    expect(snapshot.settings['other.flag']).toBe('true');
    expect(new Grid(snapshot.sheets[0]).value(0, 0)).toBe(1);
  });

  it('has no settings when the workbook has no add-in part', async () => {
    const snapshot = await readWorkbookBuffer(await xlsx((wb) => wb.addWorksheet('S')));
    expect(snapshot.settings).toEqual({});
  });

  it('still reads the workbook when the add-in part is malformed', async () => {
    const zip = await JSZip.loadAsync(await xlsx((wb) => (wb.addWorksheet('S').getCell('A1').value = 'x')));
    zip.file('xl/webextensions/webextension1.xml', '<we:webextension><we:properties><we:property name="k" value=');
    const snapshot = await readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(snapshot.settings).toEqual({});
    expect(new Grid(snapshot.sheets[0]).value(0, 0)).toBe('x');
  });

  it('parses properties as Office writes them (any prefix, entities, raw non-JSON values)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11">
  <we:properties>
    <we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>
    <we:property name="subsidy-budget.program" value="&quot;registered-factory&quot;"/>
    <we:property name="note" value="&quot;A &amp; B &lt;&#x4E2D;&gt;&quot;" />
    <we:property name="raw" value="not json"/>
  </we:properties>
</we:webextension>`;
    expect(parseWebExtensionProperties(xml)).toEqual({
      'Office.AutoShowTaskpaneWithDocument': 'true',
      'subsidy-budget.program': 'registered-factory',
      note: 'A & B <中>',
      raw: 'not json',
    });
  });
});

describe('files that cannot be read', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const codeOf = async (path: string) => {
    try {
      await readWorkbookFile(path);
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableFileError);
      return (error as UnreadableFileError).code;
    }
    throw new Error('expected the read to fail');
  };

  it('says the file does not exist', async () => {
    const path = join(dir, 'nope.xlsx');
    expect(await codeOf(path)).toBe('missing');
    await expect(readWorkbookFile(path)).rejects.toThrow(/nope\.xlsx: the file does not exist/);
  });

  it('says a folder is not a file', async () => {
    await mkdir(join(dir, 'folder.xlsx'));
    expect(await codeOf(join(dir, 'folder.xlsx'))).toBe('folder');
  });

  it('tells an empty file, a CSV, a cut-short .xls and a truncated .xlsx apart', async () => {
    await writeFile(join(dir, 'empty.xlsx'), '');
    await writeFile(join(dir, 'table.xlsx'), '會計科目,政府補助款\n人事費,0\n');
    await writeFile(join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const good = await xlsx((wb) => (wb.addWorksheet('S').getCell('A1').value = 'x'));
    await writeFile(join(dir, 'cut.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
    const zip = new JSZip();
    zip.file('readme.txt', 'not a workbook');
    await writeFile(join(dir, 'other.zip'), await zip.generateAsync({ type: 'nodebuffer' }));

    expect(await codeOf(join(dir, 'empty.xlsx'))).toBe('empty');
    expect(await codeOf(join(dir, 'table.xlsx'))).toBe('not-zip');
    expect(await codeOf(join(dir, 'old.xls'))).toBe('damaged');
    expect(await codeOf(join(dir, 'cut.xlsx'))).toBe('damaged');
    expect(await codeOf(join(dir, 'other.zip'))).toBe('no-sheets');
  });

  it('explains the reason in either language', () => {
    const error = new UnreadableFileError('a.xlsx', 'old-format');
    expect(error.reason('en')).toMatch(/old-format \.xls/);
    expect(error.reason('zh-TW')).toMatch(/舊版 \.xls/);
    expect(new UnreadableFileError('a.xlsx', 'damaged', 'bad CRC').reason('zh-TW')).toBe('檔案已損毀或不是 .xlsx 活頁簿（bad CRC）');
  });
});
