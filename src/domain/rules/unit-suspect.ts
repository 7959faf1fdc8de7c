import { formatAmount as show, toNumber } from '../money';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** No unit label, and the grand total is over 100 × the program cap: the amounts look like 元, not 千元. */
export const unitSuspect: BudgetRule = {
  ...ruleFacts('unit-suspect'),
  check(model, report) {
    if (!model.unitSuspect) return;
    const { totalRow } = model.table;
    const grandTotal = model.computed.grandTotal;
    report.add(totalRow?.total?.loc ?? totalRow?.gov?.loc ?? null, report.t(`表旁沒有金額單位，總經費 ${show(grandTotal)} 超過補助上限的 100 倍，金額可能是以「元」而非「千元」填寫；以下各項上限已按「元」換算檢查`, `No unit label near the table, and the grand total ${show(grandTotal)} is over 100 × the subsidy cap: the amounts look like NT$, not NT$ thousand; the limits were checked reading them as NT$`), {
      actual: toNumber(grandTotal),
      advice: report.t('加註「金額單位：千元」並將金額換算為千元，或加註「單位：元」', 'Add "金額單位：千元" and convert the amounts to thousands, or label the table "單位：元"'),
    });
  },
};
