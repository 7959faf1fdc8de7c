import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { addPrograms } from '../../src/domain/programs';
import { SEED003_FILES } from '../../src/domain/programs/seed003';
import { maximizeSubsidy } from '../../src/domain/maximize';
import { fromInt, toNumber } from '../../src/domain/money';
import { getProgram } from '../../src/domain/programs';
import { checkWorkbook } from '../../src/sheet/check';
import { snapshotFromRows } from '../../src/sheet/grid';
import { titledBudget } from './fixtures/application';

addPrograms(SEED003_FILES); // as the CLI does at start and the pane before its first check

const budget = titledBudget;
const errors = (f: Finding[]) => f.filter((x) => x.severity === 'error').map((x) => x.rule);

describe('seed-003 programs are read from the workbook and judged by their own rules', () => {
  it('廢熱與廢冷回收: one third exactly passes, one 千元 more breaks it (3·G ≤ T, not 33.3 %); 人事費 in the subsidy is allowed', () => {
    const exact = checkWorkbook(budget('廢熱與廢冷回收技術示範應用專案補助', [['全新設備之購置費', 900, 1800], ['人事費', 100, 200]]));
    expect(exact.program).toBe('waste-heat-recovery');
    expect(errors(exact.findings)).toEqual([]);
    const over = checkWorkbook(budget('廢熱與廢冷回收技術示範應用專案補助', [['全新設備之購置費', 901, 1800], ['人事費', 100, 200]]));
    expect(errors(over.findings)).toEqual(['gov-share']);
    expect(over.findings.find((f) => f.rule === 'gov-share')!.message).toContain('三分之一');
    // The largest legal subsidy at T = 3,000 is exactly 1,000 (a decimal 33.3 % would give 999).
    const best = maximizeSubsidy([{ item: null, label: '研發費用', gov: fromInt(1500), self: fromInt(1500), fixed: false }], getProgram('waste-heat-recovery'));
    expect(toNumber(best.govTotal)).toBe(1000);
  });

  it('智機產業化: a 57 % share is legal (≤ 60 %), a subsidy over 100萬 is not, R&D rows are not "unknown"', () => {
    const legal = checkWorkbook(budget('智機產業化推動計畫', [['研發人員人事費', 400, 300], ['材料費', 170, 130]]));
    expect(legal.program).toBe('smart-machinery-industrialization');
    expect(legal.findings.map((f) => f.rule)).not.toContain('unknown-item');
    expect(errors(legal.findings)).toEqual([]);
    const overCap = checkWorkbook(budget('智機產業化推動計畫', [['研發人員人事費', 700, 500], ['材料費', 400, 300]]));
    expect(errors(overCap.findings)).toEqual(['gov-cap']);
  });

  it('CITD: self-funding at least 50 %, cap 200萬 (產品開發 unless the workbook says 研發聯盟)', () => {
    const short = checkWorkbook(budget('協助傳統產業技術開發計畫(CITD)', [['設備使用費', 1200, 1000]]));
    expect(short.program).toBe('citd-product');
    expect(errors(short.findings)).toEqual(['self-share']);
    const alliance = checkWorkbook(budget('CITD 研發聯盟', [['設備使用費', 2500, 2500]]));
    expect(alliance.program).toBe('citd-alliance');
    expect(errors(alliance.findings)).toEqual([]);
  });

  it('a limit that needs an applicant fact is said as info, never guessed (SIIR: self-funding ≤ paid-in capital)', () => {
    const siir = checkWorkbook(budget('服務業創新研發計畫(SIIR) 先期創新', [['研發費用', 1500, 1500]]));
    expect(siir.program).toBe('siir-early');
    expect(errors(siir.findings)).toEqual([]);
    const needs = siir.findings.filter((f) => f.rule === 'fact-needed');
    expect(needs.map((f) => f.severity)).toEqual(['info', 'info', 'info']);
    expect(needs.map((f) => f.message).join()).toContain('實收資本額');
  });

  it('a program stated as a principle (為原則) is a warning, not an error', () => {
    const iap = checkWorkbook(budget('創育機構 產業加速器(IAP)', [['營運費用', 2600, 2400]]));
    expect(iap.findings.filter((f) => f.rule === 'gov-share').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('a program the checker does not know', () => {
  it('says so (program-unknown) and checks only arithmetic: no 升級轉型 limit is applied', () => {
    const result = checkWorkbook(budget('地方型產業創新研發推動計畫', [['人事費', 6000, 100], ['全新設備之購置費', 900, 0]]));
    expect(result.program).toBe('unknown');
    const unknown = result.findings.filter((f) => f.rule === 'program-unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'warning', sheet: '經費預算表', cell: 'A1' });
    expect(unknown[0].message).toContain('只檢查了算術');
    const programRules = ['gov-share', 'gov-cap', 'self-only-item', 'item-cap', 'unknown-item', 'unlisted-item-funded', 'unit-suspect'];
    expect(result.findings.filter((f) => programRules.includes(f.rule))).toEqual([]);
  });

  it('still finds slips in the arithmetic', () => {
    const snapshot = budget('地方型產業創新研發推動計畫', [['材料費', 100, 100]]);
    snapshot.sheets[0] = snapshotFromRows('經費預算表', [['地方型產業創新研發推動計畫 經費預算表'], [null, null, null, null, '單位：千元'], ['會計科目', '政府補助款', '業者自籌款', '合計'], ['材料費', 100, 100, 250], ['合計', 100, 100, 250]]);
    expect(errors(checkWorkbook(snapshot).findings)).toContain('row-total-mismatch');
  });

  it('a 升級轉型 budget whose 基本資料 says 申請計畫：升級轉型 is not an unknown program', () => {
    const snapshot = budget('', [['消耗性器材及原材料費', 100, 100]]);
    snapshot.sheets.unshift(snapshotFromRows('基本資料', [['申請計畫', '產業及中小企業升級轉型補助']]));
    const result = checkWorkbook(snapshot);
    expect(result.findings.map((f) => f.rule)).not.toContain('program-unknown');
    expect(result.program).toBe('upgrade-10plus');
  });

  it('--program wins over the statement', () => {
    const result = checkWorkbook(budget('地方型產業創新研發推動計畫', [['材料費', 100, 100]]), { program: 'upgrade-10plus' });
    expect(result.program).toBe('upgrade-10plus');
    expect(result.findings.map((f) => f.rule)).not.toContain('program-unknown');
  });
});
