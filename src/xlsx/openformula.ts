/**
 * OpenDocument formulas (OpenFormula, ODF 1.2 part 2) in the A1 form every rule reads: `of:=[.B4]+[.C4]` → `=B4+C4`,
 * `of:=SUM([.B4:.B9])` → `=SUM(B4:B9)`, `[$經費預算表.$D$10]` → `經費預算表!$D$10`, `['My Sheet'.B1]` →
 * `'My Sheet'!B1`, and the `;` argument separator → `,` — but never inside a string literal ("有;分號" stays).
 * Anything else (function names, operators, numbers) is copied as written.
 */
export function openFormulaToA1(formula: string): string {
  let text = formula.trim();
  const namespace = /^([a-z][\w-]*):(?==)/i.exec(text);
  if (namespace) text = text.slice(namespace[0].length);
  if (text.startsWith('=')) text = text.slice(1);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      // A string literal runs to the next lone quote ("" is an escaped quote inside it).
      let j = i + 1;
      while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '[') {
      const end = closingBracket(text, i + 1);
      if (end < 0) return `=${out}${text.slice(i)}`;
      out += translateReference(text.slice(i + 1, end));
      i = end;
    } else if (ch === ';') out += ',';
    else out += ch;
  }
  return `=${out}`;
}

/** The index of the "]" closing a reference, skipping quoted sheet names ('a]b'); -1 when there is none. */
function closingBracket(text: string, from: number): number {
  let quoted = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === "'") quoted = !quoted;
    else if (c === ']' && !quoted) return j;
  }
  return -1;
}

/** ".B4", "$Sheet.$D$10", ".B4:.B9", "'My Sheet'.B1:.C2", "#REF!" → A1 with an Excel sheet prefix where one is named. */
function translateReference(reference: string): string {
  const parts = splitOutsideQuotes(reference, ':').map(referencePart);
  const [first, ...rest] = parts;
  const prefix = first.sheet ? `${quoteSheet(first.sheet)}!` : '';
  return prefix + [first.cell, ...rest.map((p) => (p.sheet && p.sheet !== first.sheet ? `${quoteSheet(p.sheet)}!${p.cell}` : p.cell))].join(':');
}

function referencePart(part: string): { sheet: string | null; cell: string } {
  let quoted = false;
  let dot = -1;
  for (let j = 0; j < part.length; j++) {
    if (part[j] === "'") quoted = !quoted;
    else if (part[j] === '.' && !quoted) dot = j;
  }
  if (dot < 0) return { sheet: null, cell: part };
  let sheet = part.slice(0, dot).replace(/^\$/, '');
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet: sheet === '' ? null : sheet, cell: part.slice(dot + 1) };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    if (text[j] === "'") quoted = !quoted;
    else if (text[j] === separator && !quoted) {
      parts.push(text.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A sheet name as Excel writes it in a formula: quoted when it holds anything but letters, digits, _ and . */
function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
