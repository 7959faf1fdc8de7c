import { foldWidth } from '../domain/money';
import { DEFAULT_PROGRAM_ID, PROGRAMS, findProgram, getProgram, type ItemId, type Program, type Target } from '../domain/programs';
import type { BudgetTableInput } from '../domain/budget';
import type { CellLoc } from '../domain/findings';
import type { ProgramConflict, ProgramSource } from '../domain/rules/program-conflict';

export type { ProgramSource } from '../domain/rules/program-conflict';
import { matchItem } from '../domain/labels';
import { SETTING_KEYS, toA1, type WorkbookSnapshot } from './grid';


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

/** A cell of the workbook that names the program: the cover title, a line of 基本資料, a ticked box, a template note. */
export interface ProgramStatement {
  /** The programs the words fit (一 for 10人以上; both 以大帶小 programs when neither 1+4 nor 1+10 is said). */
  programs: string[];
  loc: CellLoc;
  /** The words that name the program, as typed. */
  text: string;
  /** A template note (註：…以300萬元為上限) says less than words an applicant wrote, so it ranks after them. */
  note: boolean;
}

export interface ProgramDecision {
  program: string;
  source: ProgramSource;
  conflicts: ProgramConflict[];
}

/** A cell longer than this is a paragraph of instructions (which name every program), not a statement. */
const MAX_STATEMENT_LENGTH = 80;
const BOX_MARKS = '□☐■☑☒✔✓';
const TICKED_BOX = '■☑☒✔✓';

/** The programs a phrase names: one, a family (以大帶小 without 1+4 / 1+10), or none. */
function programsNamed(text: string): string[] {
  const named = new Set<string>();
  if (/納管工廠/.test(text)) named.add('registered-factory');
  if (/以大帶小/.test(text)) {
    const smart = /1\+4|一帶四|智慧化/.test(text);
    const lowcarbon = /1\+10|一帶十|低碳化/.test(text);
    if (smart && !lowcarbon) named.add('chain-smart');
    else if (lowcarbon && !smart) named.add('chain-lowcarbon');
    else return named.size === 0 ? ['chain-lowcarbon', 'chain-smart'] : [];
  }
  if (/(?<!\d)9人以下|九人以下/.test(text)) named.add('upgrade-under10');
  if (/(?<!\d)10人以上|十人以上/.test(text)) named.add('upgrade-10plus');
  return [...named];
}

/**
 * What one text cell says about the program. Tick boxes count only where ticked ("□製造業9人以下 ■製造業10人以上"
 * says 10人以上); a cell naming several programs without boxes is a list of options, not a statement.
 */
function statementIn(raw: string): { programs: string[]; text: string } | null {
  const text = foldWidth(raw).replace(/\s+/g, '');
  if (text.length > MAX_STATEMENT_LENGTH) return null;
  if ([...BOX_MARKS].some((m) => text.includes(m))) {
    const ticked = text
      .split(new RegExp(`(?=[${BOX_MARKS}])`))
      .filter((part) => TICKED_BOX.includes(part[0]))
      .map((part) => ({ part, programs: programsNamed(part) }))
      .filter((x) => x.programs.length > 0);
    return ticked.length === 1 ? { programs: ticked[0].programs, text: ticked[0].part } : null;
  }
  const programs = programsNamed(text);
  if (programs.length === 0) return null;
  if (programs.length > 1 && !programs.every((p) => p.startsWith('chain-'))) return null;
  return { programs, text: raw.trim() };
}

/** Every statement of the program in the workbook, in reading order (sheet, row, column), template notes last. */
export function programStatements(snapshot: WorkbookSnapshot): ProgramStatement[] {
  const said: ProgramStatement[] = [];
  const notes: ProgramStatement[] = [];
  for (const sheet of snapshot.sheets) {
    sheet.values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (typeof value !== 'string' || value.length > 200) return;
        const loc = { sheet: sheet.name, cell: toA1(sheet.origin.row + r, sheet.origin.col + c) };
        const noted = programOfNote(value);
        if (noted) {
          notes.push({ programs: [noted], loc, text: value.trim(), note: true });
          return;
        }
        const statement = statementIn(value);
        if (statement) said.push({ ...statement, loc, note: false });
      });
    });
  }
  return [...said, ...notes];
}

/** The program whose template prints this note ("註3：政府補助款不得超過總經費50%，且以300萬元為上限"), if only one does. */
function programOfNote(text: string): string | null {
  return notePrograms().get(squashNote(text).replace(/^註\d+[:：]/, '')) ?? null;
}

let noteIndex: Map<string, string> | null = null;
/**
 * Each program's unique notes, squashed, to its id: built once, since every text cell of every sheet is looked up
 * (comparing against every program's notes per cell was a tenth of checking a file).
 */
function notePrograms(): Map<string, string> {
  if (!noteIndex) {
    noteIndex = new Map();
    for (const p of PROGRAMS) for (const note of p.notes) if (uniqueNote(p, note) && !noteIndex.has(squashNote(note))) noteIndex.set(squashNote(note), p.id);
  }
  return noteIndex;
}

/** The programs whose item lists hold every official item the tables use, and the items that narrow them. */
function itemsSuggest(tables: readonly BudgetTableInput[]): { items: Map<ItemId, string>; programs: string[] } {
  const items = new Map<ItemId, string>();
  for (const table of tables) {
    for (const row of table.rows) {
      const label = String(row.label.value ?? '');
      const id = matchItem(label);
      if (id && !items.has(id)) items.set(id, label.trim());
    }
  }
  const programs = PROGRAMS.filter((p) => [...items.keys()].every((id) => p.items.some((i) => i.id === id))).map((p) => p.id);
  return { items, programs };
}

/**
 * Which program the workbook is checked as, and where its sources disagree. Statements beat guesses: `option`
 * (--program or the pane's choice), then the stored setting, then what the workbook says (cover title, 基本資料, a
 * ticked box, the template's notes, in that order), and only then what its items suggest; else the default.
 */
export function decideProgram(
  snapshot: WorkbookSnapshot,
  tables: readonly BudgetTableInput[],
  target: Target | null,
  option?: string,
): ProgramDecision {
  const resolve = (programs: string[]): string | null => {
    if (programs.length === 1) return programs[0];
    if (target === 'smart' && programs.includes('chain-smart')) return 'chain-smart';
    if (target === 'lowcarbon' && programs.includes('chain-lowcarbon')) return 'chain-lowcarbon';
    return null;
  };
  const statements = programStatements(snapshot);
  const stored = readSetting(snapshot, SETTING_KEYS.program);
  const firstSaid = statements.find((s) => resolve(s.programs) !== null) ?? null;
  const suggested = itemsSuggest(tables);

  let program: string;
  let source: ProgramSource;
  let usedStatement: ProgramStatement | null = null;
  if (option) [program, source] = [getProgram(option).id, 'option'];
  else if (stored && findProgram(stored)) [program, source] = [stored, 'setting'];
  else if (firstSaid) [program, source, usedStatement] = [resolve(firstSaid.programs)!, 'workbook', firstSaid];
  else {
    const guess = guessFromItems(suggested.items, target);
    [program, source] = guess ? [guess, 'workbook'] : [DEFAULT_PROGRAM_ID, 'default'];
  }

  const conflicts: ProgramConflict[] = [];
  const reported = new Set<string>();
  for (const s of statements) {
    if (s.programs.includes(program)) continue;
    const key = s.programs.join('|');
    if (reported.has(key)) continue; // the same words on every page are one disagreement
    reported.add(key);
    conflicts.push({ kind: 'statement', loc: s.loc, text: s.text, says: s.programs, used: program, usedFrom: source, usedText: usedStatement?.text ?? null });
  }
  // Items that the program does not list, against the statement that vouches for the program (the one used, else the
  // first that agrees with it): without a statement there is nothing to contradict, and unknown-item says the rest.
  const vouching = usedStatement ?? statements.find((s) => s.programs.includes(program)) ?? null;
  if (vouching && suggested.items.size > 0 && !suggested.programs.includes(program)) {
    const listed = new Set(getProgram(program).items.map((i) => i.id));
    const misfits = [...suggested.items].filter(([id]) => !listed.has(id)).map(([, label]) => label);
    conflicts.push({ kind: 'items', loc: vouching.loc, text: vouching.text, items: misfits, suggests: suggested.programs, used: program, usedFrom: source });
  }
  return { program, source, conflicts };
}

/** Items tell the family apart (基礎工程施工費 only in 納管工廠, 國內差旅費 only in 以大帶小). */
function guessFromItems(items: ReadonlyMap<ItemId, string>, target: Target | null): string | null {
  if (items.has('foundation-works')) return 'registered-factory';
  if (items.has('domestic-travel')) {
    if (target === 'smart') return 'chain-smart';
    if (target === 'lowcarbon') return 'chain-lowcarbon';
  }
  return null;
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
