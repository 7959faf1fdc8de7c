import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { snapshotFromRows } from '../../src/sheet/grid';
import { checkBenefits } from '../../src/sheet/benefits-check';
import { sentenceRows, sentenceWorkbook, workbook } from './benefits-fixtures';

const brief = (fs: Finding[]) => fs.map((f) => [f.rule, f.severity, f.cell]);

describe('checkBenefits', () => {
  it('a complete table within the typical ranges gives no findings', () => {
    expect(checkBenefits(sentenceWorkbook(), { target: 'lowcarbon' })).toEqual([]);
    expect(checkBenefits(sentenceWorkbook(), { target: 'smart' })).toEqual([]);
    expect(checkBenefits(sentenceWorkbook(), { target: null })).toEqual([]);
  });

  it('a workbook without benefit tables gives nothing unless the tables are required', () => {
    const budgetOnly = workbook(snapshotFromRows('經費預算表', [['經費預算表'], ['會計科目', '政府補助款']]));
    expect(checkBenefits(budgetOnly, { target: 'lowcarbon' })).toEqual([]);
    expect(brief(checkBenefits(budgetOnly, { target: 'smart', tablesRequired: true }))).toEqual([
      ['economic-benefits-min', 'error', null],
      ['technical-benefits-min', 'error', null],
    ]);
  });

  it('economic-benefits-min points at the 經濟效益 title, offers 新增投資 from the budget, and cites seed 004', () => {
    const wb = sentenceWorkbook({ 新增投資: '_____ 億元', 降低成本: '_____ 億元', 增加就業人數: '0 人' });
    const budget = { amounts: [{ itemId: 'new-equipment', gov: 300, self: 300 }, { itemId: 'equipment-improvement', gov: 900, self: 900 }] };
    const findings = checkBenefits(wb, { target: 'smart', budget });
    expect(brief(findings)).toEqual([['economic-benefits-min', 'error', 'A2']]);
    const [f] = findings;
    expect(f.sheet).toBe('預期效益');
    expect(f).toMatchObject({ expected: 2, actual: 1 });
    expect(f.message).toContain('須至少 2 項');
    expect(f.advice).toContain('0.024 億元');
    expect(f.citation).toEqual({ seed: '004_b228a086eddd83f8.txt', quote: '☑ **經濟效益**須至少2項，其餘得自行增列' });
    const en = checkBenefits(wb, { target: 'smart', lang: 'en' })[0];
    expect(en.message).toContain('at least 2');
  });

  it('custom rows count toward the minimum', () => {
    const rows = sentenceRows({ 新增投資: '', 降低成本: '', 增加就業人數: '' });
    rows[7] = ['增加出口', '0.3 億元'];
    expect(checkBenefits(workbook(snapshotFromRows('預期效益', rows)), { target: 'smart' })).toEqual([]);
  });

  it('technical-benefits-min points at 二、技術效益 and counts both tables', () => {
    const wb = sentenceWorkbook({
      減少用電量: '_____ 度電；節電率 _____ %',
      整體設備效率: '',
      '整體設備效率(OEE)': '_____ %；相較提升 _____ %',
      提升生產良率: '',
      減少產線人力: '由 _____ 人減為 _____ 人',
      產品達交率: '',
    });
    expect(brief(checkBenefits(wb, { target: 'lowcarbon' }))).toEqual([['technical-benefits-min', 'error', 'A10']]);
  });

  it('lowcarbon-benefit-required fires on the (一) 低碳化 title for a low-carbon application only', () => {
    const wb = sentenceWorkbook({ 減少碳排放量: '', 減少用電量: '_____ 度電；節電率 _____ %' });
    const lowcarbon = checkBenefits(wb, { target: 'lowcarbon' });
    expect(brief(lowcarbon)).toEqual([['lowcarbon-benefit-required', 'error', 'A11']]);
    expect(lowcarbon[0].citation?.quote).toContain('減少碳排放量');
    expect(checkBenefits(wb, { target: 'smart' })).toEqual([]);
    const unknown = checkBenefits(wb, { target: null });
    expect(brief(unknown)).toEqual([['target-unknown', 'info', 'A11']]);
    expect(unknown[0].message).toContain('無法判斷申請標的');
  });

  it('one low-carbon item is enough', () => {
    const wb = sentenceWorkbook({ 減少碳排放量: '' });
    expect(checkBenefits(wb, { target: 'lowcarbon' })).toEqual([]);
  });

  it('benefit-percent-mismatch checks a % against a stated baseline, tolerating one-decimal rounding', () => {
    const rows = [
      ['(一) 低碳化'],
      ['項目', '效益', '', '', '', '基準值'],
      ['減少碳排放量', 120, '公噸 CO2e；減碳', 12, '%', 1000, '公噸 CO2e'],
      ['減少用電量', 120000, '度電；節電率', 13, '%', 1000000, '度電'],
    ];
    const mismatches = (fs: Finding[]) => fs.filter((f) => f.rule === 'benefit-percent-mismatch');
    const findings = mismatches(checkBenefits(workbook(snapshotFromRows('S', rows)), { target: 'lowcarbon' }));
    expect(brief(findings)).toEqual([['benefit-percent-mismatch', 'warning', 'D4']]);
    expect(findings[0]).toMatchObject({ expected: 12, actual: 13 });
    expect(findings[0].message).toContain('12.0%');

    // 11.86 % shown as 11.9 is rounding, not a slip; as 12 (no decimals) it is rounding too.
    const rounded = [rows[0], rows[1], ['減少碳排放量', 118.6, '公噸 CO2e；減碳', 11.9, '%', 1000, '公噸 CO2e'], ['減少用電量', '118,600 度電；節電率 12 %；基準 1,000,000 度電']];
    expect(mismatches(checkBenefits(workbook(snapshotFromRows('S', rounded)), { target: 'lowcarbon' }))).toEqual([]);
    // Without a baseline nothing can be checked.
    expect(checkBenefits(sentenceWorkbook({ 減少用電量: '120,000 度電；節電率 13%' }), { target: 'lowcarbon' })).toEqual([]);
  });

  it('benefit-percent-mismatch on 相較提升 follows the stated method', () => {
    const points = sentenceWorkbook({ 提升生產良率: '由 80% 提升至 92%；相較提升 10 個百分點' });
    const f = checkBenefits(points, { target: 'smart' });
    expect(brief(f)).toEqual([['benefit-percent-mismatch', 'warning', 'B20']]);
    expect(f[0]).toMatchObject({ expected: 12, actual: 10 });
    // 15 % relative from 80 → 92 is right when no method is named, and when 相對提升 is named.
    expect(checkBenefits(sentenceWorkbook({ 提升生產良率: '由 80% 提升至 92%；相較提升 15%' }), { target: 'smart' })).toEqual([]);
    expect(checkBenefits(sentenceWorkbook({ 提升生產良率: '由 80% 提升至 92%；相較提升 12%' }), { target: 'smart' })).toEqual([]);
    const named = checkBenefits(sentenceWorkbook({ 提升生產良率: '由 80% 提升至 92%；相較提升 12%（相對提升）' }), { target: 'smart' });
    expect(brief(named)).toEqual([['benefit-percent-mismatch', 'warning', 'B20']]);
    expect(named[0].expected).toBe(15);
  });

  it('benefit-percent-mismatch on impossible values', () => {
    expect(brief(checkBenefits(sentenceWorkbook({ 產品達交率: '105 %；相較提升 8 %' }), { target: 'smart' }))).toEqual([
      ['benefit-percent-mismatch', 'warning', 'B22'],
    ]);
    const staff = checkBenefits(sentenceWorkbook({ 減少產線人力: '由 6 人減為 10 人' }), { target: 'smart' });
    expect(brief(staff)).toEqual([['benefit-percent-mismatch', 'warning', 'B21']]);
  });

  it('benefit-outside-typical-range is info, cites seed 001 and asks for verification on carbon and power', () => {
    const wb = sentenceWorkbook({
      減少碳排放量: '300 公噸 CO2e；減碳 30 %',
      '整體設備效率(OEE)': '85 %；相較提升 5 %',
      減少產線人力: '由 20 人減為 8 人',
      產品達交率: '98 %；相較提升 8 %',
    });
    const findings = checkBenefits(wb, { target: 'lowcarbon' });
    expect(brief(findings)).toEqual([
      ['benefit-outside-typical-range', 'info', 'B13'],
      ['benefit-outside-typical-range', 'info', 'B19'],
      ['benefit-outside-typical-range', 'info', 'B21'],
    ]);
    expect(findings[0].message).toContain('10–15%');
    expect(findings[0].message).toContain('驗證報告');
    expect(findings[0].citation?.seed).toBe('001_6da8e64b19cc4b2c.txt');
    expect(findings[1].message).not.toContain('驗證報告');
    expect(findings[2]).toMatchObject({ actual: 12, expected: '2–5' });
    const en = checkBenefits(wb, { target: 'lowcarbon', lang: 'en' });
    expect(en[0].message).toContain('third-party verification report');
  });
});

describe('checkWorkbook runs the benefit rules', () => {
  it('with the target ticked on a cover and 新增投資 suggested from the budget', async () => {
    const { checkWorkbook } = await import('../../src/sheet/check');
    const budget = snapshotFromRows('經費預算表', [
      ['經費預算表'],
      ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
      ['全新設備之購置費', 300, 300, 600, 35.3],
      ['既有設備之改善費', 500, 600, 1100, 64.7],
      ['合計', 800, 900, 1700],
      ['百分比(%)', 47.1, 52.9, 100],
    ]);
    const benefits = snapshotFromRows('預期效益', sentenceRows({ 新增投資: '', 降低成本: '', 增加產值: '', 減少碳排放量: '', 減少用電量: '' }));
    const cover = snapshotFromRows('封面', [['補助標的', '■低碳化 □智慧化']]);
    const result = checkWorkbook(workbook(cover, budget, benefits), { lang: 'zh-TW' });
    expect(result.target).toBe('lowcarbon');
    const benefitFindings = result.findings.filter((f) => f.sheet === '預期效益');
    expect(brief(benefitFindings)).toEqual([
      ['economic-benefits-min', 'error', 'A2'],
      ['lowcarbon-benefit-required', 'error', 'A11'],
    ]);
    expect(benefitFindings[0].advice).toContain('0.017 億元');
  });
});
