import { describe, expect, it } from 'vitest';
import { computeBenefits, emissionFactorOf, type BenefitCalculatorInput } from '../../src/domain/benefits';
import type { RawValue } from '../../src/domain/budget';
import { SETTING_KEYS, fromA1, Grid, type WorkbookSnapshot } from '../../src/sheet/grid';
import { plannedWrites } from '../../src/sheet/plan';
import {
  BENEFIT_TABLE_HEIGHT,
  buildBenefitFillPlan,
  buildBenefitTablesPlan,
  readBenefitSetting,
} from '../../src/sheet/benefits-plan';
import { locateBenefitTables } from '../../src/sheet/benefits-locate';
import { checkBenefits } from '../../src/sheet/benefits-check';
import { fakeExcelWorkbook, putCell, shownValue, storedSetting } from '../excel/fake-office-workbook';

const INPUT: BenefitCalculatorInput = {
  economic: { newInvestment: 0.024, costReduction: 0.05, jobs: 3, outputValue: 0.3 },
  carbon: { baselineTonnes: 500, savedKwh: 120_000, emissionFactor: emissionFactorOf(2024) },
  electricity: { baselineKwh: 1_000_000, savedKwh: 120_000 },
  oee: { before: 70, availability: 90, performance: 95, quality: 98, method: 'points' },
  yield: { before: 85, after: 95, method: 'relative' },
  lineStaff: { before: 10, after: 6 },
  delivery: { before: 90, after: 98, method: 'points' },
};

const BUDGET_ROWS: RawValue[][] = [
  ['經費預算表'],
  [null, null, null, null, '金額單位：千元'],
  ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
  ['消耗性器材及原材料費', 240, 120, '=B4+C4', '=ROUND(D4/D10*100,1)'],
  ['全新設備之購置費', 300, 300, '=B5+C5', '=ROUND(D5/D10*100,1)'],
  ['既有設備之改善費', 900, 900, '=B6+C6', '=ROUND(D6/D10*100,1)'],
  ['委託研究或驗證費', 60, 60, '=B7+C7', '=ROUND(D7/D10*100,1)'],
  ['人事費', null, 200, '=B8+C8', '=ROUND(D8/D10*100,1)'],
  ['無形資產引進費', null, 0, '=B9+C9', '=ROUND(D9/D10*100,1)'],
  ['合計', '=SUM(B4:B9)', '=SUM(C4:C9)', '=SUM(D4:D9)'],
  ['百分比(%)', '=ROUND(B10/D10*100,1)', '=ROUND(C10/D10*100,1)', 100],
  [],
  ['註1：全新設備之購置費以總經費30%為上限'],
];

/** A workbook in the fake Excel host with these sheets, reached through the Office.js adapter. */
function bookOf(sheets: Record<string, RawValue[][]>) {
  const book = fakeExcelWorkbook({ sheets: Object.keys(sheets) });
  for (const [name, rows] of Object.entries(sheets)) if (rows.length > 0) book.host.seed(name, rows);
  return book;
}

function cellValue(snapshot: WorkbookSnapshot, sheet: string, a1: string): RawValue {
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  const { row, col } = fromA1(a1);
  return new Grid(s).value(row, col);
}

describe('buildBenefitTablesPlan', () => {
  it('adds 預期效益 (or a free name) with the official headings and items', async () => {
    const book = bookOf({ 預期效益: [['mine']] });
    const { plan, layout, placement } = buildBenefitTablesPlan(await book.port.read(), { target: null, placement: 'own-sheet' });
    expect(placement).toBe('own-sheet');
    expect(plan.ops[0]).toEqual({ op: 'addSheet', sheet: '預期效益 (2)' });
    await book.port.apply(plan);
    const snap = await book.port.read();
    const at = (a1: string) => cellValue(snap, '預期效益 (2)', a1);
    expect([layout.titles.heading, layout.titles.economic, layout.titles.technical, layout.titles.lowcarbon, layout.titles.smart].map(at)).toEqual([
      '陸、預期效益',
      '一、經濟效益',
      '二、技術效益',
      '(一) 低碳化',
      '(二) 智慧化',
    ]);
    const labels = snap.sheets[1].values.map((r) => r[0]).filter((v) => typeof v === 'string');
    for (const label of ['新增投資', '降低成本', '增加就業人數', '增加產值', '減少碳排放量', '減少用電量', '整體設備效率(OEE)', '提升生產良率', '減少產線人力', '產品達交率', '(可自行增列)']) {
      expect(labels).toContain(label);
    }
    // A row reads like the form: 由 | n | 人減為 | n | 人.
    const staffRow = fromA1(layout.cells['line-staff']!.before!).row;
    expect(snap.sheets[1].values[staffRow].slice(0, 6)).toEqual(['減少產線人力', '由', null, '人減為', null, '人']);
    expect(shownValue(book.host, '預期效益', 'A1')).toBe('mine');
    // Empty tables read back as tables with nothing filled.
    const read = locateBenefitTables(snap);
    expect(read.tables.map((t) => [t.section, t.items.length])).toEqual([
      ['economic', 4],
      ['lowcarbon', 2],
      ['smart', 4],
    ]);
  });

  it('the application target marks its technical table as required', async () => {
    const snap = await bookOf({ S: [] }).port.read();
    const low = buildBenefitTablesPlan(snap, { target: 'lowcarbon', placement: 'own-sheet' });
    const written = (p: typeof low) => new Map(plannedWrites(p.plan).map((w) => [w.cell, w.content.kind === 'text' ? w.content.text : null]));
    expect(written(low).get(low.layout.titles.lowcarbon)).toBe('(一) 低碳化（本案申請標的）');
    expect(written(low).get(low.layout.titles.smart)).toBe('(二) 智慧化');
    expect([...written(low).values()].some((t) => t?.includes('「減少碳排放量」或「減少用電量」須至少選填1項'))).toBe(true);
    const smart = buildBenefitTablesPlan(snap, { target: 'smart', placement: 'own-sheet' });
    expect(written(smart).get(smart.layout.titles.smart)).toBe('(二) 智慧化（本案申請標的）');
    expect(written(smart).get(smart.layout.titles.lowcarbon)).toBe('(一) 低碳化');
    const fills = smart.plan.ops.filter((o) => o.op === 'format' && o.format.fill === '#FFF2CC').map((o) => (o as { range: string }).range);
    const smartRow = fromA1(smart.layout.titles.smart).row + 1;
    expect(fills).toEqual([`A${smartRow}:I${smartRow}`]);
  });

  it('below the budget: the first fully empty block under it, never over content', async () => {
    const rows = [...BUDGET_ROWS, [], [], [], [], ['stray note']];
    const book = bookOf({ 經費預算表: rows });
    const before = await book.port.read();
    const { plan, layout, placement } = buildBenefitTablesPlan(before, { target: 'smart', placement: 'below-budget' });
    expect(placement).toBe('below-budget');
    expect(layout.sheet).toBe('經費預算表');
    // Row 18 holds "stray note"; the block starts after it, one blank row apart.
    expect(layout.anchor).toBe('A20');
    expect(plan.ops.some((o) => o.op === 'addSheet' || o.op === 'columnWidth')).toBe(false);
    for (const w of plannedWrites(plan)) expect(cellValue(before, w.sheet, w.cell)).toBeNull();
    expect(layout.lastRow).toBe(20 + BENEFIT_TABLE_HEIGHT - 1);
  });

  it('falls back to its own sheet when asked for below-budget without a budget table', async () => {
    const { placement, layout } = buildBenefitTablesPlan(await bookOf({ 封面: [['公司名稱']] }).port.read(), {
      target: null,
      placement: 'below-budget',
    });
    expect(placement).toBe('own-sheet');
    expect(layout.sheet).toBe('預期效益');
  });
});

describe('filling and re-reading the tables', () => {
  async function filledBook() {
    const book = bookOf({ 經費預算表: BUDGET_ROWS });
    const { plan, layout } = buildBenefitTablesPlan(await book.port.read(), {
      target: 'lowcarbon',
      placement: 'below-budget',
      values: computeBenefits(INPUT),
    });
    await book.port.apply(plan);
    return { book, layout };
  }

  it('filled by the calculators, the tables read back exactly and report no findings', async () => {
    const { book, layout } = await filledBook();
    const snap = await book.port.read();
    expect(cellValue(snap, '經費預算表', layout.cells.carbon!.amount!)).toBe(56.88);
    expect(cellValue(snap, '經費預算表', layout.cells.carbon!.percent!)).toBe(11.4);
    expect(cellValue(snap, '經費預算表', layout.methodCells.yield)).toContain('相對提升');
    expect(cellValue(snap, '經費預算表', layout.methodCells.oee)).toContain('百分點');
    expect(cellValue(snap, '經費預算表', layout.factorNote)).toContain('0.474 kg CO2e/度（2024 年，經濟部能源署');
    const items = locateBenefitTables(snap).tables.flatMap((t) => t.items);
    const yieldRow = items.find((i) => i.id === 'yield')!;
    expect(yieldRow.method).toBe('relative');
    expect(Number(yieldRow.slots.improvement!.value) / 1e6).toBe(11.8);
    expect(Number(yieldRow.slots.baseline!.value) / 1e6).toBe(85);
    expect(checkBenefits(snap, { target: 'lowcarbon' })).toEqual([]);
  });

  it('removing items makes the right rules fire on the right cells', async () => {
    const { book, layout } = await filledBook();
    for (const id of ['cost-reduction', 'jobs', 'output-value'] as const) putCell(book.host, '經費預算表', layout.cells[id]!.amount!, null);
    for (const slot of ['amount', 'percent', 'baseline'] as const) {
      putCell(book.host, '經費預算表', layout.cells.carbon![slot]!, null);
      putCell(book.host, '經費預算表', layout.cells.electricity![slot]!, null);
    }
    for (const id of ['oee', 'yield', 'delivery'] as const) {
      for (const slot of ['value', 'improvement', 'baseline'] as const) putCell(book.host, '經費預算表', layout.cells[id]![slot]!, null);
    }
    putCell(book.host, '經費預算表', layout.cells['line-staff']!.before!, null);
    putCell(book.host, '經費預算表', layout.cells['line-staff']!.after!, null);
    putCell(book.host, '經費預算表', layout.cells.yield!.improvement!, 30); // a stray figure checked against nothing: no baseline
    const findings = checkBenefits(await book.port.read(), { target: 'lowcarbon' });
    expect(findings.map((f) => [f.rule, f.cell])).toEqual([
      ['economic-benefits-min', layout.titles.economic],
      ['technical-benefits-min', layout.titles.technical],
      ['lowcarbon-benefit-required', layout.titles.lowcarbon],
      ['benefit-outside-typical-range', layout.cells.yield!.improvement],
    ]);
  });

  it('a wrong percentage next to its baseline is a warning on that cell', async () => {
    const { book, layout } = await filledBook();
    putCell(book.host, '經費預算表', layout.cells.electricity!.percent!, 15);
    const findings = checkBenefits(await book.port.read(), { target: 'lowcarbon' });
    expect(findings.map((f) => [f.rule, f.cell, f.expected])).toEqual([['benefit-percent-mismatch', layout.cells.electricity!.percent, 12]]);
  });
});

describe('buildBenefitFillPlan', () => {
  async function injected() {
    const book = bookOf({ S: [['x']] });
    const { plan, layout } = buildBenefitTablesPlan(await book.port.read(), { target: 'smart', placement: 'own-sheet' });
    await book.port.apply(plan);
    return { book, layout };
  }

  it('fills only owned cells, remembers them, and refills without asking when untouched', async () => {
    const { book, layout } = await injected();
    const first = buildBenefitFillPlan(await book.port.read(), layout, computeBenefits(INPUT));
    expect(first.conflicts).toEqual([]);
    const owned = new Set([
      ...Object.values(layout.cells).flatMap((slots) => Object.values(slots!)),
      ...Object.values(layout.methodCells),
      layout.factorNote,
    ]);
    for (const w of plannedWrites(first.plan)) expect(owned.has(w.cell)).toBe(true);
    await book.port.apply(first.plan);
    const stored = readBenefitSetting(await book.port.read())!;
    expect(stored.layout).toEqual(layout);
    expect(stored.written[layout.cells.jobs!.amount!]).toBe(3);
    expect(storedSetting(book.host, SETTING_KEYS.benefits)!).toBeDefined();

    const again = buildBenefitFillPlan(await book.port.read(), layout, computeBenefits({ ...INPUT, economic: { ...INPUT.economic, jobs: 5 } }));
    expect(again.conflicts).toEqual([]);
    expect(plannedWrites(again.plan).map((w) => [w.cell, w.content])).toEqual([[layout.cells.jobs!.amount, { kind: 'number', value: 5 }]]);
  });

  it('asks before replacing what the user typed, and replaces only what was agreed', async () => {
    const { book, layout } = await injected();
    const S = layout.sheet;
    await book.port.apply(buildBenefitFillPlan(await book.port.read(), layout, computeBenefits(INPUT)).plan);
    const jobs = layout.cells.jobs!.amount!;
    const output = layout.cells['output-value']!.amount!;
    putCell(book.host, S, jobs, 4);
    putCell(book.host, S, output, '約 0.3 億元');
    const next = computeBenefits({ ...INPUT, economic: { ...INPUT.economic, jobs: 6, outputValue: 0.4 } });
    const asked = buildBenefitFillPlan(await book.port.read(), layout, next);
    expect(asked.conflicts).toEqual([
      { sheet: S, cell: jobs, current: 4, proposed: 6 },
      { sheet: S, cell: output, current: '約 0.3 億元', proposed: 0.4 },
    ]);
    expect(plannedWrites(asked.plan)).toEqual([]);
    const agreed = buildBenefitFillPlan(await book.port.read(), layout, next, { replace: [jobs] });
    expect(plannedWrites(agreed.plan).map((w) => w.cell)).toEqual([jobs]);
    await book.port.apply(agreed.plan);
    expect(shownValue(book.host, S, jobs)).toBe(6);
    expect(shownValue(book.host, S, output)).toBe('約 0.3 億元');
  });

  it('clears an owned value the calculators no longer give, and states a changed method', async () => {
    const { book, layout } = await injected();
    const S = layout.sheet;
    await book.port.apply(buildBenefitFillPlan(await book.port.read(), layout, computeBenefits(INPUT)).plan);
    const next = computeBenefits({ ...INPUT, carbon: undefined, yield: { before: 85, after: 95, method: 'points' } });
    const fill = buildBenefitFillPlan(await book.port.read(), layout, next);
    expect(fill.conflicts).toEqual([]);
    await book.port.apply(fill.plan);
    expect(shownValue(book.host, S, layout.cells.carbon!.amount!)).toBeNull();
    expect(shownValue(book.host, S, layout.factorNote)).toBeNull();
    expect(shownValue(book.host, S, layout.methodCells.yield)).toContain('百分點');
    expect(shownValue(book.host, S, layout.cells.yield!.improvement!)).toBe(10);
  });

  it('says which sheet is missing', async () => {
    const { layout } = await injected();
    expect(() => buildBenefitFillPlan({ sheets: [], settings: {} }, layout, computeBenefits(INPUT))).toThrow(/「預期效益」/);
  });
});
