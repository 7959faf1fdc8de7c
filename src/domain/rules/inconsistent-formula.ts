import { toR1C1 } from '../formula';
import type { BudgetRule } from './rule';
import { formulaOf, tableCells, type TableCell } from './hygiene';
import { ruleFacts } from './catalogue';

/**
 * A formula that differs from its neighbours: down the 合計 and percentage columns of the item rows, and along the
 * 合計 row. Formulas are compared in R1C1 form, so copies read the same; the odd one out is reported when most agree.
 */
export const inconsistentFormula: BudgetRule = {
  ...ruleFacts('inconsistent-formula'),
  check(model, report) {
    const cells = tableCells(model.table);
    const groups: [string, TableCell[]][] = [
      [report.t('同欄', 'the column'), cells.filter((c) => c.role === 'row-total')],
      [report.t('同欄', 'the column'), cells.filter((c) => c.role === 'percent')],
      [report.t('合計列', 'the total row'), cells.filter((c) => c.role === 'total-row' && c.cell !== model.table.totalRow?.percent)],
    ];
    for (const [where, group] of groups) {
      const withFormula = group.flatMap((c) => {
        const formula = formulaOf(c.cell);
        return formula ? [{ ...c, formula, r1c1: toR1C1(formula, c.row, c.col) }] : [];
      });
      if (withFormula.length < 3) continue;
      const counts = new Map<string, number>();
      for (const c of withFormula) counts.set(c.r1c1, (counts.get(c.r1c1) ?? 0) + 1);
      const [majority, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
      if (count * 2 <= withFormula.length) continue; // no clear pattern to compare with
      const example = withFormula.find((c) => c.r1c1 === majority)!;
      for (const c of withFormula) {
        if (c.r1c1 === majority) continue;
        report.add(c.cell.loc, report.t(`公式 ${c.formula} 與${where}其他 ${count} 格不同（例如 ${example.cell.loc.cell} 為 ${example.formula}）`, `${c.formula} differs from the ${count} other formulas of ${where} (e.g. ${example.cell.loc.cell}: ${example.formula})`), {
          actual: c.formula,
          advice: report.t('確認此格公式；若是誤改，請複製相鄰儲存格的公式', 'Check this formula; if it was changed by mistake, copy the neighbouring formula'),
        });
      }
    }
  },
};
