import { Suspense, lazy } from 'react';
import { Spinner } from '@fluentui/react-components';
import { t } from '../i18n';
import type { ExtraTab } from './App';

/** The diagnostics page is code-split: most users never open it (the pane's JS budget). */
const DiagnosticsView = lazy(() => import(/* webpackChunkName: "diagnostics" */ './DiagnosticsView'));

/** 診斷 / Diagnostics in the pane's overflow menu. */
export const diagnosticsTab: ExtraTab = {
  id: 'diagnostics',
  inMenu: true,
  label: (lang) => t(lang, 'diagnostics'),
  render: (lang) => (
    <Suspense fallback={<Spinner size="tiny" />}>
      <DiagnosticsView lang={lang} />
    </Suspense>
  ),
};
