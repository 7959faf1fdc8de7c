import type { PaneServices } from './session';

type Engine = (typeof import('./engine'))['engineServices'];

let engine: Engine | null = null;
let loading: Promise<void> | null = null;

function loaded(): Engine {
  if (!engine) throw new Error('the checking engine is used before it has loaded');
  return engine;
}

/**
 * The real engine as the pane uses it. The engine (reading tables, the rules, fixes, the maximiser) is its own chunk,
 * requested as the pane mounts: the pane's frame renders without waiting for it, and the session waits for it before
 * its first action.
 */
export const paneServices: PaneServices = {
  load: () =>
    (loading ??= import(/* webpackChunkName: "engine" */ './engine').then(
      (m) => {
        engine = m.engineServices;
      },
      (error: unknown) => {
        loading = null; // a failed chunk load may be retried by the next action
        throw error;
      },
    )),
  check: (snapshot, options) => loaded().check(snapshot, options),
  templatePlan: (programId, snapshot, lang) => loaded().templatePlan(programId, snapshot, lang),
  recalcPlan: (snapshot, programId, lang) => loaded().recalcPlan(snapshot, programId, lang),
  maximize: (check, programId) => loaded().maximize(check, programId),
};
