import { foldWidth } from '../domain/money';
import { DEFAULT_PROGRAM_ID, PROGRAMS, UNKNOWN_PROGRAM, findProgram, getProgram, type ItemId, type Program, type Target } from '../domain/programs';
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
  /** The workbook names a program the checker has no rule set for (program is then UNKNOWN_PROGRAM's id). */
  unknown?: { loc: CellLoc; text: string };
  /** A stored program setting the workbook's own statement overruled (the statement was followed). */
  overruled?: { setting: string; statement: ProgramStatement };
}

/** Labels whose value names the program applied for (not 計畫名稱, which is the project's own name). */
const PROGRAM_LABELS = /^(申請補助計畫|申請計畫別?|補助計畫別?|計畫類別|計畫別|申請類別|補助類別|申請方案|補助方案)[:：]?$/;
/** A title that names a subsidy program: a program's kind of name, and a form's title word. */
const PROGRAM_TITLE = /(補助|輔導|推動|研發|創新)(計畫|專案|要點|方案)|專案補助|補助計畫/;
const FORM_WORD = /經費預算表|預算表|申請書|計畫書|經費表/;

/**
 * Cells that state a program the checker does not know: the value of a label such as 申請計畫 or 計畫類別, or a title
 * such as "地方型SBIR 計畫 經費預算表". Precision first: a project's own name (計畫名稱) is not a statement.
 */
export function unknownProgramStatements(snapshot: WorkbookSnapshot): { loc: CellLoc; text: string }[] {
  const found: { loc: CellLoc; text: string }[] = [];
  for (const sheet of snapshot.sheets) {
    sheet.values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (typeof value !== 'string' || value.length > MAX_STATEMENT_LENGTH) return;
        const text = foldWidth(value).replace(/\s+/g, '');
        if (text === '' || [...BOX_MARKS].some((m) => text.includes(m))) return;
        const left = c > 0 ? row[c - 1] : null;
        const labelled = typeof left === 'string' && PROGRAM_LABELS.test(foldWidth(left).replace(/\s+/g, ''));
        const inline = /^(申請補助計畫|申請計畫別?|補助計畫別?|計畫類別|計畫別|申請類別|補助類別)[:：](.+)$/.exec(text);
        const title = PROGRAM_TITLE.test(text) && FORM_WORD.test(text);
        const named = inline ? inline[2] : text;
        if (!labelled && !inline && !title) return;
        if (programsNamed(named).length > 0) return;
        found.push({ loc: { sheet: sheet.name, cell: toA1(sheet.origin.row + r, sheet.origin.col + c) }, text: value.trim() });
      });
    });
  }
  return found;
}

/** A cell longer than this is a paragraph of instructions (which name every program), not a statement. */
const MAX_STATEMENT_LENGTH = 80;
const BOX_MARKS = '□☐■☑☒✔✓';
const TICKED_BOX = '■☑☒✔✓';

/** A phrase found in text; one that starts with a digit must not follow a digit ("10人以上" is not in "110人以上"). */
function hasPhrase(text: string, phrase: string): boolean {
  const squashed = foldWidth(phrase).replace(/\s+/g, '');
  for (let at = text.indexOf(squashed); at >= 0; at = text.indexOf(squashed, at + 1)) {
    if (!/^\d/.test(squashed) || at === 0 || !/\d/.test(text[at - 1])) return true;
  }
  return false;
}

/**
 * The programs a phrase names, by each program's own recognition data (its `recognize` phrases): one, a whole family
 * (以大帶小 without 1+4 / 1+10 names both), or none. A shorter name inside a longer one that also matched gives way.
 */
function programsNamed(text: string): string[] {
  const matched: { id: string; phrase: string }[] = [];
  for (const program of PROGRAMS) {
    const hit = program.recognize.find((r) => r.all.every((p) => hasPhrase(text, p)) && !(r.unless ?? []).some((p) => hasPhrase(text, p)));
    if (hit) matched.push({ id: program.id, phrase: hit.all.join('') });
  }
  const kept = matched.filter((m) => !matched.some((o) => o !== m && o.phrase.length > m.phrase.length && o.phrase.includes(m.phrase)));
  const named = new Set(kept.map((m) => m.id));
  for (const family of new Set(PROGRAMS.flatMap((p) => (p.family ? [p.family] : [])))) {
    if (!hasPhrase(text, family)) continue;
    const members = PROGRAMS.filter((p) => p.family === family).map((p) => p.id);
    if (members.filter((id) => named.has(id)).length !== 1) for (const id of members) named.add(id);
  }
  return [...named];
}

/** The words name a family and the programs are its members (以大帶小 alone names both), not a list of options. */
function familyNamed(text: string, ids: string[]): boolean {
  const family = findProgram(ids[0])?.family;
  return family !== undefined && hasPhrase(text, family) && ids.every((id) => findProgram(id)?.family === family);
}

const STATEMENT_CACHE = new Map<string, Readonly<{ programs: readonly string[]; text: string }> | null>();

/**
 * statementIn, remembered by cell text (bounded): every text cell of every sheet is asked, and a batch of applications
 * repeats the same labels and notes file after file.
 */
function statementOf(raw: string): Readonly<{ programs: readonly string[]; text: string }> | null {
  let statement = STATEMENT_CACHE.get(raw);
  if (statement === undefined) {
    if (STATEMENT_CACHE.size >= 4096) STATEMENT_CACHE.clear();
    statement = statementIn(raw);
    STATEMENT_CACHE.set(raw, statement);
  }
  return statement;
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
  if (programs.length > 1 && !familyNamed(text, programs)) return null;
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
        const statement = statementOf(value);
        if (statement) said.push({ ...statement, programs: [...statement.programs], loc, note: false });
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
 * (--program), then what the workbook says (cover title, 基本資料, a ticked box, the template's notes, in that order),
 * then the stored setting (the pane's choice), and only then what its items suggest; else the default.
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
    // A statement naming only a family with tracks ("CITD") is checked as the track its data marks as the default.
    return programs.map((id) => findProgram(id)).find((p) => p?.familyDefault)?.id ?? null;
  };
  const statements = programStatements(snapshot);
  const stored = readSetting(snapshot, SETTING_KEYS.program);
  const firstSaid = statements.find((s) => resolve(s.programs) !== null) ?? null;
  const suggested = itemsSuggest(tables);

  let program: string;
  let source: ProgramSource;
  let usedStatement: ProgramStatement | null = null;
  let unknown: { loc: CellLoc; text: string } | null = null;
  // What the workbook says beats a stored setting: a setting is invisible in Excel, so it must not silence a limit the
  // workbook's own words set (issue 25); where they disagree, checkWorkbook reports the setting.
  if (option) [program, source] = [getProgram(option).id, 'option'];
  else if (firstSaid) [program, source, usedStatement] = [resolve(firstSaid.programs)!, 'workbook', firstSaid];
  else if (stored && findProgram(stored)) [program, source] = [stored, 'setting'];
  else if ((unknown = unknownProgramStatements(snapshot)[0] ?? null)) [program, source] = [UNKNOWN_PROGRAM.id, 'workbook'];
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
  if (vouching && suggested.items.size > 0 && !suggested.programs.includes(program) && !getProgram(program).anyItem) {
    const listed = new Set(getProgram(program).items.map((i) => i.id));
    const misfits = [...suggested.items].filter(([id]) => !listed.has(id)).map(([, label]) => label);
    conflicts.push({ kind: 'items', loc: vouching.loc, text: vouching.text, items: misfits, suggests: suggested.programs, used: program, usedFrom: source });
  }
  const overruled = !option && stored && findProgram(stored) && firstSaid && program !== stored ? { setting: stored, statement: firstSaid } : null;
  return {
    program,
    source,
    conflicts,
    ...(unknown && program === UNKNOWN_PROGRAM.id ? { unknown } : {}),
    ...(overruled ? { overruled } : {}),
  };
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
