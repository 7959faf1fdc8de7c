import { describe, expect, it } from 'vitest';
import { extractQuantities, matchBenefitItem, readBenefitRow, isFilled, type TextPiece } from '../../src/domain/benefits';
import { toNumber } from '../../src/domain/money';

const at = (cell: string) => ({ sheet: 'S', cell });
const row = (label: string, ...texts: string[]) =>
  readBenefitRow(label, at('A1'), 'economic', texts.map((text, i): TextPiece => ({ text, loc: at(`${String.fromCharCode(66 + i)}1`) })));
const slot = (item: ReturnType<typeof row>, name: string) => {
  const q = (item.slots as Record<string, { value: bigint } | undefined>)[name];
  return q ? toNumber(q.value) : undefined;
};

describe('quantities in text', () => {
  it('does not read the 2 of CO2e as a number', () => {
    const qs = extractQuantities([{ text: '120 公噸 CO2e；減碳 12 %', loc: null }]);
    expect(qs.map((q) => [toNumber(q.value), q.kind])).toEqual([
      [120, 'co2'],
      [12, 'percent'],
    ]);
  });

  it('reads full-width digits, separators and units, converting to the official unit', () => {
    const qs = extractQuantities([{ text: '１２０，０００度電；節電率１２．５％', loc: null }]);
    expect(qs.map((q) => [toNumber(q.value), q.kind, q.decimals])).toEqual([
      [120000, 'energy', 0],
      [12.5, 'percent', 1],
    ]);
    expect(toNumber(extractQuantities([{ text: '5,000 萬元', loc: null }])[0].value)).toBe(0.5);
    expect(toNumber(extractQuantities([{ text: '12萬度', loc: null }])[0].value)).toBe(120000);
    expect(toNumber(extractQuantities([{ text: '3,000 公斤CO2e', loc: null }])[0].value)).toBe(3);
  });

  it('treats _____ placeholders as empty', () => {
    expect(extractQuantities([{ text: '_____ 公噸 CO2e；減碳 _____ %', loc: null }])).toEqual([]);
    expect(isFilled(row('減少碳排放量', '_____ 公噸 CO2e；減碳 _____ %'))).toBe(false);
  });
});

describe('item labels', () => {
  it('matches official wording and common variants', () => {
    expect(matchBenefitItem('整體設備效率(OEE)')?.id).toBe('oee');
    expect(matchBenefitItem('整體設備效率（ＯＥＥ）')?.id).toBe('oee');
    expect(matchBenefitItem('1. 新增投資')?.id).toBe('new-investment');
    expect(matchBenefitItem('(一)降低成本')?.id).toBe('cost-reduction');
    expect(matchBenefitItem('產品 達交率')?.id).toBe('delivery');
    expect(matchBenefitItem('員工訓練時數')).toBeNull();
  });
});

describe('rows typed as a sentence', () => {
  it('減少碳排放量 / 減少用電量 with their percentages', () => {
    const carbon = row('減少碳排放量', '120 公噸 CO2e；減碳 12 %');
    expect([slot(carbon, 'amount'), slot(carbon, 'percent')]).toEqual([120, 12]);
    const power = row('減少用電量', '120,000 度電；節電率 12%');
    expect([slot(power, 'amount'), slot(power, 'percent')]).toEqual([120000, 12]);
  });

  it('a lone percentage goes to its named blank, not the amount', () => {
    const carbon = row('減少碳排放量', '_____ 公噸 CO2e；減碳 12 %');
    expect(slot(carbon, 'amount')).toBeUndefined();
    expect(slot(carbon, 'percent')).toBe(12);
  });

  it('由 … 人減為 … 人, also with one blank left', () => {
    const staff = row('減少產線人力', '由 10 人減為 6 人');
    expect([slot(staff, 'before'), slot(staff, 'after')]).toEqual([10, 6]);
    const onlyAfter = row('減少產線人力', '由 _____ 人減為 6 人');
    expect([slot(onlyAfter, 'before'), slot(onlyAfter, 'after')]).toEqual([undefined, 6]);
  });

  it('rates with 相較提升, a stated baseline and the method', () => {
    const oee = row('整體設備效率(OEE)', '85 %；相較提升 10 %');
    expect([slot(oee, 'value'), slot(oee, 'improvement'), slot(oee, 'baseline')]).toEqual([85, 10, undefined]);
    const yieldRow = row('提升生產良率', '由 80% 提升至 92%；相較提升 12 個百分點');
    expect([slot(yieldRow, 'baseline'), slot(yieldRow, 'value'), slot(yieldRow, 'improvement')]).toEqual([80, 92, 12]);
    expect(yieldRow.method).toBe('points');
    expect(yieldRow.slots.improvement?.points).toBe(true);
  });

  it('economic amounts take the blank unit when none is typed', () => {
    const inv = row('新增投資', '0.5');
    expect(slot(inv, 'amount')).toBe(0.5);
    expect(inv.slots.amount?.kind).toBe('money');
    expect(slot(row('增加產值', '3,000萬元'), 'amount')).toBe(0.3);
  });

  it('custom rows keep their numbers as extras and count as filled', () => {
    const custom = row('減少廢棄物', '減少 12 公噸');
    expect(custom.id).toBeNull();
    expect(custom.extras.map((q) => toNumber(q.value))).toEqual([12]);
    expect(isFilled(custom)).toBe(true);
  });

  it('records the cell each number came from', () => {
    const carbon = row('減少碳排放量', '120', '公噸 CO2e；減碳', '12', '%');
    expect(carbon.slots.amount?.loc?.cell).toBe('B1');
    expect(carbon.slots.percent?.loc?.cell).toBe('D1');
  });
});
