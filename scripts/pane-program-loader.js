// Webpack loader for the bundled program files in the pane build: the pane needs a program's rules and the quotes it
// shows, not its example budgets (tests run them), its editors' notes or where a quote sits in the brochure.
// Dropping those keeps the pane's up-front JavaScript within its budget; the CLI and the tests read the whole file.
const DROPPED = new Set(['$schema', 'examples', 'notes']);
const DROPPED_IN_CITATION = new Set(['lines', 'reading', 'note']);

function strip(value, key) {
  if (Array.isArray(value)) return value.map((v) => strip(v, key));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (key === undefined && DROPPED.has(k)) continue;
    if (key === 'citation' && DROPPED_IN_CITATION.has(k)) continue;
    out[k] = strip(v, k === 'citation' ? 'citation' : k);
  }
  return out;
}

export default function paneProgramLoader(source) {
  const file = JSON.parse(source);
  return JSON.stringify({ ...strip(file), examples: [], notes: [] });
}
