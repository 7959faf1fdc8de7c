import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { locateBudgetTable } from '../../src/sheet/locate';
import { type Row, sheet, workbook } from './fixtures/workbook';
import { applyFix, recompute } from './fixtures/apply-fix';

/**
 * Issue 21: itemised budgets — machines, contracts and people listed under their 會計科目, numbered or indented, closed
 * by a 小計, the item's own row empty or holding the group's sum. Every sheet is recomputed by HyperFormula, so the
 * formulas show what Excel would show.
 */

const HEAD: Row[] = [['經費預算表'], [null, null, null, null, '金額單位：千元'], ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)']];

function check(rows: Row[], program = 'upgrade-10plus') {
  const book = workbook(recompute(sheet('經費預算表', [...HEAD, ...rows])));
  return { book, result: checkWorkbook(book, { program }) };
}
/** The findings as rule@cell, sorted (the finished list orders root causes first). */
const rules = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.cell}`).sort();

/** The reviewer's case of the issue: three machines under 全新設備之購置費 with a 小計; subsidy 1,500 of 4,000 = 37.5 %. */
const MACHINES = (gov: [number, number, number]): Row[] => [
  ['消耗性器材及原材料費', 200, 300, '=B4+C4', '=ROUND(D4/D$11*100,1)'],
  ['全新設備之購置費', null, null, null, null],
  ['(1) CNC 加工機', gov[0], 1500 - gov[0], '=B6+C6', null],
  ['(2) 雷射切割機', gov[1], 1000 - gov[1], '=B7+C7', null],
  ['(3) 自動光學檢測設備', gov[2], 400 - gov[2], '=B8+C8', null],
  ['小計', '=SUM(B6:B8)', '=SUM(C6:C8)', '=SUM(D6:D8)', '=ROUND(D9/D$11*100,1)'],
  ['人事費', null, 600, '=B10+C10', '=ROUND(D10/D$11*100,1)'],
  ['合計', '=B4+B9+B10', '=C4+C9+C10', '=D4+D9+D10', null],
];

describe('itemised items: the details are the item', () => {
  it('finds the real 30 % breach and none of the false errors (the issue’s case)', () => {
    const { result } = check(MACHINES([700, 500, 300]));
    expect(rules(result.findings)).toEqual(['item-cap@B9']);
    const cap = result.findings.find((f) => f.rule === 'item-cap')!;
    expect(cap.message).toContain('全新設備之購置費：政府補助款 1,500 千元，超過總經費 30%');
    expect(cap.message).toContain('1,200 千元');
    expect(result.budget?.items.find((i) => i.itemId === 'new-equipment')?.used).toBe(1500);
  });

  it('the same shape within every limit has no finding at all', () => {
    const { result } = check(MACHINES([600, 400, 200]));
    expect(rules(result.findings)).toEqual([]);
    expect(result.budget?.grandTotal).toBe(4000);
  });

  it('reads the lines as details of the item, the item row and the 小計 as sums over them', () => {
    const table = locateBudgetTable(check(MACHINES([600, 400, 200])).book)!;
    expect(table.rows.map((r) => [r.label.value, r.detailOf?.value ?? null])).toEqual([
      ['消耗性器材及原材料費', null],
      ['(1) CNC 加工機', '全新設備之購置費'],
      ['(2) 雷射切割機', '全新設備之購置費'],
      ['(3) 自動光學檢測設備', '全新設備之購置費'],
      ['人事費', null],
    ]);
    expect(table.subtotals?.map((s) => [s.row.label.value, s.covers, s.item ?? false])).toEqual([
      ['全新設備之購置費', [1, 2, 3], true],
      ['小計', [1, 2, 3], false],
    ]);
  });

  it('the fix of an itemised breach names the lines it changes and keeps the group’s sum right', () => {
    const { book, result } = check(MACHINES([700, 500, 300]));
    const cap = result.findings.find((f) => f.rule === 'item-cap')!;
    expect(cap.routes?.length ?? 1).toBeGreaterThan(0);
    for (const route of cap.routes ?? [{ advice: cap.advice, changes: cap.fix! }]) {
      // Only detail lines' amounts change; the 小計 and 合計 are formulas and follow.
      expect(route.changes.every((c) => /^[BC][678]$/.test(c.cell))).toBe(true);
      const after = checkWorkbook(applyFix(book, route.changes), { program: 'upgrade-10plus' });
      expect(rules(after.findings)).toEqual([]);
    }
  });

  it('numbering styles, indentation and 其中 all mark details, with or without a 小計', () => {
    for (const style of ['1. ', '① ', '(一) ', '一、', '　　', '其中：', 'a) ', '- ']) {
      for (const subtotal of [true, false]) {
        const rows: Row[] = [
          ['消耗性器材及原材料費', 200, 300, '=B4+C4', null],
          ['全新設備之購置費', null, null, null, null],
          [`${style}CNC 加工機`, 600, 900, '=B6+C6', null],
          [`${style}雷射切割機`, 400, 600, '=B7+C7', null],
          [`${style}自動光學檢測設備`, 200, 200, '=B8+C8', null],
          ...(subtotal ? [['小計', '=SUM(B6:B8)', '=SUM(C6:C8)', '=SUM(D6:D8)', null]] : []),
          ['人事費', null, 600, `=B${subtotal ? 10 : 9}+C${subtotal ? 10 : 9}`, null],
          subtotal ? ['合計', '=B4+B9+B10', '=C4+C9+C10', '=D4+D9+D10', null] : ['合計', '=SUM(B4:B9)', '=SUM(C4:C9)', '=SUM(D4:D9)', null],
        ];
        const { result } = check(rows);
        expect(rules(result.findings), `${style} ${subtotal}`).toEqual([]);
        expect(result.budget?.items.find((i) => i.itemId === 'new-equipment')?.used).toBe(1200);
      }
    }
  });

  it('an item row holding its details’ sum is checked against them, and the 合計 over item rows is right', () => {
    const rows: Row[] = [
      ['消耗性器材及原材料費', 200, 300, '=B4+C4', null],
      ['全新設備之購置費', 1100, 1800, '=B5+C5', null],
      ['　CNC 加工機', 500, 1000, '=B6+C6', null],
      ['　雷射切割機', 400, 600, '=B7+C7', null],
      ['　自動光學檢測設備', 200, 200, '=B8+C8', null],
      ['人事費', 0, 600, '=B9+C9', null],
      ['合計', '=B4+B5+B9', '=C4+C5+C9', '=D4+D5+D9', null],
    ];
    expect(rules(check(rows).result.findings)).toEqual([]);
    // The item row typed 1,200 where its details add up to 1,100: the item row is wrong, not the details.
    const wrong = rows.map((r) => (r[0] === '全新設備之購置費' ? ['全新設備之購置費', 1200, 1800, '=B5+C5', null] : r));
    const findings = check(wrong).result.findings;
    expect(rules(findings)).toContain('column-total-mismatch@B5');
    expect(findings.find((f) => f.cell === 'B5')!.message).toContain('全新設備之購置費（政府補助款）應為 1,100（明細加總）');
  });

  it('a 合計 adding the item row and its details counts the group twice', () => {
    const rows: Row[] = [
      ['消耗性器材及原材料費', 200, 300, '=B4+C4', null],
      ['全新設備之購置費', '=SUM(B6:B7)', '=SUM(C6:C7)', '=B5+C5', null],
      ['(1) CNC 加工機', 500, 1000, '=B6+C6', null],
      ['(2) 雷射切割機', 400, 600, '=B7+C7', null],
      ['人事費', 0, 600, '=B8+C8', null],
      ['合計', '=SUM(B4:B8)', '=SUM(C4:C8)', '=SUM(D4:D8)', null],
    ];
    const findings = check(rows).result.findings;
    expect(rules(findings).filter((r) => r.startsWith('subtotal-double-counted'))).toEqual(['subtotal-double-counted@B9', 'subtotal-double-counted@C9', 'subtotal-double-counted@D9']);
    expect(rules(findings).some((r) => r.startsWith('unknown-item') || r.startsWith('unlisted-item-funded'))).toBe(false);
  });

  it('people under 人事費: a subsidy on one person is self-only-item at that person, named with the item', () => {
    const rows: Row[] = [
      ['消耗性器材及原材料費', 500, 300, '=B4+C4', null],
      ['人事費', null, null, null, null],
      ['(1) 王大明 計畫主持人', 100, 300, '=B6+C6', null],
      ['(2) 李小華 研究員', 0, 300, '=B7+C7', null],
      ['小計', '=SUM(B6:B7)', '=SUM(C6:C7)', '=SUM(D6:D7)', null],
      ['合計', '=B4+B8', '=C4+C8', '=D4+D8', null],
    ];
    const { book, result } = check(rows);
    expect(rules(result.findings)).toEqual(['self-only-item@B6']);
    const finding = result.findings.find((f) => f.rule === 'self-only-item')!;
    expect(finding.message).toContain('「(1) 王大明 計畫主持人」（人事費）');
    expect(finding.fix?.map((c) => `${c.cell}:${c.to}`)).toEqual(['B6:0', 'C6:400']);
    expect(rules(checkWorkbook(applyFix(book, finding.fix!), { program: 'upgrade-10plus' }).findings)).toEqual([]);
  });

  it('details under an item the program does not have: one unknown-item at the item, the lines’ subsidy unlisted', () => {
    const rows: Row[] = [
      ['消耗性器材及原材料費', 500, 500, '=B4+C4', null],
      ['基礎工程施工費', null, null, null, null],
      ['(1) 地坪工程', 100, 200, '=B6+C6', null],
      ['(2) 配電工程', 0, 200, '=B7+C7', null],
      ['合計', '=SUM(B4:B7)', '=SUM(C4:C7)', '=SUM(D4:D7)', null],
    ];
    const findings = check(rows).result.findings;
    expect(rules(findings)).toEqual(['unknown-item@A5', 'unlisted-item-funded@B6']);
    expect(findings.find((f) => f.rule === 'unlisted-item-funded')!.message).toContain('「(1) 地坪工程」（基礎工程施工費）');
  });

  it('a row of its own that is no item, after an item holding its own amount, is still unknown', () => {
    const rows: Row[] = [
      ['消耗性器材及原材料費', 500, 500, '=B4+C4', null],
      ['雜支', 50, 50, '=B5+C5', null],
      ['合計', '=SUM(B4:B5)', '=SUM(C4:C5)', '=SUM(D4:D5)', null],
    ];
    expect(rules(check(rows).result.findings)).toEqual(['unknown-item@A5', 'unlisted-item-funded@B5']);
  });
});

describe('the largest legal subsidy of an itemised budget', () => {
  it('moves subsidy on the detail lines, and reports the item with its lines', async () => {
    const { maximizeWorkbook, formatMaximizeText } = await import('../../src/cli/maximize');
    const { book } = check(MACHINES([700, 500, 300]));
    const report = maximizeWorkbook('machines.xlsx', book, { program: 'upgrade-10plus', lang: 'zh-TW' });
    if ('error' in report) throw new Error(report.error);
    const equipment = report.items.find((i) => i.item === 'new-equipment')!;
    // 30 % of 4,000: the detail lines together get 1,200, each within its own cost; the item's sum stays 2,900.
    expect(equipment.gov).toBe(1200);
    expect(equipment.total).toBe(2900);
    expect(equipment.lines?.map((l) => [l.label, l.cell, l.total])).toEqual([
      ['(1) CNC 加工機', 'B6', 1500],
      ['(2) 雷射切割機', 'B7', 1000],
      ['(3) 自動光學檢測設備', 'B8', 400],
    ]);
    expect(equipment.lines!.reduce((a, l) => a + l.gov, 0)).toBe(1200);
    expect(formatMaximizeText(report, 'zh-TW')).toContain('    (1) CNC 加工機 (B6)：');
  });
});
