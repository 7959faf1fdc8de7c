import { OfficeWorkbook } from '../excel';
import { langFromDisplayLanguage, loadMessages, pickedLang } from './i18n';
import { mountPane } from './mount';
import { benefitsTabs } from './components/benefits-tabs';
import { diagnosticsTab } from './components/diagnosticsTab';

/**
 * The task pane's entry: waits for office.js, then renders the pane over the Office.js adapter. Opened outside Office
 * (no office.js), it says so instead of staying blank.
 */
const container = document.getElementById('root')!;

function outsideOffice(): void {
  container.textContent =
    '此窗格需在 Excel 中開啟（或使用 npm run preview 的瀏覽器預覽）。 Open this pane from Excel, or try it in the browser preview (npm run preview).';
  container.setAttribute('role', 'alert');
  container.style.padding = '12px';
  container.style.fontFamily = 'system-ui, sans-serif';
}

if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
  outsideOffice();
} else {
  void Office.onReady(() => {
    // Office's display language decides, unless the user picked one in the pane (remembered on this computer).
    const lang = pickedLang() ?? langFromDisplayLanguage(Office.context?.displayLanguage);
    const mount = (paneLang: typeof lang) =>
      mountPane(container, new OfficeWorkbook(), paneLang, (session) => [...benefitsTabs(session), diagnosticsTab]);
    // The English strings come from their own chunk; should it fail to load, the pane still opens, in Chinese.
    loadMessages(lang).then(() => mount(lang), () => mount('zh-TW'));
  });
}
