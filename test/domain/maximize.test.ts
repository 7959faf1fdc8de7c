import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBudgetTable } from '../../src/domain/engine';
import { maximizeSubsidy, maximizeTable, type MaximizeRow } from '../../src/domain/maximize';
import { fromInt, toNumber } from '../../src/domain/money';
import { getProgram, type Program } from '../../src/domain/programs';
import { parseProgram } from '../../src/domain/programs/validate';
import { PROGRAM_FILES } from '../../src/domain/programs';
import { table, type RowSpec } from './table-builder';

/** Rules that depend on who pays; the maximiser must leave none of them broken. */
const PAYER_RULES = new Set(['gov-share', 'gov-cap', 'item-cap', 'self-only-item', 'fractional-amount', 'negative-amount']);

/** upgrade-10plus with a small subsidy cap, so random small budgets meet every limit, the cap included. */
function smallCapProgram(cap: number): Program {
  const data = structuredClone(PROGRAM_FILES.find((p) => p.id === 'upgrade-10plus')!);
  data.limits = data.limits.map((l) => (l.rule === 'gov-cap' ? { ...l, right: { amount: cap } } : l));
  return parseProgram(data);
}

const specsOf = (program: Program, amounts: { gov: number; self: number }[]): RowSpec[] =>
  program.items.map((item, i) => ({ label: item.label, gov: amounts[i].gov, self: amounts[i].self, total: amounts[i].gov + amounts[i].self }));

/** The rules written out plainly, for the brute force: whole 千元, self-only 0, caps on the subsidy, share, cap. */
function legal(program: Program, gov: number[], totals: number[]): boolean {
  const grand = totals.reduce((a, b) => a + b, 0);
  const sum = gov.reduce((a, b) => a + b, 0);
  const share = program.govShare!.ratio;
  if (BigInt(sum) * share.den > BigInt(grand) * share.num || sum > program.subsidyCap!.amount) return false;
  return program.items.every((item, i) => {
    if (gov[i] < 0 || gov[i] > totals[i] || !Number.isInteger(gov[i])) return false;
    if (item.gov === 'self-only') return gov[i] === 0;
    if (item.cap?.base === 'gov') return BigInt(gov[i]) * item.cap.ratio.den <= item.cap.ratio.num * BigInt(grand);
    return true;
  });
}

/** The largest legal subsidy by trying every whole-千元 allocation. */
function bruteForceBest(program: Program, totals: number[]): number {
  let best = -1;
  const gov = totals.map(() => 0);
  const walk = (i: number) => {
    if (i === totals.length) {
      if (legal(program, gov, totals)) best = Math.max(best, gov.reduce((a, b) => a + b, 0));
      return;
    }
    const upper = program.items[i].gov === 'self-only' ? 0 : totals[i];
    for (let g = 0; g <= upper; g++) {
      gov[i] = g;
      walk(i + 1);
    }
    gov[i] = 0;
  };
  walk(0);
  return best;
}

const amount = (maxTotal: number) =>
  fc.integer({ min: 0, max: maxTotal }).chain((total) => fc.integer({ min: 0, max: total }).map((gov) => ({ gov, self: total - gov })));

describe('maximizeSubsidy', () => {
  it('for random small budgets: passes every rule, keeps every item total, and no legal allocation is larger', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(amount(9), { minLength: 6, maxLength: 6 }), (cap, amounts) => {
        const program = smallCapProgram(cap);
        const input = table(specsOf(program, amounts));
        const { maximized, changes } = maximizeTable(input, program);

        // Every item total stays; the allocation is whole 千元.
        maximized.rows.forEach((row, i) => {
          expect(toNumber(row.total)).toBe(amounts[i].gov + amounts[i].self);
          expect(toNumber(row.gov + row.self)).toBe(amounts[i].gov + amounts[i].self);
          expect(Number.isInteger(toNumber(row.gov))).toBe(true);
        });

        // The rule engine finds nothing wrong with who pays in the table as the changes leave it.
        const after = amounts.map((a) => ({ ...a }));
        for (const change of changes) {
          const row = Number(change.cell.slice(1)) - 4;
          if (row >= after.length) continue; // the 合計 row, following the amounts
          if (change.cell.startsWith('B')) after[row].gov = change.to as number;
          else after[row].self = change.to as number;
        }
        const findings = checkBudgetTable(table(specsOf(program, after)), program).findings;
        expect(findings.filter((f) => PAYER_RULES.has(f.rule))).toEqual([]);
        expect(after.map((a) => a.gov)).toEqual(maximized.rows.map((r) => toNumber(r.gov)));

        // Nothing legal is larger.
        const totals = amounts.map((a) => a.gov + a.self);
        expect(toNumber(maximized.govTotal)).toBe(bruteForceBest(program, totals));
      }),
      { numRuns: 120 },
    );
  });

  it('keeps a legal split that is already the largest, changing no cell', () => {
    const program = getProgram('upgrade-10plus');
    // Total 4,000; 50 % = 2,000; 全新設備 30 % = 1,200; 委託研究 40 % = 1,600.
    const specs: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: 300, self: 300, total: 600 },
      { label: '全新設備之購置費', gov: 1200, self: 800, total: 2000 },
      { label: '既有設備之改善費', gov: 500, self: 500, total: 1000 },
      { label: '人事費', gov: 0, self: 400, total: 400 },
    ];
    const { maximized, changes } = maximizeTable(table(specs), program);
    expect(maximized.binding).toBe('gov-share');
    expect(toNumber(maximized.govTotal)).toBe(2000);
    expect(changes).toEqual([]);
  });

  it('moves self-only money to 自籌款, cuts an item to its cap, then refills up to the binding limit', () => {
    const program = getProgram('upgrade-10plus');
    const specs: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: 240, self: 120, total: 360 },
      { label: '全新設備之購置費', gov: 1200, self: 300, total: 1500 },
      { label: '既有設備之改善費', gov: 900, self: 900, total: 1800 },
      { label: '委託研究或驗證費', gov: 60, self: 60, total: 120 },
      { label: '人事費', gov: 200, self: 0, total: 200 },
    ];
    const { maximized, changes } = maximizeTable(table(specs), program);
    // Grand total 3,980: the 50 % share (1,990) binds; 全新設備 may hold at most 30 % = 1,194.
    expect(toNumber(maximized.grandTotal)).toBe(3980);
    expect(maximized.binding).toBe('gov-share');
    expect(toNumber(maximized.govTotal)).toBe(1990);
    expect(maximized.currentIllegal).toBe(true);
    const byItem = Object.fromEntries(maximized.items.map((i) => [i.itemId, toNumber(i.gov)]));
    expect(byItem.personnel).toBe(0);
    expect(byItem['new-equipment']).toBeLessThanOrEqual(1194);
    expect(changes).toContainEqual({ sheet: '經費預算表', cell: 'B8', from: 200, to: 0 });
    expect(changes).toContainEqual({ sheet: '經費預算表', cell: 'C8', from: 0, to: 200 });
  });

  it('reports the subsidy cap as binding when the share would allow more', () => {
    const program = getProgram('registered-factory'); // cap 1,500
    const rows: MaximizeRow[] = [
      { item: program.items[0], label: program.items[0].label, gov: fromInt(0), self: fromInt(5000), fixed: false },
      { item: program.items[2], label: program.items[2].label, gov: fromInt(0), self: fromInt(5000), fixed: false },
    ];
    const result = maximizeSubsidy(rows, program);
    expect(result.binding).toBe('gov-cap');
    expect(toNumber(result.govTotal)).toBe(1500);
    // The first items fill first.
    expect(result.rows.map((r) => toNumber(r.gov))).toEqual([1500, 0]);
  });

  it('reports the items as binding when every item is at its own limit', () => {
    const program = getProgram('upgrade-10plus');
    const rows: MaximizeRow[] = [
      { item: program.items[1], label: '全新設備之購置費', gov: fromInt(0), self: fromInt(900), fixed: false },
      { item: program.items[4], label: '人事費', gov: fromInt(0), self: fromInt(100), fixed: false },
    ];
    const result = maximizeSubsidy(rows, program);
    // 30 % of 1,000 = 300, below the 50 % share (500).
    expect(result.binding).toBe('items');
    expect(toNumber(result.govTotal)).toBe(300);
  });

  it('keeps a row it cannot move (a formula in an amount cell) and counts its subsidy', () => {
    const program = getProgram('upgrade-10plus');
    const specs: RowSpec[] = [
      { label: '消耗性器材及原材料費', gov: { value: 400, formula: '=200*2' }, self: 0, total: 400 },
      { label: '既有設備之改善費', gov: 0, self: 600, total: 600 },
    ];
    const { maximized, changes } = maximizeTable(table(specs), program);
    expect(maximized.fixedRows).toBe(1);
    expect(toNumber(maximized.govTotal)).toBe(500);
    expect(changes.map((c) => c.cell)).toEqual(['B5', 'C5']);
    expect(changes[0].to).toBe(100);
  });

  it('writes in the table’s own unit (萬元 keeps one decimal, 元 whole thousands)', () => {
    const program = getProgram('upgrade-10plus');
    const wan = maximizeTable(table([{ label: '既有設備之改善費', gov: 0, self: 100.5, total: 100.5 }], { unit: '萬元' }), program);
    // 1,005 千元 total, 50 % = 502.5 → 502 千元 = 50.2 萬元.
    expect(wan.changes).toEqual([
      { sheet: '經費預算表', cell: 'B4', from: 0, to: 50.2 },
      { sheet: '經費預算表', cell: 'C4', from: 100.5, to: 50.3 },
      // The blank 政府補助款 合計 agreed with a subsidy of 0 and would not: it follows, as with a fix.
      { sheet: '經費預算表', cell: 'B5', from: null, to: 50.2 },
    ]);
    const yuan = maximizeTable(table([{ label: '既有設備之改善費', gov: 0, self: 1_005_000, total: 1_005_000 }], { unit: '元' }), program);
    expect(yuan.changes[0].to).toBe(502_000);
  });
});
