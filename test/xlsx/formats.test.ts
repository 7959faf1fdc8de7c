import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import type { WorkbookSnapshot } from '../../src/sheet/grid';
import { openFormulaToA1 } from '../../src/xlsx/openformula';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import {
  BREACHING_PLAN,
  CLEAN_PLAN,
  docxBodyXml,
  docxBytes,
  fodsText,
  ODS_STYLES,
  odsBodyFromSnapshot,
  odsBytes,
  odtBodyXml,
  odtBytes,
  planBlocks,
} from '../../scripts/documents';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const slips = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule}@${f.sheet}!${f.cell}`).sort();
const sheet = (w: WorkbookSnapshot, name: string) => w.sheets.find((s) => s.name === name)!;

describe('OpenFormula is read as the A1 formulas rules compare', () => {
  it.each([
    ['of:=[.B4]+[.C4]', '=B4+C4'],
    ['of:=SUM([.B4:.B9])', '=SUM(B4:B9)'],
    ['of:=IF([.$D$10]=0;"";ROUND([.D4]*100/[.$D$10];1))', '=IF($D$10=0,"",ROUND(D4*100/$D$10,1))'],
    ['of:=[$經費預算表.D10]', '=經費預算表!D10'],
    ["of:=['My Sheet'.B1]+[$'My Sheet'.$G$1]", "='My Sheet'!B1+'My Sheet'!$G$1"],
    ['of:=IF([.A1]>0;"有;分號";"無")', '=IF(A1>0,"有;分號","無")'],
    ['of:=SUMPRODUCT(([$Sheet1.B1:.D1])*1)', '=SUMPRODUCT((Sheet1!B1:D1)*1)'],
    ['of:="say ""[.A1]"""', '="say ""[.A1]"""'],
  ])('%s → %s', (odf, a1) => {
    expect(openFormulaToA1(odf)).toBe(a1);
  });
});

/** A spreadsheet with every feature the reader must keep, as LibreOffice writes it. */
const FEATURE_STYLES =
  ODS_STYLES +
  '<number:percentage-style style:name="NP"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>' +
  '<number:number-style style:name="NK"><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true" number:display-factor="1000"/></number:number-style>' +
  '<number:date-style style:name="ND"><number:year number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:day number:style="long"/></number:date-style>' +
  '<style:style style:name="cePct" style:family="table-cell" style:data-style-name="NP"/>' +
  '<style:style style:name="ceK" style:family="table-cell" style:data-style-name="NK"/>' +
  '<style:style style:name="ceDate" style:family="table-cell" style:data-style-name="ND"/>';
const FEATURE_BODY =
  '<table:table table:name="My Sheet">' +
  '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1021"/>' +
  '<table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string"><text:p>人事<text:s text:c="2"/>費</text:p><office:annotation><text:p>a comment, not the cell</text:p></office:annotation></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>' +
  '<table:table-row>' +
  '<table:table-cell table:style-name="ceGroup" office:value-type="float" office:value="240"><text:p>240</text:p></table:table-cell>' +
  '<table:table-cell office:value-type="float" office:value="120"><text:p>120</text:p></table:table-cell>' +
  '<table:table-cell table:formula="of:=[.A2]+[.B2]" office:value-type="float" office:value="360"><text:p>360</text:p></table:table-cell>' +
  '<table:table-cell table:formula="of:=[.A2]*2"/>' +
  '<table:table-cell table:formula="of:=IF([.A2]&gt;0;&quot;有;分號&quot;;&quot;無&quot;)" office:value-type="string"><text:p>有;分號</text:p></table:table-cell>' +
  '<table:table-cell table:formula="of:=1/0" office:value-type="string" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>' +
  '<table:table-cell table:style-name="cePct" office:value-type="percentage" office:value="0.25"><text:p>25.0%</text:p></table:table-cell>' +
  '<table:table-cell table:style-name="ceK" office:value-type="float" office:value="3600000"><text:p>3,600</text:p></table:table-cell>' +
  '<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="2023-05-01"><text:p>2023/05/01</text:p></table:table-cell>' +
  '</table:table-row>' +
  '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/></table:table-row>' +
  '<table:table-row table:visibility="collapse"><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>' +
  '<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
  '</table:table>' +
  '<table:table table:name="Other"><table:table-row><table:table-cell table:formula="of:=[$\'My Sheet\'.A2]+[$\'My Sheet\'.$B$2]" office:value-type="float" office:value="360"><text:p>360</text:p></table:table-cell></table:table-row></table:table>';

describe('.ods and .fods read into the same snapshot as .xlsx', () => {
  it('keeps values, cached results, formulas, formats, merges, repeats and hidden rows and columns', async () => {
    const book = await readWorkbookBuffer(await odsBytes(FEATURE_BODY, FEATURE_STYLES), 'features.ods');
    expect(book.format).toBe('ods');
    const s = sheet(book, 'My Sheet');
    expect(s.origin).toEqual({ row: 0, col: 0 });
    // The trailing 1,048,571 empty rows and 1,021 empty columns cost nothing: the used range is 5 rows × 9 columns.
    expect(s.values.length).toBe(5);
    expect(s.values[0].length).toBe(9);
    expect(s.clipped).toBeUndefined();
    expect(s.values[0][0]).toBe('人事  費'); // text:s keeps the spaces; the annotation is not the cell's text
    expect(s.merges).toEqual(['A1:C1']);
    expect(s.values[1].slice(0, 9)).toEqual([240, 120, 360, 480, '有;分號', '#DIV/0!', 0.25, 3600000, 45047]);
    expect(s.formulas[1].slice(0, 6)).toEqual([null, null, '=A2+B2', '=A2*2', '=IF(A2>0,"有;分號","無")', '=1/0']);
    expect(s.numberFormats[1].slice(0, 9)).toEqual(['#,##0', 'General', 'General', 'General', 'General', 'General', '0.0%', '#,##0,', 'yyyy/mm/dd']);
    expect(s.values[2].slice(0, 3)).toEqual([7, 7, 7]);
    expect(s.values[3].slice(0, 3)).toEqual([7, 7, 7]);
    expect(s.hiddenRows).toEqual([4]);
    expect(s.hiddenCols).toEqual([2]);
    expect(sheet(book, 'Other').formulas[0][0]).toBe("='My Sheet'!A2+'My Sheet'!$B$2");
  });

  it('a flat .fods gives the same snapshot as the .ods', async () => {
    const ods = await readWorkbookBuffer(await odsBytes(FEATURE_BODY, FEATURE_STYLES), 'a.ods');
    const fods = await readWorkbookBuffer(Buffer.from(fodsText(FEATURE_BODY, FEATURE_STYLES)), 'a.fods');
    expect(fods.format).toBe('fods');
    expect(fods.sheets).toEqual(ods.sheets);
  });

  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xlsx'));
  it.each(examples)('%s saved as .ods gets exactly the findings of the .xlsx', async (file) => {
    const xlsx = await readWorkbookBuffer(readFileSync(join(EXAMPLES, file)), file);
    const ods = await readWorkbookBuffer(await odsBytes(odsBodyFromSnapshot(xlsx), ODS_STYLES), file.replace(/xlsx$/, 'ods'));
    const expected = checkWorkbook(xlsx, { lang: 'en' });
    const actual = checkWorkbook({ ...ods, settings: xlsx.settings }, { lang: 'en' });
    expect(slips(actual.findings)).toEqual(slips(expected.findings));
    expect(actual.findings.map((f) => f.message).sort()).toEqual(expected.findings.map((f) => f.message).sort());
  });

  it('an .xlsm (a workbook with macros) is read as its .xlsx, macros never run', async () => {
    const file = 'mistake-gov-share-over-50.xlsx';
    const zip = await JSZip.loadAsync(readFileSync(join(EXAMPLES, file)));
    zip.file('xl/vbaProject.bin', Buffer.from('not run'));
    const xlsm = await readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }), 'budget.xlsm');
    expect(xlsm.format).toBe('xlsm');
    const xlsx = await readWorkbookBuffer(readFileSync(join(EXAMPLES, file)), file);
    expect(slips(checkWorkbook(xlsm).findings)).toEqual(slips(checkWorkbook(xlsx).findings));
    expect(slips(checkWorkbook(xlsm).findings)).toContain('error gov-share@經費預算表!B9');
  });
});

describe('.docx and .odt 計畫書: every table is a candidate grid', () => {
  const kinds = [
    ['docx', async (rows: typeof CLEAN_PLAN) => docxBytes(docxBodyXml(planBlocks(rows)))],
    ['odt', async (rows: typeof CLEAN_PLAN) => odtBytes(odtBodyXml(planBlocks(rows)))],
  ] as const;

  it.each(kinds)('a clean .%s 計畫書 (amounts typed as text, unit in the paragraph above) has no findings', async (kind, build) => {
    const book = await readWorkbookBuffer(await build(CLEAN_PLAN), `plan.${kind}`);
    expect(book.format).toBe(kind);
    const budget = sheet(book, '表2');
    expect(budget.textTable).toEqual({ table: 2, firstRow: 1, heading: '伍、經費需求' });
    expect(budget.values[0][0]).toBe('經費預算表（單位：千元）');
    expect(budget.values[3].slice(0, 3)).toEqual(['全新設備之購置費', '1,800', '１,９００']);
    const result = checkWorkbook(book, { lang: 'en' });
    expect(result.findings).toEqual([]);
    expect(result.programSource).toBe('workbook'); // recognised from the 計畫書's title
    expect(result.tables[0]?.unit?.unit).toBe('千元');
  });

  it.each(kinds)('a breaching .%s 計畫書 is pointed at table, row and column under its heading', async (kind, build) => {
    const book = await readWorkbookBuffer(await build(BREACHING_PLAN), `plan.${kind}`);
    const en = checkWorkbook(book, { lang: 'en' }).findings;
    expect(en.map((f) => [f.rule, f.place])).toEqual([['gov-share', 'table 2, row 8, column 2 (under “伍、經費需求”)']]);
    const zh = checkWorkbook(book, { lang: 'zh-TW' }).findings;
    expect(zh[0].place).toBe('表 2 第 8 列第 2 欄（「伍、經費需求」之下）');
  });

  it('a Word table holds only text: number-as-text and hardcoded-total do not fire on it (they would on a sheet)', async () => {
    const book = await readWorkbookBuffer(await docxBytes(docxBodyXml(planBlocks(CLEAN_PLAN))), 'plan.docx');
    expect(checkWorkbook(book).findings.map((f) => f.rule)).not.toContain('number-as-text');
    // The same grid as an ordinary sheet would be told its amounts are text.
    const asSheets = { ...book, sheets: book.sheets.map(({ textTable: _, ...s }) => s) };
    expect(checkWorkbook(asSheets).findings.map((f) => f.rule)).toContain('number-as-text');
  });

  it('基本資料 written in the text is compared with the budget table', async () => {
    const blocks = planBlocks(CLEAN_PLAN).filter((b) => !('table' in b && b.table[0][0] === '申請公司'));
    blocks.splice(1, 0, { paragraph: '申請總經費：9,000 千元' }, { paragraph: '政府補助款：3,900 千元' }, { paragraph: '業者自籌款：5,100 千元' });
    const book = await readWorkbookBuffer(await docxBytes(docxBodyXml(blocks)), 'plan.docx');
    const findings = checkWorkbook(book, { lang: 'en' }).findings;
    const mismatch = findings.find((f) => f.rule === 'basic-info-mismatch');
    expect(mismatch?.place).toMatch(/^paragraph \d+ of the text$/);
  });

  it('places merged cells as in a sheet: gridBefore, gridSpan and vMerge (.docx), spanned and covered cells (.odt)', async () => {
    const rows = [
      [{ text: '經費預算表', cols: 3 }, null, null],
      [{ text: '人事費', rows: 2 }, '100', '200'],
      [null, '300', '400'],
    ];
    const docxBody =
      docxBodyXml([{ table: rows }]).replace('</w:tbl>', '') +
      '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>5</w:t></w:r><w:r><w:delText>99</w:delText></w:r></w:p></w:tc><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>=SUM(ABOVE)</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>600</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr></w:tbl>';
    const docx = sheet(await readWorkbookBuffer(await docxBytes(docxBody), 'm.docx'), '表1');
    expect(docx.values).toEqual([
      ['經費預算表', null, null],
      ['人事費', '100', '200'],
      [null, '300', '400'],
      [null, '5', '600'],
    ]);
    expect(docx.merges).toEqual(['A1:C1', 'A2:A3']);
    const odt = sheet(await readWorkbookBuffer(await odtBytes(odtBodyXml([{ table: rows }])), 'm.odt'), '表1');
    expect(odt.values).toEqual(docx.values.slice(0, 3));
    expect(odt.merges).toEqual(['A1:C1', 'A2:A3']);
  });

  it('numbers tables in document order, a table inside a table after the one holding it', async () => {
    const inner = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const body = `<w:tbl><w:tr><w:tc>${inner}<w:p><w:r><w:t>outer</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:tbl><w:tr><w:tc><w:p><w:r><w:t>third</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    const book = await readWorkbookBuffer(await docxBytes(body), 'n.docx');
    expect(book.sheets.map((s) => [s.name, s.values[0]?.[0] ?? null])).toEqual([
      ['表1', 'outer'],
      ['表2', 'inner'],
      ['表3', 'third'],
      ['內文', null],
    ]);
  });
});
