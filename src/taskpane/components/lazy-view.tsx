import { Component, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import type { Lang } from '../../domain/findings';
import { t } from '../i18n';
import { PaneSpinner } from './PaneSpinner';

/**
 * A view the user opens later (a tab, a dialog), loaded from its own webpack chunk the first time it renders, so the
 * pane's first paint does not wait for it. While it loads a spinner (or `fallback`) stands in; if the chunk cannot be
 * fetched (the add-in's server went away) the pane says so where the view would be, and the rest keeps working.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback?: ReactNode,
): ComponentType<P & { lang: Lang }> {
  const View = lazy(async () => ({ default: await load() }));
  return function LazyView(props: P & { lang: Lang }) {
    return (
      <LoadFailure lang={props.lang}>
        {/* `null` (the dialog) shows nothing while loading; only an absent fallback means the spinner. */}
        <Suspense fallback={fallback === undefined ? <PaneSpinner size="medium" label={t(props.lang, 'loading')} /> : fallback}>
          <View {...props} />
        </Suspense>
      </LoadFailure>
    );
  };
}

class LoadFailure extends Component<{ lang: Lang; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <span role="alert">{t(this.props.lang, 'unexpectedError')}</span> : this.props.children;
  }
}
