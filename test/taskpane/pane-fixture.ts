import type { FakeExcelOptions } from '../../src/fake-excel-host';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { fakeExcelWorkbook, putCell } from '../excel/fake-office-workbook';

export const SHEET = '經費預算表';

/**
 * A pane session over the fake Excel host with the 10人以上 program chosen and its official table inserted, and the
 * amounts of `rows` (label, 政府補助款, 業者自籌款) put in and checked. `cell` names a row's gov/self/total cell.
 */
export async function paneWithBudget(rows: [label: string, gov: number, self: number][], options: FakeExcelOptions = {}) {
  const { host, port } = fakeExcelWorkbook(options);
  const session = new PaneSession(port, paneServices, 'zh-TW', { debounceMs: 20 });
  await session.start();
  await session.chooseProgram('upgrade-10plus');
  await session.prepareTemplate();
  await session.confirm();
  const cell = (label: string, column: 'gov' | 'self' | 'total'): string => {
    for (let row = 1; row <= 100; row++) {
      if (host.value(SHEET, `A${row}`) === label) return `${{ gov: 'B', self: 'C', total: 'D' }[column]}${row}`;
    }
    throw new Error(`no row ${label}`);
  };
  for (const [label, gov, self] of rows) {
    putCell(host, SHEET, cell(label, 'gov'), gov);
    putCell(host, SHEET, cell(label, 'self'), self);
  }
  await session.check();
  return { host, port, session, cell };
}

/** The review's budget (ux-2 §2): 人事費 200 in 政府補助款, 全新設備 over 30 %, the subsidy over 50 % (total 3,980). */
export const THREE_ERRORS: [string, number, number][] = [
  ['消耗性器材及原材料費', 240, 120],
  ['全新設備之購置費', 1200, 300],
  ['既有設備之改善費', 900, 900],
  ['委託研究或驗證費', 60, 60],
  ['人事費', 200, 0],
];
