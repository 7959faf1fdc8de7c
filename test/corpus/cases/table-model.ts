import { error, info, warning, type CorpusCase } from '../case';
import { PROGRAM_TITLES, type BudgetLine } from '../compose';
import { patch } from '../workbook';
import { application, STAFF, UPGRADE_LINES, type ApplicationSpec } from './application';

/**
 * The table model (issue 9, Deliver 1), beside model.ts: an unlabelled subtotal, a wrong subtotal, long labels (one
 * unknown and holding amounts), and a table of typed zeros. Row numbers: the header is row 3, lines from row 4 (see compose.ts).
 */

const [consumables, newEquipment, improvement, commission, personnel, intangible] = UPGRADE_LINES;
const upgrade = (lines: BudgetLine[], more: Partial<ApplicationSpec> = {}) =>
  application({ title: PROGRAM_TITLES['upgrade-10plus'], lines, lists: STAFF, ...more });

/** Two groups with a 小計 each: rows 4–7 items, 8 小計, 9–10 items, 11 小計, 12 合計. */
const GROUPED: BudgetLine[] = [consumables, newEquipment, improvement, commission, { subtotal: '小計' }, personnel, intangible, { subtotal: '小計' }];

export const cases: CorpusCase[] = [
  {
    id: 'subtotals-unlabelled-sum-row',
    category: 'subtotals',
    by: 'statements',
    about: 'A row without label whose amounts are the sum of the four rows above it: a subtotal, not an item or an unread row.',
    workbook: upgrade([consumables, newEquipment, improvement, commission, { subtotal: '' }, personnel, intangible]),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'unread-row' }] },
  },
  {
    id: 'subtotals-wrong-subtotal',
    category: 'subtotals',
    by: 'statements',
    about: 'The first 小計\'s 政府補助款 typed as 2,400 (its rows add up to 2,500): the subtotal is checked as a sum.',
    workbook: patch(upgrade(GROUPED, { budgetOptions: { totals: 'typed' } }), '經費預算表', { B8: { v: 2400, fmt: '#,##0' } }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('column-total-mismatch', '經費預算表!B8')] },
  },
  {
    id: 'long-label-total-still-checked',
    category: 'long-labels',
    by: 'statements',
    about: 'A long label mid-table and a 合計 typed wrong (政府補助款 2,400 for 2,500): the 合計 below the long label is still checked.',
    workbook: patch(
      upgrade([consumables, { ...newEquipment, label: '全新設備之購置費（含安裝、試車及教育訓練，詳見設備購置規劃表）' }, improvement, commission, personnel, intangible], { budgetOptions: { totals: 'typed' } }),
      '經費預算表',
      { B10: { v: 2400, fmt: '#,##0' } },
    ),
    expect: {
      exit: 1,
      program: 'upgrade-10plus',
      findings: [error('column-total-mismatch', '經費預算表!B10'), info('item-label-variant', '經費預算表!A5')],
    },
  },
  {
    id: 'long-label-unknown-then-rows',
    category: 'long-labels',
    by: 'statements',
    about: 'A long unknown row (其他費用…) in 自籌款 between items: one unknown-item warning, the rows after it read as usual.',
    workbook: upgrade([consumables, newEquipment, { label: '其他費用（含雜支、郵電、文具及印刷等行政費用，依實際支出核銷）', gov: null, self: 100 }, improvement, commission, personnel, intangible]),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('unknown-item', '經費預算表!A6')] },
  },
  {
    id: 'empty-all-zero',
    category: 'empty-table',
    by: 'statements',
    about: 'Every amount typed as 0 (passed silently before).',
    workbook: upgrade(
      UPGRADE_LINES.map((l) => ('label' in l ? { ...l, gov: 0, self: 0 } : l)),
      { basic: null, lists: undefined, budgetOptions: { totals: 'typed' } },
    ),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('empty-budget', '經費預算表!A10')] },
  },
];
