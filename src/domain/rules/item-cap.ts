import { ZERO, formatAmount as show, formatExcess, formatLimit, toNumber } from '../money';
import { ceilThousands, fromThousand } from '../fixes';
import { amountText, reduceItem, subsidyRoutes } from './remedies';
import { reportLimits } from './program-limits';
import type { BudgetRule } from './rule';
import { type BudgetModel, itemCell } from '../budget-model';
import type { CellLoc } from '../findings';
import { ruleFacts } from './catalogue';

/** Where an item's cap finding points: its subsidy (or, capping the whole item, its total) as the sheet shows it. */
function capLoc(model: BudgetModel, itemId: string, base: 'gov' | 'item-total'): CellLoc {
  const at = itemCell(model, itemId, base === 'gov' ? 'gov' : 'total');
  const cell = at?.cell ?? (base === 'gov' ? null : itemCell(model, itemId, 'gov')?.cell);
  return (cell ?? at?.label)!.loc;
}

/** A capped item (全新設備 30 %, 委託研究 40 %) over its share of the grand total, on its configured base. */
export const itemCap: BudgetRule = {
  ...ruleFacts('item-cap'),
  check(model, report) {
    reportLimits(model, report, 'item-cap', model.program.items.map((i) => i.cap?.limit));
    for (const item of model.program.items) {
      if (!item.cap) continue;
      const matching = model.rows.filter((r) => r.item?.id === item.id);
      if (matching.length === 0) continue;
      const gov = matching.reduce((a, r) => a + r.gov, ZERO);
      const self = matching.reduce((a, r) => a + r.self, ZERO);
      const { num, den } = item.cap.ratio;
      const limit = (model.grandTotalK * num) / den;
      const used = model.toThousand(item.cap.base === 'gov' ? gov : gov + self);
      // Exact: used / grand > n / d  ⇔  used × d > n × grand.
      if (used * den <= num * model.grandTotalK) continue;
      const loc = capLoc(model, item.id, item.cap.base);
      const baseText = item.cap.base === 'gov' ? report.t('政府補助款', 'subsidy') : report.t('科目合計', 'item total');
      report.add(loc, report.t(`${item.label}：${baseText} ${show(used)} 千元，超過總經費 ${item.cap.percent}%（上限 ${formatLimit(limit)} 千元）`, `${item.en} ${baseText} of ${show(used)} thousand exceeds ${item.cap.percent}% of the total (at most ${formatLimit(limit)} thousand)`), {
        expected: toNumber(limit),
        actual: toNumber(used),
        advice: report.t(`${item.cap.base === 'gov' ? '將超出部分改列業者自籌款，或' : ''}減少 ${formatExcess(used - limit)} 千元以上`, `${item.cap.base === 'gov' ? 'Move the excess to self-funding, or ' : ''}reduce it by at least ${formatExcess(used - limit)} thousand`),
        citation: item.cap.citation,
      });
    }
  },
  remedy(model, finding, report) {
    for (const item of model.program.items) {
      const cap = item.cap;
      if (!cap) continue;
      const rows = model.rows.flatMap((r, i) => (r.item?.id === item.id ? [i] : []));
      if (rows.length === 0) continue;
      const loc = capLoc(model, item.id, cap.base);
      if (loc.cell !== finding.cell || loc.sheet !== finding.sheet) continue;
      const gov = rows.reduce((a, i) => a + model.rows[i].gov, ZERO);
      const self = rows.reduce((a, i) => a + model.rows[i].self, ZERO);
      const { num, den } = cap.ratio;
      // Reducing the item lowers the total, and with it the cap: (u − x)·d ≤ n·(T − x).
      const excess = model.toThousand(cap.base === 'gov' ? gov : gov + self) * den - num * model.grandTotalK;
      const reduceK = ceilThousands(excess, den - num);
      if (cap.base === 'gov') return subsidyRoutes(model, rows, reduceK, ceilThousands(excess, den), report, { zh: `${item.label}政府補助款`, en: `${item.en.charAt(0).toLowerCase()}${item.en.slice(1)} subsidy` });
      const amount = fromThousand(model, reduceK);
      const edits = reduceItem(model, rows, amount);
      return edits ? [{ advice: report.t(`將${item.label}減少 ${amountText(model, amount)}`, `Reduce ${item.en} by ${amountText(model, amount, 'en')}`), edits }] : [];
    }
    return [];
  },
};
