import type { Lang } from '../domain/findings';

/**
 * "檢查中 37/200" on one terminal line, for a batch that takes more than a moment. Nothing is shown for a quick batch
 * (under `delayMs`), updates are throttled, and `done()` erases the line so the terminal is left clean.
 */
export function progressLine(total: number, write: (text: string) => void, lang: Lang, options: { delayMs?: number; now?: () => number } = {}) {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 1000;
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  const label = lang === 'en' ? 'Checking' : '檢查中';
  return {
    tick(doneCount: number): void {
      const t = now();
      if (t - start < delayMs || (t - lastDraw < 100 && doneCount < total)) return;
      lastDraw = t;
      drawn = true;
      write(`\r${label} ${doneCount}/${total} (${Math.floor((doneCount / Math.max(1, total)) * 100)}%)\x1b[K`);
    },
    done(): void {
      if (drawn) write('\r\x1b[K');
    },
  };
}
