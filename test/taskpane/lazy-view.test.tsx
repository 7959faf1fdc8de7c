import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyView } from '../../src/taskpane/components/lazy-view';

// A chunk that never arrives: what stands in while a lazily loaded view loads.
const never = () => new Promise<() => null>(() => {});

describe('a view loaded on demand, while it loads', () => {
  it('shows the pane’s spinner, named, when no fallback is given', () => {
    const View = lazyView(never);
    const html = renderToString(<View lang="en" />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('Loading…');
  });

  it('shows nothing when the fallback is null (the confirmation dialog must not flash a spinner)', () => {
    const View = lazyView(never, null);
    expect(renderToString(<View lang="en" />)).not.toContain('progressbar');
  });
});
