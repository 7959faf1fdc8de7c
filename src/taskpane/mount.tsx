import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import type { Lang } from '../domain/findings';
import type { WorkbookPort } from '../sheet/port';
import { App, type ExtraTab } from './components/App';
import { rememberPickedLang } from './i18n';
import { FIRST_CHECK_MARK, FIRST_RENDER_MARK } from './marks';
import { paneServices } from './services';
import { PaneSession } from './session';

const NO_RUNTIME_THEME = {};

function FirstRender() {
  useEffect(() => {
    performance.mark(FIRST_RENDER_MARK);
  }, []);
  return null;
}

/** Renders the pane into `container` over a workbook port and starts the first check. */
export function mountPane(
  container: HTMLElement,
  port: WorkbookPort,
  lang: Lang,
  extraTabs: (session: PaneSession) => ExtraTab[] = () => [],
): PaneSession {
  const session = new PaneSession(port, paneServices, lang, { reviewer: rememberedReviewer() });
  session.subscribe(() => {
    const state = session.getState();
    if (state.langPicked) rememberPickedLang(state.lang);
    rememberReviewer(state.reviewer);
  });
  createRoot(container).render(
    <StrictMode>
      {/* The theme's variables come from theme.css (generated at build time from webLightTheme), not from script. */}
      <FluentProvider theme={NO_RUNTIME_THEME} style={{ minHeight: '100%' }}>
        <FirstRender />
        <App session={session} extraTabs={extraTabs(session)} />
      </FluentProvider>
    </StrictMode>,
  );
  void session.start().then(() => performance.mark(FIRST_CHECK_MARK));
  return session;
}

const REVIEWER_KEY = 'subsidy-budget.reviewer';

/** Reviewer mode is the person's way of working, remembered on this computer: never stored in the applicant's workbook. */
function rememberedReviewer(): boolean {
  try {
    return globalThis.localStorage?.getItem(REVIEWER_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberReviewer(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(REVIEWER_KEY, '1');
    else globalThis.localStorage?.removeItem(REVIEWER_KEY);
  } catch {
    // Not remembered: the pane opens in the applicant's mode next time.
  }
}
