import { readLabel } from '../../../src/domain/labels';
import { error, info, warning, type CorpusCase } from '../case';
import { PROGRAM_TITLES, type BudgetLine } from '../compose';
import { application, STAFF, UPGRADE_LINES } from './application';

/**
 * The budget table model (issue 9, helper `model`): labels as people type them, subtotal layouts, long labels, the
 * empty table, and the limits whose fixes move with the total. Budget rows start at row 4 of 經費預算表.
 */

const TITLE = PROGRAM_TITLES['upgrade-10plus'];
const B = (a1: string) => `經費預算表!${a1}`;

/** UPGRADE_LINES (5,900 千元, 42.4 %) with its six labels replaced, in order. */
const relabel = (labels: string[]): BudgetLine[] =>
  UPGRADE_LINES.map((line, i) => ('label' in line ? { ...line, label: labels[i] } : line));

/** Six wordings per workbook, one for each item of the upgrade program, as applicants type them. */
const VARIANT_SETS: string[][] = [
  ['消耗性器材與原材料費', '全新設備購置費用', '既有設備改善費用', '委託研究/驗證費', '人事費用', '無形資產引進費用'],
  ['消耗性器材及原料費', '新設備購置費', '設備改善費', '委託研究、驗證費', '人事費(自籌)', '技術引進費'],
  ['耗材及原材料費', '設備購置費', '既有設備之改善費用', '委託研究與驗證費', '人事費（僅自籌）', '無形資產引進費（含軟體授權、專利技術移轉及顧問費用）'],
  ['1. 消耗性器材及原材料費', '(二)全新設備費', '三、既有設備改良費', '委託研究費', '人員費', '無形資產費'],
  ['※消耗性器材費', '全新設備之購買費', '現有設備改善費', '委託驗證費', '人事成本', '無形資產購置費'],
  ['消耗性器材及原材枓費', '全 新 設 備 之 購 置 費', '既有設備之改普費', '委託研究或驗証費', '人力費', '技術移轉費'],
];

const variantCases: CorpusCase[] = VARIANT_SETS.map((labels, n) => ({
  id: `label-variants-clean-${n + 1}`,
  category: 'label-variants',
  by: 'model',
  about: `A clean 42.4 % budget whose six items are typed as ${labels.join(' / ')}: each is read as its official item (info), none is unknown.`,
  workbook: application({ title: TITLE, lines: relabel(labels), lists: STAFF }),
  expect: {
    exit: 0,
    program: 'upgrade-10plus',
    findings: labels.flatMap((label, i) => (readLabel(label)?.how === 'official' ? [] : [info('item-label-variant', B(`A${4 + i}`))])),
    mustNot: [{ rule: 'unknown-item' }],
  },
}));

const withLine = (label: string, change: Partial<{ label: string; gov: number | null; self: number | null }>): BudgetLine[] =>
  UPGRADE_LINES.map((l) => ('label' in l && l.label === label ? { ...l, ...change } : l));

const breachCases: CorpusCase[] = [
  {
    id: 'label-variant-personnel-with-subsidy',
    category: 'label-variants',
    by: 'model',
    about: '人事費用 holds 500 of 政府補助款 (total 47.5 %): read as 人事費, it is self-only — an error, not a pass.',
    workbook: application({
      title: TITLE,
      lines: withLine('人事費', { label: '人事費用', gov: 500, self: 300 }).map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 400, self: 800 } : l)),
      lists: STAFF,
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', B('B8')), info('item-label-variant', B('A8'))] },
  },
  {
    id: 'label-variant-new-equipment-over-30',
    category: 'label-variants',
    by: 'model',
    about: '全新設備購置費用 with 1,880 of subsidy in a 5,900 total (31.9 %): read as 全新設備之購置費, over its 30 % cap.',
    workbook: application({ title: TITLE, lines: withLine('全新設備之購置費', { label: '全新設備購置費用', gov: 1880, self: 620 }), lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('item-cap', B('B5')), error('gov-share', B('B10')), info('item-label-variant', B('A5'))] },
  },
  {
    id: 'label-unknown-item-funded',
    category: 'label-variants',
    by: 'model',
    about: 'A 廣告費 row with 100 of subsidy: not an item of the program, so unknown (warning) and funded though unlisted (error).',
    workbook: application({ title: TITLE, lines: [...UPGRADE_LINES, { label: '廣告費', gov: 100, self: 100 }], lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [warning('unknown-item', B('A10')), error('unlisted-item-funded', B('B10'))] },
  },
  {
    id: 'label-unknown-item-self-funded',
    category: 'label-variants',
    by: 'model',
    about: 'A 雜支 row in 自籌款 only: unknown (warning), but the subsidy does not fund it, so no error.',
    workbook: application({ title: TITLE, lines: [...UPGRADE_LINES, { label: '雜支', gov: null, self: 100 }], lists: STAFF }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('unknown-item', B('A10'))] },
  },
];

/** The four capital items, then a subtotal line, then the self-funded items. */
const subtotalLines = (word: string, personnelGov: number | null = null): BudgetLine[] => [
  ...UPGRADE_LINES.slice(0, 4),
  { subtotal: word },
  ...UPGRADE_LINES.slice(4).map((l) => ('label' in l && l.label === '人事費' ? { ...l, gov: personnelGov } : l)),
];

const subtotalCases: CorpusCase[] = [
  ...['小計', '小　計', '合計(一)', '資本支出小計'].map((word, n): CorpusCase => ({
    id: `subtotal-clean-${n + 1}`,
    category: 'subtotals',
    by: 'model',
    about: `A clean 42.4 % budget with a ${word} row after the four capital items: the rows below it and the real 合計 are read; no false share or percent finding.`,
    workbook: application({ title: TITLE, lines: subtotalLines(word), lists: STAFF }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'percent-mismatch' }, { rule: 'unread-row' }, { rule: 'gov-share' }] },
  })),
  {
    id: 'subtotal-personnel-subsidy-below',
    category: 'subtotals',
    by: 'model',
    about: '人事費 with 200 of subsidy below the 小計 (45.8 %): the self-only breach is found, though it sits under a 小計.',
    workbook: application({ title: TITLE, lines: subtotalLines('小計', 200), lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', B('B9'))] },
  },
  {
    id: 'subtotal-double-counted',
    category: 'subtotals',
    by: 'model',
    about: 'The 合計 row adds the 小計 row as well as the items above it: each of its three amounts counts the subtotal twice.',
    workbook: application({ title: TITLE, lines: subtotalLines('小計'), budgetOptions: { totalCountsSubtotals: true }, lists: STAFF }),
    expect: {
      exit: 1,
      program: 'upgrade-10plus',
      findings: [error('subtotal-double-counted', B('B11')), error('subtotal-double-counted', B('C11')), error('subtotal-double-counted', B('D11'))],
      mustNot: [{ rule: 'column-total-mismatch' }],
    },
  },
  {
    id: 'subtotal-two-groups',
    category: 'subtotals',
    by: 'model',
    about: 'Two groups, each with its 小計 (資本支出 / 其他), then 合計: both subtotals are sums, nothing is counted twice.',
    workbook: application({ title: TITLE, lines: [...UPGRADE_LINES.slice(0, 4), { subtotal: '小計' }, ...UPGRADE_LINES.slice(4), { subtotal: '小計' }], lists: STAFF }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [] },
  },
];

const LONG = '無形資產引進費（含軟體授權、專利技術移轉及顧問費用）';
const longLabelCases: CorpusCase[] = [
  {
    id: 'long-label-then-self-only-breach',
    category: 'long-labels',
    by: 'model',
    about: `${LONG} is the fifth row; 人事費 below it holds 200 of subsidy: the rows after the long label, 合計 included, are checked.`,
    workbook: application({
      title: TITLE,
      lines: [UPGRADE_LINES[0], UPGRADE_LINES[1], UPGRADE_LINES[2], UPGRADE_LINES[3], { label: LONG, gov: null, self: 300 }, { label: '人事費', gov: 200, self: 600 }],
      lists: STAFF,
    }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', B('B9')), info('item-label-variant', B('A8'))] },
  },
  {
    id: 'long-label-with-subsidy',
    category: 'long-labels',
    by: 'model',
    about: `${LONG} holds 100 of subsidy: read as 無形資產引進費, a self-only item.`,
    workbook: application({ title: TITLE, lines: withLine('無形資產引進費', { label: LONG, gov: 100, self: 200 }), lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('self-only-item', B('B9')), info('item-label-variant', B('A9'))] },
  },
  {
    id: 'heading-and-blank-inside-table',
    category: 'long-labels',
    by: 'model',
    about: 'Group headings (一、資本支出 / 二、其他費用) and a blank line inside the table: nothing ends it before 合計.',
    workbook: application({
      title: TITLE,
      lines: [{ heading: '一、資本支出' }, ...UPGRADE_LINES.slice(0, 4), { blank: true }, { heading: '二、其他費用（自籌）' }, ...UPGRADE_LINES.slice(4)],
      lists: STAFF,
    }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [], mustNot: [{ rule: 'column-total-mismatch' }, { rule: 'percent-mismatch' }] },
  },
];

const emptyCases: CorpusCase[] = [
  {
    id: 'empty-table',
    category: 'empty-table',
    by: 'model',
    about: 'The official table with every amount blank: nothing to check, which is itself worth a warning.',
    workbook: application({ title: TITLE, lines: UPGRADE_LINES.map((l) => ('label' in l ? { ...l, gov: null, self: null } : l)), basic: null }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: [warning('empty-budget', B('A10'))] },
  },
];

const fixCases: CorpusCase[] = [
  {
    id: 'fix-new-equipment-cap-moves-with-total',
    category: 'fixes',
    by: 'model',
    about: '全新設備之購置費 subsidy 1,875 in a 5,900 total: 105 over 30 % (1,770). Reducing it lowers the total, so the fix is 150 (or move 105 to 自籌款).',
    workbook: application({ title: TITLE, lines: withLine('全新設備之購置費', { gov: 1875, self: 625 }).map((l) => ('label' in l && l.label === '既有設備之改善費' ? { ...l, gov: 0, self: 1200 } : l)), lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('item-cap', B('B5'))] },
    applyFixes: true,
  },
  {
    id: 'fix-gov-share-over-half',
    category: 'fixes',
    by: 'model',
    about: 'Subsidy 3,100 of 5,900 (52.5 %): moving 150 to 自籌款 or reducing it by 300 both bring it to half.',
    workbook: application({ title: TITLE, lines: withLine('既有設備之改善費', { gov: 1200, self: 0 }), lists: STAFF }),
    expect: { exit: 1, program: 'upgrade-10plus', findings: [error('gov-share', B('B10'))] },
    applyFixes: true,
  },
];

export const cases: CorpusCase[] = [...variantCases, ...breachCases, ...subtotalCases, ...longLabelCases, ...emptyCases, ...fixCases];
