/**
 * Checks a rule set against `programSchema` (zod). Tests use it to prove the shipped data and any new rule set are
 * well formed; the add-in itself never imports this module, so zod stays out of the task pane's bundle.
 */
import { RuleSetError } from './index';
import { compileProgram } from './compile';
import { programFileSchema, type Program, type ProgramFile } from './schema';

/** Validates one program file; the error names the file, the field (e.g. `limits[2].times`) and what is expected. */
export function parseProgramFile(data: unknown, source = 'rule set'): ProgramFile {
  const result = programFileSchema.safeParse(data);
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

/** Validates and compiles one program file. */
export function parseProgram(data: unknown, source = 'rule set'): Program {
  return compileProgram(parseProgramFile(data, source));
}
