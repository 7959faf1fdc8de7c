import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/domain/budget';
import type { Finding } from '../../src/domain/findings';
import { PROGRAMS } from '../../src/domain/programs';
import { checkWorkbook } from '../../src/sheet/check';
import { type SheetSnapshot, type WorkbookSnapshot, fromA1, snapshotFromRows, toA1 } from '../../src/sheet/grid';
import { applyFix, recompute } from './fixtures/apply-fix';

/**
 * Must show (issue 9): for random valid and invalid budgets, applying every suggested fix (every route) and re-checking
 * removes that finding and adds no error. The workbook is a grid; formulas are recomputed by HyperFormula, not by the
 * checker, so a fix is judged by what a spreadsheet would show after it is applied.
 */

type Cell = RawValue;
const SHEET = '經費預算表';
const SCALED = '#,##0,';

interface Spec {
  program: number;
  items: { pick: boolean; gov: number | null; self: number | null }[];
  unknown: { gov: number; self: number } | null;
  formulas: boolean;
  subtotalAfter: number | null;
  textAmount: number | null;
  /** Typed-over totals or percentages; two or more of one kind are one finding listing the cells. */
  slips: { kind: 'row-total' | 'column-total' | 'percent'; at: number; by: number }[];
  unit: '千元' | '元' | '萬元';
  /** Amounts stored ×1000 and shown in the stated unit through the number format `#,##0,`. */
  scaled: boolean;
  /** A 基本資料 sheet typed by hand, agreeing with the budget, in one of four layouts; null: none. */
  basic: number | null;
}

const amount = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(null, 0));
const specArb: fc.Arbitrary<Spec> = fc.record({
  program: fc.integer({ min: 0, max: PROGRAMS.length - 1 }),
  items: fc.array(fc.record({ pick: fc.boolean(), gov: amount, self: amount }), { minLength: 8, maxLength: 8 }),
  unknown: fc.option(fc.record({ gov: fc.integer({ min: 0, max: 300 }), self: fc.integer({ min: 0, max: 300 }) }), { freq: 4 }),
  formulas: fc.boolean(),
  subtotalAfter: fc.option(fc.integer({ min: 2, max: 5 }), { freq: 3 }),
  textAmount: fc.option(fc.integer({ min: 0, max: 7 }), { freq: 4 }),
  slips: fc.array(fc.record({ kind: fc.constantFrom('row-total' as const, 'column-total' as const, 'percent' as const), at: fc.nat(7), by: fc.integer({ min: 1, max: 40 }) }), { maxLength: 3 }),
  unit: fc.constantFrom('千元' as const, '千元' as const, '千元' as const, '元' as const, '萬元' as const),
  scaled: fc.boolean(),
  basic: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
});

/** The workbook: the budget sheet, after a typed 基本資料 sheet when the spec has one. */
function buildBook(spec: Spec): WorkbookSnapshot {
  const budget = buildSheet(spec);
  return { sheets: spec.basic === null ? [budget] : [basicSheet(spec, spec.basic), budget], settings: {} };
}

/**
 * 基本資料 typed by hand (numbers and text, no formulas), agreeing with the items: 申請總經費, 補助款, 自籌款 in 千元 and
 * the two percentages, laid out on one row, inside the label cells, as the form's labels with fractions in 0.0% cells,
 * or one field per row with text amounts.
 */
function basicSheet(spec: Spec, layout: number): SheetSnapshot {
  const program = PROGRAMS[spec.program];
  const picked = program.items.map((_, i) => spec.items[i]).filter((it, i) => it.pick || i === 0);
  const gov = picked.reduce((a, it) => a + (it.gov ?? 0), 0) + (spec.unknown?.gov ?? 0);
  const self = picked.reduce((a, it) => a + (it.self ?? 0), 0) + (spec.unknown?.self ?? 0);
  const total = gov + self;
  // ROUND(part*100/total, 1) exactly, for whole amounts.
  const pct = (part: number) => (total === 0 ? null : Math.floor((2 * part * 1000 + total) / (2 * total)) / 10);
  const text = (n: number) => n.toLocaleString('en-US');
  const pctText = (part: number) => (pct(part) === null ? '' : `${pct(part)!.toFixed(1)}%`);
  const rows: Cell[][] =
    layout === 0
      ? [['申請總經費', total, '千元', '補助款', gov, `千元(${pctText(gov)})`, '自籌款', self, `千元(${pctText(self)})`]]
      : layout === 1
        ? [[`申請總經費：${text(total)}千元`], [`補助款：${text(gov)}千元（${pctText(gov)}）`], [`自籌款：${text(self)}千元（${pctText(self)}）`]]
        : layout === 2
          ? [['申請總經費 千元', total], ['補助款 千元(%)', gov, total === 0 ? null : pct(gov)! / 100], ['自籌款 千元(%)', self, total === 0 ? null : pct(self)! / 100]]
          : [['申請總經費', text(total), '千元'], ['補助款', text(gov), '千元', pctText(gov) || null], ['自籌款', text(self), '千元', pctText(self) || null]];
  const sheet = snapshotFromRows('基本資料', rows);
  if (layout === 2) for (const r of [1, 2]) sheet.numberFormats[r][2] = '0.0%';
  return sheet;
}

/** Builds the budget sheet: title A1, unit E2, header row 3, items, optional 小計, 合計 and 百分比(%). */
function buildSheet(spec: Spec): SheetSnapshot {
  const program = PROGRAMS[spec.program];
  const scale = spec.unit === '元' ? 1000 : spec.unit === '萬元' ? 0.1 : 1;
  const typed = (n: number | null) => (n === null ? null : Math.round(n * scale * 10) / 10);
  const items = program.items
    .map((item, i) => ({ label: item.label, gov: typed(spec.items[i].gov), self: typed(spec.items[i].self), pick: spec.items[i].pick || i === 0 }))
    .filter((r) => r.pick);
  if (spec.unknown) items.push({ label: '雜支', gov: typed(spec.unknown.gov), self: typed(spec.unknown.self), pick: true });
  const rows: Cell[][] = [['經費預算表'], [null, null, null, null, `金額單位：${spec.unit}`], ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)']];
  const first = 4; // sheet row of the first item (1-based)
  const itemRows: number[] = [];
  let subtotalRow: number | null = null;
  items.forEach((item, i) => {
    const r = first + rows.length - 3;
    itemRows.push(r);
    rows.push([item.label, item.gov, item.self, null, null]);
    if (spec.subtotalAfter !== null && i + 1 === spec.subtotalAfter && i + 1 < items.length) {
      subtotalRow = first + rows.length - 3;
      rows.push(['小計', null, null, null, null]);
    }
  });
  const totalRow = first + rows.length - 3;
  rows.push(['合計', null, null, null, null]);
  const percentRow = totalRow + 1;
  rows.push(['百分比(%)', null, null, null, null]);
  const covered = subtotalRow === null ? [] : itemRows.filter((r) => r < subtotalRow!);
  const sum = (col: string, rs: number[]) => `=SUM(${rs.map((r) => `${col}${r}`).join(',')})`;
  const set = (row: number, col: number, f: string) => (rows[row - 1][col] = f);
  for (const r of itemRows) {
    set(r, 3, `=B${r}+C${r}`);
    set(r, 4, `=ROUND(D${r}/D$${totalRow}*100,1)`);
  }
  if (subtotalRow !== null) for (const [c, col] of [[1, 'B'], [2, 'C'], [3, 'D']] as const) set(subtotalRow, c, sum(col, covered));
  for (const [c, col] of [[1, 'B'], [2, 'C'], [3, 'D']] as const) set(totalRow, c, sum(col, itemRows));
  set(percentRow, 1, `=ROUND(B${totalRow}/D${totalRow}*100,1)`);
  set(percentRow, 2, `=ROUND(C${totalRow}/D${totalRow}*100,1)`);
  set(percentRow, 3, `=ROUND(D${totalRow}/D${totalRow}*100,1)`);
  const stored = snapshotFromRows(SHEET, rows);
  if (spec.scaled) {
    // Amount cells (B:D of items, 小計 and 合計) hold 1,000 times what they show.
    for (const r of [...itemRows, ...(subtotalRow === null ? [] : [subtotalRow]), totalRow]) {
      for (const c of [1, 2, 3]) {
        const v = stored.values[r - 1][c];
        if (typeof v === 'number') stored.values[r - 1][c] = Math.round(v * 1000 * 1e6) / 1e6; // what a person types: 16100, not 16100.000000000002
        stored.numberFormats[r - 1][c] = SCALED;
      }
    }
  }
  const sheet = recompute(stored);
  if (!spec.formulas) {
    // A table typed by hand: every formula replaced by the number it shows.
    sheet.formulas = sheet.formulas.map((r) => r.map(() => null));
  }
  // Slips a person makes: a typed-over total or percentage, an amount typed as text.
  for (const slip of spec.slips) {
    const target =
      slip.kind === 'row-total' ? `D${itemRows[slip.at % itemRows.length]}` : slip.kind === 'column-total' ? `${'BCD'[slip.at % 3]}${totalRow}` : `E${itemRows[slip.at % itemRows.length]}`;
    const { row, col } = fromA1(target);
    const shown = sheet.values[row][col];
    const scale = sheet.numberFormats[row][col] === SCALED ? 1000 : 1;
    sheet.values[row][col] = (typeof shown === 'number' ? shown : 0) + slip.by * scale;
    sheet.formulas[row][col] = null;
  }
  if (spec.textAmount !== null && !spec.scaled) {
    const r = itemRows[spec.textAmount % itemRows.length] - 1;
    const v = sheet.values[r][1];
    if (typeof v === 'number' && v >= 1000 && Number.isInteger(v)) sheet.values[r][1] = v.toLocaleString('en-US');
  }
  return spec.formulas ? recompute(sheet) : sheet;
}

const key = (f: Finding) => `${f.rule}@${f.sheet}!${f.cell}`;
/** The same slip after a fix: same rule, and a cell in common (a finding listing cells may be led by another one). */
const stillThere = (after: Finding, before: Finding) =>
  after.rule === before.rule && after.sheet === before.sheet && (after.cells ?? [after.cell]).some((c) => (before.cells ?? [before.cell]).includes(c));
/** Rules whose findings always have a mechanical remedy. */
const MUST_FIX = new Set(['gov-share', 'gov-cap', 'item-cap', 'self-only-item', 'unlisted-item-funded', 'row-total-mismatch', 'column-total-mismatch', 'number-as-text', 'subtotal-double-counted']);

describe('every suggested fix is exact (property)', () => {
  it('applying any route clears its finding and adds no error', () => {
    let fixed = 0;
    let grouped = 0;
    let withBasic = 0;
    fc.assert(
      fc.property(specArb, (spec) => {
        const book = buildBook(spec);
        const program = PROGRAMS[spec.program].id;
        const check = (b: WorkbookSnapshot) => checkWorkbook(b, { program }).findings;
        const before = check(book);
        // The typed 基本資料 agrees with the budget before any fix.
        expect(before.filter((f) => f.rule === 'basic-info-mismatch').map((f) => `${key(f)} ${f.message}`)).toEqual([]);
        const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(key));
        for (const finding of before) {
          if (MUST_FIX.has(finding.rule)) expect(finding.fix, `${key(finding)} has a fix: ${finding.message}`).toBeDefined();
          if (!finding.fix) continue;
          if ((finding.cells?.length ?? 0) > 1) grouped++;
          const routes = finding.routes ?? [{ advice: finding.advice ?? '', changes: finding.fix }];
          expect(routes[0].changes).toEqual(finding.fix);
          for (const route of routes) {
            if (route.changes.some((c) => c.sheet === '基本資料')) withBasic++;
            // Every rule of the workbook, 基本資料's included: it must follow the fix, not be left behind.
            const after = check(applyFix(book, route.changes));
            expect(after.filter((f) => stillThere(f, finding)).map(key), `${key(finding)} cleared by "${route.advice}"`).toEqual([]);
            const newErrors = after.filter((f) => f.severity === 'error' && !errorsBefore.has(key(f)));
            expect(newErrors.map((f) => `${key(f)} ${f.message}`), `"${route.advice}" adds no error`).toEqual([]);
            fixed++;
          }
        }
      }),
      { numRuns: 120, seed: Number(process.env.FIX_SEED ?? 20261201) },
    );
    expect(fixed).toBeGreaterThan(100);
    expect(grouped, 'findings listing several cells, fixed as one').toBeGreaterThan(10);
    expect(withBasic, 'routes that rewrite a typed 基本資料').toBeGreaterThan(20);
  }, 240_000);
});

describe('the fixes the issue names', () => {
  it('new equipment 105 over its 30 % cap: first move 105 to self-funding (total kept), or, named as a cut, reduce by 150', () => {
    const rows: Cell[][] = [
      ['經費預算表'],
      [null, null, null, null, '金額單位：千元'],
      ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
      ['消耗性器材及原材料費', 300, 1000, 1300, 37.1],
      ['全新設備之購置費', 1155, 545, 1700, 48.6],
      ['人事費', null, 500, 500, 14.3],
      ['合計', 1455, 2045, 3500, null],
    ];
    const [finding] = checkWorkbook({ sheets: [snapshotFromRows(SHEET, rows)], settings: {} }, { program: 'upgrade-10plus' }).findings.filter((f) => f.rule === 'item-cap');
    expect(finding.advice).toBe('將全新設備之購置費政府補助款 105 千元 改列業者自籌款（總經費不變）；或刪減全新設備之購置費預算 150 千元（總經費隨之減少）');
    // The primary route keeps the item's total (1,700) and the 總經費: only who pays changes.
    expect(finding.fix).toContainEqual({ sheet: SHEET, cell: 'B5', from: 1155, to: 1050 });
    expect(finding.fix).toContainEqual({ sheet: SHEET, cell: 'C5', from: 545, to: 650 });
    expect(finding.fix!.some((c) => c.cell === 'D5' || c.cell === 'D7')).toBe(false);
    expect(finding.routes?.map((r) => r.kind)).toEqual(['move', 'cut']);
    expect(finding.routes?.[1].changes).toContainEqual({ sheet: SHEET, cell: 'B5', from: 1155, to: 1005 });
    expect(finding.routes?.[1].changes).toContainEqual({ sheet: SHEET, cell: 'B7', from: 1455, to: 1305 });
    expect(toA1(4, 1)).toBe('B5');
  });

  it('the same budget stored in 元 and shown in 千元 (#,##0,): the fix writes 元, and applied it clears the cap', () => {
    const rows: Cell[][] = [
      ['經費預算表'],
      [null, null, null, null, '金額單位：千元'],
      ['會計科目', '政府補助款', '業者自籌款', '合計', '各科目補助比例(%)'],
      ['消耗性器材及原材料費', 300_000, 1_000_000, '=B4+C4', '=ROUND(D4/D$7*100,1)'],
      ['全新設備之購置費', 1_155_000, 545_000, '=B5+C5', '=ROUND(D5/D$7*100,1)'],
      ['人事費', null, 500_000, '=B6+C6', '=ROUND(D6/D$7*100,1)'],
      ['合計', '=SUM(B4:B6)', '=SUM(C4:C6)', '=SUM(D4:D6)', null],
    ];
    const sheet = snapshotFromRows(SHEET, rows);
    for (let r = 3; r <= 6; r++) for (const c of [1, 2, 3]) sheet.numberFormats[r][c] = SCALED;
    const book = { sheets: [recompute(sheet)], settings: {} };
    const check = (b: typeof book) => checkWorkbook(b, { program: 'upgrade-10plus' }).findings;
    const [finding] = check(book).filter((f) => f.rule === 'item-cap');
    expect(finding.advice).toBe('將全新設備之購置費政府補助款 105 千元 改列業者自籌款（總經費不變）；或刪減全新設備之購置費預算 150 千元（總經費隨之減少）');
    expect(finding.fix).toEqual([
      { sheet: SHEET, cell: 'B5', from: 1_155_000, to: 1_050_000 },
      { sheet: SHEET, cell: 'C5', from: 545_000, to: 650_000 },
    ]);
    expect(finding.routes?.[1].changes).toEqual([{ sheet: SHEET, cell: 'B5', from: 1_155_000, to: 1_005_000 }]);
    for (const route of finding.routes!) {
      const fixed = applyFix(book, route.changes);
      const after = check(fixed);
      expect(after.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.cell} ${f.message}`)).toEqual([]);
      expect(fixed.sheets[0].values[4][1]).toBe(route.changes[0].to);
      expect(fixed.sheets[0].values[6][3]).toBe(route === finding.routes![0] ? 3_500_000 : 3_350_000);
    }
  });
});
