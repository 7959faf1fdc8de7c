import { error, type CorpusCase } from '../case';
import { PROGRAM_TITLES, type BasicInfoLayout } from '../compose';
import { patch, type WorkbookSpec } from '../workbook';
import { application, STAFF, UPGRADE_LINES, type ApplicationSpec } from './application';

/**
 * 基本資料 in any layout (issue 9, Deliver 4): 申請總經費, 補助款, 自籌款 and their percentages each compared with the
 * budget table (5,900 千元; 補助款 2,500 = 42.4 %; 自籌款 3,400 = 57.6 %), a mismatch reported at the cell holding it.
 */

const upgrade = (basic: BasicInfoLayout, more: Partial<ApplicationSpec> = {}): WorkbookSpec =>
  application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: STAFF, basic, ...more });

const clean = (layout: BasicInfoLayout, about: string): CorpusCase => ({
  id: `basic-${layout}-agrees`,
  category: 'basic-info',
  by: 'statements',
  about,
  workbook: upgrade(layout),
  expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'basic-info-mismatch' }] },
});

const wrong = (id: string, about: string, workbook: WorkbookSpec, at: string[]): CorpusCase => ({
  id,
  category: 'basic-info',
  by: 'statements',
  about,
  workbook,
  expect: { exit: 1, program: 'upgrade-10plus', findings: at.map((cell) => error('basic-info-mismatch', `基本資料!${cell}`)) },
});

/**
 * A budget over half (補助款 3,100 of 5,900 = 52.5 %) with 基本資料 typed by hand in agreement: every fix of the table
 * must carry 基本資料 along (its amounts and percentages rewritten in their own form), or applying it would trade the
 * gov-share error for a basic-info-mismatch.
 */
const OVER_HALF = UPGRADE_LINES.map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 1200, self: 0 } : l));
const followsFix = (id: string, about: string, workbook: WorkbookSpec): CorpusCase => ({
  id,
  category: 'fixes',
  by: 'statements',
  about,
  workbook,
  expect: { exit: 1, program: 'upgrade-10plus', findings: [error('gov-share', '經費預算表!B10')], mustNot: [{ rule: 'basic-info-mismatch' }] },
  applyFixes: true,
});
const overHalf = (basic: BasicInfoLayout) => upgrade(basic, { lines: OVER_HALF });

const fixCases: CorpusCase[] = [
  ...(['same-row', 'vertical', 'label-above', 'form-labels', 'in-cell'] as const).map((layout) =>
    followsFix(`basic-${layout}-follows-fix`, `基本資料 (${layout}) typed by hand, agreeing with an over-half budget: each fix rewrites it too.`, overHalf(layout)),
  ),
  followsFix(
    'basic-percent-fractions-follow-fix',
    'The percentages stored as fractions in 0.0% cells (0.525, 0.475): a fix writes fractions again.',
    patch(overHalf('form-labels'), '基本資料', { C11: { v: 0.525, fmt: '0.0%' }, C12: { v: 0.475, fmt: '0.0%' } }),
  ),
  followsFix(
    'basic-full-width-text-follows-fix',
    'Amounts typed as full-width text (３，１００ / ２，８００): a fix writes full-width text with separators again.',
    patch(overHalf('vertical'), '基本資料', { B11: '３，１００', B12: '２，８００' }),
  ),
  followsFix(
    'basic-total-in-yuan-follows-fix',
    '申請總經費 typed in 元 inside its label (5,900,000元): a reducing fix rewrites it in 元.',
    patch(overHalf('in-cell'), '基本資料', { A10: '申請總經費：5,900,000元' }),
  ),
];

export const cases: CorpusCase[] = [
  ...fixCases,
  clean('same-row', 'The form filled on one row: 申請總經費 | 5,900 | 千元 | 補助款 | 2,500 | 千元(42.4%) | 自籌款 | 3,400 | 千元(57.6%).'),
  clean('vertical', 'One field per row: label, amount, 千元, percentage.'),
  clean('label-above', "The form's labels (申請總經費 千元 | 補助款 千元(%) | 自籌款 千元(%)) with the amounts below and the percentages under them."),
  clean('form-labels', "The form's labels in column A, amounts in B, percentages as numbers in C."),
  clean('in-cell', 'Each value typed into its label cell: 補助款：2,500千元（42.4%）.'),
  wrong('basic-same-row-gov-amount-wrong', '補助款 says 2,600 on the same row; the budget gives 2,500.', upgrade('same-row', { basicSays: { gov: 2600 } }), ['E10']),
  wrong('basic-same-row-gov-percent-wrong', 'Amounts right; the 補助款 percentage says 45.0 % in F10 (the budget gives 42.4 %).', upgrade('same-row', { basicSays: { govPct: 45 } }), ['F10']),
  wrong('basic-vertical-self-amount-wrong', '自籌款 3,300 on its own row; the budget gives 3,400.', upgrade('vertical', { basicSays: { self: 3300 } }), ['B12']),
  wrong('basic-vertical-self-percent-wrong', 'The 自籌款 percentage in D12 says 56.6 %; the budget gives 57.6 %.', upgrade('vertical', { basicSays: { selfPct: 56.6 } }), ['D12']),
  wrong('basic-label-above-total-wrong', '申請總經費 5,800 under its label; the budget gives 5,900.', upgrade('label-above', { basicSays: { total: 5800 } }), ['A11']),
  wrong('basic-label-above-gov-percent-wrong', 'The 補助款 percentage under the amount says (40.0%).', upgrade('label-above', { basicSays: { govPct: 40 } }), ['B12']),
  wrong('basic-form-labels-gov-text-wrong', '補助款 typed as text "2,400" beside 補助款 千元(%); the budget gives 2,500.', upgrade('form-labels', { basicSays: { gov: '2,400' } }), ['B11']),
  wrong('basic-form-labels-self-percent-wrong', 'The 自籌款 percentage 60 beside its amount; the budget gives 57.6.', upgrade('form-labels', { basicSays: { selfPct: 60 } }), ['C12']),
  wrong('basic-in-cell-gov-wrong', '補助款：2,000千元（42.4%） typed in one cell; the budget gives 2,500.', upgrade('in-cell', { basicSays: { gov: 2000 } }), ['A11']),
  wrong(
    'basic-same-row-every-field-wrong',
    'Copied from last year\'s application: all three amounts and both percentages differ; each is reported where it stands.',
    upgrade('same-row', { basicSays: { total: 6000, gov: 2800, self: 3200, govPct: 46.7, selfPct: 53.3 } }),
    ['B10', 'E10', 'F10', 'H10', 'I10'],
  ),
  {
    id: 'basic-in-cell-total-in-yuan',
    category: 'basic-info',
    by: 'statements',
    about: '申請總經費 typed in 元 ("5,900,000元") is the same 5,900 千元: nothing to report.',
    workbook: patch(upgrade('in-cell'), '基本資料', { A10: '申請總經費：5,900,000元' }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'basic-info-mismatch' }] },
  },
  {
    id: 'basic-percent-formatted-cells',
    category: 'basic-info',
    by: 'statements',
    about: 'Percentages stored as fractions with a 0.0% format: 42.4 % agrees, the 自籌款 60.0 % does not.',
    workbook: patch(upgrade('form-labels'), '基本資料', { C11: { v: 0.424, fmt: '0.0%' }, C12: { v: 0.6, fmt: '0.0%' } }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('basic-info-mismatch', '基本資料!C12')] },
  },
  {
    id: 'basic-spaced-labels-full-width',
    category: 'basic-info',
    by: 'statements',
    about: 'Labels spread with spaces (申 請 總 經 費) and full-width text amounts (２，５００): read the same, all agree.',
    workbook: patch(upgrade('vertical'), '基本資料', { A10: '申 請 總 經 費', A11: '補　助　款', A12: '自 籌 款', B11: '２，５００', B12: '３，４００' }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'basic-info-mismatch' }] },
  },
  {
    id: 'basic-agrees-with-a-wrong-budget',
    category: 'basic-info',
    by: 'statements',
    about: '基本資料 agrees with a budget whose 補助款 is over half (54.1 %): the budget error only, not a mismatch.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 1400, self: 0 } : l)),
      lists: STAFF,
      basic: 'vertical',
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('gov-share', '經費預算表!B10')], mustNot: [{ rule: 'basic-info-mismatch' }] },
  },
];
