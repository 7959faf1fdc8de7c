/**
 * Checks a rule set against `programSchema` (zod). Tests use it to prove the shipped data and any new rule set are
 * well formed; the add-in itself never imports this module, so zod stays out of the task pane's bundle.
 */
import { RuleSetError } from './index';
import { programSchema, type Program } from './schema';

/** Validates one rule set; the error names the bad field (e.g. `items[3].cap.percent`). */
export function parseProgram(data: unknown, source = 'rule set'): Program {
  const result = programSchema.safeParse(data);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
  throw new RuleSetError(`${source} is malformed — ${details}`);
}

function formatPath(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
      '',
    ) || '(root)'
  );
}
