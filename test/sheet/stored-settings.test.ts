import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { buildReviewSheetPlan } from '../../src/sheet/review-plan';
import { SETTING_KEYS, snapshotFromRows, type WorkbookSnapshot } from '../../src/sheet/grid';
import { PROGRAM_TITLES } from '../corpus/compose';

/**
 * Issue 25, Must show 3: settings stored in the workbook are invisible in Excel, so none may hide a budget table or
 * lower a finding's severity. Where one disagrees with what the workbook shows, that is a finding of its own, and the
 * settings the check read are part of its result (every report prints them).
 */

/** A 10人以上 application (cover says so) asking 8,000 千元 of subsidy: over the program's 5,000 cap. */
function application(settings: Record<string, string> = {}): WorkbookSnapshot {
  const items: [string, number, number][] = [
    ['消耗性器材及原材料費', 1000, 1000],
    ['全新設備之購置費', 3000, 3500],
    ['既有設備之改善費', 2000, 2000],
    ['委託研究或驗證費', 2000, 2500],
  ];
  const gov = items.reduce((s, [, g]) => s + g, 0);
  const self = items.reduce((s, [, , o]) => s + o, 0);
  const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
  const rows = [
    ['經費預算表', null, null, null, '金額單位：千元'],
    ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
    ...items.map(([label, g, o]) => [label, g, o, g + o, pct(g, g + o)]),
    ['合計', gov, self, gov + self, null],
    ['百分比(%)', pct(gov, gov + self), pct(self, gov + self), 100, null],
  ];
  return {
    sheets: [snapshotFromRows('封面', [[PROGRAM_TITLES['upgrade-10plus']]]), snapshotFromRows('經費預算表', rows)],
    settings,
  };
}

const brief = (f: Finding) => [f.rule, f.severity, f.sheet, f.cell];

describe('a stored setting cannot silence the check', () => {
  it('the unchanged application: a gov-cap error, 8,000 over 5,000', () => {
    const plain = checkWorkbook(application(), { lang: 'en' });
    expect(plain.program).toBe('upgrade-10plus');
    expect(plain.findings.filter((f) => f.rule === 'gov-cap')).toMatchObject([{ severity: 'error', actual: 8000, expected: 5000 }]);
    expect(plain.settings).toEqual([]);
  });

  it('a stored program naming a program with a higher cap does not turn the breach into a warning; it is itself a finding', () => {
    const plain = checkWorkbook(application(), { lang: 'en' });
    for (const stored of ['chain-lowcarbon', 'chain-smart', 'upgrade-under10', 'registered-factory']) {
      const attacked = checkWorkbook(application({ [SETTING_KEYS.program]: JSON.stringify(stored) }), { lang: 'en' });
      expect(attacked.program).toBe('upgrade-10plus');
      expect(attacked.programSource).toBe('workbook');
      expect(attacked.findings.filter((f) => f.rule === 'gov-cap')).toMatchObject([{ severity: 'error', actual: 8000, expected: 5000 }]);
      // Every finding of the plain check keeps its severity, and the setting is named at the cover's statement.
      expect(attacked.findings.filter((f) => f.rule !== 'setting-conflict').map(brief)).toEqual(plain.findings.map(brief));
      expect(attacked.findings.filter((f) => f.rule === 'setting-conflict')).toMatchObject([
        { severity: 'warning', sheet: '封面', cell: 'A1', message: expect.stringContaining(stored) },
      ]);
      expect(attacked.settings).toEqual([{ setting: 'program', value: stored, used: false }]);
    }
  });

  it('a stored program is still followed where the workbook names none (the pane remembers the choice)', () => {
    const book = application({ [SETTING_KEYS.program]: 'upgrade-under10' });
    const untitled = { ...book, sheets: book.sheets.filter((s) => s.name !== '封面') };
    const result = checkWorkbook(untitled, { lang: 'en' });
    expect([result.program, result.programSource]).toEqual(['upgrade-under10', 'setting']);
    expect(result.settings).toEqual([{ setting: 'program', value: 'upgrade-under10', used: true }]);
    expect(result.findings.filter((f) => f.rule === 'setting-conflict')).toEqual([]);
  });

  it('a review-sheet setting naming the real budget sheet does not hide it: the same errors, and a finding naming the sheet', () => {
    const plain = checkWorkbook(application(), { lang: 'en' });
    const review = JSON.stringify({ version: 1, sheet: '經費預算表', written: {} });
    const attacked = checkWorkbook(application({ [SETTING_KEYS.review]: review }), { lang: 'en' });
    expect(attacked.findings.filter((f) => f.severity === 'error').map(brief)).toEqual(plain.findings.filter((f) => f.severity === 'error').map(brief));
    expect(attacked.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect(attacked.findings.filter((f) => f.rule === 'setting-conflict')).toMatchObject([{ severity: 'warning', sheet: '經費預算表', cell: null }]);
    expect(attacked.settings).toEqual([{ setting: 'review-sheet', value: '經費預算表', used: false }]);
  });

  it('nor does the review sheet get written over the budget sheet it names: a new 審查意見 sheet is made', () => {
    const written: Record<string, string> = {};
    for (const row of [1, 2, 3, 4, 5, 6, 7]) for (const col of 'ABCDE') written[`${col}${row}`] = '';
    const book = application({ [SETTING_KEYS.review]: JSON.stringify({ version: 1, sheet: '經費預算表', written }) });
    const { plan, sheet, created } = buildReviewSheetPlan(book, checkWorkbook(book), 'zh-TW');
    expect(created).toBe(true);
    expect(sheet).not.toBe('經費預算表');
    expect(plan.ops.some((op) => 'sheet' in op && op.sheet === '經費預算表')).toBe(false);
  });

  it("the add-in's own review sheet (no budget table) is still left out, and the report says so", () => {
    const book = application({ [SETTING_KEYS.review]: JSON.stringify({ version: 1, sheet: '審查意見', written: {} }) });
    book.sheets.push(snapshotFromRows('審查意見', [['審查意見'], ['項目', '權重', '分數'], ['合理性', 0.3, null], ['=1+1']]));
    const result = checkWorkbook(book, { lang: 'en' });
    expect(result.settings).toEqual([{ setting: 'review-sheet', value: '審查意見', used: true }]);
    expect(result.findings.some((f) => f.sheet === '審查意見')).toBe(false);
  });

  it('a stored 補助標的 that disagrees with the ticked box is not followed, and is a finding', () => {
    const book = application({ [SETTING_KEYS.target]: 'lowcarbon' });
    book.sheets.push(snapshotFromRows('基本資料', [['補助標的', '□低碳化 ■智慧化']]));
    const result = checkWorkbook(book, { lang: 'en' });
    expect(result.target).toBe('smart');
    expect(result.settings).toEqual([{ setting: 'target', value: 'lowcarbon', used: false }]);
    expect(result.findings.filter((f) => f.rule === 'setting-conflict')).toMatchObject([{ severity: 'warning' }]);
  });
});
