import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { recompute } from './fixtures/apply-fix';
import { type Row, sheet, workbook } from './fixtures/workbook';

/**
 * Issue 21, Must show 6: an itemised budget — any numbering style, with or without 小計, the item row blank or holding
 * the sum, the 合計 over items or over details — gets the same verdict (the set of rules that fire) as the flat table
 * with the same item sums.
 */

const ITEMS = ['消耗性器材及原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究或驗證費', '人事費'];
const STYLES = ['(1) ', '1. ', '① ', '(一) ', '　　', '其中：', '- '];
const NAMES = ['CNC 加工機', '雷射切割機', '王大明 研究員', '檢測服務', '空壓機'];

interface ItemSpec {
  parts: { gov: number; self: number }[];
  grouped: boolean;
  style: number;
  head: 'blank' | 'sum';
  subtotal: boolean;
}

const itemArb: fc.Arbitrary<ItemSpec> = fc.record({
  parts: fc.array(fc.record({ gov: fc.integer({ min: 0, max: 900 }), self: fc.integer({ min: 0, max: 900 }) }), { minLength: 1, maxLength: 4 }),
  grouped: fc.boolean(),
  style: fc.nat(STYLES.length - 1),
  head: fc.constantFrom('blank' as const, 'sum' as const),
  subtotal: fc.boolean(),
});

const HEAD: Row[] = [['經費預算表'], [null, null, null, null, '金額單位：千元'], ['會計科目', '政府補助款', '業者自籌款', '合計']];

/** The table; `flat` lists each item once with its parts' sums. `overDetails`: the 合計 adds the detail lines. */
function build(items: ItemSpec[], flat: boolean, overDetails: boolean): Row[] {
  const rows: Row[] = [...HEAD];
  const counted: number[] = []; // sheet rows (1-based) the 合計 adds
  const at = () => rows.length + 1;
  items.forEach((item, n) => {
    const gov = item.parts.reduce((a, p) => a + p.gov, 0);
    const self = item.parts.reduce((a, p) => a + p.self, 0);
    if (flat || !item.grouped) {
      counted.push(at());
      rows.push([ITEMS[n], gov, self, `=B${at()}+C${at()}`]);
      return;
    }
    const headRow = at();
    const first = headRow + 1;
    const last = first + item.parts.length - 1;
    rows.push(item.head === 'blank' ? [ITEMS[n], null, null, null] : [ITEMS[n], `=SUM(B${first}:B${last})`, `=SUM(C${first}:C${last})`, `=B${headRow}+C${headRow}`]);
    item.parts.forEach((p, i) => rows.push([`${STYLES[item.style]}${NAMES[i]}`, p.gov, p.self, `=B${at()}+C${at()}`]));
    let sumRow = item.head === 'sum' ? headRow : null;
    if (item.subtotal) {
      sumRow = at();
      rows.push(['小計', `=SUM(B${first}:B${last})`, `=SUM(C${first}:C${last})`, `=SUM(D${first}:D${last})`]);
    }
    if (overDetails || sumRow === null) for (let r = first; r <= last; r++) counted.push(r);
    else counted.push(sumRow);
  });
  const sum = (col: string) => `=${counted.map((r) => `${col}${r}`).join('+')}`;
  rows.push(['合計', sum('B'), sum('C'), sum('D')]);
  return rows;
}

const verdict = (rows: Row[]) =>
  [...new Set(checkWorkbook(workbook(recompute(sheet('經費預算表', rows))), { program: 'upgrade-10plus' }).findings.filter((f) => f.severity !== 'info').map((f) => f.rule))].sort();

describe('itemised budgets (property)', () => {
  it('get the verdict of the flat table with the same item sums', () => {
    let grouped = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: ITEMS.length, maxLength: ITEMS.length }), fc.boolean(), (drawn, overDetails) => {
        // More subsidy on new equipment, so that its 30 % cap is often at stake.
        const items = drawn.map((it, n) => (n === 1 ? { ...it, parts: it.parts.map((p) => ({ gov: p.gov * 3, self: p.self })) } : it));
        if (items.some((i) => i.grouped)) grouped++;
        const flat = verdict(build(items, true, overDetails));
        flat.forEach((r) => seen.add(r));
        expect(verdict(build(items, false, overDetails))).toEqual(flat);
      }),
      { numRuns: 120, seed: 21 },
    );
    expect(grouped).toBeGreaterThan(60);
    // The budgets are not all clean: the breaches a grouping used to hide or invent are among them.
    expect([...seen]).toEqual(expect.arrayContaining(['item-cap', 'self-only-item', 'gov-share', 'gov-cap']));
  }, 120_000); // 240 whole-workbook checks: about 4 s on an idle machine, far longer on a loaded one
});
