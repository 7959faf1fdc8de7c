import type { BudgetModel } from '../budget-model';
import { type Fixed, ZERO, formatAmount, toNumber } from '../money';
import { CONSOLIDATED_SHEET } from '../consortium';
import type { WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';


/**
 * In a 以大帶小 workbook (a 總表 plus one budget per company), each consolidated amount must equal the sum of the
 * companies' amounts for that item, in 千元 whatever each table's unit.
 */
export const consolidationMismatch: WorkbookRule = {
  ...ruleFacts('consolidation-mismatch'),
  check(facts, report) {
    const consolidated = facts.models.filter((m) => CONSOLIDATED_SHEET.test(m.table.sheet));
    if (consolidated.length !== 1) return;
    const total = consolidated[0];
    const companies = facts.models.filter((m) => m !== total && m.table.sheet !== total.table.sheet);
    if (companies.length < 2) return;
    const sumOf = (m: BudgetModel, item: string, part: 'gov' | 'self'): Fixed =>
      m.toThousand(m.rows.filter((r) => r.item?.id === item).reduce((a, r) => a + r[part], ZERO));

    for (const item of total.program.items) {
      for (const part of ['gov', 'self'] as const) {
        const shown = sumOf(total, item.id, part);
        const expected = companies.reduce((a, m) => a + sumOf(m, item.id, part), ZERO);
        if (shown === expected) continue;
        const row = total.rows.find((r) => r.item?.id === item.id);
        const loc = row?.input[part]?.loc ?? total.table.title;
        const partName = part === 'gov' ? report.t('政府補助款', 'subsidy') : report.t('業者自籌款', 'self-funding');
        const detail = companies.map((m) => `${m.table.sheet} ${formatAmount(sumOf(m, item.id, part))}`).join(report.t('、', ', '));
        report.add(loc, report.t(`總表「${item.label}」${partName} ${formatAmount(shown)} 千元，不等於各公司合計 ${formatAmount(expected)} 千元（${detail}）`, `The 總表's ${item.en} ${partName} is ${formatAmount(shown)} thousand, not the companies' sum ${formatAmount(expected)} thousand (${detail})`), {
          expected: toNumber(expected),
          actual: toNumber(shown),
          advice: report.t('總表各欄應以公式加總各公司預算表的對應儲存格', 'Make each 總表 cell a formula adding the companies\' corresponding cells'),
        });
      }
    }
  },
};
