import type { CellLoc, Lang } from '../findings';
import { getProgram } from '../programs';
import type { WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';

/** Where the program a workbook is checked as came from. */
export type ProgramSource = 'option' | 'setting' | 'workbook' | 'default';

/**
 * Two sources that point to different programs. `loc` is the statement's cell: the statement that was not followed,
 * or — when the items disagree — the statement that was.
 */
export type ProgramConflict =
  | {
      kind: 'statement';
      loc: CellLoc;
      /** The words of the statement that was not followed. */
      text: string;
      /** The programs those words name. */
      says: string[];
      used: string;
      usedFrom: ProgramSource;
      /** The words that were followed, when the program came from the workbook. */
      usedText: string | null;
    }
  | {
      kind: 'items';
      loc: CellLoc;
      /** The statement that names the program used. */
      text: string;
      /** Labels of the rows whose items the program does not list. */
      items: string[];
      /** The programs that list every item of the table. */
      suggests: string[];
      used: string;
      usedFrom: ProgramSource;
    };

const named = (id: string, lang: Lang) => `${getProgram(id).name[lang]} (${id})`;
const list = (ids: string[], lang: Lang) => ids.map((id) => named(id, lang)).join(lang === 'en' ? ' or ' : '或');

function whyUsed(c: ProgramConflict, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
  if (c.usedFrom === 'option') return t('依指定的計畫別', 'as the program was given explicitly');
  if (c.usedFrom === 'setting') return t('依活頁簿儲存的計畫別設定', "as the workbook's stored setting says");
  const text = c.kind === 'statement' ? c.usedText : c.text;
  return text ? t(`依「${text}」`, `as "${text}" says`) : t('依活頁簿內容', 'from the workbook');
}

/**
 * SPEC §5 `program-conflict`: the workbook's statements (cover, 基本資料, a ticked box, the template's notes), the
 * option or stored setting, and the items point to different programs. Names both sides and says which was used.
 */
export const programConflict: WorkbookRule<readonly ProgramConflict[]> = {
  ...ruleFacts('program-conflict'),
  check(conflicts, report) {
    const lang = report.lang;
    for (const c of conflicts) {
      const used = named(c.used, lang);
      const message =
        c.kind === 'statement'
          ? report.t(
              `「${c.text}」指${list(c.says, lang)}，與本次檢查的計畫別不同：${whyUsed(c, lang)}以${used}檢查`,
              `"${c.text}" names ${list(c.says, lang)}, not the program checked: ${used} was used, ${whyUsed(c, lang)}`,
            )
          : report.t(
              `「${c.text}」指${used}，但預算表的科目「${c.items.join('、')}」不是此計畫的科目（科目較符合${list(c.suggests, lang)}）；${whyUsed(c, lang)}以${used}檢查`,
              `"${c.text}" names ${used}, but the budget's ${c.items.map((i) => `"${i}"`).join(', ')} ${c.items.length === 1 ? 'is' : 'are'} not among its items (the items fit ${list(c.suggests, lang)}); ${used} was used, ${whyUsed(c, lang)}`,
            );
      report.add(c.loc, message, {
        advice: report.t(
          '請確認申請的計畫別；如不是本次檢查的計畫別，請修正封面或基本資料，或指定計畫別重新檢查',
          'Confirm the program applied for; if it is not the one checked, correct the cover or 基本資料, or choose the program and check again',
        ),
      });
    }
  },
};
