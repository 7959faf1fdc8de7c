/**
 * Linear-time scans for what patterns with a quantifier before a failing tail would do in quadratic time. A cell holds
 * up to 32,767 characters: `/([\d.]+)\s*%/` over 32,000 digits with no % tries every start and runs to the end from each
 * (50 s in the CLI, a frozen pane). These give the same answers by walking the text once.
 */

/** Whether `ch` is white space as `\s` means it. */
const isSpace = (ch: string) => /\s/.test(ch);

/**
 * The first `<number>\s*%` in `text`, as `/([first][run]*)(\s*[%％])/.exec(text)` gives it: `[0]` the whole match,
 * `[1]` the number, `[2]` the space and sign, `index` where it starts. `first` and `run` test one character.
 */
export function findPercent(text: string, first: (ch: string) => boolean, run: (ch: string) => boolean): RegExpExecArray | null {
  for (let p = 0; p < text.length; p++) {
    if (text[p] !== '%' && text[p] !== '％') continue;
    let e = p;
    while (e > 0 && isSpace(text[e - 1])) e--;
    let s = e;
    while (s > 0 && run(text[s - 1])) s--;
    // The match starts at the first character of the run that may begin a number.
    while (s < e && !first(text[s])) s++;
    if (s === e) continue;
    const match = [text.slice(s, p + 1), text.slice(s, e), text.slice(e, p + 1)] as unknown as RegExpExecArray;
    match.index = s;
    match.input = text;
    return match;
  }
  return null;
}

/** `text` without the characters at its end for which `drop` holds (as `replace(/[…]+$/, '')`, in one pass). */
export function trimEndWhere(text: string, drop: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Notes in brackets removed, as `replace(/[([【][^)\]】]*[)\]】]/g, '').replace(/[([【].*$/, '')`: each opening bracket up
 * to the next closing one, and an opening bracket never closed up to the end — scanning once instead of once per
 * opening bracket.
 */
export function withoutBracketNotes(text: string): string {
  const open = (ch: string) => ch === '(' || ch === '[' || ch === '【';
  const close = (ch: string) => ch === ')' || ch === ']' || ch === '】';
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!open(text[i])) {
      out += text[i++];
      continue;
    }
    let j = i + 1;
    while (j < text.length && !close(text[j])) j++;
    // Never closed: no later opening bracket is closed either; the rest is a note.
    if (j === text.length) return out;
    i = j + 1;
  }
  return out;
}

/** Digits grouped by thousands: "1234567" → "1,234,567" (as `/\B(?=(\d{3})+(?!\d))/g`, without its quadratic look-ahead). */
export function groupThousands(digits: string, separator = ','): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}
