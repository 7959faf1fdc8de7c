import { error, warning, type CorpusCase } from '../case';
import { PROGRAM_TITLES, type BudgetLine } from '../compose';
import { patch } from '../workbook';
import { application, STAFF, UPGRADE_LINES } from './application';

/**
 * Amounts typed as text (issue 9, "Nine text amounts gave nine identical warnings"): a table pasted from a word
 * processor, a full-width amount, and text that is no number. Totals are typed by hand, as in such tables.
 */

const asText = (v: number | string | null) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);
const allText: BudgetLine[] = UPGRADE_LINES.map((l) => ('label' in l ? { ...l, gov: asText(l.gov), self: asText(l.self) } : l));
const typed = { budgetOptions: { totals: 'typed' as const } };

export const cases: CorpusCase[] = [
  {
    id: 'text-amounts-pasted-table',
    category: 'text-amounts',
    by: 'statements',
    about: 'Every amount pasted as text ("1,200"): ten text cells are one slip, one warning listing them (not ten), and the sums are still checked.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: allText, lists: STAFF, ...typed }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('number-as-text', '經費預算表!B4', ['10', 'B4', 'C9'])] },
  },
  {
    id: 'text-amounts-one-full-width',
    category: 'text-amounts',
    by: 'statements',
    about: 'One amount typed with a full-width IME (１，２００): read as 1,200, one warning at its cell.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) => ('label' in l && l.label === '全新設備之購置費' ? { ...l, gov: '１，２００' } : l)),
      lists: STAFF,
      ...typed,
    }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('number-as-text', '經費預算表!B5')] },
  },
  {
    id: 'text-amounts-words-not-number',
    category: 'text-amounts',
    by: 'statements',
    about: '委託研究或驗證費 自籌款 typed as 約兩百 (no number), two other amounts as "1,200"-style text: an error for the word, one warning for the two.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) =>
        'label' in l && l.label === '委託研究或驗證費'
          ? { ...l, self: '約兩百' }
          : 'label' in l && l.label === '人事費'
            ? { ...l, self: '800' }
            : 'label' in l && l.label === '既有設備之改善費'
              ? { ...l, gov: '600' }
              : l,
      ),
      lists: STAFF,
      basic: null,
      ...typed,
    }),
    expect: {
      exit: 1,
      program: 'upgrade-10plus',
      findings: [error('not-a-number', '經費預算表!C7'), warning('number-as-text', '經費預算表!B6', ['B6', 'C8'])],
    },
  },
  {
    id: 'repeated-percent-slips-one-finding',
    category: 'fixes',
    by: 'statements',
    about:
      'Three 各科目補助比例 typed over by hand with rough figures (8.0, 42.0, 11.0 for 8.5, 42.4, 10.2): one percent-mismatch and one hardcoded-total, each listing the three cells; restoring the formulas or typing the right numbers fixes all three at once.',
    workbook: patch(application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: STAFF }), '經費預算表', {
      E4: { v: 8, fmt: '0.0' },
      E5: { v: 42, fmt: '0.0' },
      E7: { v: 11, fmt: '0.0' },
    }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('percent-mismatch', '經費預算表!E4', ['E4', 'E5', 'E7', '8.5', '42.4', '10.2']), warning('hardcoded-total', '經費預算表!E4', ['E4', 'E5', 'E7'])],
    },
    applyFixes: true,
  },
  {
    id: 'repeated-typed-over-totals-one-finding',
    category: 'fixes',
    by: 'statements',
    about: 'Two row totals typed over with the right numbers (2,500 and 1,200) in a table of formulas: nothing is wrong yet, but neither follows the amounts: one hardcoded-total listing D5 and D6.',
    workbook: patch(application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: STAFF }), '經費預算表', {
      D5: { v: 2500, fmt: '#,##0' },
      D6: { v: 1200, fmt: '#,##0' },
    }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('hardcoded-total', '經費預算表!D5', ['D5', 'D6', '2,500', '1,200'])] },
    applyFixes: true,
  },
];
