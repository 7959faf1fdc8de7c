import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { detailBook } from './fixtures/detail-sheet';

/**
 * Issue 21, Must show 4: a 經費明細 sheet listing what each item buys (會計科目, 項目, 數量, 單價, 金額) is the items'
 * detail, not a second budget; the budget table's items are checked against its lines.
 */
const check = (machine: number) =>
  checkWorkbook(detailBook(machine), {
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
