import type { RawCell } from '../budget';
import type { BudgetModel } from '../budget-model';
import { current, standardFormula } from '../fixes';
import type { BudgetRule } from './rule';

/** A 合計 or percentage cell holding a typed constant where the workbook uses formulas. */
export const hardcodedTotal: BudgetRule = {
  id: 'hardcoded-total',
  severity: 'warning',
  title: { 'zh-TW': '合計或百分比為手動輸入的數字', en: 'A total or percentage is a typed number' },
  check(model, report) {
    const { table } = model;
    if (!table.workbookHasFormulas) return;
    const { totalRow } = table;
    const derived = derivedCells(model).filter((c) => c.value !== null);
    const constants = derived.filter((c) => c.formula === null);
    if (constants.length === 0) return;
    const advice = report.t('改回公式（可用「重新計算」修復）', 'Restore the formula (Recalculate can repair it)');
    if (constants.length < derived.length) {
      // Says which cell and what was typed: 「D10 是手動輸入的 4,000」.
      for (const cell of constants) {
        const typed = typeof cell.value === 'number' ? cell.value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(cell.value);
        report.add(cell.loc, report.t(`${cell.loc.cell} 應為公式，目前是手動輸入的 ${typed}，金額變動時不會自動更新`, `${cell.loc.cell} should be a formula but holds the typed number ${typed}; it will not follow changes to the amounts`), { actual: toActual(cell), advice });
      }
    } else {
      // A table typed entirely by hand in a workbook that uses formulas elsewhere: one warning, not one per cell.
      const anchor = totalRow?.total ?? totalRow?.gov ?? constants[0];
      report.add(anchor.loc, report.t(`本表所有合計與百分比（${constants.length} 格）都是手動輸入的數字，金額變動時不會自動更新`, `All ${constants.length} totals and percentages of this table are typed numbers; they will not follow changes to the amounts`), { advice });
    }
  },
  remedy(model, finding, report) {
    // One typed-over cell, or (the table-wide finding) every typed total and percentage of the table.
    const derived = derivedCells(model).filter((c) => c.value !== null && c.formula === null);
    const single = derived.filter((c) => c.loc.sheet === finding.sheet && c.loc.cell === finding.cell);
    const cells = derived.length > 0 && derived.length === derivedCells(model).filter((c) => c.value !== null).length ? derived : single;
    const changes = cells.map((cell) => ({ ...cell.loc, from: current(cell), to: standardFormula(model, cell) }));
    if (changes.length === 0 || changes.some((c) => c.to === null)) return [];
    return [{ advice: report.t(`改回公式：${changes.map((c) => `${c.cell} ${c.to}`).join('、')}`, `Restore the formulas: ${changes.map((c) => `${c.cell} ${c.to}`).join(', ')}`), cells: changes }];
  },
};

/** The cells of a table that formulas fill: row totals and percentages, the 合計 row and the 百分比(%) row. */
function derivedCells(model: BudgetModel): RawCell[] {
  const { table } = model;
  const { totalRow, percentRow } = table;
  return [
    ...table.rows.flatMap((r) => [r.total, r.percent]),
    totalRow?.gov, totalRow?.self, totalRow?.total,
    percentRow?.gov, percentRow?.self, percentRow?.total,
  ].filter((c): c is RawCell => !!c);
}

function toActual(cell: RawCell): number | string | null {
  return typeof cell.value === 'number' || typeof cell.value === 'string' ? cell.value : cell.value === null ? null : String(cell.value);
}
