/** A1 cell addresses: zero-based rows and columns ↔ "B3", "$B$3", "A1:C3". */

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Zero-based (row, col) → "B3". */
export function toA1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "B3" → zero-based { row: 2, col: 1 }. Accepts "$B$3". */
export function fromA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new RangeError(`not an A1 cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "A1:C3" → corners; a single cell gives equal corners. */
export function parseRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = range.split(':');
  const p = fromA1(a);
  const q = fromA1(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/**
 * A cell as people read it in every face (pane, CLI reports, diff): `經費預算表!B10`, the sheet name quoted as Excel
 * writes it when it holds anything but letters, digits, `_` and `.` ('My sheet'!B10); the sheet alone without a cell.
 */
export function cellReference(sheet: string, cell: string | null): string {
  const name = /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return cell ? `${name}!${cell}` : name;
}

/** A number as accountants read it in every face: grouped thousands, up to `decimals` decimals (3380 → "3,380"). */
export function formatNumber(value: number, decimals = 6): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals });
}
