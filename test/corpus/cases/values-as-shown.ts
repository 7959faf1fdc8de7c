import { error, info, type CorpusCase } from '../case';
import { PROGRAM_TITLES } from '../compose';
import { patch } from '../workbook';
import { application, FACTORY_LINES, STAFF, UPGRADE_LINES, UPGRADE_LISTS } from './application';

/** The blank-total and percent rules must never fire on a value nobody knows, nor on the raw 元 behind a 千元 display. */
const NO_FALSE_MISMATCH = [{ rule: 'column-total-mismatch' }, { rule: 'row-total-mismatch' }, { rule: 'percent-mismatch' }, { rule: 'basic-info-mismatch' }];

/**
 * Values as the sheet shows them: amounts stored in 元 but shown in 千元 by a scaling number format, and files written
 * by scripts whose formulas carry no stored results (evaluated, or said once to be unknown).
 */
export const cases: CorpusCase[] = [
  {
    id: 'scaled-format-clean-registered-factory',
    category: 'scaled-formats',
    by: 'robust',
    about: 'The seed-004 納管工廠 budget typed in 元 (3,380,000) and shown in 千元 with #,##0, under 金額單位：千元: 補助款 1,500 千元, at the cap, not 1,500,000.',
    workbook: application({ title: PROGRAM_TITLES['registered-factory'], lines: FACTORY_LINES, target: 'lowcarbon', lists: STAFF, budgetOptions: { scaledFormat: '#,##0,' } }),
    expect: { exit: 0, program: 'registered-factory', findings: [], mustNot: [{ rule: 'gov-cap' }, { rule: 'unit-suspect' }, ...NO_FALSE_MISMATCH] },
  },
  {
    id: 'scaled-format-negative-section-upgrade',
    category: 'scaled-formats',
    by: 'robust',
    about: 'A 10人以上 budget in 元 shown with #,##0,;[Red](#,##0,) (a negative section, as accountants write it): read in 千元, clean.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES,
      lists: UPGRADE_LISTS,
      budgetOptions: { scaledFormat: '#,##0,;[Red](#,##0,)' },
    }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [info('commission-contract-required', '計畫內容!C20'), info('domestic-equipment-share', '計畫內容!D2')],
      mustNot: [{ rule: 'gov-cap' }, { rule: 'item-cap' }, { rule: 'unit-suspect' }, ...NO_FALSE_MISMATCH],
    },
  },
  {
    id: 'scaled-format-personnel-in-gov',
    category: 'scaled-formats',
    by: 'robust',
    about: 'Shown in 千元 with #,##0,, 人事費 holds 200 千元 (200,000 元) of 政府補助款: the self-only breach is found, with no false cap error beside it.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) => ('label' in l && l.label === '人事費' ? { ...l, gov: 200, self: 600 } : l)),
      lists: STAFF,
      budgetOptions: { scaledFormat: '#,##0,' },
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', '經費預算表!B8')], mustNot: [{ rule: 'gov-cap' }, ...NO_FALSE_MISMATCH] },
    // The fix moves 200,000 元 (shown 200) to 自籌款: written in 元, as the cells store them.
    applyFixes: true,
  },
  {
    id: 'uncached-formulas-clean-upgrade',
    category: 'uncached-formulas',
    by: 'robust',
    about: 'A clean 10人以上 budget written by a script: every 合計 and percentage is a formula without a stored result. They are computed (SUM, ROUND, IF), so nothing is blank and nothing is reported.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: UPGRADE_LISTS, budgetOptions: { totals: 'uncached' } }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [info('commission-contract-required', '計畫內容!C20'), info('domestic-equipment-share', '計畫內容!D2')],
      mustNot: [{ rule: 'no-cached-values' }, { rule: 'hardcoded-total' }, ...NO_FALSE_MISMATCH],
    },
  },
  {
    id: 'uncached-formulas-gov-over-cap',
    category: 'uncached-formulas',
    by: 'robust',
    about: 'A 納管工廠 budget from a script with 既有設備之改善費 at 1,400 / 400: the uncomputed 合計 row is computed, so 補助款 2,000 of 3,380 (59.2 %) is over both the 1,500 cap and half.',
    workbook: application({
      title: PROGRAM_TITLES['registered-factory'],
      lines: FACTORY_LINES.map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 1400, self: 400 } : l)),
      target: 'lowcarbon',
      lists: STAFF,
      budgetOptions: { totals: 'uncached' },
    }),
    expect: {
      exit: 1,
      program: 'registered-factory',
      findings: [error('gov-share', '經費預算表!B10'), error('gov-cap', '經費預算表!B10')],
      mustNot: NO_FALSE_MISMATCH,
    },
  },
  {
    id: 'uncached-formulas-cannot-compute',
    category: 'uncached-formulas',
    by: 'robust',
    about: 'A script wrote the 合計 row with SUMPRODUCT and no stored results: that cannot be computed here, so it is said once (no-cached-values) and never reported as a blank total.',
    workbook: patch(
      application({ title: PROGRAM_TITLES['registered-factory'], lines: FACTORY_LINES, target: 'lowcarbon', lists: STAFF, budgetOptions: { totals: 'uncached' } }),
      '經費預算表',
      { D10: { f: 'SUMPRODUCT(D4:D9)', fmt: '#,##0' } },
    ),
    expect: {
      exit: 0,
      program: 'registered-factory',
      findings: [info('no-cached-values', null, ['經費預算表!D10'])],
      mustNot: NO_FALSE_MISMATCH,
    },
  },
];
