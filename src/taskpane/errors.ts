import type { Lang } from '../domain/findings';
import { t } from './i18n';

/** What the pane shows for a failure: a sentence a user understands, and the technical detail behind a disclosure. */
/** Errors whose message is already written for the user: the adapter's host errors and the sheet layer's refusals. */
const FRIENDLY_ERRORS = new Set(['ExcelHostError', 'RecalcError', 'BenefitsError']);

export interface PaneError {
  message: string;
  detail: string | null;
}

/**
 * The Office.js adapter throws `ExcelHostError` with a friendly message (already in words a user understands) and the
 * technical detail (Office error code, debug info). Anything else is unexpected: say so, keep its text as the detail.
 * Duck-typed so the pane does not pull the adapter into code that runs without Office.
 */
export function describeError(error: unknown, lang: Lang): PaneError {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown; detail?: unknown; friendly?: unknown; code?: unknown };
    const friendly = pickFriendly(e, lang);
    if (typeof e.name === 'string' && FRIENDLY_ERRORS.has(e.name) && friendly) {
      return { message: friendly, detail: detailText(e.detail ?? e.code) };
    }
    const message = typeof e.message === 'string' ? e.message : (detailText(error) ?? '');
    const name = typeof e.name === 'string' ? e.name : 'Error';
    return { message: t(lang, 'unexpectedError'), detail: `${name}: ${message}` };
  }
  return { message: t(lang, 'unexpectedError'), detail: String(error) };
}

function pickFriendly(e: { message?: unknown; friendly?: unknown }, lang: Lang): string | null {
  const f = e.friendly;
  // ExcelHostError: friendly(lang) gives the sentence in the pane's language.
  if (typeof f === 'function') {
    const text: unknown = (f as (lang: Lang) => unknown).call(e, lang);
    if (typeof text === 'string' && text) return text;
  }
  if (f && typeof f === 'object' && typeof (f as Record<string, unknown>)[lang] === 'string') {
    return (f as Record<string, string>)[lang];
  }
  if (typeof f === 'string') return f;
  return typeof e.message === 'string' && e.message ? e.message : null;
}

function detailText(detail: unknown): string | null {
  if (detail === undefined || detail === null || detail === '') return null;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail, null, 2);
  } catch {
    // A cyclic object: JSON cannot show it, and its type is better than nothing.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(detail);
  }
}
