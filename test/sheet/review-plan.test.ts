import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { plannedWrites } from '../../src/sheet/plan';
import { REVIEW_LAYOUT, REVIEW_SHEET, buildReviewSheetPlan } from '../../src/sheet/review-plan';
import { fakeExcelWorkbook, shownValue } from '../excel/fake-office-workbook';
import { SEED_004_HEADER, SEED_004_ITEMS, SEED_004_PERCENT, SEED_004_TOTAL } from './fixtures/workbook';

const BUDGET = '經費預算表';

/** The seed-004 table (two misrounded percentages) in the fake Excel host, plus a sheet of the reviewer's own named 審查意見. */
function setUp() {
  const { host, port } = fakeExcelWorkbook();
  host.addSheet(BUDGET);
  host.seed(BUDGET, [['經費預算表', null, null, null, '金額單位：千元'], SEED_004_HEADER, ...SEED_004_ITEMS, SEED_004_TOTAL, SEED_004_PERCENT] as never);
  host.addSheet(REVIEW_SHEET);
  host.seed(REVIEW_SHEET, [['my own notes']]);
  return { host, port };
}

async function reviewPlan(port: ReturnType<typeof setUp>['port']) {
  const snapshot = await port.read();
  return buildReviewSheetPlan(snapshot, checkWorkbook(snapshot, { program: 'registered-factory' }), 'zh-TW', {
    program: 'registered-factory',
    target: 'smart',
    file: '申請書.xlsx',
    date: '2026-12-05',
  });
}

describe('審查意見 review sheet plan', () => {
  it('is created on a new sheet, never over an existing one; scores typed 0–100 give a live weighted total', async () => {
    const { host, port } = setUp();
    const { plan, sheet, created } = await reviewPlan(port);
    expect(created).toBe(true);
    expect(sheet).toBe(`${REVIEW_SHEET} (2)`);
    expect(plan.ops.some((o) => 'sheet' in o && o.sheet === REVIEW_SHEET)).toBe(false);
    await port.apply(plan);
    expect(shownValue(host, REVIEW_SHEET, 'A1')).toBe('my own notes');

    const [a, b, c] = REVIEW_LAYOUT.scoreRows.map((r) => `${REVIEW_LAYOUT.scoreColumn}${r}`);
    // 加權總分 stays blank until all three scores are in (a partial sum would read as a failing score).
    expect(shownValue(host, sheet, REVIEW_LAYOUT.totalCell)).toBeNull();
    expect((await host.userEdit(sheet, a, 80)).accepted).toBe(true);
    await host.userEdit(sheet, b, 70);
    expect(shownValue(host, sheet, REVIEW_LAYOUT.totalCell)).toBeNull();
    await host.userEdit(sheet, c, 90);
    expect(shownValue(host, sheet, REVIEW_LAYOUT.totalCell)).toBeCloseTo(0.3 * 80 + 0.3 * 70 + 0.4 * 90, 9);
    // The weights are the official ones, and a score outside 0–100 is refused.
    expect(REVIEW_LAYOUT.scoreRows.map((r) => shownValue(host, sheet, `B${r}`))).toEqual([0.3, 0.3, 0.4]);
    expect((await host.userEdit(sheet, a, 120)).accepted).toBe(false);

    // The budget summary and the findings, each linked to its cell.
    expect(shownValue(host, sheet, 'B4')).toBe(3380);
    const first = REVIEW_LAYOUT.findingsHeaderRow + 1;
    expect(host.formula(sheet, `B${first}`)).toMatch(/^=HYPERLINK\("#'經費預算表'!E\d+","經費預算表!E\d+"\)$/);
    // The rule in words, not its id.
    expect(shownValue(host, sheet, `D${first}`)).toBe('百分比與實際占比不符');
    // The application at the top: file, program, 補助標的, date and reviewer.
    const H = REVIEW_LAYOUT.header;
    expect(['D3', 'D4', 'D5', 'D6', 'D7'].map((cell) => shownValue(host, sheet, cell))).toEqual(['檔名', '計畫別', '補助標的', '審查日期', '審查人']);
    expect(shownValue(host, sheet, H.file)).toBe('申請書.xlsx');
    expect(shownValue(host, sheet, H.program)).toMatch(/工廠/);
    expect(shownValue(host, sheet, H.target)).toBe('智慧化');
    expect(shownValue(host, sheet, H.date)).toBe('2026-12-05');
    expect(shownValue(host, sheet, H.reviewer)).toBeNull();
  });

  it('run again, it rewrites only the cells it owns: scores, comments and a cell the reviewer changed are kept', async () => {
    const { host, port } = setUp();
    const { plan, sheet } = await reviewPlan(port);
    await port.apply(plan);
    const first = REVIEW_LAYOUT.findingsHeaderRow + 1;
    await host.userEdit(sheet, 'C12', 85);
    await host.userEdit(sheet, `E${first}`, '請補件說明');
    await host.userEdit(sheet, 'A3', '一、經費（本人修改）');
    // The applicant corrects one percentage: one finding fewer.
    await host.userEdit(BUDGET, 'E6', 3.6);

    const again = await reviewPlan(port);
    expect(again.created).toBe(false);
    expect(again.sheet).toBe(sheet);
    expect(again.kept).toEqual(['A3']);
    const written = plannedWrites(again.plan).map((w) => w.cell);
    expect(written).not.toContain('C12');
    expect(written.some((c) => c.startsWith('E'))).toBe(false);
    expect(written.every((c) => c !== 'A3')).toBe(true);
    await port.apply(again.plan);

    expect(shownValue(host, sheet, 'C12')).toBe(85);
    expect(shownValue(host, sheet, `E${first}`)).toBe('請補件說明');
    expect(shownValue(host, sheet, 'A3')).toBe('一、經費（本人修改）');
    // One percent-mismatch left; the second finding row is cleared.
    expect(shownValue(host, sheet, `D${first}`)).toBe('百分比與實際占比不符');
    expect(shownValue(host, sheet, `D${first + 1}`)).toBeNull();
    // A third run changes nothing.
    expect(plannedWrites((await reviewPlan(port)).plan)).toEqual([]);
  });
});
