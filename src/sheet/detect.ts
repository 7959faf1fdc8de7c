import { foldWidth } from '../domain/money';
import { DEFAULT_PROGRAM_ID, PROGRAMS, findProgram, type Program, type Target } from '../domain/programs';
import type { BudgetTableInput } from '../domain/budget';
import { matchItem } from '../domain/labels';
import { SETTING_KEYS, type WorkbookSnapshot } from './grid';

export type ProgramSource = 'option' | 'setting' | 'workbook' | 'default';

/** Settings may be stored raw or JSON-encoded (Office settings hold JSON values). */
export function readSetting(snapshot: WorkbookSnapshot, key: string): string | null {
  const raw = snapshot.settings[key];
  if (raw === undefined || raw === null || raw === '') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'string' ? parsed : raw;
  } catch {
    return raw;
  }
}

/** Every text cell of the workbook, folded and without spaces, for keyword look-ups. */
function workbookTexts(snapshot: WorkbookSnapshot): string[] {
  const texts: string[] = [];
  for (const sheet of snapshot.sheets) {
    for (const row of sheet.values) {
      for (const v of row) if (typeof v === 'string' && v.length < 200) texts.push(foldWidth(v).replace(/\s+/g, ''));
    }
  }
  return texts;
}

/**
 * Which program the workbook is for: the stored setting, else what the workbook says (its title or items), else the
 * default. Items tell the family apart (基礎工程施工費 only in 納管工廠, 國內差旅費 only in 以大帶小); words on the
 * cover or title tell the rest.
 */
export function detectProgram(
  snapshot: WorkbookSnapshot,
  tables: readonly BudgetTableInput[],
  target: Target | null,
): { program: string; source: ProgramSource } {
  const stored = readSetting(snapshot, SETTING_KEYS.program);
  if (stored && findProgram(stored)) return { program: stored, source: 'setting' };

  const items = new Set(tables.flatMap((t) => t.rows.map((r) => matchItem(String(r.label.value ?? '')))));
  const texts = workbookTexts(snapshot);
  const says = (pattern: RegExp) => texts.some((t) => pattern.test(t));

  // The template's notes name each program's own limits ("…且以3,000萬元為上限"), so a template says which it is.
  const noted = PROGRAMS.find((p) => p.notes.some((note) => uniqueNote(p, note) && texts.some((t) => t.replace(/^註\d+[:：]/, '') === squashNote(note))));
  if (noted) return { program: noted.id, source: 'workbook' };
  if (items.has('foundation-works') || says(/納管工廠/)) return { program: 'registered-factory', source: 'workbook' };
  if (items.has('domestic-travel') || says(/以大帶小/)) {
    if (target === 'smart' || says(/1\+4|一帶四|智慧化.{0,4}1帶4/)) return { program: 'chain-smart', source: 'workbook' };
    if (target === 'lowcarbon' || says(/1\+10|一帶十/)) return { program: 'chain-lowcarbon', source: 'workbook' };
  }
  if (says(/9人以下|九人以下/)) return { program: 'upgrade-under10', source: 'workbook' };
  if (says(/10人以上|十人以上/)) return { program: 'upgrade-10plus', source: 'workbook' };
  return { program: DEFAULT_PROGRAM_ID, source: 'default' };
}

const squashNote = (note: string) => foldWidth(note).replace(/\s+/g, '');

/** A note no other program has: it identifies its program. */
function uniqueNote(program: Program, note: string): boolean {
  return PROGRAMS.every((other) => other === program || !other.notes.includes(note));
}

const CHECKED = '■☑✔✓☒✗✘VvXx';
const TARGET_WORDS: [Target, string][] = [
  ['lowcarbon', '低碳化'],
  ['smart', '智慧化'],
];

/**
 * The 補助標的 ticked in 基本資料 or on a cover: "■低碳化 □智慧化" in one cell, or a mark in the cell left of the word.
 * Returns null when nothing or both are ticked.
 */
export function detectTarget(snapshot: WorkbookSnapshot): Target | null {
  const ticked = new Set<Target>();
  for (const sheet of snapshot.sheets) {
    sheet.values.forEach((row) => {
      row.forEach((value, c) => {
        if (typeof value !== 'string' || value.length > 40) return;
        const text = foldWidth(value).replace(/\s+/g, '');
        for (const [target, word] of TARGET_WORDS) {
          const at = text.indexOf(word);
          if (at < 0) continue;
          if (at > 0 && CHECKED.includes(text[at - 1]) && (at < 2 || !/[A-Za-z]/.test(text[at - 2]))) {
            ticked.add(target);
          } else if (at === 0 && text === word && c > 0) {
            const left = row[c - 1];
            if (typeof left === 'string' && left.trim().length === 1 && CHECKED.includes(left.trim())) ticked.add(target);
          }
        }
      });
    });
  }
  const stored = readSetting(snapshot, SETTING_KEYS.target);
  if (ticked.size === 1) return [...ticked][0];
  if (ticked.size === 0 && (stored === 'lowcarbon' || stored === 'smart')) return stored;
  return null;
}
