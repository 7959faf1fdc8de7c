import { t } from '../i18n';
import type { PaneSession } from '../session';
import type { ExtraTab } from './App';
import { lazyView } from './lazy-view';

// The benefits form and its calculators load when the tab is first opened: checking a budget does not need them.
const BenefitsTab = lazyView(() => import(/* webpackChunkName: "benefits" */ './BenefitsTab').then((m) => m.BenefitsTab));

/** The benefits tab as an extra tab of the pane. */
export function benefitsTabs(session: PaneSession): ExtraTab[] {
  return [{ id: 'benefits', label: (lang) => t(lang, 'tabBenefits'), render: (lang) => <BenefitsTab lang={lang} session={session} /> }];
}
