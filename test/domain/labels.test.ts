import { describe, expect, it } from 'vitest';
import { checkBudgetTable } from '../../src/domain/engine';
import type { Finding, RuleId } from '../../src/domain/findings';
import { editDistance, isSubtotalLabel, isTotalLabel, readLabel } from '../../src/domain/labels';
import { type ItemId, getProgram } from '../../src/domain/programs';
import { ITEM_SYNONYMS } from '../../src/domain/programs/synonyms';
import { table } from './table-builder';

const upgrade = getProgram('upgrade-10plus');
const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);

/** Labels as applicants type them (issue 9 and reviewers' files), with the item a reviewer reads each as. */
export const LABEL_VARIANTS: [string, ItemId][] = [
  ['人事費用', 'personnel'],
  ['全新設備購置費用', 'new-equipment'],
  ['無形資產引進費用', 'intangible-assets'],
  ['人事費(自籌)', 'personnel'],
  ['人事費（僅自籌）', 'personnel'],
  ['委託研究/驗證費', 'commissioned-research'],
  ['委託研究、驗證費', 'commissioned-research'],
  ['委託研究與驗證費', 'commissioned-research'],
  ['委託研究和驗證費', 'commissioned-research'],
  ['委託研究及驗證費', 'commissioned-research'],
  ['消耗性器材與原材料費', 'consumables'],
  ['委託研究費', 'commissioned-research'],
  ['委託驗證費', 'commissioned-research'],
  ['新設備購置費', 'new-equipment'],
  ['設備購置費', 'new-equipment'],
  ['全新設備費', 'new-equipment'],
  ['消耗性器材及原料費', 'consumables'],
  ['耗材及原材料費', 'consumables'],
  ['人員費', 'personnel'],
  ['人事成本', 'personnel'],
  ['技術引進費', 'intangible-assets'],
  ['無形資產引進費（含軟體授權、專利技術移轉及顧問費用）', 'intangible-assets'],
  ['全 新 設 備 之 購 置 費', 'new-equipment'],
  ['１．人事費', 'personnel'],
  ['(三)既有設備之改善費', 'equipment-improvement'],
  ['四、委託研究或驗證費', 'commissioned-research'],
  ['※消耗性器材及原材料費', 'consumables'],
  ['＊人事費＊', 'personnel'],
  ['既有設備改善費用', 'equipment-improvement'],
  ['設備改善費', 'equipment-improvement'],
  ['委託研究驗證費', 'commissioned-research'],
  ['消耗性器材費', 'consumables'],
  ['國內差旅費用', 'domestic-travel'],
  ['基礎工程費', 'foundation-works'],
  ['基礎工程施工費(自籌)', 'foundation-works'],
  ['人事費[註2]', 'personnel'],
  ['全新設備之購置', 'new-equipment'],
  ['消耗性器材及原材枓費', 'consumables'], // 枓 typed for 料: a near-match
  ['既有設備之改普費', 'equipment-improvement'], // 普 for 善
  ['委託研究或驗証費', 'commissioned-research'], // 証 for 證
  ['全新設備之購買費', 'new-equipment'],
  ['A. 人事費', 'personnel'],
  ['1.1 全新設備之購置費', 'new-equipment'],
];

/** Labels that name no item: they stay unknown (a guess here would apply the wrong limits). */
const NOT_ITEMS = ['雜支', '其他費用', '設備租金', '廣告費', '專利申請費', '設備', '研究', '差', '管理費', '水電費'];

describe('labels as people write them', () => {
  it(`reads ${LABEL_VARIANTS.length} variants as the official items`, () => {
    expect(LABEL_VARIANTS.length).toBeGreaterThanOrEqual(30);
    for (const [label, item] of LABEL_VARIANTS) expect(readLabel(label)?.item, label).toBe(item);
  });

  it('leaves labels that name no item unknown', () => {
    for (const label of NOT_ITEMS) expect(readLabel(label), label).toBeNull();
  });

  it('never reads totals, subtotals or percentages as items', () => {
    for (const label of ['合計', '總計', '小計', '小　計', '合計(一)', '合計（二）', '總經費', '合計(千元)']) expect(readLabel(label), label).toBeNull();
    expect(['合計', '總計', '合 計', '合計(千元)'].every(isTotalLabel)).toBe(true);
    expect(['小計', '小　計', '合計(一)', '合計（二）', '自籌款小計'].every(isSubtotalLabel)).toBe(true);
    expect(['合計', '合計(千元)', '人事費'].some(isSubtotalLabel)).toBe(false);
  });

  it('says how each was read: official, another wording, a synonym with its reason, or a near spelling', () => {
    expect(readLabel('1. 人事費')).toEqual({ item: 'personnel', how: 'official' });
    expect(readLabel('人事費用')).toEqual({ item: 'personnel', how: 'wording' });
    expect(readLabel('人員費')).toMatchObject({ item: 'personnel', how: 'synonym', reason: expect.stringContaining('人員') });
    expect(readLabel('委託研究或驗証費')).toEqual({ item: 'commissioned-research', how: 'near', distance: 1 });
  });

  it('every synonym is data with a reason, and reads as its item', () => {
    for (const s of ITEM_SYNONYMS) {
      expect(s.reason.length, s.label).toBeGreaterThan(5);
      expect(readLabel(s.label)?.item, s.label).toBe(s.item);
    }
  });

  it('edit distance is bounded', () => {
    expect(editDistance('全新設備購置', '全新設備購買', 1)).toBe(1);
    expect(editDistance('abcdef', 'ghijkl', 2)).toBe(3);
  });
});

describe('a variant keeps every rule of its item', () => {
  it('人事費用 with government money is a self-only-item error, plus the variant note', () => {
    const f = checkBudgetTable(table([
      { label: '消耗性器材及原材料費', gov: 500, self: 1500 },
      { label: '人事費用', gov: 500, self: 500 },
    ]), upgrade).findings;
    expect(only(f, 'self-only-item')).toMatchObject([{ cell: 'B5', actual: 500 }]);
    expect(only(f, 'item-label-variant')).toMatchObject([{ severity: 'info', cell: 'A5', expected: '人事費' }]);
    expect(only(f, 'item-label-variant')[0].message).toContain('視為「人事費」');
    expect(only(f, 'unknown-item')).toEqual([]);
  });

  it('全新設備購置費用 at 31.9 % is an item-cap error', () => {
    const f = checkBudgetTable(table([
      { label: '全新設備購置費用', gov: 319, self: 181 },
      { label: '既有設備之改善費', gov: 100, self: 400 },
    ]), upgrade).findings;
    expect(only(f, 'item-cap')).toMatchObject([{ cell: 'B4', actual: 319, expected: 300 }]);
  });

  it('an official label gets no variant note', () => {
    const f = checkBudgetTable(table([{ label: '(一) 人事費', gov: 0, self: 100 }]), upgrade).findings;
    expect(only(f, 'item-label-variant')).toEqual([]);
  });
});

describe('unknown-item and unlisted-item-funded', () => {
  it('an unknown row with only 自籌款 is a warning; with 政府補助款 it is also an error at that cell', () => {
    const f = checkBudgetTable(table([
      { label: '消耗性器材及原材料費', gov: 100, self: 300 },
      { label: '雜支', gov: 0, self: 50 },
      { label: '廣告費', gov: 40, self: 10 },
    ]), upgrade).findings;
    expect(only(f, 'unknown-item').map((x) => x.cell)).toEqual(['A5', 'A6']);
    expect(only(f, 'unlisted-item-funded')).toMatchObject([{ severity: 'error', cell: 'B6', actual: 40, expected: 0 }]);
  });

  it('another program’s item holding subsidy is unlisted too (國內差旅費 in an upgrade budget)', () => {
    const f = checkBudgetTable(table([
      { label: '消耗性器材及原材料費', gov: 100, self: 300 },
      { label: '國內差旅費', gov: 20, self: 0 },
    ]), upgrade).findings;
    expect(only(f, 'unlisted-item-funded').map((x) => x.cell)).toEqual(['B5']);
  });
});

describe('repeated slips of one kind in one table are one finding', () => {
  it('nine amounts typed as text: one number-as-text warning listing the cells, one fix for all', () => {
    const labels = ['消耗性器材及原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究或驗證費'];
    const rows = labels.map((label) => ({ label, gov: '1,000', self: '1,500' }));
    rows.push({ label: '人事費', gov: null as unknown as string, self: '1,000' });
    const f = only(checkBudgetTable(table(rows, { totalColumn: false, percentColumn: false }), upgrade).findings, 'number-as-text');
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['B4', 'C4', 'B5', 'C5', 'B6', 'C6', 'B7', 'C7', 'C8']);
    expect(f[0].message).toContain('9 個金額以文字輸入');
    expect(f[0].fix?.map((c) => [c.cell, c.to])).toContainEqual(['C8', 1000]);
    expect(f[0].fix).toHaveLength(9);
  });

  it('three amounts with fractions of 千元: one fractional-amount warning, one fix rounding all three', () => {
    const f = only(checkBudgetTable(table([
      { label: '消耗性器材及原材料費', gov: 100.4, self: 200.6 },
      { label: '既有設備之改善費', gov: 100, self: 299.5 },
    ], { totalColumn: false, percentColumn: false }), upgrade).findings, 'fractional-amount');
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['B4', 'C4', 'C5']);
    expect(f[0].fix?.map((c) => [c.cell, c.to])).toEqual([['B4', 100], ['C4', 201], ['C5', 300]]);
  });
});
