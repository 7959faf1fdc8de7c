/**
 * Stands in for office.js in the browser tests: the test routes Microsoft's CDN URL to this bundle, so the production
 * task pane runs against the fake Excel host. The host is exposed as `window.fakeHost` for the test to type into
 * cells and to read the selection and formats. Query parameters of the pane's URL set the host up:
 * `displayLanguage=en-US`, `api=1.7`, `documentUrl=…` (the open workbook's path) (highest ExcelApi version supported).
 */
import { excelApiUpTo, installFakeOffice } from '../../src/fake-excel-host';

const params = new URLSearchParams(location.search);
const api = params.get('api');
const host = installFakeOffice(window, {
  displayLanguage: params.get('displayLanguage') ?? 'zh-TW',
  documentUrl: params.get('documentUrl'),
  sheets: ['工作表1'],
  ...(api ? { requirementSets: excelApiUpTo(api) } : {}),
});
(window as unknown as { fakeHost: typeof host }).fakeHost = host;

// Reopening the pane (a reload of the page) finds the same workbook: its cells and the add-in's settings are kept in
// the tab's sessionStorage, as Excel keeps the workbook open while the pane closes and opens again.
const STORE = 'fake-office-workbook';
const saved = sessionStorage.getItem(STORE);
if (saved) {
  const { sheets, settings } = JSON.parse(saved) as { sheets: [string, [string, (string | number | boolean)[][]][]][]; settings: [string, unknown][] };
  for (const [name, cells] of sheets) {
    if (!host.sheetNames().includes(name)) host.addSheet(name);
    for (const [address, rows] of cells) host.seed(name, rows, address);
  }
  const map = host.settings as Map<string, unknown>;
  for (const [key, value] of settings) map.set(key, value);
}
addEventListener('pagehide', () => {
  const sheets = host.sheetNames().map((name) => {
    const cells: [string, (string | number | boolean)[][]][] = [];
    host.sheet(name).forEachCell((row, col, cell) => {
      const content = cell.formula ?? (typeof cell.constant === 'string' ? `'${cell.constant}` : cell.constant);
      if (content !== null) cells.push([excelCell(row, col), [[content]]]);
    });
    return [name, cells] as const;
  });
  sessionStorage.setItem(STORE, JSON.stringify({ sheets, settings: [...host.settings] }));
});

function excelCell(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}
