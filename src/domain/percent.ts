import { parseAmount } from './amount';
import type { RawCell } from './budget';
import { type Fixed, fromNumber } from './money';

/** A percentage may be this far from the exact share before it is a slip (SPEC: more than 0.05 away). */
export const PERCENT_TOLERANCE: Fixed = 50_000n; // 0.05

/** A percentage cell as a number of percent (0.107 in a 0.0% cell is 10.7), or null when it does not read as one. */
export function shownPercent(cell: RawCell): Fixed | null {
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return fromNumber(cell.value) * (cell.percentFormat ? 100n : 1n);
  if (typeof cell.value === 'string') {
    const amount = parseAmount(cell.value.replace(/[%％]\s*$/, ''));
    if (amount.kind === 'number') return amount.value;
  }
  return null;
}
