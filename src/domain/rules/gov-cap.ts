import { formatAmount as show, toNumber } from '../money';
import { ceilThousands } from '../fixes';
import { SCALE } from '../money';
import { reportLimits } from './program-limits';
import { subsidyRoutes } from './remedies';
import type { BudgetRule } from './rule';
import { ruleFacts } from './catalogue';

/** 政府補助款 total > the program's subsidy cap (in 千元). */
export const govCap: BudgetRule = {
  ...ruleFacts('gov-cap'),
  citation: (program) => program.subsidyCap?.citation,
  check(model, report) {
    reportLimits(model, report, 'gov-cap', [model.program.subsidyCap?.limit]); // caps per track or under a condition
    const { govTotalK, capK } = model;
    if (capK === null || govTotalK <= capK) return;
    report.add(model.table.totalRow?.gov?.loc ?? null, report.t(`政府補助款 ${show(govTotalK)} 千元超過本計畫上限 ${show(capK)} 千元`, `The subsidy of ${show(govTotalK)} thousand exceeds the program cap of ${show(capK)} thousand`), {
      expected: toNumber(capK),
      actual: toNumber(govTotalK),
      advice: report.t(`將政府補助款減少 ${show(govTotalK - capK)} 千元，差額改列業者自籌款`, `Reduce the subsidy by ${show(govTotalK - capK)} thousand and move it to self-funding`),
    });
  },
  remedy(model, _finding, report) {
    // Either way the subsidy falls by the excess; the cap does not move with the total.
    if (model.capK === null) return [];
    const excess = ceilThousands((model.govTotalK - model.capK) * SCALE, SCALE);
    const all = model.rows.map((_, i) => i);
    return subsidyRoutes(model, all, excess, excess, report, { zh: '政府補助款', en: 'subsidy' });
  },
};
