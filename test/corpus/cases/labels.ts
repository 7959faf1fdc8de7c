import { info, type CorpusCase, type Expected } from '../case';
import { PROGRAM_TITLES, type BudgetLine } from '../compose';
import { application, STAFF, UPGRADE_LINES } from './application';

/**
 * Labels as people write them (issue 9, Deliver 2): the 升級轉型 budget of `UPGRADE_LINES` (5,900 千元, 42.4 %) with
 * each row's label replaced by a wording applicants use. Every variant keeps its item's rules and is noted as
 * item-label-variant (info) at its label; none is an unknown item. Seven workbooks of wordings beside those in
 * model.ts (its breach cases show the variants keep their item's rules).
 */

const ITEMS = UPGRADE_LINES.filter((l): l is Extract<BudgetLine, { label: string }> => 'label' in l);

/**
 * The six items in order, under these labels. A changed wording gets item-label-variant; the official wording, or the
 * official wording with only numbering, marks or spaces added (`sameWording`, by index), gets none.
 */
function relabelled(id: string, labels: string[], about: string, sameWording: number[] = []): CorpusCase {
  const lines = ITEMS.map((line, i) => ({ ...line, label: labels[i] }));
  const variants: Expected[] = labels.flatMap((label, i) =>
    label === ITEMS[i].label || sameWording.includes(i) ? [] : [info('item-label-variant', `經費預算表!A${4 + i}`)],
  );
  return {
    id,
    category: 'label-variants',
    by: 'statements',
    about,
    workbook: application({ title: PROGRAM_TITLES['upgrade-10plus'], lines, lists: STAFF }),
    expect: { exit: 0, program: 'upgrade-10plus', findings: variants, mustNot: [{ rule: 'unknown-item' }, { rule: 'unlisted-item-funded' }] },
  };
}

export const cases: CorpusCase[] = [
  relabelled('labels-fee-suffix', ['消耗性器材及原材料費用', '全新設備購置費用', '既有設備改善費用', '委託研究或驗證費用', '人事費用', '無形資產引進費用'], 'Every item with 費用 for 費 (and 之 left out).'),
  relabelled('labels-separators', ['消耗性器材與原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究/驗證費', '人事費(自籌)', '無形資產引進費（僅自籌）'], 'Separators 與 and /, and the notes (自籌) / （僅自籌） after self-only items.'),
  relabelled('labels-enumeration-comma', ['消耗性器材、原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究、驗證費', '人事費（僅自籌）', '無形資產引進費'], 'The enumeration comma 、 for 及 / 或.'),
  relabelled('labels-shortened', ['耗材及原材料費', '新設備購置費', '設備改善費', '委託研究費', '人員費', '技術引進費'], 'Shortened forms reviewers read at a glance.'),
  relabelled('labels-near-forms', ['消耗性器材及原料費', '設備購置費', '既有設備改良費', '委託驗證費', '人事成本', '無形資產費'], 'Near wordings: 原料, 改良, 成本.'),
  relabelled('labels-numbered-marked', ['(一)消耗性器材及原材料費', '2.全新設備之購置費', '※既有設備之改善費', '四、委託研究與驗證費', '＊人事費', '6. 無形資產引進費'], 'Numbering and marks in front of the official names (their wording unchanged, except 與 for 或).', [0, 1, 2, 4, 5]),
  relabelled('labels-with-notes', ['消耗性器材及原材料費（含運費）', '全新設備費', '既有設備之改善費', '委託研究或驗證費 (含檢測)', '人 事 費', '無形資產引進費'], 'Notes in brackets, 購置 left out, a label spread with spaces (the same wording).', [4]),
];
