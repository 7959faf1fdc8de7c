/**
 * How long locating the budget tables takes on long sheets (`npm run bench`), and whether it grows linearly: the same
 * workbook shape with 2,000 and with 8,000 extra data rows, measured in this run, so the ratio means something on any
 * machine (about 4 for a linear pass; 16 would be quadratic). Printed only: the tests assert what is found, never how
 * fast (test/sheet/locate.test.ts).
 */
import { locateBudgetTables } from '../src/sheet/locate';
import { type Row, seed004Rows, sheet, workbook } from '../test/sheet/fixtures/workbook';

const RUNS = 7;

function longWorkbook(extraRows: number) {
  const data: Row[] = Array.from({ length: extraRows }, (_, i) => [
    `設備 ${i + 1}`,
    `規格 ${i}`,
    i * 10,
    i % 2 === 0 ? '國產' : '進口',
    '=C1*2',
    null,
    i / 7,
  ]);
  return workbook(
    sheet('長表', [...seed004Rows(), [], [], ['設備清單'], ...data]),
    sheet('清單在前', [...data, [], ...seed004Rows()]),
  );
}

function medianMs(extraRows: number): number {
  const book = longWorkbook(extraRows);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const found = locateBudgetTables(book);
    times.push(performance.now() - started);
    if (found.length !== 2) throw new Error(`expected 2 budget tables, found ${found.length}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

medianMs(500); // warm-up: let the JIT compile before anything is timed
const small = medianMs(2000);
const large = medianMs(8000);
console.log(`locateBudgetTables, 2 sheets × 7 columns (median of ${RUNS}):`);
console.log(`  2,000 extra rows  ${small.toFixed(1).padStart(7)} ms`);
console.log(`  8,000 extra rows  ${large.toFixed(1).padStart(7)} ms  (×${(large / small).toFixed(1)} for ×4 the rows; linear ≈ 4)`);
