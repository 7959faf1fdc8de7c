import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/domain/budget';
import type { Finding } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { type WorkbookSnapshot, snapshotFromRows } from '../../src/sheet/grid';
import { toNumber } from '../../src/domain/money';
import { engineServices as paneServices } from '../../src/taskpane/engine';
import { applyFix } from './fixtures/apply-fix';

const BUDGET: RawValue[][] = [
  ['經費預算表'],
  [null, null, null, null, '金額單位：千元'],
  ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
  ['消耗性器材及原材料費', 300, 200, 500, 8.5],
  ['全新設備之購置費', 1200, 1300, 2500, 42.4],
  ['既有設備之改善費', 1200, 0, 1200, 20.3],
  ['委託研究或驗證費', 400, 200, 600, 10.2],
  ['人事費', null, 800, 800, 13.6],
  ['無形資產引進費', null, 300, 300, 5.1],
  ['合計', 3100, 2800, 5900, null],
];

function book(basic: RawValue[][], fractions = false): WorkbookSnapshot {
  const info = snapshotFromRows('基本資料', basic);
  if (fractions) info.numberFormats.forEach((row, r) => row.forEach((_, c) => typeof info.values[r][c] === 'number' && (info.values[r][c] as number) < 1 && (row[c] = '0.0%')));
  return { sheets: [info, snapshotFromRows('經費預算表', BUDGET)], settings: {} };
}
const check = (b: WorkbookSnapshot) => checkWorkbook(b, { program: 'upgrade-10plus' }).findings;
const govShare = (b: WorkbookSnapshot): Finding => check(b).find((f) => f.rule === 'gov-share')!;
const basicChanges = (f: Finding) => f.routes!.map((r) => r.changes.filter((c) => c.sheet === '基本資料').map((c) => [c.cell, c.from, c.to]));

/**
 * 基本資料 typed by hand (not formulas into the table) states the budget's totals: a fix that moves them must rewrite it
 * too, each cell in its own form, or applying it would trade the budget error for a basic-info-mismatch. Here the
 * subsidy is 3,100 of 5,900 (52.5 %); the routes are "move 150" (2,950 of 5,900; listed first, it keeps the project) and "cut 300" (2,800 of 5,600).
 * The cases below list the cut's cells first, then the move's.
 */
describe('a fix carries 基本資料 typed by hand along', () => {
  it.each([
    [
      'numbers and text percentages on one row',
      [['申請總經費', 5900, '千元', '補助款', 3100, '千元(52.5%)', '自籌款', 2800, '千元(47.5%)']],
      false,
      [
        [['B1', 5900, 5600], ['E1', 3100, 2800], ['F1', '千元(52.5%)', '千元(50.0%)'], ['I1', '千元(47.5%)', '千元(50.0%)']],
        [['E1', 3100, 2950], ['F1', '千元(52.5%)', '千元(50.0%)'], ['H1', 2800, 2950], ['I1', '千元(47.5%)', '千元(50.0%)']],
      ],
    ],
    [
      'text inside the label cells',
      [['申請總經費：5,900千元'], ['補助款：3,100千元（52.5%）'], ['自籌款：2,800千元（47.5%）']],
      false,
      [
        [['A1', '申請總經費：5,900千元', '申請總經費：5,600千元'], ['A2', '補助款：3,100千元（52.5%）', '補助款：2,800千元（50.0%）'], ['A3', '自籌款：2,800千元（47.5%）', '自籌款：2,800千元（50.0%）']],
        [['A2', '補助款：3,100千元（52.5%）', '補助款：2,950千元（50.0%）'], ['A3', '自籌款：2,800千元（47.5%）', '自籌款：2,950千元（50.0%）']],
      ],
    ],
    [
      'full-width text amounts, fractions in 0.0% cells',
      [['申請總經費 千元', '５，９００'], ['補助款 千元(%)', '３，１００', 0.525], ['自籌款 千元(%)', '２，８００', 0.475]],
      true,
      [
        [['B1', '５，９００', '５，６００'], ['B2', '３，１００', '２，８００'], ['C2', 0.525, 0.5], ['C3', 0.475, 0.5]],
        [['B2', '３，１００', '２，９５０'], ['C2', 0.525, 0.5], ['B3', '２，８００', '２，９５０'], ['C3', 0.475, 0.5]],
      ],
    ],
    [
      'the total in 元',
      [['申請總經費：5,900,000元'], ['補助款：3,100千元（52.5%）'], ['自籌款：2,800千元（47.5%）']],
      false,
      [
        [['A1', '申請總經費：5,900,000元', '申請總經費：5,600,000元'], ['A2', '補助款：3,100千元（52.5%）', '補助款：2,800千元（50.0%）'], ['A3', '自籌款：2,800千元（47.5%）', '自籌款：2,800千元（50.0%）']],
        [['A2', '補助款：3,100千元（52.5%）', '補助款：2,950千元（50.0%）'], ['A3', '自籌款：2,800千元（47.5%）', '自籌款：2,950千元（50.0%）']],
      ],
    ],
  ] as const)('%s', (_, rows, fractions, expected) => {
    const b = book(rows.map((r) => [...r]), fractions);
    const finding = govShare(b);
    const [cut, move] = expected;
    expect(basicChanges(finding)).toEqual([move, cut]);
    for (const route of finding.routes!) {
      const after = check(applyFix(b, route.changes));
      expect(after.filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.cell} ${f.message}`), route.advice).toEqual([]);
    }
  });

  it('reads and writes 基本資料 amounts stored in 元 and shown in 千元 (#,##0,) as the cells store them', () => {
    const b = book([['申請總經費', 5_900_000, '千元', '補助款', 3_100_000, '千元(52.5%)', '自籌款', 2_800_000, '千元(47.5%)']]);
    for (const col of [1, 4, 7]) b.sheets[0].numberFormats[0][col] = '#,##0,';
    expect(check(b).filter((f) => f.rule === 'basic-info-mismatch')).toEqual([]);
    const [move] = basicChanges(govShare(b));
    expect(move).toEqual([['E1', 3_100_000, 2_950_000], ['F1', '千元(52.5%)', '千元(50.0%)'], ['H1', 2_800_000, 2_950_000], ['I1', '千元(47.5%)', '千元(50.0%)']]);
  });

  it('leaves formulas in 基本資料 alone (they recompute) and a cell that was already wrong as it is', () => {
    const b = book([['申請總經費', '=經費預算表!D10', '千元', '補助款', 3000, '千元(52.5%)', '自籌款', 2800, '千元(47.5%)']]);
    b.sheets[0].values[0][1] = 5900; // the formula's result
    expect(check(b).filter((f) => f.rule === 'basic-info-mismatch').map((f) => f.cell)).toEqual(['E1']);
    const finding = govShare(b);
    // B1 is a formula; E1 said 3,000 before (already a mismatch, reported on its own): only the percentages and 自籌款 follow.
    expect(basicChanges(finding)).toEqual([
      [['F1', '千元(52.5%)', '千元(50.0%)'], ['H1', 2800, 2950], ['I1', '千元(47.5%)', '千元(50.0%)']],
      [['F1', '千元(52.5%)', '千元(50.0%)'], ['I1', '千元(47.5%)', '千元(50.0%)']],
    ]);
  });
});

describe('the largest legal subsidy carries 基本資料 typed by hand along', () => {
  it('applied, it leaves 基本資料 agreeing with the new split', () => {
    const b = book([['申請總經費', 5900, '千元', '補助款', 3100, '千元(52.5%)', '自籌款', 2800, '千元(47.5%)']]);
    const { changes, maximized } = paneServices.maximize(checkWorkbook(b, { program: 'upgrade-10plus' }), 'upgrade-10plus')!;
    const gov = toNumber(maximized.govTotal);
    expect(gov).not.toBe(3100);
    const percent = (part: number) => `千元(${(Math.round((part * 1000) / 5900) / 10).toFixed(1)}%)`;
    expect(changes.filter((c) => c.sheet === '基本資料').map((c) => [c.cell, c.to])).toEqual([
      ['E1', gov],
      ['F1', percent(gov)],
      ['H1', 5900 - gov],
      ['I1', percent(5900 - gov)],
    ]);
    expect(check(applyFix(b, changes)).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
