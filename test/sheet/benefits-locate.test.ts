import { describe, expect, it } from 'vitest';
import type { BenefitItemInput, BenefitSlot } from '../../src/domain/benefits';
import { toNumber } from '../../src/domain/money';
import { snapshotFromRows } from '../../src/sheet/grid';
import { headingKind, locateBenefitTables } from '../../src/sheet/benefits-locate';
import { checkBenefits } from '../../src/sheet/benefits-check';
import { sentenceWorkbook, workbook } from './benefits-fixtures';

type Expect = Partial<Record<BenefitSlot, [number, string]>>; // slot → [value, cell]

interface Case {
  label: string;
  section: string;
  sentence: string;
  sentenceExpect: Expect;
  split: (string | number)[];
  splitExpect: Expect;
  percentColumns?: number[]; // split cells holding 0.12 formatted as %
}

// Sentence form sits in B{row}; split form spreads over B.. (label in A).
const CASES: Case[] = [
  { label: '新增投資', section: 'economic', sentence: '0.5 億元', sentenceExpect: { amount: [0.5, 'B'] }, split: [0.5, '億元'], splitExpect: { amount: [0.5, 'B'] } },
  { label: '降低成本', section: 'economic', sentence: '１，２００萬元', sentenceExpect: { amount: [0.12, 'B'] }, split: ['', 0.12, '億元'], splitExpect: { amount: [0.12, 'C'] } },
  { label: '增加就業人數', section: 'economic', sentence: '3 人', sentenceExpect: { amount: [3, 'B'] }, split: [3, '人'], splitExpect: { amount: [3, 'B'] } },
  { label: '增加產值', section: 'economic', sentence: '1.2億元', sentenceExpect: { amount: [1.2, 'B'] }, split: ['1.2', '億元'], splitExpect: { amount: [1.2, 'B'] } },
  {
    label: '減少碳排放量', section: 'lowcarbon', sentence: '120 公噸 CO2e；減碳 12 %', sentenceExpect: { amount: [120, 'B'], percent: [12, 'B'] },
    split: [120, '公噸 CO2e；減碳', 12, '%'], splitExpect: { amount: [120, 'B'], percent: [12, 'D'] },
  },
  {
    label: '減少用電量', section: 'lowcarbon', sentence: '１２０，０００度電；節電率１２％', sentenceExpect: { amount: [120000, 'B'], percent: [12, 'B'] },
    split: [120000, '度電；節電率', 0.12], splitExpect: { amount: [120000, 'B'], percent: [12, 'D'] }, percentColumns: [3],
  },
  {
    label: '整體設備效率(OEE)', section: 'smart', sentence: '85 %；相較提升 12 %', sentenceExpect: { value: [85, 'B'], improvement: [12, 'B'] },
    split: [85, '%；相較提升', 12, '%'], splitExpect: { value: [85, 'B'], improvement: [12, 'D'] },
  },
  {
    label: '提升生產良率', section: 'smart', sentence: '95%；相較提升 12%', sentenceExpect: { value: [95, 'B'], improvement: [12, 'B'] },
    split: ['95', '%', '；相較提升', '12', '%'], splitExpect: { value: [95, 'B'], improvement: [12, 'E'] },
  },
  {
    label: '減少產線人力', section: 'smart', sentence: '由 10 人減為 6 人', sentenceExpect: { before: [10, 'B'], after: [6, 'B'] },
    split: ['由', 10, '人減為', 6, '人'], splitExpect: { before: [10, 'C'], after: [6, 'E'] },
  },
  {
    label: '產品達交率', section: 'smart', sentence: '98 %；相較提升 8 %', sentenceExpect: { value: [98, 'B'], improvement: [8, 'B'] },
    split: [98, '%；相較提升', 8, '%'], splitExpect: { value: [98, 'B'], improvement: [8, 'D'] },
  },
];

function only(items: BenefitItemInput[], label: string): BenefitItemInput {
  const found = items.filter((i) => i.label === label);
  expect(found).toHaveLength(1);
  return found[0];
}

function expectSlots(item: BenefitItemInput, expected: Expect, row: number) {
  const actual: Expect = {};
  for (const [slot, q] of Object.entries(item.slots)) if (q) actual[slot as BenefitSlot] = [toNumber(q.value), q.loc!.cell];
  const want: Expect = {};
  for (const [slot, [value, col]] of Object.entries(expected)) want[slot as BenefitSlot] = [value, `${col}${row}`];
  expect(actual).toEqual(want);
}

describe('locating the benefit tables', () => {
  it('finds headings and titles of the official form', () => {
    const input = locateBenefitTables(sentenceWorkbook());
    expect(input.heading).toEqual({ sheet: '預期效益', cell: 'A1' });
    expect(input.technicalTitle).toEqual({ sheet: '預期效益', cell: 'A10' });
    expect(input.tables.map((t) => [t.section, t.title?.cell, t.items.length])).toEqual([
      ['economic', 'A2', 4],
      ['lowcarbon', 'A11', 2],
      ['smart', 'A17', 4],
    ]);
  });

  it('recognises heading variants but not tick boxes', () => {
    expect(headingKind('（一）低碳化')).toBe('lowcarbon');
    expect(headingKind('二、 技術效益')).toBe('technicalHeading');
    expect(headingKind('(二)智慧化（依申請標的必填）')).toBe('smart');
    expect(headingKind('陸、預期效益')).toBe('heading');
    expect(headingKind('■低碳化 □智慧化')).toBeNull();
    expect(headingKind('低碳化技術導入說明')).toBeNull();
  });

  for (const c of CASES) {
    it(`reads ${c.label} typed as a sentence in one cell`, () => {
      const rows = [[c.section === 'economic' ? '一、經濟效益' : c.section === 'lowcarbon' ? '(一) 低碳化' : '(二) 智慧化'], ['項目', '效益'], [c.label, c.sentence]];
      const input = locateBenefitTables(workbook(snapshotFromRows('S', rows)));
      expect(input.tables).toHaveLength(1);
      expect(input.tables[0].section).toBe(c.section);
      expectSlots(only(input.tables[0].items, c.label), c.sentenceExpect, 3);
    });

    it(`reads ${c.label} split over cells`, () => {
      const rows = [[c.section === 'economic' ? '經濟效益' : c.section === 'lowcarbon' ? '低碳化' : '智慧化'], ['項目', '效益'], [c.label, ...c.split]];
      const sheet = snapshotFromRows('S', rows);
      for (const col of c.percentColumns ?? []) sheet.numberFormats[2][col] = '0%';
      const input = locateBenefitTables(workbook(sheet));
      expectSlots(only(input.tables[0].items, c.label), c.splitExpect, 3);
    });
  }

  it('reads custom rows (可自行增列) in both forms and skips the untouched placeholder', () => {
    const rows = [
      ['一、經濟效益'],
      ['項目', '效益'],
      ['新增投資', '0.5 億元'],
      ['增加出口', '0.3 億元'],
      ['節省物流費用', 0.02, '億元'],
      ['(可自行增列)'],
    ];
    const items = locateBenefitTables(workbook(snapshotFromRows('S', rows))).tables[0].items;
    expect(items.map((i) => [i.label, i.id, i.extras.map((q) => toNumber(q.value))])).toEqual([
      ['新增投資', 'new-investment', []],
      ['增加出口', null, [0.3]],
      ['節省物流費用', null, [0.02]],
    ]);
    expect(items[2].extras[0].loc).toEqual({ sheet: 'S', cell: 'B5' });
  });

  it('finds tables anywhere: another sheet, an offset origin, below a budget table', () => {
    const budget = snapshotFromRows('經費預算表', [
      ['經費預算表'],
      ['會計科目', '政府補助款', '業者自籌款', '合計'],
      ['全新設備之購置費', 300, 300, 600],
      [],
      [],
      [undefined, '一、經濟效益'],
      [undefined, '項目', '效益'],
      [undefined, '新增投資', '0.006 億元'],
      [undefined, '增加產值', '0.1 億元'],
    ]);
    const input = locateBenefitTables(workbook(snapshotFromRows('封面', [['■低碳化 □智慧化']]), budget));
    expect(input.tables).toHaveLength(1);
    expect(input.tables[0].title).toEqual({ sheet: '經費預算表', cell: 'B6' });
    expect(only(input.tables[0].items, '增加產值').slots.amount?.loc).toEqual({ sheet: '經費預算表', cell: 'C9' });

    const shifted = snapshotFromRows('S', [['(二) 智慧化'], ['項目', '效益'], ['減少產線人力', '由 8 人減為 5 人']], { row: 4, col: 2 });
    const item = locateBenefitTables(workbook(shifted)).tables[0].items[0];
    expect(item.slots.after?.loc).toEqual({ sheet: 'S', cell: 'D7' });
  });

  it('reads items without any heading and a 基準值 column', () => {
    const rows = [
      ['項目', '效益', '', '', '', '基準值 (導入前)', '', '計算說明'],
      ['減少用電量', 120000, '度電；節電率', 12, '%', 1000000, '度電', '節電率 = 減少用電量 ÷ 基準用電量'],
      ['提升生產良率', 92, '%；相較提升', 12, '%', 80, '%', '相較提升以百分點計：導入後 − 導入前'],
    ];
    const input = locateBenefitTables(workbook(snapshotFromRows('S', rows)));
    const items = input.tables.flatMap((t) => t.items);
    const power = only(items, '減少用電量');
    expect(toNumber(power.slots.baseline!.value)).toBe(1000000);
    expect(power.slots.baseline!.loc?.cell).toBe('F2');
    const yieldRow = only(items, '提升生產良率');
    expect(yieldRow.method).toBe('points');
    expect(toNumber(yieldRow.slots.baseline!.value)).toBe(80);
    expect(input.tables.map((t) => [t.section, t.title])).toEqual([
      ['lowcarbon', null],
      ['smart', null],
    ]);
  });
});

describe('properties', () => {
  const fcImport = import('fast-check');
  it('a sentence and its split-cell form read the same numbers', async () => {
    const fc = (await fcImport).default;
    const amount = fc.integer({ min: 1, max: 9_999_999 });
    const tenth = fc.integer({ min: 1, max: 999 });
    fc.assert(
      fc.property(amount, tenth, (kwh, p10) => {
        const percent = p10 / 10;
        const sentence = `${kwh.toLocaleString('en-US')} 度電；節電率 ${percent} %`;
        const one = locateBenefitTables(workbook(snapshotFromRows('S', [['低碳化'], ['減少用電量', sentence]]))).tables[0].items[0];
        const split = locateBenefitTables(workbook(snapshotFromRows('S', [['低碳化'], ['減少用電量', kwh, '度電；節電率', percent, '%']]))).tables[0].items[0];
        for (const item of [one, split]) {
          expect(toNumber(item.slots.amount!.value)).toBe(kwh);
          expect(toNumber(item.slots.percent!.value)).toBe(percent);
        }
      }),
    );
  });

  it('never throws on odd content', async () => {
    const fc = (await fcImport).default;
    const words = ['經濟效益', '技術效益', '(一) 低碳化', '智慧化', '項目', '效益', '基準值', '說明', '新增投資', '減少產線人力', '由', '人減為', '%', '；相較提升', '_____', '(可自行增列)', '註：', 'CO2e', '１２', '-', ''];
    const cell = fc.oneof(fc.constantFrom(...words), fc.string(), fc.double({ noNaN: false }), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 15 }), (rows) => {
        const wb = workbook(snapshotFromRows('S', rows));
        expect(() => locateBenefitTables(wb)).not.toThrow();
        expect(() => checkBenefits(wb, { target: 'lowcarbon' })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
