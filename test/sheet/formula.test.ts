import { describe, expect, it } from 'vitest';
import { fillUncachedFormulas } from '../../src/sheet/formula';
import { formatScale, Grid, snapshotFromRows, toA1, type SheetSnapshot } from '../../src/sheet/grid';

/** Sheets as typed; every formula cell counts as saved without a result, as a script writes it. */
function evaluated(...sheets: SheetSnapshot[]): Grid[] {
  const uncached = new Map<string, string[]>();
  for (const s of sheets) {
    const cells: string[] = [];
    s.formulas.forEach((row, r) => row.forEach((f, c) => f && cells.push(toA1(r + s.origin.row, c + s.origin.col))));
    uncached.set(s.name, cells);
  }
  fillUncachedFormulas(sheets, uncached);
  return sheets.map((s) => new Grid(s));
}

describe('fillUncachedFormulas: what budget tables compute', () => {
  it('computes row totals, column sums, rounded percentages and IF guards, in any order of dependency', () => {
    const [g] = evaluated(
      snapshotFromRows('經費預算表', [
        ['會計科目', '政府補助款', '業者自籌款', '合計', '比例'],
        ['消耗性器材及原材料費', 240, 120, '=B2+C2', '=IF($D$5=0,"",ROUND(D2*100/$D$5,1))'],
        ['既有設備之改善費', 900, 900, '=SUM(B3:C3)', '=IF($D$5=0,"",ROUND(D3*100/$D$5,1))'],
        ['人事費', null, 200, '=B4+C4', '=IF($D$5=0,"",ROUND(D4*100/$D$5,1))'],
        ['合計', '=SUM(B2:B4)', '=SUM(C2:C4)', '=SUM(D2:D4)', '=ROUND(B5/D5*100,1)'],
      ]),
    );
    expect([g.value(1, 3), g.value(2, 3), g.value(3, 3), g.value(4, 3)]).toEqual([360, 1800, 200, 2360]);
    expect([g.value(4, 1), g.value(4, 2)]).toEqual([1140, 1220]);
    expect([g.value(1, 4), g.value(2, 4), g.value(3, 4)]).toEqual([15.3, 76.3, 8.5]);
    expect(g.value(4, 4)).toBe(48.3);
    expect(g.sheet.uncomputed).toBeUndefined();
  });

  it('rounds halves away from zero on the decimal value, as Excel does', () => {
    const [g] = evaluated(snapshotFromRows('S', [[1.005, -2.5, 0.285, '=ROUND(A1,2)', '=ROUND(B1,0)', '=ROUND(C1*100,0)', '=ROUNDDOWN(7.9,0)', '=ROUNDUP(7.1,0)']]));
    expect([3, 4, 5, 6, 7].map((c) => g.value(0, c))).toEqual([1.01, -3, 29, 7, 8]);
  });

  it('follows references to other sheets, quoted or not, and an IF that leaves a cell blank', () => {
    const [, basic] = evaluated(
      snapshotFromRows('經費預算表', [['合計', 1140, 1220, '=B1+C1']]),
      snapshotFromRows('基本資料', [['申請總經費', '=經費預算表!D1', "='經費預算表'!B1", '=IF(B1>0,"")', '=B1&"千元"']]),
    );
    expect([basic.value(0, 1), basic.value(0, 2), basic.value(0, 3), basic.value(0, 4)]).toEqual([2360, 1140, null, '2360千元']);
  });

  it('leaves unknown what it cannot compute (other functions, defined names, cycles, missing sheets) and lists those cells', () => {
    const [g] = evaluated(
      snapshotFromRows('S', [[1, '=VLOOKUP(A1,B:C,2,0)', '=Total*2', '=D1+1', '=C1+1', '=Other!A1', '=A1*2', '=B1+A1']]),
    );
    expect(g.value(0, 6)).toBe(2);
    expect(g.sheet.uncomputed?.sort()).toEqual(['B1', 'C1', 'D1', 'E1', 'F1', 'H1']);
    for (const c of [1, 2, 3, 4, 5, 7]) expect(g.value(0, c)).toBeNull();
  });

  it('gives error values as Excel shows them', () => {
    const [g] = evaluated(snapshotFromRows('S', [[0, '=1/A1', '=B1+1', '=IFERROR(B1,0)', '="a"*2']]));
    expect([g.value(0, 1), g.value(0, 2), g.value(0, 3), g.value(0, 4)]).toEqual(['#DIV/0!', '#DIV/0!', 0, '#VALUE!']);
  });
});

describe('formatScale: number formats that show thousands or millions', () => {
  it.each([
    ['#,##0,', 1000],
    ['#,##0,,', 1_000_000],
    ['#,##0,"千元"', 1000],
    ['#,##0,;(#,##0,)', 1000],
    ['#,##0', 1],
    ['0.0%', 1],
    ['"1,000,"0', 1],
    ['General', 1],
    ['[$-404]#,##0 ', 1],
  ])('%s divides by %d', (format, scale) => {
    expect(formatScale(format)).toBe(scale);
  });
});
