import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../src/domain/compute';
import { type Fixed, fromInt, fromNumber, toNumber } from '../../src/domain/money';
import { PROGRAMS, getProgram, parseProgram } from '../../src/domain/programs';
import { programData } from '../../src/domain/programs/data';
import type { Program } from '../../src/domain/programs/schema';
import { SETTING_KEYS, fromA1, parseRange } from '../../src/sheet/grid';
import { plannedWrites } from '../../src/sheet/plan';
import { type TemplateLayout, buildTemplatePlan, layoutCell } from '../../src/sheet/template';
import { HyperFormulaWorkbook } from './hyperformula-workbook';

interface Amounts {
  gov: number | null;
  self: number | null;
}

function inject(program: Program, workbook = new HyperFormulaWorkbook()) {
  const built = buildTemplatePlan(program, workbook.sheetNames(), 'zh-TW', workbook.settings);
  workbook.apply(built.plan);
  return { workbook, ...built };
}

function typeAmounts(workbook: HyperFormulaWorkbook, layout: TemplateLayout, amounts: Amounts[]) {
  layout.items.forEach((item, index) => {
    workbook.type(layout.sheet, layoutCell(layout, item.row, 'gov'), amounts[index].gov);
    workbook.type(layout.sheet, layoutCell(layout, item.row, 'self'), amounts[index].self);
  });
}

const asFixed = (n: number | null): Fixed => (n === null ? 0n : fromInt(n));
const shown = (v: unknown): Fixed | null => (typeof v === 'number' ? fromNumber(v) : v === null ? null : -1n);

/** Amounts per item as an accountant types them: whole 千元, sometimes left blank. */
const amountsFor = (program: Program) =>
  fc.array(
    fc.record({
      gov: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: null, freq: 4 }),
      self: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: null, freq: 4 }),
    }),
    { minLength: program.items.length, maxLength: program.items.length },
  );

describe('template formulas agree with the domain computation (HyperFormula)', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: totals and percentages equal computeBudget for typed amounts`, () => {
      const { workbook, layout, sheet } = inject(program);
      fc.assert(
        fc.property(amountsFor(program), (amounts) => {
          typeAmounts(workbook, layout, amounts);
          const expected = computeBudget(amounts.map((a) => ({ gov: asFixed(a.gov), self: asFixed(a.self) })));
          const at = (row: number, column: Parameters<typeof layoutCell>[2]) =>
            shown(workbook.value(sheet, layoutCell(layout, row, column)));
          layout.items.forEach((item, index) => {
            expect(at(item.row, 'total')).toBe(expected.rowTotals[index]);
            expect(at(item.row, 'percent')).toBe(expected.rowPercents[index]);
          });
          expect(at(layout.totalRow, 'gov')).toBe(expected.govTotal);
          expect(at(layout.totalRow, 'self')).toBe(expected.selfTotal);
          expect(at(layout.totalRow, 'total')).toBe(expected.grandTotal);
          expect(at(layout.percentRow, 'gov')).toBe(expected.govPercent);
          expect(at(layout.percentRow, 'self')).toBe(expected.selfPercent);
          expect(at(layout.percentRow, 'total')).toBe(expected.grandTotal === 0n ? null : fromInt(100));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('reproduces the SPEC §3 example, rounding 120/3380 to 3.6 and 300/3380 to 8.9', () => {
    const { workbook, layout, sheet } = inject(getProgram('registered-factory'));
    typeAmounts(workbook, layout, [
      { gov: 240, self: 120 },
      { gov: 300, self: 300 },
      { gov: 900, self: 900 },
      { gov: 60, self: 60 },
      { gov: null, self: 200 },
      { gov: null, self: 300 },
    ]);
    const column = (col: 'total' | 'percent') => layout.items.map((i) => workbook.value(sheet, layoutCell(layout, i.row, col)));
    expect(column('total')).toEqual([360, 600, 1800, 120, 200, 300]);
    expect(column('percent')).toEqual([10.7, 17.8, 53.3, 3.6, 5.9, 8.9]);
    expect(workbook.value(sheet, layoutCell(layout, layout.totalRow, 'gov'))).toBe(1500);
    expect(workbook.value(sheet, layoutCell(layout, layout.totalRow, 'total'))).toBe(3380);
    expect(workbook.value(sheet, layoutCell(layout, layout.percentRow, 'gov'))).toBe(44.4);
    expect(workbook.value(sheet, layoutCell(layout, layout.percentRow, 'self'))).toBe(55.6);
    expect(workbook.value(sheet, layoutCell(layout, layout.percentRow, 'total'))).toBe(100);
  });

  it('rounds exact halves away from zero like the domain (201/400 = 50.25 % → 50.3)', () => {
    const { workbook, layout, sheet } = inject(getProgram('upgrade-10plus'));
    const amounts: Amounts[] = layout.items.map(() => ({ gov: null, self: null }));
    amounts[0] = { gov: 201, self: null };
    amounts[2] = { gov: null, self: 199 };
    typeAmounts(workbook, layout, amounts);
    expect(workbook.value(sheet, layoutCell(layout, layout.items[0].row, 'percent'))).toBe(50.3);
    expect(toNumber(computeBudget([{ gov: fromInt(201), self: 0n }, { gov: 0n, self: fromInt(199) }]).rowPercents[0]!)).toBe(50.3);
  });

  it('shows blank percentages instead of #DIV/0! while nothing is typed', () => {
    const { workbook, layout, sheet } = inject(getProgram('chain-smart'));
    for (const item of layout.items) expect(workbook.value(sheet, layoutCell(layout, item.row, 'percent'))).toBeNull();
    expect(workbook.value(sheet, layoutCell(layout, layout.percentRow, 'gov'))).toBeNull();
    expect(workbook.value(sheet, layoutCell(layout, layout.totalRow, 'total'))).toBe(0);
  });
});

describe('official layout', () => {
  it('writes title, unit, header, the program items in official order, 合計, 百分比(%) and the notes', () => {
    const program = getProgram('chain-lowcarbon');
    const { workbook, sheet, layout } = inject(program);
    const at = (a1: string) => workbook.value(sheet, a1);
    expect(at('A1')).toBe('經費預算表');
    expect(workbook.merges.map((m) => m.range)).toContain('A1:E1');
    expect(at('E2')).toBe('金額單位：千元');
    expect(['A3', 'B3', 'C3', 'D3', 'E3'].map(at)).toEqual(['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)']);
    expect(layout.items.map((i) => at(`A${i.row + 1}`))).toEqual(program.items.map((i) => i.label));
    expect(at(`A${layout.totalRow + 1}`)).toBe('合計');
    expect(at(`A${layout.percentRow + 1}`)).toBe('百分比(%)');
    expect(layout.noteRows.map((r) => at(`A${r + 1}`))).toEqual(program.notes.map((n, i) => `註${i + 1}：${n}`));
    expect(layout.totalRow).toBe(3 + program.items.length);
  });

  it('formats amounts #,##0 and percentages 0.0, bolds the title, fills the header, borders the table', () => {
    const { workbook, layout } = inject(getProgram('upgrade-10plus'));
    const formatOf = (a1: string) => {
      const { row, col } = fromA1(a1);
      const merged: Record<string, unknown> = {};
      for (const f of workbook.formats) {
        const r = parseRange(f.range);
        if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) Object.assign(merged, f.format);
      }
      return merged;
    };
    const last = layout.items[layout.items.length - 1].row;
    for (const a1 of ['B4', `C${last + 1}`, `D${layout.totalRow + 1}`]) expect(formatOf(a1).numberFormat).toBe('#,##0');
    for (const a1 of ['E4', `E${last + 1}`, `B${layout.percentRow + 1}`, `D${layout.percentRow + 1}`]) {
      expect(formatOf(a1).numberFormat).toBe('0.0');
    }
    expect(formatOf('A1').bold).toBe(true);
    expect(formatOf('C3').fill).toMatch(/^#[0-9A-F]{6}$/);
    expect(formatOf(`E${layout.percentRow + 1}`).border).toEqual({ style: 'thin' });
    expect(workbook.columnWidths.map((w) => w.column)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(workbook.pageSetups).toEqual([
      { op: 'pageSetup', sheet: layout.sheet, landscape: false, printArea: layout.printArea, fitToWidth: true },
    ]);
    expect(layout.printArea).toBe(`A1:E${layout.lastRow + 1}`);
    expect(layout.lastRow).toBe(layout.noteRows[layout.noteRows.length - 1]);
  });

  it('remembers the program and the template sheet in the workbook settings and activates the sheet', () => {
    const { workbook, sheet } = inject(getProgram('registered-factory'));
    expect(workbook.settings[SETTING_KEYS.program]).toBe('registered-factory');
    expect(JSON.parse(workbook.settings[SETTING_KEYS.templates])).toEqual([sheet]);
    expect(workbook.activeSheet).toBe(sheet);
  });
});

describe('data validation', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: every amount cell accepts whole amounts ≥ 0; self-only 政府補助款 only 0, saying why`, () => {
      const { workbook, layout } = inject(program);
      const ruleFor = (a1: string) => {
        const { row, col } = fromA1(a1);
        const hits = workbook.validations.filter((v) => {
          const r = parseRange(v.range);
          return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
        });
        expect(hits, `exactly one validation on ${a1}`).toHaveLength(1);
        return hits[0];
      };
      program.items.forEach((item, index) => {
        const row = layout.items[index].row;
        expect(ruleFor(layoutCell(layout, row, 'self')).rule).toEqual({ type: 'wholeNumber', min: 0 });
        const gov = ruleFor(layoutCell(layout, row, 'gov'));
        if (item.gov === 'self-only') {
          expect(gov.rule).toEqual({ type: 'wholeNumber', min: 0, max: 0 });
          expect(gov.error.message).toContain(`${item.label}僅能編列於業者自籌款（政府補助款須為 0）`);
          expect(gov.error.message).toContain(item.citation!.quote);
          expect(gov.error.title.length).toBeLessThanOrEqual(32);
          expect(gov.error.message.length).toBeLessThanOrEqual(225);
        } else {
          expect(gov.rule).toEqual({ type: 'wholeNumber', min: 0 });
        }
      });
      // Formula cells carry no validation: nothing to type there.
      const validated = workbook.validations.flatMap((v) => {
        const r = parseRange(v.range);
        return [r.left, r.right];
      });
      expect(Math.max(...validated)).toBe(layout.columns.self);
    });
  }

  it('says it in English when asked', () => {
    const { plan } = buildTemplatePlan(getProgram('upgrade-10plus'), [], 'en');
    const selfOnly = plan.ops.filter((o) => o.op === 'validation' && o.rule.max === 0);
    expect(selfOnly).toHaveLength(2);
    for (const op of selfOnly) if (op.op === 'validation') expect(op.error.message).toMatch(/may only be funded by the applicant/);
  });
});

describe('conditional formatting turns a breaching cell red without the add-in', () => {
  /** Which conditional-format cells light up for the amounts typed. */
  function lit(workbook: HyperFormulaWorkbook, sheet: string): Set<string> {
    return new Set(
      workbook.conditionalFormats.filter((cf) => workbook.evaluate(sheet, cf.formula) === true).map((cf) => cf.range),
    );
  }

  for (const program of PROGRAMS) {
    it(`${program.id}: red exactly where a rule is breached (exact arithmetic as oracle)`, () => {
      const { workbook, layout, sheet } = inject(program);
      for (const cf of workbook.conditionalFormats) expect(cf.format).toEqual({ fill: '#FFC7CE', fontColor: '#9C0006' });
      const cap = fromInt(program.subsidyCap.amount);
      fc.assert(
        fc.property(amountsFor(program), (amounts) => {
          typeAmounts(workbook, layout, amounts);
          const gov = amounts.map((a) => asFixed(a.gov));
          const self = amounts.map((a) => asFixed(a.self));
          const govTotal = gov.reduce((s, v) => s + v, 0n);
          const grand = govTotal + self.reduce((s, v) => s + v, 0n);
          const expected = new Set<string>();
          if (govTotal * 100n > grand * BigInt(program.govShare.maxPercent) || govTotal > cap) {
            expected.add(layoutCell(layout, layout.totalRow, 'gov'));
          }
          program.items.forEach((item, i) => {
            const row = layout.items[i].row;
            if (item.cap) {
              const base = item.cap.base === 'gov' ? gov[i] : gov[i] + self[i];
              if (base * 100n > grand * BigInt(item.cap.percent)) {
                expected.add(layoutCell(layout, row, item.cap.base === 'gov' ? 'gov' : 'total'));
              }
            }
            if (item.gov === 'self-only' && gov[i] !== 0n) expected.add(layoutCell(layout, row, 'gov'));
          });
          expect(lit(workbook, sheet)).toEqual(expected);
        }),
        { numRuns: 80 },
      );
    });
  }

  it('flags the gov total at 50.1 % and over the cap, not at exactly 50 % and the cap', () => {
    const program = getProgram('upgrade-under10'); // cap 3,000 千元
    const { workbook, layout, sheet } = inject(program);
    const govTotal = layoutCell(layout, layout.totalRow, 'gov');
    const improvement = layout.itemRows['equipment-improvement']!;
    const set = (gov: number, self: number) => {
      workbook.type(sheet, layoutCell(layout, improvement, 'gov'), gov);
      workbook.type(sheet, layoutCell(layout, improvement, 'self'), self);
    };
    set(3000, 3000);
    expect(lit(workbook, sheet).has(govTotal)).toBe(false);
    set(3001, 3001);
    expect(lit(workbook, sheet).has(govTotal)).toBe(true); // over the cap
    set(501, 500);
    expect(lit(workbook, sheet).has(govTotal)).toBe(true); // 50.05 %
  });

  it('puts the item cap on the 合計 cell when the rule set says the base is item-total', () => {
    const data = structuredClone(programData[4]) as { items: { cap?: { base: string } }[] };
    for (const item of data.items) if (item.cap) item.cap.base = 'item-total';
    const program = parseProgram(data);
    const { workbook, layout, sheet } = inject(program);
    const row = layout.itemRows['new-equipment']!;
    const capped = workbook.conditionalFormats.filter((cf) => cf.formula.includes('*30'));
    expect(capped.map((cf) => cf.range)).toEqual([layoutCell(layout, row, 'total')]);
    // gov 0 but the item (self-funded) is 40 % of the total: over a 30 % item-total cap.
    workbook.type(sheet, layoutCell(layout, row, 'self'), 400);
    workbook.type(sheet, layoutCell(layout, layout.itemRows['consumables']!, 'self'), 600);
    expect(lit(workbook, sheet).has(layoutCell(layout, row, 'total'))).toBe(true);
  });
});

describe('never overwrites, never turns text into formulas', () => {
  it('creates 經費預算表 (2) when 經費預算表 is taken and leaves the first sheet as it was', () => {
    const workbook = new HyperFormulaWorkbook(
      { 經費預算表: [['my own table', 12, '=B1*2'], ['人事費', 300]] },
      { [SETTING_KEYS.templates]: JSON.stringify(['經費預算表', 'deleted sheet']) },
    );
    const before = workbook.snapshot().sheets[0];
    const { sheet, plan } = inject(getProgram('upgrade-10plus'), workbook);
    expect(sheet).toBe('經費預算表 (2)');
    expect(workbook.snapshot().sheets[0]).toEqual(before);
    expect(plan.ops.every((op) => op.op === 'setting' || op.sheet === '經費預算表 (2)')).toBe(true);
    // The list keeps templates that still exist and drops the deleted one.
    expect(JSON.parse(workbook.settings[SETTING_KEYS.templates])).toEqual(['經費預算表', '經費預算表 (2)']);
    const third = buildTemplatePlan(getProgram('upgrade-10plus'), workbook.sheetNames(), 'zh-TW', workbook.settings);
    expect(third.sheet).toBe('經費預算表 (3)');
  });

  it('writes labels and notes that begin with "=" as text', () => {
    const data = structuredClone(programData[0]) as { items: { label: string }[]; notes: string[] };
    data.items[0].label = '=HYPERLINK("http://x","消耗性器材")';
    data.notes = ['=1+1 不是公式', '+886 也是文字', '@all', '-5'];
    const program = parseProgram(data);
    const { workbook, plan, sheet, layout } = inject(program);
    const texts = plannedWrites(plan).filter((w) => w.content.kind === 'text');
    for (const t of [data.items[0].label, '註1：=1+1 不是公式']) {
      expect(texts.some((w) => w.content.kind === 'text' && w.content.text === t)).toBe(true);
    }
    const labelCell = layoutCell(layout, layout.items[0].row, 'label');
    expect(workbook.formula(sheet, labelCell)).toBeNull();
    expect(workbook.value(sheet, labelCell)).toBe(data.items[0].label);
    // Every write that is not one of the template's formulas is text or nothing.
    const formulaCells = plannedWrites(plan).filter((w) => w.content.kind === 'formula').map((w) => w.cell);
    for (const a1 of formulaCells) expect(parseRange(a1).left).toBeGreaterThan(layout.columns.label);
  });
});
