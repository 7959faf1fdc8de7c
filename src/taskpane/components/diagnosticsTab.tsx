import { t } from '../i18n';
import type { ExtraTab } from './App';
import { lazyView } from './lazy-view';

/** The diagnostics page is code-split: most users never open it (the pane's JS budget). */
const DiagnosticsView = lazyView(() => import(/* webpackChunkName: "diagnostics" */ './DiagnosticsView').then((m) => m.default));

/** 診斷 / Diagnostics in the pane's overflow menu. */
export const diagnosticsTab: ExtraTab = {
  id: 'diagnostics',
  inMenu: true,
  label: (lang) => t(lang, 'diagnostics'),
  render: (lang) => <DiagnosticsView lang={lang} />,
};
