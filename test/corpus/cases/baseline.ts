import { error, info, type CorpusCase } from '../case';
import { PROGRAM_TITLES } from '../compose';
import { patch } from '../workbook';
import { application, CHAIN_LINES, FACTORY_LINES, STAFF, UPGRADE_LINES, UPGRADE_LISTS } from './application';

/** Whole applications, clean and with the slips reviewers meet most, as the baseline every other category varies. */
export const cases: CorpusCase[] = [
  {
    id: 'baseline-clean-upgrade-10plus',
    category: 'baseline',
    by: 'statements',
    about: 'A complete 10人以上 application: cover, 基本資料, budget (42.4 % subsidy), lists that agree. Nothing to report but advice.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: UPGRADE_LISTS }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [info('commission-contract-required', '計畫內容!C20'), info('domestic-equipment-share', '計畫內容!D2')],
    },
  },
  {
    id: 'baseline-clean-registered-factory',
    category: 'baseline',
    by: 'statements',
    about: 'The seed-004 納管工廠 budget with its percentages right, under a 納管工廠 cover.',
    workbook: application({ title: PROGRAM_TITLES['registered-factory'], lines: FACTORY_LINES, target: 'lowcarbon', lists: STAFF }),
    expect: { exit: 0, program: 'registered-factory', findings: [] },
  },
  {
    id: 'baseline-clean-chain-lowcarbon',
    category: 'baseline',
    by: 'statements',
    about: '以大帶小 低碳化 (1+10): 14,400 千元, 國內差旅費 in 自籌款.',
    workbook: application({ title: PROGRAM_TITLES['chain-lowcarbon'], lines: CHAIN_LINES, target: 'lowcarbon', lists: STAFF }),
    expect: { exit: 0, program: 'chain-lowcarbon', findings: [] },
  },
  {
    id: 'baseline-personnel-in-gov',
    category: 'baseline',
    by: 'statements',
    about: '人事費 has 200 of 政府補助款 (total 45.8 %, within half): self-only breach at its 政府補助款 cell; 基本資料 was typed from the same table.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) => ('label' in l && l.label === '人事費' ? { ...l, gov: 200, self: 600 } : l)),
      lists: STAFF,
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', '經費預算表!B8')] },
  },
  {
    id: 'baseline-gov-share-over-half',
    category: 'baseline',
    by: 'statements',
    about: '既有設備之改善費 all in 政府補助款: 補助款 3,300 of 6,100 (54.1 %), over half of the total.',
    workbook: application({
      title: PROGRAM_TITLES['upgrade-10plus'],
      lines: UPGRADE_LINES.map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 1400, self: 0 } : l)),
      lists: STAFF,
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('gov-share', '經費預算表!B10')] },
  },
  {
    id: 'baseline-typed-over-total',
    category: 'baseline',
    by: 'statements',
    about: 'The 既有設備之改善費 合計 formula was typed over with 1,000 (gov + self = 1,200).',
    workbook: patch(application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: UPGRADE_LINES, lists: STAFF }), '經費預算表', { D6: { v: 1000, fmt: '#,##0' } }),
    expect: {
      exit: 1,
      program: 'upgrade-10plus',
      // The typed 1,000 also leaves the 合計 column adding up to 5,700 against the 5,900 shown under it. The typed
      // constant in D6 is the wrong total's own slip: one finding there (hardcoded-total merged into the error).
      findings: [error('row-total-mismatch', '經費預算表!D6'), error('column-total-mismatch', '經費預算表!D10')],
      mustNot: [{ rule: 'hardcoded-total', at: '經費預算表!D6' }],
    },
  },
];
