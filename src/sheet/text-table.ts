import type { Finding, Lang, RuleId } from '../domain/findings';
import { fromA1, type WorkbookSnapshot } from './grid';

/**
 * Findings on the tables of a text document (.docx/.odt, see SheetSnapshot.textTable). A Word table holds only text,
 * so the rules about typed constants and numbers stored as text say nothing useful there and are dropped; every other
 * finding gets a place in the document's words ("表 3 第 5 列第 2 欄") for reports that would show a cell address.
 */
const SHEET_ONLY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['number-as-text', 'hardcoded-total', 'formula-constant', 'inconsistent-formula', 'sum-range-incomplete', 'no-cached-values']);

export function placeTextTableFindings(snapshot: WorkbookSnapshot, findings: Finding[], lang: Lang): Finding[] {
  const tables = new Map(snapshot.sheets.filter((s) => s.textTable).map((s) => [s.name, s.textTable!]));
  if (tables.size === 0) return findings;
  return findings.flatMap((f) => {
    const table = f.sheet === null ? undefined : tables.get(f.sheet);
    if (!table) return [f];
    if (SHEET_ONLY_RULES.has(f.rule)) return [];
    return [{ ...f, place: textTablePlace(table, f.cell, lang) }];
  });
}

/** "表 3 第 5 列第 2 欄（「伍、經費需求」之下）" / "table 3, row 5, column 2 (under “伍、經費需求”)". */
export function textTablePlace(table: { table: number; firstRow: number; heading: string | null }, cell: string | null, lang: Lang): string {
  const en = lang === 'en';
  const under = table.heading ? (en ? ` (under “${table.heading}”)` : `（「${table.heading}」之下）`) : '';
  const at = cell ? fromA1(cell.replace(/\$/g, '').split(':')[0]) : null;
  if (table.table === 0) return at ? (en ? `paragraph ${at.row + 1} of the text` : `內文第 ${at.row + 1} 段`) : en ? 'the text' : '內文';
  if (!at || at.row < 0) return (en ? `table ${table.table}` : `表 ${table.table}`) + under;
  if (at.row < table.firstRow) return (en ? `the paragraph above table ${table.table}` : `表 ${table.table} 上方的段落`) + under;
  const row = at.row - table.firstRow + 1;
  const col = at.col + 1;
  return (en ? `table ${table.table}, row ${row}, column ${col}` : `表 ${table.table} 第 ${row} 列第 ${col} 欄`) + under;
}
