import { describe, expect, it } from 'vitest';
import { checkBudgetTable } from '../../src/domain/engine';
import type { Finding, RuleId } from '../../src/domain/findings';
import { getProgram } from '../../src/domain/programs';
import { SEED_004_PERCENT, SEED_004_ROWS, SEED_004_TOTAL, type RowSpec, table } from './table-builder';

const factory = getProgram('registered-factory');
const upgrade = getProgram('upgrade-10plus');

const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);

/** A clean upgrade-10plus budget: total 3000, gov 1500 (50.0 %), equipment gov 900 (30 %), commission gov 0. */
function cleanRows(overrides: Partial<Record<string, RowSpec>> = {}): RowSpec[] {
  const base: RowSpec[] = [
    { label: '消耗性器材及原材料費', gov: 200, self: 100 },
    { label: '全新設備之購置費', gov: 900, self: 300 },
    { label: '既有設備之改善費', gov: 400, self: 400 },
    { label: '委託研究或驗證費', gov: 0, self: 300 },
    { label: '人事費', gov: null, self: 400 },
    { label: '無形資產引進費', gov: null, self: 0 },
  ];
  return base.map((r) => ({ ...r, ...(overrides[r.label] ?? {}) }));
}

describe('seed-004 example (SPEC §3) as registered-factory', () => {
  const result = checkBudgetTable(
    table(SEED_004_ROWS, { totalRow: SEED_004_TOTAL, percentRow: SEED_004_PERCENT }),
    factory,
  );

  it('has no errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('has exactly one percent-mismatch warning listing 委託研究或驗證費 and 基礎工程施工費, with one fix for both', () => {
    expect(result.findings.map((f) => [f.rule, f.severity, f.cell, f.cells])).toEqual([['percent-mismatch', 'warning', 'E7', ['E7', 'E9']]]);
    expect(result.findings[0].message).toContain('E7 應為 3.6（表上為 3.50）、E9 應為 8.9（表上為 8.80）');
    expect(result.findings[0].fix).toEqual([
      { sheet: expect.any(String), cell: 'E7', from: 3.5, to: 3.6 },
      { sheet: expect.any(String), cell: 'E9', from: 8.8, to: 8.9 },
    ]);
  });

  it('summarises the budget in 千元', () => {
    expect(result.summary).toMatchObject({ grandTotal: 3380, govTotal: 1500, selfTotal: 1880, govSharePercent: 44.4 });
    expect(result.summary.subsidyCap).toEqual({ limit: 1500, used: 1500, headroom: 0 });
  });
});

describe('gov-share', () => {
  it('passes at exactly 50.0 %', () => {
    expect(rules(checkBudgetTable(table(cleanRows()), upgrade).findings)).not.toContain('gov-share');
  });

  it('fails at 50.1 % and points at the 政府補助款 合計 cell', () => {
    // gov 501, self 499 → 50.1 %
    const rows: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: 501, self: 0 },
      { label: '既有設備之改善費', gov: 0, self: 499 },
    ];
    const found = only(checkBudgetTable(table(rows), upgrade).findings, 'gov-share');
    expect(found).toHaveLength(1);
    // expected: the largest subsidy the budgeted self-funding allows (at 50 %, as much as the self-funding)
    expect(found[0]).toMatchObject({ severity: 'error', sheet: '經費預算表', cell: 'B6', actual: 501, expected: 499 });
    expect(found[0].message).toContain('50.1%');
    expect(found[0].citation?.seed).toMatch(/^00\d_/);
  });

  it('is exact on amounts whose share is a hair above 50 %', () => {
    const rows: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: 1000.001, self: 0 },
      { label: '既有設備之改善費', gov: 0, self: 1000 },
    ];
    expect(rules(checkBudgetTable(table(rows), upgrade).findings)).toContain('gov-share');
  });
});

describe('gov-cap', () => {
  it('passes at the cap and fails one thousand above it', () => {
    const at = [
      { label: '既有設備之改善費', gov: 5000, self: 5000 },
    ];
    expect(rules(checkBudgetTable(table(at), upgrade).findings)).not.toContain('gov-cap');
    const over = [{ label: '既有設備之改善費', gov: 5001, self: 5001 }];
    const found = only(checkBudgetTable(table(over), upgrade).findings, 'gov-cap');
    expect(found).toMatchObject([{ severity: 'error', cell: 'B5', expected: 5000, actual: 5001 }]);
  });

  it('converts amounts in 元 before comparing with the cap', () => {
    const rows = [{ label: '既有設備之改善費', gov: 5_000_000, self: 5_000_000 }];
    expect(rules(checkBudgetTable(table(rows, { unit: '元' }), upgrade).findings)).not.toContain('gov-cap');
    const over = [{ label: '既有設備之改善費', gov: 5_001_000, self: 5_001_000 }];
    expect(rules(checkBudgetTable(table(over, { unit: '元' }), upgrade).findings)).toContain('gov-cap');
  });

  it('converts amounts in 萬元 before comparing with the cap', () => {
    // 600 萬元 = 6,000 千元, over the 5,000 千元 cap; read as 千元 it would have passed.
    const over = [{ label: '既有設備之改善費', gov: 600, self: 600 }];
    expect(only(checkBudgetTable(table(over, { unit: '萬元' }), upgrade).findings, 'gov-cap')).toMatchObject([{ expected: 5000, actual: 6000 }]);
    const within = [{ label: '既有設備之改善費', gov: 500, self: 500 }];
    expect(rules(checkBudgetTable(table(within, { unit: '萬元' }), upgrade).findings)).not.toContain('gov-cap');
  });

  it('uses each program’s own cap', () => {
    const rows = [{ label: '既有設備之改善費', gov: 3001, self: 3001 }];
    expect(rules(checkBudgetTable(table(rows), getProgram('upgrade-under10')).findings)).toContain('gov-cap');
    expect(rules(checkBudgetTable(table(rows), upgrade).findings)).not.toContain('gov-cap');
  });
});

describe('item-cap', () => {
  it('passes new equipment at exactly 30 % and fails above, on the item’s 政府補助款 cell', () => {
    expect(rules(checkBudgetTable(table(cleanRows()), upgrade).findings)).not.toContain('item-cap');
    const over = cleanRows({ 全新設備之購置費: { label: '全新設備之購置費', gov: 901, self: 299 } });
    const found = only(checkBudgetTable(table(over), upgrade).findings, 'item-cap');
    expect(found).toMatchObject([{ severity: 'error', cell: 'B5', expected: 900, actual: 901 }]);
    expect(found[0].citation?.quote).toContain('30%');
  });

  it('caps commissioned research at 40 %', () => {
    const rows: RowSpec[] = [
      { label: '委託研究或驗證費', gov: 400, self: 0 },
      { label: '消耗性器材及原材料費', gov: 0, self: 600 },
    ];
    expect(rules(checkBudgetTable(table(rows), upgrade).findings)).not.toContain('item-cap');
    rows[0].gov = 401;
    expect(only(checkBudgetTable(table(rows), upgrade).findings, 'item-cap')).toMatchObject([{ cell: 'B4' }]);
  });

  it('follows the configured base: item-total caps the whole item and points at its 合計 cell', () => {
    const itemTotalProgram = {
      ...upgrade,
      items: upgrade.items.map((i) => (i.cap ? { ...i, cap: { ...i.cap, base: 'item-total' as const } } : i)),
    };
    // new equipment: gov 300 (10 %) but item total 1200 (40 %) → over 30 % on item-total, fine on gov
    const rows: RowSpec[] = [
      { label: '全新設備之購置費', gov: 300, self: 900, total: 1200 },
      { label: '既有設備之改善費', gov: 900, self: 900, total: 1800 },
    ];
    expect(rules(checkBudgetTable(table(rows), upgrade).findings)).not.toContain('item-cap');
    expect(only(checkBudgetTable(table(rows), itemTotalProgram).findings, 'item-cap')).toMatchObject([
      { cell: 'D4', expected: 900, actual: 1200 },
    ]);
  });
});

describe('self-only-item', () => {
  it('fires on government money in 人事費 and stays quiet for 0 or blank', () => {
    const quiet = cleanRows({ 人事費: { label: '人事費', gov: 0, self: 400 } });
    expect(rules(checkBudgetTable(table(quiet), upgrade).findings)).not.toContain('self-only-item');
    const loud = cleanRows({ 人事費: { label: '人事費', gov: 200, self: 200 } });
    const found = only(checkBudgetTable(table(loud), upgrade).findings, 'self-only-item');
    expect(found).toMatchObject([{ severity: 'error', cell: 'B8', expected: 0, actual: 200 }]);
    expect(found[0].citation?.quote).toContain('人事費');
  });

  it('knows each program’s self-only items', () => {
    const travel = [
      { label: '國內差旅費', gov: 10, self: 10 },
      { label: '既有設備之改善費', gov: 100, self: 200 },
    ];
    expect(rules(checkBudgetTable(table(travel), getProgram('chain-smart')).findings)).toContain('self-only-item');
    const works = [
      { label: '基礎工程施工費', gov: 10, self: 10 },
      { label: '既有設備之改善費', gov: 100, self: 200 },
    ];
    expect(rules(checkBudgetTable(table(works), factory).findings)).toContain('self-only-item');
  });
});

describe('row-total-mismatch and column-total-mismatch', () => {
  it('fire on wrong totals with the expected value, and not on right ones', () => {
    const right = checkBudgetTable(table(SEED_004_ROWS, { totalRow: SEED_004_TOTAL }), factory).findings;
    expect(rules(right)).not.toContain('row-total-mismatch');
    expect(rules(right)).not.toContain('column-total-mismatch');

    const rows = SEED_004_ROWS.map((r) => (r.label === '既有設備之改善費' ? { ...r, total: 1700 } : r));
    const wrong = checkBudgetTable(table(rows, { totalRow: { ...SEED_004_TOTAL, gov: 1400 } }), factory).findings;
    expect(only(wrong, 'row-total-mismatch')).toMatchObject([{ severity: 'error', cell: 'D6', expected: 1800, actual: 1700 }]);
    expect(only(wrong, 'column-total-mismatch').map((f) => [f.cell, f.expected, f.actual])).toEqual([
      ['B10', 1500, 1400],
      ['D10', 3280, 3380],
    ]);
  });

  it('a typed-over total is reported once, not again at every percentage computed from it', () => {
    // 既有設備 total typed as 1700 (should be 1800); Excel's SUM and percentages follow the stale figure.
    const stale = SEED_004_ROWS.map((r) => {
      const total = r.label === '既有設備之改善費' ? 1700 : (r.total as number);
      return { ...r, total, percent: Math.round((total / 3280) * 1000) / 10 };
    });
    const f = checkBudgetTable(table(stale, { totalRow: { ...SEED_004_TOTAL, total: 3280 }, percentRow: { label: '百分比(%)', gov: 44.4, self: 55.6, total: 100 } }), factory).findings;
    expect(f.map((x) => [x.rule, x.cell])).toEqual([['row-total-mismatch', 'D6']]);
  });

  it('sums exactly: 0.1 + 0.2 equals 0.3', () => {
    const rows = [
      { label: '消耗性器材及原材料費', gov: 0.1, self: 0.2, total: 0.30000000000000004 },
    ];
    expect(rules(checkBudgetTable(table(rows), upgrade).findings)).not.toContain('row-total-mismatch');
  });
});

describe('percent-mismatch', () => {
  const rows = (percent: number): RowSpec[] => [
    // 1 of 8 = 12.5 % exactly: shown 12.45 is exactly 0.05 away
    { label: '消耗性器材及原材料費', gov: 100, self: 0, percent },
    { label: '既有設備之改善費', gov: 300, self: 400, percent: 87.5 },
  ];

  it('passes a value exactly 0.05 from the exact share and fails beyond', () => {
    expect(rules(checkBudgetTable(table(rows(12.45)), upgrade).findings)).not.toContain('percent-mismatch');
    expect(rules(checkBudgetTable(table(rows(12.55)), upgrade).findings)).not.toContain('percent-mismatch');
    expect(only(checkBudgetTable(table(rows(12.44)), upgrade).findings, 'percent-mismatch')).toMatchObject([
      { cell: 'E4', expected: 12.5, actual: 12.44 },
    ]);
  });

  it('reads fractions in cells formatted as 0.0%', () => {
    const r = rows(0);
    r[0].percent = { value: 0.125, percentFormat: true };
    r[1].percent = { value: 0.875, percentFormat: true };
    expect(rules(checkBudgetTable(table(r), upgrade).findings)).not.toContain('percent-mismatch');
  });

  it('checks the 百分比(%) row', () => {
    const f = checkBudgetTable(
      table(SEED_004_ROWS, { totalRow: SEED_004_TOTAL, percentRow: { label: '百分比(%)', gov: 45, self: 55.6, total: 100 } }),
      factory,
    ).findings;
    expect(only(f, 'percent-mismatch').map((x) => x.cells)).toEqual([['E7', 'E9', 'B11']]);
  });
});

describe('hardcoded-total', () => {
  it('flags a typed-over cell among formulas', () => {
    const rows: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: 100, self: 100, total: { value: 200, formula: '=B4+C4' }, percent: { value: 40, formula: '=ROUND(D4/D6*100,1)' } },
      { label: '既有設備之改善費', gov: 100, self: 200, total: 300, percent: { value: 60, formula: '=ROUND(D5/D6*100,1)' } },
    ];
    const f = checkBudgetTable(table(rows, { hasFormulas: true, totalRow: { label: '合計', gov: { value: 200, formula: '=SUM(B4:B5)' }, self: { value: 300, formula: '=SUM(C4:C5)' }, total: { value: 500, formula: '=SUM(D4:D5)' } } }), upgrade).findings;
    expect(only(f, 'hardcoded-total')).toMatchObject([{ severity: 'warning', cell: 'D5' }]);
  });

  it('says once, not per cell, when a whole table is typed in a workbook with formulas', () => {
    const f = checkBudgetTable(table(SEED_004_ROWS, { totalRow: SEED_004_TOTAL, hasFormulas: true }), factory).findings;
    expect(only(f, 'hardcoded-total')).toHaveLength(1);
    expect(only(f, 'hardcoded-total')[0].cell).toBe('D10');
  });

  it('is quiet in a file without formulas', () => {
    const f = checkBudgetTable(table(SEED_004_ROWS, { totalRow: SEED_004_TOTAL }), factory).findings;
    expect(rules(f)).not.toContain('hardcoded-total');
  });
});

describe('amount cells', () => {
  const one = (gov: RowSpec['gov']) =>
    checkBudgetTable(table([{ label: '既有設備之改善費', gov, self: 2000 }], { totalColumn: false, percentColumn: false, totalRow: null }), upgrade).findings;

  it('not-a-number: text that is no number', () => {
    expect(one('約一百')).toMatchObject([{ rule: 'not-a-number', severity: 'error', cell: 'B4', actual: '約一百' }]);
    // An Excel error value is error-value's finding (formula hygiene), not a second not-a-number.
    expect(one('#DIV/0!').map((f) => f.rule)).toEqual(['error-value']);
    expect(one(true).map((f) => f.rule)).toEqual(['not-a-number']);
    expect(one(100)).toEqual([]);
  });

  it('number-as-text: "1,200" and full-width "１２００" are read, with a warning', () => {
    expect(one('1,200')).toMatchObject([{ rule: 'number-as-text', severity: 'warning', expected: 1200 }]);
    expect(one('１２００')).toMatchObject([{ rule: 'number-as-text', expected: 1200 }]);
    expect(one('１，２００')).toMatchObject([{ rule: 'number-as-text', expected: 1200 }]);
    expect(one('1,2').map((f) => f.rule)).toEqual(['not-a-number']);
  });

  it('negative-amount: below 0 is an error, 0 is fine', () => {
    expect(one(-5)).toMatchObject([{ rule: 'negative-amount', severity: 'error', actual: -5 }]);
    expect(one(0)).toEqual([]);
  });

  it('fractional-amount: decimals in 千元 warn; whole numbers and 元 tables do not', () => {
    expect(one(100.5)).toMatchObject([{ rule: 'fractional-amount', severity: 'warning', expected: 101 }]);
    const yuan = checkBudgetTable(table([{ label: '既有設備之改善費', gov: 1234.5, self: 2000 }], { unit: '元', totalRow: null, totalColumn: false, percentColumn: false }), upgrade).findings;
    expect(rules(yuan)).not.toContain('fractional-amount');
  });

  it('fractional-amount in 萬元 tables: one decimal (whole 千元) is fine, more is not', () => {
    const wan = (gov: number) =>
      checkBudgetTable(table([{ label: '既有設備之改善費', gov, self: 200 }], { unit: '萬元', totalRow: null, totalColumn: false, percentColumn: false }), upgrade).findings;
    expect(wan(12.5)).toEqual([]);
    expect(wan(12.55)).toMatchObject([{ rule: 'fractional-amount', expected: 12.6 }]);
  });

  it('blank means 0', () => {
    expect(one(null)).toEqual([]);
    expect(one('')).toEqual([]);
  });
});

describe('unit-suspect', () => {
  it('fires without a unit label when the total is over 100 × the cap', () => {
    const rows = [{ label: '既有設備之改善費', gov: 2_000_000, self: 2_000_000, total: 4_000_000, percent: 100 }];
    const totalRow = { label: '合計', gov: 2_000_000, self: 2_000_000, total: 4_000_000 };
    const f = checkBudgetTable(table(rows, { unit: null, totalRow }), upgrade).findings;
    expect(only(f, 'unit-suspect')).toMatchObject([{ severity: 'warning', cell: 'D5' }]);
    // Read as 元, the subsidy is 2,000 千元: within the cap, so the unit slip is the only finding.
    expect(rules(f)).toEqual(['unit-suspect']);
  });

  it('judges the limits on the 元 reading, so a real breach still shows', () => {
    const rows = [{ label: '既有設備之改善費', gov: 6_000_000, self: 6_000_000 }];
    const f = checkBudgetTable(table(rows, { unit: null }), upgrade).findings;
    expect(only(f, 'gov-cap')).toMatchObject([{ expected: 5000, actual: 6000 }]);
  });

  it('stays quiet with a unit label, or at 100 × the cap', () => {
    const rows = [{ label: '既有設備之改善費', gov: 250_000, self: 250_000 }];
    expect(rules(checkBudgetTable(table(rows, { unit: null }), upgrade).findings)).not.toContain('unit-suspect');
    const big = [{ label: '既有設備之改善費', gov: 2_000_000, self: 2_000_000 }];
    expect(rules(checkBudgetTable(table(big, { unit: '元' }), upgrade).findings)).not.toContain('unit-suspect');
  });
});

describe('unknown-item', () => {
  it('accepts the variants people type and flags what is left', () => {
    const rows: RowSpec[] = [
      { label: '1. 消耗性器材或原材料', gov: 100, self: 100 },
      { label: '(二)全新設備購置費', gov: 100, self: 100 },
      { label: '※人事費', gov: 0, self: 100 },
      { label: '雜支', gov: 0, self: 50 },
    ];
    const f = checkBudgetTable(table(rows), upgrade).findings;
    expect(only(f, 'unknown-item')).toMatchObject([{ severity: 'warning', cell: 'A7', actual: '雜支' }]);
  });

  it('names the programs an item belongs to when it is another program’s item', () => {
    const f = checkBudgetTable(table([{ label: '基礎工程施工費', gov: 0, self: 100 }]), upgrade).findings;
    // By the program's Chinese name, never its id.
    expect(only(f, 'unknown-item')[0].advice).toBe('此科目屬於「納管工廠 低碳及智慧化 基礎轉型 個案補助」；請確認計畫別，或移除此列');
    expect(only(checkBudgetTable(table([{ label: '基礎工程施工費', gov: 0, self: 100 }]), upgrade, 'en').findings, 'unknown-item')[0].advice).toContain('Registered factories');
  });

  it('words the grand total without doubling 合計', () => {
    const rows = cleanRows({});
    const f = checkBudgetTable(table(rows, { totalRow: { label: '合計', total: 1 } }), upgrade).findings;
    const messages = only(f, 'column-total-mismatch').map((x) => x.message);
    expect(messages.find((m) => m.startsWith('總經費'))).toMatch(/^總經費合計應為 3,000（該欄加總），表上為 1$/);
    for (const m of messages) expect(m).not.toContain('合計合計');
  });
});

describe('messages', () => {
  it('are in English on request', () => {
    const rows = cleanRows({ 人事費: { label: '人事費', gov: 200, self: 200 } });
    const [finding] = only(checkBudgetTable(table(rows), upgrade, 'en').findings, 'self-only-item');
    expect(finding.message).toMatch(/may only be self-funded/);
    expect(finding.advice).toMatch(/Move 200/);
  });
});
