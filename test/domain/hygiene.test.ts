import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { formulaConstants, formulaReferences, toR1C1 } from '../../src/domain/formula';
import { BUDGET_RULES, WORKBOOK_RULES } from '../../src/domain/rules';
import { checkWorkbook } from '../../src/sheet/check';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/sheet/grid';
import { officialTable, sheet, type Cells } from '../sheet/fixtures/official-table';

const HYGIENE = ['sum-range-incomplete', 'inconsistent-formula', 'formula-constant', 'reference-outside-table', 'error-value', 'hidden-amounts', 'manual-calculation', 'consolidation-mismatch'];

function hygiene(snapshot: WorkbookSnapshot): Finding[] {
  return checkWorkbook(snapshot, { program: 'registered-factory' }).findings.filter((f) => HYGIENE.includes(f.rule));
}

const one = (cells: Cells, extra: Partial<SheetSnapshot> = {}, calcMode?: WorkbookSnapshot['calcMode']): WorkbookSnapshot => ({
  sheets: [sheet('經費預算表', cells, extra)],
  settings: {},
  ...(calcMode ? { calcMode } : {}),
});

describe('formula helpers', () => {
  it('reads copies of one formula as the same R1C1 text', () => {
    expect(toR1C1('=B4+C4', 3, 3)).toBe(toR1C1('=B9+C9', 8, 3));
    expect(toR1C1('=SUM(B4:B9)', 9, 1)).toBe('SUM(R[-6]C:R[-1]C)');
    expect(toR1C1('=IF($D$10=0,"",ROUND(D4*100/$D$10,1))', 3, 4)).toBe('IF(R10C4=0,"",ROUND(RC[-1]*100/R10C4,1))');
    expect(toR1C1('=B5+C4', 4, 3)).not.toBe(toR1C1('=B4+C4', 3, 3));
  });

  it('finds references, across sheets and in ranges', () => {
    expect(formulaReferences("=SUM('公司 A'!B4:B9)+總表!C3+D4").map((r) => r.sheet)).toEqual(['公司 A', '總表', null]);
    expect(formulaReferences('="B4"&LOG10(A1)')).toHaveLength(1);
  });

  it('counts typed numbers but not 0, ROUND digits, ×100 or IF(…,100)', () => {
    expect(formulaConstants('=B4+C4+100').map((c) => c.value)).toEqual([100]);
    expect(formulaConstants('=B5*0.5').map((c) => c.value)).toEqual([0.5]);
    expect(formulaConstants('=IF($D$10=0,"",ROUND(D4*100/$D$10,1))')).toEqual([]);
    expect(formulaConstants('=IF(D10=0,"",100)')).toEqual([]);
  });
});

describe('formula-hygiene rules', () => {
  it('are rule modules, each with its own id', () => {
    const ids = [...BUDGET_RULES, ...WORKBOOK_RULES].map((r) => r.id);
    for (const id of HYGIENE) expect(ids.filter((x) => x === id)).toHaveLength(1);
  });

  it('stay quiet on the official table filled in consistently', () => {
    expect(hygiene(one(officialTable()))).toEqual([]);
    expect(hygiene(one(officialTable(), {}, 'automatic'))).toEqual([]);
  });

  it('sum-range-incomplete names the range and the missed cell', () => {
    const cells = officialTable();
    cells.C10 = ['=SUM(C4:C8)', 1580]; // a row inserted below the range: C9 is left out
    const found = hygiene(one(cells)).filter((f) => f.rule === 'sum-range-incomplete');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', cell: 'C10' });
    expect(found[0].message).toContain('SUM(C4:C8) 漏列 C9');
  });

  it('sum-range-incomplete also catches a SUM that skips a row in the middle and a row total that adds one part', () => {
    const cells = officialTable();
    cells.B10 = ['=SUM(B4:B5,B7:B9)', 600];
    cells.D6 = ['=B6', 900];
    const found = hygiene(one(cells)).filter((f) => f.rule === 'sum-range-incomplete');
    expect(found.map((f) => `${f.cell}:${f.message}`)).toEqual([expect.stringMatching(/^D6:.*漏列 C6$/), expect.stringMatching(/^B10:.*漏列 B6$/)]);
  });

  it('inconsistent-formula flags the one row whose formula differs in R1C1 form', () => {
    const cells = officialTable();
    cells.D6 = ['=B6+C5', 1200];
    const found = hygiene(one(cells)).filter((f) => f.rule === 'inconsistent-formula');
    expect(found.map((f) => f.cell)).toEqual(['D6']);
    expect(found[0].message).toMatch(/=B6\+C5/);
  });

  it('formula-constant flags a number typed into a formula', () => {
    const cells = officialTable();
    cells.D4 = ['=B4+C4+100', 460];
    const found = hygiene(one(cells)).filter((f) => f.rule === 'formula-constant');
    expect(found.map((f) => f.cell)).toEqual(['D4']);
    expect(found[0].message).toContain('100');
  });

  it('reference-outside-table flags a reference to an empty cell and to a value outside the table', () => {
    const cells = officialTable();
    cells.D5 = ['=B5+C5+H5', 600];
    cells.H20 = 50;
    cells.D10 = ['=SUM(D4:D9)+H20', 3430];
    const found = hygiene(one(cells)).filter((f) => f.rule === 'reference-outside-table');
    expect(found.map((f) => [f.cell, f.message])).toEqual([
      ['D5', expect.stringContaining('空白儲存格 H5')],
      ['D10', expect.stringContaining('表外儲存格 H20')],
    ]);
  });

  it('error-value reports #REF! inside the table once (not also as not-a-number)', () => {
    const cells = officialTable();
    cells.D7 = ['=#REF!+C7', '#REF!'];
    const findings = checkWorkbook(one(cells), { program: 'registered-factory' }).findings.filter((f) => f.cell === 'D7');
    expect(findings.map((f) => f.rule)).toContain('error-value');
    expect(findings.map((f) => f.rule)).not.toContain('not-a-number');
    expect(findings.find((f) => f.rule === 'error-value')).toMatchObject({ severity: 'error' });
  });

  it('hidden-amounts flags a hidden row or column of the table that holds amounts, not a hidden empty one', () => {
    expect(hygiene(one(officialTable(), { hiddenRows: [5] })).map((f) => `${f.rule}@${f.cell}`)).toEqual(['hidden-amounts@B6']);
    expect(hygiene(one(officialTable(), { hiddenCols: [2] })).map((f) => `${f.rule}@${f.cell}`)).toEqual(['hidden-amounts@C4']);
    expect(hygiene(one(officialTable(), { hiddenRows: [1] }))).toEqual([]);
  });

  it('manual-calculation: one workbook-level warning', () => {
    expect(hygiene(one(officialTable(), {}, 'manual'))).toEqual([expect.objectContaining({ rule: 'manual-calculation', severity: 'warning', sheet: null, cell: null })]);
  });

  it('consolidation-mismatch: a 總表 cell that is not the sum of the companies', () => {
    const companyA = officialTable();
    const companyB = officialTable(2);
    const consolidated = officialTable(3); // A + B = 3 × the base table
    const workbook = (total: Cells): WorkbookSnapshot => ({
      sheets: [sheet('總表', total), sheet('公司A', companyA), sheet('公司B', companyB)],
      settings: {},
    });
    expect(hygiene(workbook(consolidated))).toEqual([]);

    const wrong = { ...consolidated, C6: 2699 }; // 既有設備之改善費 自籌款: 900 + 1,800 = 2,700
    const found = hygiene(workbook(wrong)).filter((f) => f.rule === 'consolidation-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', sheet: '總表', cell: 'C6', expected: 2700, actual: 2699 });
    expect(found[0].message).toContain('公司A 900');
  });
});
