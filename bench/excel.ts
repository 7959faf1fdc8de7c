/**
 * Round trips and timing of the Office.js adapter on the fake Excel host (`npm run bench`): sync counts for check,
 * inject, mark and clear marks on a workbook that also holds 2,000 rows of other data, the largest request/response
 * payload against Excel on the web's 5 MB limit, and the time to read + check such a workbook.
 */
import { getProgram } from '../src/domain/programs';
import { OfficeWorkbook, officeEnvironment } from '../src/excel';
import { checkWorkbook } from '../src/sheet/check';
import { buildTemplatePlan, layoutCell, templateLayout } from '../src/sheet/template';
import { WEB_PAYLOAD_LIMIT_BYTES, installFakeOffice } from '../src/fake-excel-host';

const ROWS = 2000;
const RUNS = 20;
const program = getProgram('upgrade-10plus');

const scope = {};
const host = installFakeOffice(scope);
const port = new OfficeWorkbook(officeEnvironment(scope));
host.seed(
  'Sheet1',
  Array.from({ length: ROWS }, (_, i) => [`2023-${String(i).padStart(4, '0')}`, `供應商 ${i % 37}`, (i * 37) % 1000, i % 7, `=C${i + 1}*D${i + 1}`]),
);

async function counted<T>(action: () => Promise<T>): Promise<{ syncs: number; result: T }> {
  const before = host.syncCount;
  const result = await action();
  return { syncs: host.syncCount - before, result };
}

// Inject = read (to pick a free sheet name; the first read of a session takes 2 syncs: names, then contents) + apply.
const inject = await counted(async () => {
  const snapshot = await port.read();
  const built = buildTemplatePlan(program, snapshot.sheets.map((s) => s.name), 'zh-TW', snapshot.settings);
  await port.apply(built.plan);
  return built;
});
const sheet = inject.result.sheet;
const layout = templateLayout(program, sheet);

// Type a budget that breaks the 50 % rule, so the check has findings to mark.
for (const [index, item] of layout.items.entries()) {
  await host.userEdit(sheet, layoutCell(layout, item.row, 'self'), 100);
  if (program.items[index].gov !== 'self-only') await host.userEdit(sheet, layoutCell(layout, item.row, 'gov'), 400);
}

const check = await counted(async () => checkWorkbook(await port.read(), { program: program.id }));
const cells = check.result.findings.filter((f) => f.sheet && f.cell).map((f) => ({ sheet: f.sheet!, cell: f.cell! }));
const mark = await counted(() => port.mark(cells));
const clear = await counted(() => port.clearMarks());

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  checkWorkbook(await port.read(), { program: program.id });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(3)} MB`;
console.log(`Office.js adapter on the fake Excel host — a workbook with ${ROWS.toLocaleString('en')} rows of other data`);
console.log(`  check (read + rule engine)  ${check.syncs} sync   (steady state; ${check.result.findings.length} findings, ${cells.length} with a cell)`);
console.log(`  inject template             ${inject.syncs} syncs  (first read 2 + apply 1; ${inject.result.plan.ops.length} plan operations)`);
console.log(`  mark ${String(cells.length).padEnd(3)} cells              ${mark.syncs} sync`);
console.log(`  clear marks                 ${clear.syncs} sync`);
console.log(`  largest payload             ${mb(host.maxPayloadBytes)} (limit ${mb(WEB_PAYLOAD_LIMIT_BYTES)} on Excel on the web)`);
console.log(`  read + check, ${RUNS} runs        median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, max ${times[RUNS - 1].toFixed(1)} ms`);
console.log('  (times are the fake host + adapter + checker in Node; real Excel adds one network/IPC round trip per sync)');

// A 50,000-row data sheet: the read goes in bands under the budget; every request and response stays under 5 MB.
{
  const LEDGER_ROWS = 50_000;
  const bigScope = {};
  const big = installFakeOffice(bigScope, { sheets: ['Ledger', '經費預算表'] });
  const bigPort = new OfficeWorkbook(officeEnvironment(bigScope));
  big.seed('Ledger', Array.from({ length: LEDGER_ROWS }, (_, i) => [`2023-${String(i).padStart(5, '0')}`, `供應商 ${i % 37}`, (i * 37) % 1000, i % 7, `=C${i + 1}*D${i + 1}`]));
  await bigPort.read();
  const firstLog = big.syncLog.slice();
  big.resetCounters();
  const t0 = performance.now();
  checkWorkbook(await bigPort.read(), { program: program.id });
  const steadyMs = performance.now() - t0;
  const largest = (log: typeof big.syncLog, k: 'requestBytes' | 'responseBytes') => Math.max(0, ...log.map((s) => s[k]));
  console.log(`A workbook with a ${LEDGER_ROWS.toLocaleString('en')}-row data sheet (5 columns, one formula each row)`);
  console.log(`  first read                  ${firstLog.length} syncs; largest request ${mb(largest(firstLog, 'requestBytes'))}, largest response ${mb(largest(firstLog, 'responseBytes'))}`);
  console.log(`  check again                 ${big.syncLog.length} syncs; largest request ${mb(largest(big.syncLog, 'requestBytes'))}, largest response ${mb(largest(big.syncLog, 'responseBytes'))} (limit ${mb(WEB_PAYLOAD_LIMIT_BYTES)})`);
  console.log(`  read + check                ${steadyMs.toFixed(0)} ms on the fake host`);
}
