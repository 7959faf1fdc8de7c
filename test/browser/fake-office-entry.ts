/**
 * Stands in for office.js in the browser tests: the test routes Microsoft's CDN URL to this bundle, so the production
 * task pane runs against the fake Excel host. The host is exposed as `window.fakeHost` for the test to type into
 * cells and to read the selection and formats. Query parameters of the pane's URL set the host up:
 * `displayLanguage=en-US`, `api=1.7` (highest ExcelApi version supported).
 */
import { excelApiUpTo, installFakeOffice } from '../excel/fake-host';

const params = new URLSearchParams(location.search);
const api = params.get('api');
const host = installFakeOffice(window, {
  displayLanguage: params.get('displayLanguage') ?? 'zh-TW',
  sheets: ['工作表1'],
  ...(api ? { requirementSets: excelApiUpTo(api) } : {}),
});
(window as unknown as { fakeHost: typeof host }).fakeHost = host;
