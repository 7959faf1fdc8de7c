import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { recompute } from './fixtures/apply-fix';
import { type Row, sheet, workbook } from './fixtures/workbook';

/**
 * Issue 21, Must show 4: a 經費明細 sheet listing what each item buys (會計科目, 項目, 數量, 單價, 金額) is the items'
 * detail, not a second budget; the budget table's items are checked against its lines.
 */
const BUDGET: Row[] = [
  ['經費預算表'],
  [null, null, null, null, '金額單位：千元'],
  ['會計科目', '政府補助款', '業者自籌款', '合計'],
  ['消耗性器材及原材料費', 100, 100, '=B4+C4'],
  ['全新設備之購置費', 1000, 1400, '=B5+C5'],
  ['人事費', null, 1000, '=B6+C6'],
  ['合計', '=SUM(B4:B6)', '=SUM(C4:C6)', '=SUM(D4:D6)'],
];

/** The detail sheet in 元; `machine` is the 單價 of the second machine. */
const details = (machine: number): Row[] => [
  ['經費明細表', null, null, null, '單位：元'],
  ['會計科目', '項目', '數量', '單價', '金額'],
  ['消耗性器材及原材料費', '鋼材', 100, 2000, '=C3*D3'],
  ['全新設備之購置費', 'CNC 綜合加工機', 1, 1_600_000, '=C4*D4'],
  [null, '三次元量測儀', 1, machine, '=C5*D5'],
  ['小計', null, null, null, '=SUM(E4:E5)'],
  ['總計', null, null, null, '=E3+E6'],
];

const check = (machine: number) =>
  checkWorkbook(workbook(recompute(sheet('經費預算表', BUDGET)), recompute(sheet('經費明細', details(machine)))), {
    program: 'upgrade-10plus',
  }).findings.filter((f) => f.severity !== 'info');

describe('a 經費明細 sheet', () => {
  it('whose lines sum to the budget items is read as their detail: no finding, no second budget', () => {
    expect(check(800_000).map((f) => `${f.rule}@${f.sheet}!${f.cell}`)).toEqual([]);
  });

  it('whose 全新設備 lines disagree with the budget item is reported at the detail sheet\'s 小計', () => {
    const found = check(900_000).filter((f) => f.sheet === '經費明細');
    expect(found).toEqual([
      expect.objectContaining({ rule: 'detail-sum-mismatch', cell: 'E6', expected: 2400, actual: 2500 }),
    ]);
  });
});
