import type { Page } from 'playwright-core';

import { FIRST_RENDER_MARK } from '../taskpane/marks';

/**
 * Milliseconds from the preview page's navigation start to the pane's first render, read from performance marks in
 * both documents (the pane lives in a frame with its own time origin).
 */
export async function previewFirstRenderMs(page: Page, timeoutMs = 15_000): Promise<number> {
  await page.waitForFunction(
    (mark) => {
      const frame = document.getElementById('pane') as HTMLIFrameElement | null;
      const win = frame?.contentWindow as (Window & typeof globalThis) | null | undefined;
      return Boolean(win?.performance?.getEntriesByName(mark).length);
    },
    FIRST_RENDER_MARK,
    { timeout: timeoutMs },
  );
  return page.evaluate((mark) => {
    const frame = document.getElementById('pane') as HTMLIFrameElement;
    const win = frame.contentWindow as Window & typeof globalThis;
    const entry = win.performance.getEntriesByName(mark)[0];
    return win.performance.timeOrigin + entry.startTime - performance.timeOrigin;
  }, FIRST_RENDER_MARK);
}
