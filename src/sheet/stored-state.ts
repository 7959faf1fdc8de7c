/**
 * All of the add-in's state in one workbook setting: a versioned JSON document. One key written at most once per
 * batch avoids office-js #920 (adding a new setting after changing an existing one in the same batch fails with
 * ItemNotFound on Excel on the web, https://github.com/OfficeDev/office-js/issues/920) and keeps reads simple. Settings
 * are per add-in and per file ("Persist add-in state and settings",
 * https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings). A missing or damaged
 * value reads as empty state: the pane must open on any workbook.
 *
 * The snapshot keeps presenting the logical keys of SETTING_KEYS (program, target, templates, benefits, marks), so the
 * sheet layer and the ExcelJS adapter do not care how they are stored. Host-independent: no Office types here.
 */
import { SETTING_KEYS } from './grid';

/** The one setting key. */
export const STATE_KEY = 'subsidy-budget';
export const STATE_VERSION = 1;

export interface StoredState {
  version: typeof STATE_VERSION;
  /** Logical settings by SETTING_KEYS value (program, target, templates, benefits), as strings. */
  settings: Record<string, string>;
  /** The add-in's review marks (opaque to this module; the Office adapter owns their shape). */
  marks: unknown[];
}

export function emptyState(): StoredState {
  return { version: STATE_VERSION, settings: {}, marks: [] };
}

/** What was wrong with a stored value, for diagnostics; null when it was fine or absent. */
export type StateProblem = null | 'damaged' | 'newer-version';

/** Parses the stored value (a JSON string, or an object where a host stored one); never throws. */
export function decodeState(raw: unknown): { state: StoredState; problem: StateProblem } {
  if (raw === undefined || raw === null || raw === '') return { state: emptyState(), problem: null };
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { state: emptyState(), problem: 'damaged' };
    }
  }
  const p = parsed as Partial<StoredState> | null;
  if (!p || typeof p !== 'object') return { state: emptyState(), problem: 'damaged' };
  if (typeof p.version === 'number' && p.version > STATE_VERSION) return { state: emptyState(), problem: 'newer-version' };
  if (p.version !== STATE_VERSION) return { state: emptyState(), problem: 'damaged' };
  const settings: Record<string, string> = {};
  if (p.settings && typeof p.settings === 'object') {
    for (const [k, v] of Object.entries(p.settings)) if (typeof v === 'string') settings[k] = v;
  }
  return { state: { version: STATE_VERSION, settings, marks: Array.isArray(p.marks) ? p.marks : [] }, problem: null };
}

export function encodeState(state: StoredState): string {
  return JSON.stringify(state);
}

/** Keys stored one per setting before the single key existed; still read so older workbooks keep their program. */
const LEGACY_KEYS: readonly string[] = [SETTING_KEYS.program, SETTING_KEYS.target, SETTING_KEYS.templates, SETTING_KEYS.benefits];

/**
 * The logical settings a snapshot presents, from the raw settings of a file or host: the single key wins over legacy
 * per-key values; marks appear under SETTING_KEYS.marks as JSON when there are any.
 */
export function logicalSettings(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of LEGACY_KEYS) {
    const v = raw[key];
    if (typeof v === 'string' && v !== '') out[key] = v;
    else if (v !== undefined && v !== null && v !== '') out[key] = JSON.stringify(v);
  }
  const { state } = decodeState(raw[STATE_KEY]);
  Object.assign(out, state.settings);
  if (state.marks.length) out[SETTING_KEYS.marks] = JSON.stringify(state.marks);
  return out;
}
