import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudget } from '../../src/domain/compute';
import { type Fixed, fromInt, fromNumber, toNumber } from '../../src/domain/money';
import { PROGRAMS, getProgram, quoteWithoutNoteNumber } from '../../src/domain/programs';
import { parseProgram } from '../../src/domain/programs/validate';
import { PROGRAM_FILES } from '../../src/domain/programs';
import type { Program } from '../../src/domain/programs/schema';
import { SETTING_KEYS, columnLetter, fromA1, parseRange, toA1 } from '../../src/sheet/grid';
import { plannedWrites } from '../../src/sheet/plan';
import { type TemplateLayout, buildTemplatePlan, layoutCell } from '../../src/sheet/template';
import type { FakeExcelHost } from '../../src/fake-excel-host';
import { rectAddress } from '../../src/fake-excel-host/model';
import { fakeExcelWorkbook, putCell, shownValue, storedSetting } from '../excel/fake-office-workbook';

interface Amounts {
  gov: number | null;
  self: number | null;
}

/** Builds the template from what the adapter reads and applies it through the adapter to the fake Excel host. */
async function inject(program: Program, workbook = fakeExcelWorkbook()) {
  const { host, port } = workbook;
  const snapshot = await port.read();
  const built = buildTemplatePlan(program, snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
  await port.apply(built.plan);
  const value = (sheet: string, a1: string) => shownValue(host, sheet, a1);
  return { host, port, value, ...built };
}

function typeAmounts(host: FakeExcelHost, layout: TemplateLayout, amounts: Amounts[]) {
  layout.items.forEach((item, index) => {
    putCell(host, layout.sheet, layoutCell(layout, item.row, 'gov'), amounts[index].gov);
    putCell(host, layout.sheet, layoutCell(layout, item.row, 'self'), amounts[index].self);
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

describe('template formulas agree with the domain computation (fake Excel host, HyperFormula)', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: totals and percentages equal computeBudget for typed amounts`, async () => {
      const { host, value, layout, sheet } = await inject(program);
      fc.assert(
        fc.property(amountsFor(program), (amounts) => {
          typeAmounts(host, layout, amounts);
          const expected = computeBudget(amounts.map((a) => ({ gov: asFixed(a.gov), self: asFixed(a.self) })));
          const at = (row: number, column: Parameters<typeof layoutCell>[2]) =>
            shown(value(sheet, layoutCell(layout, row, column)));
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

  it('reproduces the SPEC §3 example, rounding 120/3380 to 3.6 and 300/3380 to 8.9', async () => {
    const { host, value, layout, sheet } = await inject(getProgram('registered-factory'));
    typeAmounts(host, layout, [
      { gov: 240, self: 120 },
      { gov: 300, self: 300 },
      { gov: 900, self: 900 },
      { gov: 60, self: 60 },
      { gov: null, self: 200 },
      { gov: null, self: 300 },
    ]);
    const column = (col: 'total' | 'percent') => layout.items.map((i) => value(sheet, layoutCell(layout, i.row, col)));
    expect(column('total')).toEqual([360, 600, 1800, 120, 200, 300]);
    expect(column('percent')).toEqual([10.7, 17.8, 53.3, 3.6, 5.9, 8.9]);
    expect(value(sheet, layoutCell(layout, layout.totalRow, 'gov'))).toBe(1500);
    expect(value(sheet, layoutCell(layout, layout.totalRow, 'total'))).toBe(3380);
    expect(value(sheet, layoutCell(layout, layout.percentRow, 'gov'))).toBe(44.4);
    expect(value(sheet, layoutCell(layout, layout.percentRow, 'self'))).toBe(55.6);
    expect(value(sheet, layoutCell(layout, layout.percentRow, 'total'))).toBe(100);
  });

  it('rounds exact halves away from zero like the domain (201/400 = 50.25 % → 50.3)', async () => {
    const { host, value, layout, sheet } = await inject(getProgram('upgrade-10plus'));
    const amounts: Amounts[] = layout.items.map(() => ({ gov: null, self: null }));
    amounts[0] = { gov: 201, self: null };
    amounts[2] = { gov: null, self: 199 };
    typeAmounts(host, layout, amounts);
    expect(value(sheet, layoutCell(layout, layout.items[0].row, 'percent'))).toBe(50.3);
    expect(toNumber(computeBudget([{ gov: fromInt(201), self: 0n }, { gov: 0n, self: fromInt(199) }]).rowPercents[0]!)).toBe(50.3);
  });

  it('shows blank percentages instead of #DIV/0! while nothing is typed', async () => {
    const { value, layout, sheet } = await inject(getProgram('chain-smart'));
    for (const item of layout.items) expect(value(sheet, layoutCell(layout, item.row, 'percent'))).toBeNull();
    expect(value(sheet, layoutCell(layout, layout.percentRow, 'gov'))).toBeNull();
    expect(value(sheet, layoutCell(layout, layout.totalRow, 'total'))).toBe(0);
  });
});

describe('official layout', () => {
  it('writes title, unit, header, the program items in official order, 合計, 百分比(%) and the notes', async () => {
    const program = getProgram('chain-lowcarbon');
    const { host, value, sheet, layout } = await inject(program);
    const at = (a1: string) => value(sheet, a1);
    expect(at('A1')).toBe('經費預算表');
    expect(host.sheet(sheet).merges.map(rectAddress)).toContain('A1:E1');
    expect(at('E2')).toBe('金額單位：千元');
    expect(['A3', 'B3', 'C3', 'D3', 'E3'].map(at)).toEqual(['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)']);
    expect(layout.items.map((i) => at(`A${i.row + 1}`))).toEqual(program.items.map((i) => i.label));
    expect(at(`A${layout.totalRow + 1}`)).toBe('合計');
    expect(at(`A${layout.percentRow + 1}`)).toBe('百分比(%)');
    expect(layout.noteRows.map((r) => at(`A${r + 1}`))).toEqual(program.notes.map((n, i) => `註${i + 1}：${n}`));
    expect(layout.totalRow).toBe(3 + program.items.length);
  });

  it('formats amounts #,##0 and percentages 0.0, bolds the title, fills the header, borders the table', async () => {
    const { host, layout } = await inject(getProgram('upgrade-10plus'));
    const formatOf = (a1: string) => host.cell(layout.sheet, a1)!.format;
    const last = layout.items[layout.items.length - 1].row;
    for (const a1 of ['B4', `C${last + 1}`, `D${layout.totalRow + 1}`]) expect(formatOf(a1).numberFormat).toBe('#,##0');
    for (const a1 of ['E4', `E${last + 1}`, `B${layout.percentRow + 1}`, `D${layout.percentRow + 1}`]) {
      expect(formatOf(a1).numberFormat).toBe('0.0');
    }
    expect(formatOf('A1').bold).toBe(true);
    expect(formatOf('C3').fill).toMatch(/^#[0-9A-F]{6}$/);
    const borders = formatOf(`E${layout.percentRow + 1}`).borders;
    for (const edge of ['top', 'bottom', 'left', 'right'] as const) expect(borders[edge]).toMatchObject({ style: 'Continuous', weight: 'Thin' });
    expect([...host.sheet(layout.sheet).columnWidths.keys()].sort((a, b) => a - b).map(columnLetter)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(host.sheet(layout.sheet).pageLayout).toEqual({ orientation: 'Portrait', printArea: layout.printArea, fitToPagesWide: 1 });
    expect(layout.printArea).toBe(`A1:E${layout.lastRow + 1}`);
    expect(layout.lastRow).toBe(layout.noteRows[layout.noteRows.length - 1]);
  });

  it('remembers the program and the template sheet in the workbook settings and activates the sheet', async () => {
    const { host, sheet } = await inject(getProgram('registered-factory'));
    expect(storedSetting(host, SETTING_KEYS.program)!).toBe('registered-factory');
    expect(JSON.parse(storedSetting(host, SETTING_KEYS.templates)!)).toEqual([sheet]);
    expect(host.activeSheetName).toBe(sheet);
  });
});

describe('data validation', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: every amount cell accepts whole amounts ≥ 0; self-only 政府補助款 only 0, saying why`, async () => {
      const { host, plan, layout } = await inject(program);
      /** The rule Excel enforces on the cell, after checking the plan set exactly one there. */
      const ruleFor = (a1: string) => {
        const { row, col } = fromA1(a1);
        const hits = plan.ops.filter((v) => {
          if (v.op !== 'validation') return false;
          const r = parseRange(v.range);
          return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
        });
        expect(hits, `exactly one validation on ${a1}`).toHaveLength(1);
        const validation = host.cell(layout.sheet, a1)?.validation;
        expect(validation, `validation on ${a1}`).toBeDefined();
        return validation!;
      };
      const atLeastZero = { type: 'wholeNumber', operator: 'GreaterThanOrEqualTo', formula1: 0 };
      program.items.forEach((item, index) => {
        const row = layout.items[index].row;
        expect(ruleFor(layoutCell(layout, row, 'self'))).toMatchObject(atLeastZero);
        const gov = ruleFor(layoutCell(layout, row, 'gov'));
        if (item.gov === 'self-only') {
          expect(gov).toMatchObject({ type: 'wholeNumber', operator: 'Between', formula1: 0, formula2: 0 });
          expect(gov.errorAlert!.message).toContain(`${item.label}僅能編列於業者自籌款（政府補助款須為 0）`);
          // Quoted without the brochure's note number, which is not this sheet's number for that note.
          expect(gov.errorAlert!.message).toContain(quoteWithoutNoteNumber(item.citation!.quote));
          expect(gov.errorAlert!.message).not.toMatch(/註\d/);
          expect(gov.errorAlert!.title.length).toBeLessThanOrEqual(32);
          expect(gov.errorAlert!.message.length).toBeLessThanOrEqual(225);
        } else {
          expect(gov).toMatchObject(atLeastZero);
          expect(gov.formula2).toBeUndefined();
        }
      });
      // Formula cells carry no validation: nothing to type there.
      const validated: number[] = [];
      host.sheet(layout.sheet).forEachCell((_, col, cell) => void (cell.validation && validated.push(col)));
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
  /** Which conditional-format cells light up for the amounts typed, as the fake Excel host evaluates the rules. */
  function lit(host: FakeExcelHost, sheet: string): Set<string> {
    const out = new Set<string>();
    for (const cf of host.sheet(sheet).conditionalFormats) {
      for (let row = cf.top; row <= cf.bottom; row++) {
        for (let col = cf.left; col <= cf.right; col++) if (host.conditionalFormatsAt(sheet, toA1(row, col)).length > 0) out.add(toA1(row, col));
      }
    }
    return out;
  }

  for (const program of PROGRAMS) {
    it(`${program.id}: red exactly where a rule is breached (exact arithmetic as oracle)`, async () => {
      const { host, layout, sheet } = await inject(program);
      expect(host.sheet(sheet).conditionalFormats.length).toBeGreaterThan(0);
      for (const cf of host.sheet(sheet).conditionalFormats) expect(cf.format).toEqual({ fill: '#FFC7CE', fontColor: '#9C0006' });
      const cap = fromInt(program.subsidyCap!.amount);
      fc.assert(
        fc.property(amountsFor(program), (amounts) => {
          typeAmounts(host, layout, amounts);
          const gov = amounts.map((a) => asFixed(a.gov));
          const self = amounts.map((a) => asFixed(a.self));
          const govTotal = gov.reduce((s, v) => s + v, 0n);
          const grand = govTotal + self.reduce((s, v) => s + v, 0n);
          const expected = new Set<string>();
          if (govTotal * program.govShare!.ratio.den > grand * program.govShare!.ratio.num || govTotal > cap) {
            expected.add(layoutCell(layout, layout.totalRow, 'gov'));
          }
          program.items.forEach((item, i) => {
            const row = layout.items[i].row;
            if (item.cap) {
              const base = item.cap.base === 'gov' ? gov[i] : gov[i] + self[i];
              if (base * item.cap.ratio.den > grand * item.cap.ratio.num) {
                expected.add(layoutCell(layout, row, item.cap.base === 'gov' ? 'gov' : 'total'));
              }
            }
            if (item.gov === 'self-only' && gov[i] !== 0n) expected.add(layoutCell(layout, row, 'gov'));
          });
          expect(lit(host, sheet)).toEqual(expected);
        }),
        { numRuns: 80 },
      );
    });
  }

  it('flags the gov total at 50.1 % and over the cap, not at exactly 50 % and the cap', async () => {
    const program = getProgram('upgrade-under10'); // cap 3,000 千元
    const { host, layout, sheet } = await inject(program);
    const govTotal = layoutCell(layout, layout.totalRow, 'gov');
    const improvement = layout.itemRows['equipment-improvement']!;
    const set = (gov: number, self: number) => {
      putCell(host, sheet, layoutCell(layout, improvement, 'gov'), gov);
      putCell(host, sheet, layoutCell(layout, improvement, 'self'), self);
    };
    set(3000, 3000);
    expect(lit(host, sheet).has(govTotal)).toBe(false);
    set(3001, 3001);
    expect(lit(host, sheet).has(govTotal)).toBe(true); // over the cap
    set(501, 500);
    expect(lit(host, sheet).has(govTotal)).toBe(true); // 50.05 %
  });

  it('puts the item cap on the 合計 cell when the rule set says the base is item-total', async () => {
    const data = structuredClone(PROGRAM_FILES.find((p) => p.id === 'registered-factory')!);
    for (const limit of data.limits) if (limit.rule === 'item-cap' && typeof limit.left === 'object' && 'item' in limit.left) limit.left = { ...limit.left, part: 'total' };
    const program = parseProgram(data);
    const { host, layout, sheet } = await inject(program);
    const row = layout.itemRows['new-equipment']!;
    // 30 % is the exact ratio 3/10: the item's 合計 × 10 > the grand total × 3.
    const capped = host.sheet(sheet).conditionalFormats.filter((cf) => cf.formula.includes('*10>') && cf.formula.endsWith('*3'));
    expect(capped.map(rectAddress)).toEqual([layoutCell(layout, row, 'total')]);
    // gov 0 but the item (self-funded) is 40 % of the total: over a 30 % item-total cap.
    putCell(host, sheet, layoutCell(layout, row, 'self'), 400);
    putCell(host, sheet, layoutCell(layout, layout.itemRows['consumables']!, 'self'), 600);
    expect(lit(host, sheet).has(layoutCell(layout, row, 'total'))).toBe(true);
  });
});

describe('never overwrites, never turns text into formulas', () => {
  it('creates 經費預算表 (2) when 經費預算表 is taken and leaves the first sheet as it was', async () => {
    const workbook = fakeExcelWorkbook({ sheets: ['經費預算表'] });
    const { host, port } = workbook;
    host.seed('經費預算表', [['my own table', 12, '=B1*2'], ['人事費', 300]]);
    await host.run(async (context) => {
      context.workbook.settings.add(SETTING_KEYS.templates, JSON.stringify(['經費預算表', 'deleted sheet']));
      await context.sync();
    });
    const before = host.dumpSheet('經費預算表');
    const { sheet, plan } = await inject(getProgram('upgrade-10plus'), workbook);
    expect(sheet).toBe('經費預算表 (2)');
    expect(host.dumpSheet('經費預算表')).toBe(before);
    expect(plan.ops.every((op) => op.op === 'setting' || op.sheet === '經費預算表 (2)')).toBe(true);
    // The list keeps templates that still exist and drops the deleted one.
    expect(JSON.parse(storedSetting(host, SETTING_KEYS.templates)!)).toEqual(['經費預算表', '經費預算表 (2)']);
    const after = await port.read();
    const third = buildTemplatePlan(getProgram('upgrade-10plus'), after.sheets.map((s) => s.name), 'zh-TW', after.settings);
    expect(third.sheet).toBe('經費預算表 (3)');
  });

  it('writes labels and notes that begin with "=" as text', async () => {
    const data = structuredClone(PROGRAM_FILES[0]);
    data.items[0].label = '=HYPERLINK("http://x","消耗性器材")';
    data.notes = ['=1+1 不是公式', '+886 也是文字', '@all', '-5'];
    const program = parseProgram(data);
    const { host, value, plan, sheet, layout } = await inject(program);
    const texts = plannedWrites(plan).filter((w) => w.content.kind === 'text');
    for (const t of [data.items[0].label, '註1：=1+1 不是公式']) {
      expect(texts.some((w) => w.content.kind === 'text' && w.content.text === t)).toBe(true);
    }
    const labelCell = layoutCell(layout, layout.items[0].row, 'label');
    expect(host.formula(sheet, labelCell)).toBeNull();
    expect(value(sheet, labelCell)).toBe(data.items[0].label);
    // Every write that is not one of the template's formulas is text or nothing.
    const formulaCells = plannedWrites(plan).filter((w) => w.content.kind === 'formula').map((w) => w.cell);
    for (const a1 of formulaCells) expect(parseRange(a1).left).toBeGreaterThan(layout.columns.label);
  });
});
