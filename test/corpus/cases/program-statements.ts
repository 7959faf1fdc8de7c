import { SETTING_KEYS } from '../../../src/sheet/grid';
import { error, info, warning, type CorpusCase } from '../case';
import { PROGRAM_TITLES, type BudgetLine } from '../compose';
import { patch } from '../workbook';
import { application, CHAIN_LINES, FACTORY_LINES, STAFF, UPGRADE_LINES } from './application';

/**
 * Program: statements beat guesses (issue 9, Deliver 3). --program, then what the workbook says (cover title, 基本資料,
 * a ticked box, the template's notes), then the stored setting (issue 25), and only then what its items suggest. Where sources
 * disagree, program-conflict (warning) at the statement's cell names both and says which was used.
 */

/** The issue's own example: 7,900 千元, 補助款 3,600 (45.6 %), one 基礎工程施工費 row in 自籌款. */
const WITH_FOUNDATION: BudgetLine[] = [
  { label: '消耗性器材及原材料費', gov: 600, self: 400 },
  { label: '全新設備之購置費', gov: 1500, self: 1500 },
  { label: '既有設備之改善費', gov: 1000, self: 1000 },
  { label: '委託研究或驗證費', gov: 500, self: 300 },
  { label: '人事費', gov: null, self: 800 },
  { label: '基礎工程施工費', gov: null, self: 300 },
];

/** 7,300 千元, 補助款 3,200 (43.8 %): within 10人以上's 5,000 cap, over 9人以下's 3,000. */
const GOV_3200: BudgetLine[] = UPGRADE_LINES.map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 1300, self: 1300 } : l));

/** 以大帶小 at three times CHAIN_LINES: 43,200 千元, 補助款 21,000 (48.6 %): over 智慧化's 20,000, within 低碳化's 30,000. */
const CHAIN_21000: BudgetLine[] = CHAIN_LINES.map((l) =>
  'label' in l ? { ...l, gov: typeof l.gov === 'number' ? l.gov * 3 : l.gov, self: typeof l.self === 'number' ? l.self * 3 : l.self } : l,
);

const UNDER10_NOTES = ['註1：全新設備之購置費以總經費30%為上限', '註2：委託研究或驗證費以總經費40%為上限', '註3：政府補助款不得超過總經費50%，且以300萬元為上限'];

export const cases: CorpusCase[] = [
  {
    id: 'program-cover-10plus-with-foundation-row',
    category: 'program-statements',
    by: 'statements',
    about:
      'The issue\'s example: the cover says 製造業10人以上, one 基礎工程施工費 row (a 納管工廠 item) in 自籌款. Checked as 10人以上 (no 1,500 cap), the contradiction a warning at the cover title, the row an unknown item.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: WITH_FOUNDATION, lists: STAFF }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('program-conflict', '封面!A2', ['upgrade-10plus', 'registered-factory', '基礎工程施工費']), warning('unknown-item', '經費預算表!A9')],
      mustNot: [{ rule: 'gov-cap' }],
    },
  },
  {
    id: 'program-cover-factory-over-cap',
    category: 'program-statements',
    by: 'statements',
    about: '納管工廠 cover and items agree; 補助款 1,600 is over the 1,500 cap.',
    workbook: application({
      title: PROGRAM_TITLES['registered-factory'],
      lines: FACTORY_LINES.map((l) => ('label' in l && l.label === '消耗性器材及原材料費' ? { ...l, gov: 340 } : l)),
      target: 'lowcarbon',
      lists: STAFF,
    }),
    expect: { exit: 1, program: 'registered-factory', findings: [error('gov-cap', '經費預算表!B10')], mustNot: [{ rule: 'program-conflict' }] },
  },
  {
    id: 'program-cover-under10-over-cap',
    category: 'program-statements',
    by: 'statements',
    about: 'The cover says 製造業9人以下; 補助款 3,200 breaks its 3,000 cap. The items fit both 升級轉型 programs: no conflict.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-under10'], lines: GOV_3200, lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-under10', findings: [error('gov-cap', '經費預算表!B10')], mustNot: [{ rule: 'program-conflict' }] },
  },
  {
    id: 'program-option-beats-cover',
    category: 'program-statements',
    by: 'statements',
    about: '--program upgrade-10plus on a workbook whose cover says 9人以下: the option is used, the cover named in a warning.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-under10'], lines: GOV_3200, lists: STAFF }),
    args: ['--program', 'upgrade-10plus'],
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('program-conflict', '封面!A2', ['upgrade-under10', 'upgrade-10plus'])],
      mustNot: [{ rule: 'gov-cap' }],
    },
  },
  {
    id: 'program-cover-beats-setting',
    category: 'program-statements',
    by: 'statements',
    about:
      'The workbook stores 9人以下 as a setting (invisible in Excel), the cover says 10人以上: the cover is followed (issue 25: a setting cannot change which limits apply), the setting named in a warning at the cover.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: GOV_3200, lists: STAFF, settings: { [SETTING_KEYS.program]: 'upgrade-under10' } }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('setting-conflict', '封面!A2', ['upgrade-under10', 'upgrade-10plus'])],
      mustNot: [{ rule: 'gov-cap' }, { rule: 'program-conflict' }],
    },
  },
  {
    id: 'program-setting-agrees-with-cover',
    category: 'program-statements',
    by: 'statements',
    about: 'Stored setting chain-smart and a 以大帶小智慧化 cover agree: no conflict, no error.',
    workbook: application({ title: PROGRAM_TITLES['chain-smart'], lines: CHAIN_LINES, lists: STAFF, settings: { [SETTING_KEYS.program]: 'chain-smart' } }),
    expect: { exit: 0, program: 'chain-smart', findings: [], mustNot: [{ rule: 'program-conflict' }] },
  },
  {
    id: 'program-ticked-10plus-among-options',
    category: 'program-statements',
    by: 'statements',
    about:
      'No cover; 基本資料 lists every 申請類別 and ticks 製造業10人以上 (□9人以下 stays unticked). 補助款 3,200 is within its 5,000 cap: the unticked 9人以下 must not be read as the program.',
    workbook: application({ title: null, lines: GOV_3200, lists: STAFF, basicProgram: '□製造業9人以下　■製造業10人以上　□製造業以大帶小' }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'gov-cap' }, { rule: 'program-assumed' }] },
  },
  {
    id: 'program-ticked-under10',
    category: 'program-statements',
    by: 'statements',
    about: 'No cover; 基本資料 ticks ☑製造業9人以下: 補助款 3,200 is over its 3,000 cap.',
    workbook: application({ title: null, lines: GOV_3200, lists: STAFF, basicProgram: '☑製造業9人以下　□製造業10人以上' }),
    expect: { exit: 1, program: 'upgrade-under10', findings: [error('gov-cap', '經費預算表!B10')] },
  },
  {
    id: 'program-cover-vs-basic-info',
    category: 'program-statements',
    by: 'statements',
    about: 'The cover says 10人以上, 基本資料 ticks 9人以下: the cover is used, and the tick that disagrees is where the warning points.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: GOV_3200, lists: STAFF, basicProgram: '■製造業9人以下　□製造業10人以上' }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('program-conflict', '基本資料!B8', ['upgrade-under10', 'upgrade-10plus'])],
      mustNot: [{ rule: 'gov-cap' }],
    },
  },
  {
    id: 'program-template-notes-under10',
    category: 'program-statements',
    by: 'statements',
    about: 'Nothing but the 9人以下 template\'s own notes (…以300萬元為上限) names the program: 補助款 3,200 is over its cap.',
    workbook: application({ title: null, lines: GOV_3200, lists: STAFF, budgetOptions: { notes: UNDER10_NOTES } }),
    expect: { exit: 1, program: 'upgrade-under10', findings: [error('gov-cap', '經費預算表!B10')] },
  },
  {
    id: 'program-cover-beats-template-notes',
    category: 'program-statements',
    by: 'statements',
    about: 'A 10人以上 cover over a budget copied from the 9人以下 template (its notes say 300萬): the cover is used; the note is named in a warning.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: GOV_3200, lists: STAFF, budgetOptions: { notes: UNDER10_NOTES } }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('program-conflict', '經費預算表!A14', ['upgrade-under10', 'upgrade-10plus'])],
      mustNot: [{ rule: 'gov-cap' }],
    },
  },
  {
    id: 'program-items-only-foundation',
    category: 'program-statements',
    by: 'statements',
    about: 'No statement anywhere; the 基礎工程施工費 row points to 納管工廠, which is used (1,500 cap respected).',
    workbook: application({ title: null, lines: FACTORY_LINES, lists: STAFF }),
    expect: { exit: 0, program: 'registered-factory', findings: [], mustNot: [{ rule: 'program-conflict' }, { rule: 'program-assumed' }] },
  },
  {
    id: 'program-nothing-said',
    category: 'program-statements',
    by: 'statements',
    about: 'No statement and no telling item: checked as 10人以上, saying so (program-assumed).',
    workbook: application({ title: null, lines: UPGRADE_LINES, lists: STAFF }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [info('program-assumed', null)] },
  },
  {
    id: 'program-chain-cover-target-ticked',
    category: 'program-statements',
    by: 'statements',
    about: 'The cover says only 製造業以大帶小; 基本資料 ticks ■智慧化, so it is 以大帶小智慧化 (1+4): 補助款 21,000 is over its 20,000 cap.',
    workbook: application({ title: '經濟部 製造業以大帶小轉型補助計畫 申請計畫書', lines: CHAIN_21000, lists: STAFF, target: 'smart' }),
    expect: { exit: 1, program: 'chain-smart', findings: [error('gov-cap', '經費預算表!B10')] },
  },
  {
    id: 'program-cover-10plus-with-travel-row',
    category: 'program-statements',
    by: 'statements',
    about: 'A 10人以上 cover with a 國內差旅費 row (an 以大帶小 item): checked as 10人以上, the conflict and the unknown item both reported.',
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines: [...UPGRADE_LINES, { label: '國內差旅費', gov: null, self: 100 }], lists: STAFF }),
    expect: {
      exit: 0,
      program: 'upgrade-10plus',
      findings: [warning('program-conflict', '封面!A2', ['upgrade-10plus', '國內差旅費']), warning('unknown-item', '經費預算表!A10')],
    },
  },
  {
    id: 'program-cover-factory-with-intangible-row',
    category: 'program-statements',
    by: 'statements',
    about: 'A 納管工廠 cover with a 無形資產引進費 row, which 納管工廠 does not list: checked as 納管工廠, with both warnings.',
    workbook: application({
      title: PROGRAM_TITLES['registered-factory'],
      lines: [...FACTORY_LINES, { label: '無形資產引進費', gov: null, self: 120 }],
      lists: STAFF,
      target: 'lowcarbon',
    }),
    expect: {
      exit: 0,
      program: 'registered-factory',
      findings: [warning('program-conflict', '封面!A2', ['registered-factory', '無形資產引進費']), warning('unknown-item', '經費預算表!A10')],
    },
  },
  {
    id: 'program-basic-info-title-under10',
    category: 'program-statements',
    by: 'statements',
    about: 'No cover; the 基本資料 sheet\'s title names 升級轉型（製造業9人以下）: 補助款 3,200 is over its cap.',
    workbook: patch(application({ title: null, lines: GOV_3200, lists: STAFF }), '基本資料', { A1: '中小企業升級轉型補助計畫（製造業9人以下）基本資料暨同意聲明' }),
    expect: { exit: 1, program: 'upgrade-under10', findings: [error('gov-cap', '經費預算表!B10')] },
  },
];
