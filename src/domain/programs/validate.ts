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
  const details = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`).join('; ');
  throw new RuleSetError(`${source} is malformed — ${details}`);
}

interface Issue {
  code: string;
  message: string;
  path: PropertyKey[];
  errors?: Issue[][];
}

/**
 * What was expected, in words. zod says only "Invalid input" for a value that fits none of a union's forms (a
 * quantity is 'gov', 'total', {item, part} or {amount}); listing what each form wanted tells the editor what to write.
 */
function describeIssue(issue: Issue): string {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue.message;
  // The forms the value came closest to (fewest complaints), e.g. {amount: "two"} → "amount: expected number".
  const fewest = Math.min(...issue.errors.map((branch) => branch.length));
  const forms = issue.errors.filter((branch) => branch.length === fewest).map((branch) => branch.map((i) => (i.path.length ? `${formatPath(i.path)}: ${describeIssue(i)}` : describeIssue(i))).join(', '));
  return forms.length === 1 ? forms[0] : `expected one of: ${[...new Set(forms)].join(' | ')}`;
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
