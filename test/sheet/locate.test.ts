import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetRowInput, BudgetTableInput, RawValue } from '../../src/domain/budget';
import type { SheetSnapshot } from '../../src/sheet/grid';
import { headerKind, isPercentFormat, locateBudgetTable, locateBudgetTables, unitLabel } from '../../src/sheet/locate';
import {
  type Row,
  SEED_004_HEADER,
  SEED_004_ITEMS,
  SEED_004_NOTES,
  SEED_004_PERCENT,
  SEED_004_TOTAL,
  placeAt,
  seed004Rows,
  sheet,
  workbook,
} from './fixtures/workbook';

const SEED_LABELS = SEED_004_ITEMS.map((r) => r[0]);

const labels = (t: BudgetTableInput) => t.rows.map((r) => r.label.value);
/** A row's cells as "A4=消耗性器材及原材料費 B4=240 …", blank columns as "-". */
const cells = (r: BudgetRowInput | null) =>
  r && [r.label, r.gov, r.self, r.total, r.percent].map((c) => (c ? `${c.loc.cell}=${c.formula ?? c.value ?? ''}` : '-')).join(' ');

function only(tables: BudgetTableInput[]): BudgetTableInput {
  expect(tables).toHaveLength(1);
  return tables[0];
}

describe('locateBudgetTables: the SPEC §3 (seed 004) example', () => {
  it('at A1: title, unit, every item row, 合計 and 百分比(%) rows, notes left out', () => {
    const table = only(locateBudgetTables(workbook(sheet('經費預算表', seed004Rows()))));
    expect(table.sheet).toBe('經費預算表');
    expect(table.title).toEqual({ sheet: '經費預算表', cell: 'A1' });
    expect(table.unit).toEqual({ unit: '千元', loc: { sheet: '經費預算表', cell: 'E2' } });
    expect(labels(table)).toEqual(SEED_LABELS);
    expect(cells(table.rows[0])).toBe('A4=消耗性器材及原材料費 B4=240 C4=120 D4=360 E4=10.7');
    // 人事費 has no 政府補助款: the cell is there, blank.
    expect(table.rows[4].gov).toEqual({ loc: { sheet: '經費預算表', cell: 'B8' }, value: null, formula: null, percentFormat: false });
    expect(cells(table.totalRow)).toBe('A10=合計 B10=1500 C10=1880 D10=3380 -');
    expect(cells(table.percentRow)).toBe('A11=百分比(%) B11=44.4 C11=55.6 D11=100 -');
    expect(table.workbookHasFormulas).toBe(false);
  });

  it('at D7 of a second sheet, whether the used range starts at D7 or at A1', () => {
    const cover = sheet('封面', [['產業升級轉型補助計畫申請書'], ['公司名稱', '○○股份有限公司']]);
    const body = [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL, SEED_004_PERCENT];
    for (const budget of [sheet('預算', body, { origin: 'D7' }), sheet('預算', placeAt(body, 'D7'))]) {
      const table = only(locateBudgetTables(workbook(cover, budget)));
      expect(table.sheet).toBe('預算');
      // No title above the header: the header's first cell stands for it.
      expect(table.title).toEqual({ sheet: '預算', cell: 'D7' });
      expect(table.unit).toBeNull();
      expect(cells(table.rows[0])).toBe('D8=消耗性器材及原材料費 E8=240 F8=120 G8=360 H8=10.7');
      expect(table.totalRow?.label.loc.cell).toBe('D14');
      expect(table.percentRow?.label.loc.cell).toBe('D15');
    }
  });

  it('with the title merged across the table and prefixed "柒、", placed away from A1', () => {
    const rows = placeAt(seed004Rows('柒、經費預算表'), 'C5');
    const table = only(locateBudgetTables(workbook(sheet('申請書', rows, { merges: ['C5:G5'] }))));
    expect(table.title.cell).toBe('C5');
    expect(table.unit?.loc.cell).toBe('G6');
    expect(labels(table)).toEqual(SEED_LABELS);
  });
});

describe('locateBudgetTables: layouts people make', () => {
  it('finds the columns whatever their order', () => {
    // 合計 | 會計科目 | 業者自籌款 | 各科目補助比例(%) | 政府補助款
    const permute = (r: Row): Row => [r[3], r[0], r[2], r[4], r[1]];
    const rows = [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL].map(permute);
    const table = only(locateBudgetTables(workbook(sheet('S', rows))));
    expect(labels(table)).toEqual(SEED_LABELS);
    expect(cells(table.rows[2])).toBe('B4=既有設備之改善費 E4=900 C4=900 A4=1800 D4=53.3');
    expect(cells(table.totalRow)).toBe('B8=合計 E8=1500 C8=1880 A8=3380 -');
  });

  it('reads a two-row header with merged cells (會計科目 merged down, 經費 merged across)', () => {
    const rows: Row[] = [
      ['會計科目', '經費(千元)', null, null, '各科目補助比例(%)'],
      [null, '政府補助款', '業者自籌款', '合計', null],
      ...SEED_004_ITEMS,
      SEED_004_TOTAL,
    ];
    const table = only(locateBudgetTables(workbook(sheet('S', rows, { merges: ['A1:A2', 'B1:D1', 'E1:E2'] }))));
    expect(labels(table)).toEqual(SEED_LABELS);
    expect(cells(table.rows[0])).toBe('A3=消耗性器材及原材料費 B3=240 C3=120 D3=360 E3=10.7');
    expect(table.unit).toEqual({ unit: '千元', loc: { sheet: 'S', cell: 'B1' } });
  });

  it('reads amounts under a header cell merged across two columns', () => {
    const rows: Row[] = [
      ['會計科目', null, '政府補助款', '業者自籌款'],
      ['1.', '消耗性器材及原材料費', 240, 120],
      ['2.', '全新設備之購置費', 300, 300],
      [null, '合計', 540, 420],
    ];
    const table = only(locateBudgetTables(workbook(sheet('S', rows, { merges: ['A1:B1'] }))));
    expect(labels(table)).toEqual(['消耗性器材及原材料費', '全新設備之購置費']);
    expect(table.totalRow?.label.loc.cell).toBe('B4');
    expect(table.rows[0].total).toBeNull();
    expect(table.rows[0].percent).toBeNull();
  });

  it('finds the label column by its item names when its header is blank', () => {
    const rows: Row[] = [[null, '政府補助款', '業者自籌款', '合計'], ...SEED_004_ITEMS.map((r) => r.slice(0, 4)), SEED_004_TOTAL.slice(0, 4)];
    const table = only(locateBudgetTables(workbook(sheet('S', rows))));
    expect(labels(table)).toEqual(SEED_LABELS);
  });

  it('keeps custom rows and skips a blank row inside the table', () => {
    const rows: Row[] = [
      SEED_004_HEADER,
      SEED_004_ITEMS[0],
      [],
      ['軟體授權費', 50, 50, 100, 3],
      ['※人事費', null, 200, 200, 5.9],
      [null, 10, 10, 20, null],
      SEED_004_TOTAL,
    ];
    const table = only(locateBudgetTables(workbook(sheet('S', rows))));
    expect(labels(table)).toEqual(['消耗性器材及原材料費', '軟體授權費', '※人事費', null]);
    // The unlabelled row still carries its amounts, so its money is not silently dropped.
    expect(cells(table.rows[3])).toBe('A6= B6=10 C6=10 D6=20 E6=');
    expect(table.totalRow?.label.loc.cell).toBe('A7');
  });

  it('a note does not end the table: a note holding amounts is an unread row, and the items after it are read', () => {
    for (const note of ['註：金額以千元計', '※註1 本表由系統產生', '備註', '本表金額均不含營業稅，如有疑問請洽計畫辦公室承辦人員。']) {
      const rows: Row[] = [SEED_004_HEADER, ...SEED_004_ITEMS.slice(0, 2), [note, 1, 2, 3], ['基礎工程施工費', 1, 2, 3]];
      const table = only(locateBudgetTables(workbook(sheet('S', rows))));
      expect(labels(table), note).toEqual([...SEED_LABELS.slice(0, 2), '基礎工程施工費']);
      expect(table.unread?.map((u) => [u.row.label.loc.cell, u.why]), note).toEqual([['A4', 'note']]);
      expect(table.totalRow).toBeNull();
    }
  });

  it('keeps a custom label with a comma, but stops at the next section of the form', () => {
    const rows: Row[] = [
      SEED_004_HEADER,
      SEED_004_ITEMS[0],
      ['軟體、雲端服務，含授權', 10, 10, 20, 1],
      ['參、設備購置或改善規劃'],
      ['設備名稱(含品牌、型號)', '用途/規格', '預估費用(不含稅)', '採購對象/產地'],
      ['CNC 車床', '加工', 600, '國產'],
    ];
    expect(labels(only(locateBudgetTables(workbook(sheet('S', rows)))))).toEqual(['消耗性器材及原材料費', '軟體、雲端服務，含授權']);
  });

  it('does not take a sentence mentioning 經費預算表 for the title', () => {
    const rows: Row[] = [['3.申請經費須與經費預算表一致'], ['請依經費預算表填寫'], SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL];
    expect(only(locateBudgetTables(workbook(sheet('S', rows)))).title.cell).toBe('A3');
    const titled: Row[] = [['中心廠 經費預算表（單位：千元）'], SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL];
    const table = only(locateBudgetTables(workbook(sheet('S', titled))));
    expect(table.title.cell).toBe('A1');
    expect(table.unit).toEqual({ unit: '千元', loc: { sheet: 'S', cell: 'A1' } });
  });

  it('stops at a gap of two blank rows', () => {
    const rows: Row[] = [SEED_004_HEADER, ...SEED_004_ITEMS.slice(0, 2), [], [], ['其他資料', 1, 2, 3]];
    expect(labels(only(locateBudgetTables(workbook(sheet('S', rows)))))).toEqual(SEED_LABELS.slice(0, 2));
  });

  it('takes only the 百分比(%) row after 合計, and tolerates one blank line between them', () => {
    const rows: Row[] = [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL, [], SEED_004_PERCENT, ['其他', 1, 1, 2]];
    const table = only(locateBudgetTables(workbook(sheet('S', rows))));
    expect(table.percentRow?.label.loc.cell).toBe('A10');
    expect(labels(table)).toEqual(SEED_LABELS);
    const noPercent = only(locateBudgetTables(workbook(sheet('S', [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL, ...SEED_004_NOTES]))));
    expect(noPercent.percentRow).toBeNull();
  });

  it('accepts the header variants people type', () => {
    const variants: Row[] = [
      [' 會計\n科目 ', '政府\r\n補助款', '業者　自籌款', '合　計', '各科目\n補助比例\n(%)'],
      ['科目', '補助款', '自籌款', '小計', '比例(%)'],
      ['預算科目', '政府補助款(千元)', '業者自籌款(千元)', '總計', '補助比例'],
      ['經費項目', '補助款（千元）', '自籌款（千元）', '合計(千元)', '佔總經費比例'],
      ['會計科目：', '政府補助款', '業者自籌款', '總經費', '（％）'],
      ['會計科目', '政府補助款(A)', '業者自籌款(B)', '合計(C)=(A)+(B)', '補助比例(C/總計)'],
    ];
    for (const header of variants) {
      const table = only(locateBudgetTables(workbook(sheet('S', [header, ...SEED_004_ITEMS, SEED_004_TOTAL]))));
      expect(cells(table.rows[1]), JSON.stringify(header)).toBe('A3=全新設備之購置費 B3=300 C3=300 D3=600 E3=17.8');
    }
  });

  it('treats the 合計 and percent columns as optional, but not the gov and self columns', () => {
    const minimal = only(locateBudgetTables(workbook(sheet('S', [['會計科目', '補助款', '自籌款'], ['人事費', null, 200], ['合計', 0, 200]]))));
    expect(cells(minimal.rows[0])).toBe('A2=人事費 B2= C2=200 - -');
    for (const header of [['會計科目', '政府補助款', '合計'], ['會計科目', '業者自籌款', '合計', '比例']]) {
      expect(locateBudgetTables(workbook(sheet('S', [header, ['人事費', 1, 2, 3]])))).toEqual([]);
    }
  });

  it('is not fooled by tables that merely mention 補助款 and 自籌款', () => {
    const basicInfo: Row[] = [
      ['基本資料'],
      ['申請總經費 千元', '補助款 千元(%)', '自籌款 千元(%)'],
      [3380, '1,500 (44.4%)', '1,880 (55.6%)'],
    ];
    const notes: Row[] = [['註：政府補助款不得超過總經費50%，業者自籌款須達50%以上'], ['會計科目說明']];
    expect(locateBudgetTables(workbook(sheet('基本資料', basicInfo), sheet('說明', notes), sheet('空白', [])))).toEqual([]);
    expect(locateBudgetTable(workbook(sheet('基本資料', basicInfo)))).toBeNull();
  });
});

describe('locateBudgetTables: unit label', () => {
  const withUnit = (rows: Row[]) => only(locateBudgetTables(workbook(sheet('S', rows)))).unit;
  const body = [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL];

  it('reads 千元 and 元 labels above, beside or in the title', () => {
    const cases: [Row[], string, string][] = [
      [[['經費預算表', null, null, null, '金額單位：千元'], ...body], '千元', 'E1'],
      [[['經費預算表'], ['單位：元'], ...body], '元', 'A2'],
      [[['經費預算表'], [null, null, null, null, '(元)'], ...body], '元', 'E2'],
      [[['經費預算表'], [null, null, null, '（千元）'], ...body], '千元', 'D2'],
      [[['單位:新臺幣元'], [], ...body], '元', 'A1'],
      [[['金額單位：新臺幣千元'], ...body], '千元', 'A1'],
      [[['經費預算表（單位：仟元）'], ...body], '千元', 'A1'],
      [[[null, null, null, null, null, '單位：千元'], ...body.map((r) => [...r])], '千元', 'F1'],
      // Just right of the header row.
      [[[...SEED_004_HEADER, null, '單位：元'], ...body.slice(1)], '元', 'G1'],
    ];
    for (const [rows, unit, cell] of cases) expect(withUnit(rows), JSON.stringify(rows[0])).toEqual({ unit, loc: { sheet: 'S', cell } });
  });

  it('reads a unit written into the amount headers', () => {
    const header = ['會計科目', '政府補助款(元)', '業者自籌款(元)', '合計(元)'];
    expect(withUnit([header, ['人事費', 0, 200, 200]])).toEqual({ unit: '元', loc: { sheet: 'S', cell: 'B1' } });
    const thousand = ['會計科目', '政府補助款（新臺幣千元）', '業者自籌款', '合計'];
    expect(withUnit([thousand, ['人事費', 0, 200, 200]])?.unit).toBe('千元');
  });

  it('is null when there is no unit label, and ignores units in far-away cells or sentences', () => {
    expect(withUnit(body)).toBeNull();
    expect(withUnit([['單位：元'], [], [], [], [], ...body])).toBeNull();
    expect(withUnit([['補助上限為新臺幣150萬元，請依單位規定填寫經費'], ...body])).toBeNull();
  });

  it('lets 千元 and 萬元 win over the 元 they contain', () => {
    for (const text of ['千元', '單位：千元', '(千元)', '金額單位:千元', '單位 : 新台幣 千元']) expect(unitLabel(text), text).toBe('千元');
    for (const text of ['元', '單位：元', '(元)', '單位:新臺幣元', '（元）']) expect(unitLabel(text), text).toBe('元');
    for (const text of ['萬元', '單位：萬元', '(萬元)', '金額單位：新臺幣萬元']) expect(unitLabel(text), text).toBe('萬元');
    for (const text of ['單位：百萬元', '經費預算表', '補助款', '政府補助款(元)']) expect(unitLabel(text), text).toBeNull();
    expect(unitLabel('政府補助款(元)', true)).toBe('元');
  });
});

describe('locateBudgetTables: values, formulas and formats', () => {
  it('marks cells formatted as percentages, which hold fractions', () => {
    const rows: Row[] = [
      SEED_004_HEADER,
      ['消耗性器材及原材料費', 240, 120, '=B2+C2', 0.107],
      ['全新設備之購置費', 300, 300, '=B3+C3', '=D3/D$4'],
      ['合計', '=SUM(B2:B3)', '=SUM(C2:C3)', '=SUM(D2:D3)'],
    ];
    const formats = { E2: '0.0%', E3: '[Blue]0.0%;[Red]-0.0%', B2: '#,##0' };
    const table = only(locateBudgetTables(workbook(sheet('S', rows, { formats }))));
    expect(table.rows[0].percent).toEqual({ loc: { sheet: 'S', cell: 'E2' }, value: 0.107, formula: null, percentFormat: true });
    expect(table.rows[1].percent?.formula).toBe('=D3/D$4');
    expect(table.rows[1].percent?.percentFormat).toBe(true);
    expect(table.rows[0].gov?.percentFormat).toBe(false);
    expect(table.rows[0].total?.formula).toBe('=B2+C2');
    expect(table.totalRow?.gov?.formula).toBe('=SUM(B2:B3)');
    expect(table.workbookHasFormulas).toBe(true);
  });

  it('tells a scaling % from a literal one in the number format', () => {
    for (const f of ['0%', '0.0%', '#,##0.0%', '[Red]0.0%', '0.0%;-0.0%']) expect(isPercentFormat(f), f).toBe(true);
    for (const f of ['General', '0.0', '#,##0', '0.0"%"', '0.0\\%', '"成長%"0', '@', '']) expect(isPercentFormat(f), f).toBe(false);
  });

  it('reports formulas anywhere in the workbook, even on another sheet', () => {
    const plain = sheet('預算', [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL]);
    expect(only(locateBudgetTables(workbook(plain))).workbookHasFormulas).toBe(false);
    const other = sheet('試算', [[1, 2, '=A1+B1']]);
    expect(only(locateBudgetTables(workbook(plain, other))).workbookHasFormulas).toBe(true);
  });
});

describe('locateBudgetTables: several tables', () => {
  const memberTable = (company: string, gov: number): Row[] => [
    [`${company} 經費預算表`, null, null, null, '單位：千元'],
    SEED_004_HEADER,
    ['消耗性器材及原材料費', gov, 100, gov + 100, null],
    ['國內差旅費', null, 20, 20, null],
    ['合計', gov, 120, gov + 120, null],
    [],
    ['註：各成員廠商分別填列'],
    [],
    [],
  ];

  it('returns one per member company and a copy sheet, in sheet order, each with its own title and unit', () => {
    const chain = sheet('以大帶小', [...memberTable('中心廠', 500), ...memberTable('成員A', 300), ...memberTable('成員B', 200)]);
    const copy = sheet('經費預算表 (2)', seed004Rows());
    const tables = locateBudgetTables(workbook(chain, copy));
    expect(tables.map((t) => `${t.sheet}!${t.title.cell} ${t.unit?.loc.cell} ${t.rows[0].gov?.value}`)).toEqual([
      '以大帶小!A1 E1 500',
      '以大帶小!A10 E10 300',
      '以大帶小!A19 E19 200',
      '經費預算表 (2)!A1 E2 240',
    ]);
    expect(tables.every((t) => t.totalRow !== null)).toBe(true);
    // The most complete table is the full seed table, not the first one.
    expect(locateBudgetTable(workbook(chain, copy))?.sheet).toBe('經費預算表 (2)');
  });

  it('tells apart two tables side by side', () => {
    const left = [SEED_004_HEADER, ...SEED_004_ITEMS.slice(0, 2), SEED_004_TOTAL];
    const right = [['會計科目', '政府補助款', '業者自籌款'], ['人事費', null, 200], ['合計', null, 200]];
    const rows = left.map((r, i) => [...r, null, ...(right[i] ?? [])]);
    const tables = locateBudgetTables(workbook(sheet('S', rows)));
    expect(tables.map((t) => labels(t))).toEqual([SEED_LABELS.slice(0, 2), ['人事費']]);
    expect(cells(tables[1].rows[0])).toBe('G2=人事費 H2= I2=200 - -');
  });

  it('locateBudgetTable returns null when the workbook has no budget table', () => {
    expect(locateBudgetTables(workbook())).toEqual([]);
    expect(locateBudgetTable(workbook(sheet('空白', []), sheet('資料', [[1, 2], ['a', true]])))).toBeNull();
  });
});

describe('headerKind', () => {
  it('names the column a header text stands for', () => {
    expect(['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'].map(headerKind)).toEqual(['label', 'gov', 'self', 'total', 'percent']);
    expect(['經費預算表', '註1：全新設備之購置費以總經費30%為上限', '消耗性器材及原材料費', '', '金額單位：千元'].map(headerKind)).toEqual([null, null, null, null, null]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

const HEADER_WORDS = ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)', '補助款', '自籌款', '小計', '比例(%)'];
const LABEL_WORDS = [...SEED_LABELS.map(String), '合計', '百分比(%)', '註1：說明', '經費預算表', '金額單位：千元', '單位：元', '(元)'];
const arbitraryValue: fc.Arbitrary<RawValue | undefined> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.constantFrom(...HEADER_WORDS, ...LABEL_WORDS, '#DIV/0!', '#REF!', '#VALUE!', '', '   ', '=SUM(A1:A3)', '=1/0', '+1', '@x'),
);
const arbitrarySheet: fc.Arbitrary<SheetSnapshot> = fc
  .record({
    name: fc.string(),
    origin: fc.record({ row: fc.nat(30), col: fc.nat(10) }),
    values: fc.array(fc.array(arbitraryValue, { maxLength: 9 }), { maxLength: 25 }),
    formulas: fc.array(fc.array(fc.oneof(fc.constant(null), fc.string(), fc.constant('=A1+B1')), { maxLength: 9 }), { maxLength: 25 }),
    numberFormats: fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('0.0%', 'General', '"%"0', '\\%', '[%]0')), { maxLength: 9 }), {
      maxLength: 25,
    }),
    merges: fc.option(fc.array(fc.oneof(fc.string(), fc.constantFrom('A1:E1', 'B2:B3', 'ZZZ9:A1', 'A0', ':', 'A1:B')), { maxLength: 4 }), {
      nil: undefined,
    }),
  })
  .map((s) => s as unknown as SheetSnapshot); // ragged rows and `undefined` cells on purpose

describe('locateBudgetTables: arbitrary grids', () => {
  it('never throws, and every row it returns points into the sheet it names', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySheet, { maxLength: 3 }), (sheets) => {
        const tables = locateBudgetTables({ sheets, settings: {} });
        for (const t of tables) {
          expect(sheets.some((s) => s.name === t.sheet)).toBe(true);
          for (const r of [...t.rows, t.totalRow, t.percentRow]) if (r) expect(r.label.loc.sheet).toBe(t.sheet);
        }
        locateBudgetTable({ sheets, settings: {} });
      }),
      { numRuns: 500 },
    );
  });

  it('finds the seed table placed anywhere among numbers, booleans and errors', () => {
    const noise = fc.oneof(fc.constant(null), fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), fc.constantFrom('#DIV/0!', '#N/A'));
    fc.assert(
      fc.property(fc.nat(20), fc.nat(8), fc.array(fc.array(noise, { maxLength: 20 }), { maxLength: 40 }), (row, col, background) => {
        const table = [SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL, SEED_004_PERCENT];
        const grid: Row[] = background.map((r) => [...r]);
        table.forEach((r, i) => {
          grid[row + i] ??= [];
          r.forEach((v, j) => (grid[row + i][col + j] = v));
        });
        const found = locateBudgetTables(workbook(sheet('S', Array.from(grid, (r) => r ?? []))));
        expect(found).toHaveLength(1);
        expect(labels(found[0])).toEqual(SEED_LABELS);
        expect(found[0].totalRow?.gov?.value).toBe(1500);
      }),
      { numRuns: 200 },
    );
  });
});

describe('locateBudgetTables: long sheets', () => {
  // How long this takes (and that it grows linearly) is measured by `npm run bench` (bench/locate.ts), not asserted.
  it('finds the tables on sheets with 2,000 extra data rows before or after them', () => {
    const data: Row[] = Array.from({ length: 2000 }, (_, i) => [`設備 ${i + 1}`, `規格 ${i}`, i * 10, i % 2 === 0 ? '國產' : '進口', '=C1*2', null, i / 7]);
    const rows = [...seed004Rows(), [], [], ['設備清單'], ...data];
    const book = workbook(sheet('長表', rows), sheet('清單在前', [...data, [], ...seed004Rows()]));
    const tables = locateBudgetTables(book);
    expect(tables.map((t) => labels(t))).toEqual([SEED_LABELS, SEED_LABELS]);
  });
});

describe('locateBudgetTables: every row accounted for', () => {
  const H = SEED_004_HEADER;
  const read = (rows: Row[], merges?: string[]) => only(locateBudgetTables(workbook(sheet('S', rows, merges ? { merges } : undefined))));
  const subtotalCells = (t: BudgetTableInput) => (t.subtotals ?? []).map((s) => [s.row.label.loc.cell, s.covers]);

  it('a 小計 row after four items is a subtotal, not the 合計: the rows below it and the real 合計 are read', () => {
    for (const word of ['小計', '小　計', '合計(一)', '合計（一）']) {
      const t = read([H, ...SEED_004_ITEMS.slice(0, 4), [word, 1500, 1380, 2880, null], ...SEED_004_ITEMS.slice(4), SEED_004_TOTAL, SEED_004_PERCENT]);
      expect(labels(t), word).toEqual(SEED_LABELS);
      expect(subtotalCells(t), word).toEqual([['A6', [0, 1, 2, 3]]]);
      expect(t.totalRow?.label.loc.cell, word).toBe('A9');
      expect(t.percentRow?.label.loc.cell, word).toBe('A10');
    }
  });

  it('an unlabelled row equal to the sum of the rows above it is a subtotal', () => {
    const t = read([H, ...SEED_004_ITEMS.slice(0, 4), [null, 1500, 1380, 2880, null], ...SEED_004_ITEMS.slice(4), SEED_004_TOTAL]);
    expect(labels(t)).toEqual(SEED_LABELS);
    expect(subtotalCells(t)).toEqual([['A6', [0, 1, 2, 3]]]);
  });

  it('a 合計 above the real one (two groups, then 總計) is a subtotal', () => {
    const t = read([H, ...SEED_004_ITEMS.slice(0, 4), ['合計', 1500, 1380, 2880, null], ...SEED_004_ITEMS.slice(4), ['小計', 0, 500, 500], ['總計', 1500, 1880, 3380]]);
    expect(labels(t)).toEqual(SEED_LABELS);
    expect(subtotalCells(t)).toEqual([['A6', [0, 1, 2, 3]], ['A9', [4, 5]]]);
    expect(t.totalRow?.label.value).toBe('總計');
  });

  it('a long label does not end the table', () => {
    const t = read([H, SEED_004_ITEMS[0], ['無形資產引進費（含軟體授權、專利技術移轉及顧問費用）', 0, 300, 300, null], ['人事費', 100, 200, 300, null], ['合計', 340, 620, 960, null]]);
    expect(labels(t)).toEqual(['消耗性器材及原材料費', '無形資產引進費（含軟體授權、專利技術移轉及顧問費用）', '人事費']);
    expect(t.totalRow?.label.loc.cell).toBe('A5');
  });

  it('blank rows, a merged label and a note between items do not end the table before its 合計', () => {
    const t = read(
      [H, SEED_004_ITEMS[0], [], [], [], ['※以下為自籌款項目'], ['人事費', null, 200, 200, null], [], ['合計', 240, 320, 560, null]],
      ['A7:A7'],
    );
    expect(labels(t)).toEqual(['消耗性器材及原材料費', '人事費']);
    expect(t.totalRow?.label.loc.cell).toBe('A9');
    expect(t.unread).toEqual([]);
  });

  it('an item row directly below the 合計 is an unread row, not silently dropped', () => {
    const t = read([H, ...SEED_004_ITEMS.slice(0, 2), ['合計', 540, 420, 960, null], ['人事費', 100, 0, 100, null]]);
    expect(t.totalRow?.label.loc.cell).toBe('A4');
    expect(t.unread?.map((u) => [u.row.label.loc.cell, u.why])).toEqual([['A5', 'after-total']]);
  });
});
