import { Suspense, lazy } from 'react';
import { t } from '../i18n';
import type { ExtraTab } from './App';
import { PaneSpinner } from './PaneSpinner';

/** The diagnostics page is code-split: most users never open it (the pane's JS budget). */
const DiagnosticsView = lazy(() => import(/* webpackChunkName: "diagnostics" */ './DiagnosticsView'));

/** 診斷 / Diagnostics in the pane's overflow menu. */
export const diagnosticsTab: ExtraTab = {
  id: 'diagnostics',
  inMenu: true,
  label: (lang) => t(lang, 'diagnostics'),
  render: (lang) => (
    <Suspense fallback={<PaneSpinner size="medium" label={t(lang, 'loading')} />}>
      <DiagnosticsView lang={lang} />
    </Suspense>
  ),
};
