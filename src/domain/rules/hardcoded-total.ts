import type { RawCell } from '../budget';
import type { BudgetModel } from '../budget-model';
import { current, standardFormula } from '../fixes';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** A 合計 or percentage cell holding a typed constant where the workbook uses formulas. */
/**
 * One formatter for every check, made on first use: toLocaleString with options builds a new one per call, which was
 * most of this rule's time (and making one loads ICU's number data, which a file without this finding need not pay).
 */
let typedNumber: Intl.NumberFormat | null = null;

export const hardcodedTotal: BudgetRule = {
  ...ruleFacts('hardcoded-total'),
  check(model, report) {
    const { table } = model;
    if (!table.workbookHasFormulas) return;
    const { totalRow } = table;
    const derived = derivedCells(model).filter((c) => c.value !== null);
    const constants = derived.filter((c) => c.formula === null);
    if (constants.length === 0) return;
    const advice = report.t('改回公式（可用「重新計算」修復）', 'Restore the formula (Recalculate can repair it)');
    const typed = (cell: RawCell) => (typeof cell.value === 'number' ? (typedNumber ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })).format(cell.value) : String(cell.value));
    if (constants.length === 1 && derived.length > 1) {
      // Says which cell and what was typed: 「D10 是手動輸入的 4,000」.
      const [cell] = constants;
      report.add(cell.loc, report.t(`${cell.loc.cell} 應為公式，目前是手動輸入的 ${typed(cell)}，金額變動時不會自動更新`, `${cell.loc.cell} should be a formula but holds the typed number ${typed(cell)}; it will not follow changes to the amounts`), { actual: toActual(cell), advice });
    } else if (constants.length < derived.length) {
      // Several typed over in one table: one finding listing them (one slip repeated, not many problems).
      const list = constants.map((c) => `${c.loc.cell} ${typed(c)}`);
      report.add(constants[0].loc, report.t(`${constants.length} 格應為公式，目前是手動輸入的數字：${list.join('、')}；金額變動時不會自動更新`, `${constants.length} cells should be formulas but hold typed numbers: ${list.join(', ')}; they will not follow changes to the amounts`), {
        cells: constants.map((c) => c.loc.cell),
        advice,
      });
    } else {
      // A table typed entirely by hand in a workbook that uses formulas elsewhere: one warning, not one per cell.
      const anchor = totalRow?.total ?? totalRow?.gov ?? constants[0];
      report.add(anchor.loc, report.t(`本表所有合計與百分比（${constants.length} 格）都是手動輸入的數字，金額變動時不會自動更新`, `All ${constants.length} totals and percentages of this table are typed numbers; they will not follow changes to the amounts`), { advice });
    }
  },
  remedy(model, _finding, report) {
    // Every typed total and percentage of the table: the finding lists them all (or says all of them are typed).
    const changes = derivedCells(model)
      .filter((c) => c.value !== null && c.formula === null)
      .map((cell) => ({ ...cell.loc, from: current(cell), to: standardFormula(model, cell), formula: true as const }));
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
