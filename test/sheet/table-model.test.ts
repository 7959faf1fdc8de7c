import { describe, expect, it } from 'vitest';
import type { Finding, RuleId } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { type Row, SEED_004_HEADER, sheet, workbook } from './fixtures/workbook';

const only = (f: Finding[], rule: RuleId) => f.filter((x) => x.rule === rule);
const errors = (f: Finding[]) => f.filter((x) => x.severity === 'error');
const check = (rows: Row[]) => checkWorkbook(workbook(sheet('經費預算表', [['經費預算表'], [null, null, null, null, '金額單位：千元'], ...rows])), { program: 'upgrade-10plus' }).findings;

/** A clean upgrade budget (45.6 % subsidy) with a 小計 after four items, then two self-funded items and the 合計. */
function withSubtotal(over: { personnelGov?: number; subtotalWord?: string; total?: Row } = {}): Row[] {
  const pg = over.personnelGov ?? 0;
  const gov = 1140 + pg;
  const grand = 2500 + pg;
  const pct = (n: number) => Math.round((n / grand) * 1000) / 10;
  return [
    SEED_004_HEADER,
    ['消耗性器材及原材料費', 300, 200, 500, pct(500)],
    ['全新設備之購置費', 700, 300, 1000, pct(1000)],
    ['既有設備之改善費', 140, 160, 300, pct(300)],
    ['委託研究或驗證費', 0, 200, 200, pct(200)],
    [over.subtotalWord ?? '小計', 1140, 860, 2000, pct(2000)],
    ['人事費', pg, 400, 400 + pg, pct(400 + pg)],
    ['無形資產引進費', 0, 100, 100, pct(100)],
    over.total ?? ['合計', gov, 1360, grand, null],
    ['百分比(%)', pct(gov), pct(1360), 100, null],
  ];
}

describe('subtotal layouts (issue 9: a 小計 row ended the table)', () => {
  it('a clean budget with a 小計 has no error and no percent warning', () => {
    for (const word of ['小計', '小　計', '合計(一)', null]) {
      const f = check(withSubtotal({ subtotalWord: word as string }));
      expect(errors(f), String(word)).toEqual([]);
      expect(only(f, 'percent-mismatch'), String(word)).toEqual([]);
      expect(only(f, 'unread-row'), String(word)).toEqual([]);
    }
  });

  it('人事費 in government money below the 小計 is a self-only-item error', () => {
    const f = check(withSubtotal({ personnelGov: 100 }));
    expect(only(f, 'self-only-item').map((x) => x.cell)).toEqual(['B9']);
  });

  it('a 合計 that counts the 小計 twice is subtotal-double-counted, not a plain mismatch', () => {
    const f = check(withSubtotal({ total: ['合計', 2280, 2220, 4500, null] }));
    expect(only(f, 'subtotal-double-counted').map((x) => [x.cell, x.expected, x.actual])).toEqual([
      ['B11', 1140, 2280],
      ['C11', 1360, 2220],
      ['D11', 2500, 4500],
    ]);
    expect(only(f, 'column-total-mismatch')).toEqual([]);
  });

  it('a 小計 that is not the sum of its rows is a column-total-mismatch at the 小計 cell', () => {
    const rows = withSubtotal();
    rows[5] = ['小計', 1100, 860, 1960, null];
    const f = check(rows);
    expect(only(f, 'column-total-mismatch').map((x) => [x.cell, x.expected])).toEqual([['B8', 1140], ['D8', 2000]]);
  });
});

describe('long labels and notes (issue 9: a long label ended the table)', () => {
  it('rows after a long label are checked, the 合計 included', () => {
    const f = check([
      SEED_004_HEADER,
      ['消耗性器材及原材料費', 500, 500, 1000, null],
      ['無形資產引進費（含軟體授權、專利技術移轉及顧問費用）', 200, 300, 500, null],
      ['既有設備之改善費', 300, 700, 1000, null],
      ['合計', 1000, 1500, 2500, null],
    ]);
    expect(only(f, 'self-only-item').map((x) => x.cell)).toEqual(['B5']);
    expect(only(f, 'item-label-variant').map((x) => x.cell)).toEqual(['A5']);
  });

  it('an amount below the 合計 is reported as unread-row with what it holds', () => {
    const f = check([SEED_004_HEADER, ['消耗性器材及原材料費', 500, 500, 1000, null], ['合計', 500, 500, 1000, null], ['人事費', 100, 0, 100, null]]);
    expect(only(f, 'unread-row')).toMatchObject([{ severity: 'warning', cell: 'A6' }]);
    expect(only(f, 'unread-row')[0].message).toContain('政府補助款 100');
  });
});

describe('empty-budget', () => {
  it('an all-zero table is one warning at the 合計 row', () => {
    const f = check([SEED_004_HEADER, ['消耗性器材及原材料費', 0, null, 0, null], ['人事費', null, null, null, null], ['合計', 0, 0, 0, null]]);
    expect(f.filter((x) => x.rule !== 'program-assumed').map((x) => [x.rule, x.severity, x.cell])).toEqual([['empty-budget', 'warning', 'A6']]);
  });

  it('a table with amounts is not empty', () => {
    expect(only(check(withSubtotal()), 'empty-budget')).toEqual([]);
  });
});

describe('merged labels', () => {
  it('a label merged down over two amount rows names both: they are one item, not an unknown row with subsidy', () => {
    const rows: Row[] = [
      SEED_004_HEADER,
      ['消耗性器材及原材料費', 300, 200, 500, null],
      ['全新設備之購置費', 400, 300, 700, null],
      [null, 300, 300, 600, null],
      ['人事費', null, 400, 400, null],
      ['合計', 1000, 1200, 2200, null],
    ];
    const findings = checkWorkbook(workbook(sheet('經費預算表', [['經費預算表'], [null, null, null, null, '金額單位：千元'], ...rows], { merges: ['A5:A6'] })), { program: 'upgrade-10plus' }).findings;
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([
      expect.objectContaining({ rule: 'item-cap', cell: 'B6' }), // 700 of subsidy > 30 % of 2,200: both rows count
    ]);
  });
});
