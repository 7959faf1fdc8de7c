import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, RuleId } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { type SheetSnapshot, type WorkbookSnapshot, snapshotFromRows } from '../../src/sheet/grid';
import { application } from './fixtures/application';
import { seed004Rows } from './fixtures/workbook';

const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets, settings: {} });
const rulesOf = (f: Finding[]) => f.map((x) => x.rule);
const only = (f: Finding[], rule: RuleId) => f.filter((x) => x.rule === rule);

/** The seed-004 example exactly as printed in SPEC §3, as plain numbers. */
const SEED_004 = seed004Rows();

describe('checkWorkbook', () => {
  it('checks the seed-004 example as registered-factory: no errors, one percent-mismatch warning listing two cells', () => {
    const result = checkWorkbook(book(snapshotFromRows('經費預算表', SEED_004)), { program: 'registered-factory' });
    expect(result.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.cells])).toEqual([['percent-mismatch', 'warning', '經費預算表', 'E7', ['E7', 'E9']]]);
    expect(result.budget).toMatchObject({ grandTotal: 3380, govTotal: 1500, govSharePercent: 44.4 });
  });

  it('recognises registered-factory from its items, and says when it assumes the default program', () => {
    expect(checkWorkbook(book(snapshotFromRows('S', SEED_004))).program).toBe('registered-factory');
    const plain = SEED_004.filter((r) => r[0] !== '基礎工程施工費');
    const result = checkWorkbook(book(snapshotFromRows('S', plain)), { lang: 'en' });
    expect(result.program).toBe('upgrade-10plus');
    expect(result.programSource).toBe('default');
    expect(only(result.findings, 'program-assumed')[0]).toMatchObject({ severity: 'info', cell: null });
  });

  it('recognises each program from the notes its template prints', async () => {
    const { PROGRAMS } = await import('../../src/domain/programs');
    for (const program of PROGRAMS) {
      const rows = [...SEED_004.slice(0, 11), ...program.notes.map((n, i) => [`註${i + 1}：${n}`])];
      const result = checkWorkbook(book(snapshotFromRows('經費預算表', rows)));
      expect([result.program, result.programSource]).toEqual([program.id, 'workbook']);
    }
  });

  it('reads the program from the stored setting and the target from a ticked box', () => {
    const cover = snapshotFromRows('基本資料', [['補助標的', '□低碳化 ■智慧化']]);
    const result = checkWorkbook({
      sheets: [cover, snapshotFromRows('經費預算表', SEED_004)],
      settings: { 'subsidy-budget.program': JSON.stringify('upgrade-under10') },
    });
    expect(result).toMatchObject({ program: 'upgrade-under10', programSource: 'setting', target: 'smart' });
    const split = snapshotFromRows('封面', [['V', '低碳化', '', '智慧化']]);
    expect(checkWorkbook(book(split, snapshotFromRows('經費預算表', SEED_004))).target).toBe('lowcarbon');
    expect(checkWorkbook(book(snapshotFromRows('經費預算表', SEED_004))).target).toBeNull();
  });

  it('reads a table labelled 金額單位：萬元 in 萬元', () => {
    const rows = seed004Rows().map((r) => (r[4] === '金額單位：千元' ? [null, null, null, null, '金額單位：萬元'] : r));
    const result = checkWorkbook(book(snapshotFromRows('經費預算表', rows)), { program: 'registered-factory' });
    // 1,500 萬元 of subsidy is 15,000 千元, ten times the 1,500 千元 cap.
    expect(result.budget).toMatchObject({ grandTotal: 33800, govTotal: 15000 });
    expect(result.findings.filter((f) => f.rule === 'gov-cap')).toMatchObject([{ actual: 15000, expected: 1500 }]);
  });

  it('reports missing-table when no budget table is found', () => {
    const result = checkWorkbook(book(snapshotFromRows('Sheet1', [['hello', 1, 2]])), { program: 'upgrade-10plus' });
    expect(result.findings).toMatchObject([{ rule: 'missing-table', severity: 'error', sheet: null, cell: null }]);
    expect(result.budget).toBeNull();
  });

  it('never throws on arbitrary grids: it yields findings', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.string(),
      fc.constantFrom('會計科目', '政府補助款', '業者自籌款', '合計', '百分比(%)', '人事費', '全新設備之購置費', '金額單位：元', '#DIV/0!', '=SUM(B1:B3)', '=A1+', '１，２００', '設備名稱', '用途/規格', '預估費用', '申請總經費', '姓名/職稱', '工作內容', '投入人月', '委託單位', '委託內容', '合作金額'),
    );
    const sheet = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 3 }), fc.constantFrom('upgrade-10plus', 'registered-factory', undefined), (sheets, program) => {
        const result = checkWorkbook(book(...sheets.map((rows, i) => snapshotFromRows(`S${i}`, rows))), { program });
        expect(Array.isArray(result.findings)).toBe(true);
        for (const f of result.findings) expect(['error', 'warning', 'info']).toContain(f.severity);
      }),
      { numRuns: 300 },
    );
  });
});


describe('cross-checks with the form’s other tables', () => {
  it('a consistent application has only the advisory notes', () => {
    const result = checkWorkbook(application(), { program: 'upgrade-10plus' });
    expect(result.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell])).toEqual([
      ['domestic-equipment-share', 'info', '計畫內容', 'D3'],
      ['commission-contract-required', 'info', '計畫內容', 'C19'],
    ]);
    expect(result.findings[0].message).toContain('55.6%');
  });

  it('equipment, improvement and commission lists must add up to their budget lines', () => {
    const result = checkWorkbook(
      application({ equipment: [['空壓機', '節能', 500, '日本']], commission: [['工研院', '驗證', 250]] }),
      { program: 'upgrade-10plus' },
    );
    expect(only(result.findings, 'equipment-sum-mismatch')).toMatchObject([{ severity: 'warning', cell: 'C4', expected: 900, actual: 500 }]);
    expect(only(result.findings, 'commission-sum-mismatch')).toMatchObject([{ cell: 'C18', expected: 300, actual: 250 }]);
    expect(rulesOf(result.findings)).not.toContain('improvement-sum-mismatch');
    expect(only(result.findings, 'domestic-equipment-share')[0].message).toContain('0.0%');
  });

  it('reconciles lists typed in 元', () => {
    const result = checkWorkbook(
      application({ equipment: [['空壓機', '節能', 500_000, '台灣'], ['監控系統', '監測', 400_000, '台灣']], commission: [['工研院', '驗證', 200_000], ['顧問', '診斷', 100_000]] }),
      { program: 'upgrade-10plus' },
    );
    expect(rulesOf(result.findings)).not.toContain('equipment-sum-mismatch');
    expect(rulesOf(result.findings)).not.toContain('commission-sum-mismatch');
    expect(only(result.findings, 'commission-contract-required')).toHaveLength(1);
  });

  it('staffing plan: missing with 人事費 > 0 (only where the form is there), and more than the project’s months for one person', () => {
    const missing = checkWorkbook(application({ personnel: [] }), { program: 'upgrade-10plus' });
    expect(only(missing.findings, 'personnel-plan-missing')).toMatchObject([{ severity: 'warning', sheet: '經費預算表', cell: 'D7' }]);
    const over = checkWorkbook(application({ personnel: [['王小明/經理', '管理', '主持', 13]] }), { program: 'upgrade-10plus' });
    expect(only(over.findings, 'person-months-exceeded')).toMatchObject([{ severity: 'error', cell: 'D14', expected: 12, actual: 13 }]);
    const chain = checkWorkbook(application({ personnel: [['王小明/經理', '管理', '主持', 13]] }), { program: 'chain-lowcarbon' });
    expect(rulesOf(chain.findings)).not.toContain('person-months-exceeded');
  });

  it('基本資料 must agree with the budget table', () => {
    const result = checkWorkbook(
      application({ basic: ['申請總經費', 3000, '千元', '補助款', 1500, '千元(50%)', '自籌款', 1600, '千元(53.3%)'] }),
      { program: 'upgrade-10plus' },
    );
    // The amount and its percentage stand in cells of their own: each is reported where it stands.
    expect(only(result.findings, 'basic-info-mismatch')).toMatchObject([
      { severity: 'error', sheet: '基本資料', cell: 'E3', expected: 1400, actual: 1500 },
      { severity: 'error', sheet: '基本資料', cell: 'F3', expected: 46.7, actual: 50 },
    ]);
    const inOneCell = checkWorkbook(application({ basic: ['申請總經費 3,000 千元', '補助款 1,400 千元(46.7%)', '自籌款 1,600 千元(55%)'] }), { program: 'upgrade-10plus' });
    expect(only(inOneCell.findings, 'basic-info-mismatch').map((f) => f.cell)).toEqual(['C3']);
  });
});
