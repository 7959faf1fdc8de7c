import type { Lang } from '../domain/findings';
import { PROGRAM_IDS, type Target } from '../domain/programs';
import { parseMaximize, type MaximizeCommand } from './maximize';
import { parseDiff, type DiffCommand } from './diff';
import { guessLang, parseOptions, pickLang, pickProgram, UsageError } from './options';

export type OutputFormat = 'text' | 'json' | 'md' | 'html' | 'xlsx';

export interface CheckCommand {
  command: 'check';
  files: string[];
  program?: string;
  target?: Target;
  format: OutputFormat;
  lang: Lang;
  /** Print where the time went (reading vs checking) to stderr. */
  timings: boolean;
  /** Write the report to this file instead of stdout (required for xlsx). */
  output?: string;
  /** Replace an existing `output` file. */
  force: boolean;
  /** Exit 1 when any file has a finding of this severity or worse. */
  failOn: FailOn;
  /** Bounds on each file: its size, and the time and memory its reading and checking may take. */
  bounds: FileBounds;
}

export type FailOn = 'error' | 'warning';

export interface FileBounds {
  maxFileMb: number;
  timeoutSeconds: number;
  memoryMb: number;
}

export const DEFAULT_FILE_BOUNDS: FileBounds = { maxFileMb: 200, timeoutSeconds: 60, memoryMb: 768 };

export interface TemplateCommand {
  command: 'template';
  program: string;
  out: string;
  lang: Lang;
  /** Replace an existing file at `out`. */
  force: boolean;
  /** A plan of several companies: the members besides the lead (a 總表 and one table per company). */
  members?: number;
}

export type Command = CheckCommand | TemplateCommand | MaximizeCommand | DiffCommand | { command: 'help'; lang: Lang };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'md', 'html', 'xlsx'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning'];
const TARGETS: readonly Target[] = ['lowcarbon', 'smart'];

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  const langHint = guessLang(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { command: 'help', lang: langHint };
  if (name === 'check') return parseCheck(rest);
  if (name === 'template') return parseTemplate(rest);
  if (name === 'maximize') return parseMaximize(rest);
  if (name === 'diff') return parseDiff(rest);
  throw name.startsWith('-')
    ? new UsageError(`請先寫指令 check、template、maximize 或 diff（收到 ${name}）`, `a command comes first: "check", "template", "maximize" or "diff" (got ${name})`)
    : new UsageError(`不認得的指令「${name}」；可用的指令為 check、template、maximize、diff`, `unknown command "${name}"; the commands are "check", "template", "maximize" and "diff"`);
}

function parseCheck(argv: readonly string[]): Command {
  const { values, positionals } = parseOptions(argv, {
    program: { type: 'string' },
    target: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    timings: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    'fail-on': { type: 'string' },
    'max-file-mb': { type: 'string' },
    'file-timeout': { type: 'string' },
    'max-memory-mb': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = pickLang(values.lang);
  if (values.help) return { command: 'help', lang };
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`不認得的 --fail-on「${failOn}」；可用：${FAIL_ON.join('、')}`, `unknown --fail-on "${failOn}"; use one of: ${FAIL_ON.join(', ')}`);
  }
  const output = typeof values.output === 'string' ? values.output : undefined;
  const bounds: FileBounds = {
    maxFileMb: positiveNumber('--max-file-mb', values['max-file-mb'], DEFAULT_FILE_BOUNDS.maxFileMb),
    timeoutSeconds: positiveNumber('--file-timeout', values['file-timeout'], DEFAULT_FILE_BOUNDS.timeoutSeconds),
    memoryMb: positiveNumber('--max-memory-mb', values['max-memory-mb'], DEFAULT_FILE_BOUNDS.memoryMb),
  };
  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`不認得的 --format「${format}」；可用：${FORMATS.join('、')}`, `unknown --format "${format}"; use one of: ${FORMATS.join(', ')}`);
  }
  const target = values.target as Target | undefined;
  if (target !== undefined && !TARGETS.includes(target)) {
    throw new UsageError(`不認得的 --target「${target}」；可用：${TARGETS.join('、')}`, `unknown --target "${target}"; use one of: ${TARGETS.join(', ')}`);
  }
  if (format === 'xlsx' && output === undefined) {
    throw new UsageError('--format xlsx 需要 --output <檔名.xlsx>', '--format xlsx needs --output <file.xlsx>');
  }
  if (positionals.length === 0) {
    throw new UsageError('沒有要檢查的檔案：請列出一個或多個 .xlsx 檔', 'no files to check: name one or more .xlsx files');
  }
  return {
    command: 'check',
    files: positionals,
    program: pickProgram(values.program),
    target,
    format,
    lang,
    timings: Boolean(values.timings) || isTruthy(process.env.SUBSIDY_BUDGET_TIMINGS),
    output,
    force: Boolean(values.force),
    failOn,
    bounds,
  };
}

function parseTemplate(argv: readonly string[]): Command {
  const { values, positionals } = parseOptions(argv, {
    program: { type: 'string' },
    lang: { type: 'string' },
    force: { type: 'boolean' },
    members: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = pickLang(values.lang);
  if (values.help) return { command: 'help', lang };
  let members: number | undefined;
  if (values.members !== undefined) {
    const given = String(values.members);
    members = /^\d{1,3}$/.test(given) ? Number(given) : NaN;
    if (!Number.isInteger(members) || members < 1) {
      throw new UsageError(`--members 需要一個 1 以上的整數（合作廠商家數，不含中心廠）：${given}`, `--members needs a whole number of 1 or more (the members besides the lead): ${given}`);
    }
  }
  const program = pickProgram(values.program);
  if (program === undefined) {
    throw new UsageError(`template 需要 --program <id>；計畫別：${PROGRAM_IDS.join('、')}`, `template needs --program <id>; the programs are: ${PROGRAM_IDS.join(', ')}`);
  }
  if (positionals.length !== 1) {
    throw new UsageError('template 只寫一個檔案：請指定輸出的 .xlsx 檔名', 'template writes exactly one file: name the output .xlsx');
  }
  return { command: 'template', program, out: positionals[0], lang, force: Boolean(values.force), ...(members === undefined ? {} : { members }) };
}

function positiveNumber(option: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`選項 ${option} 需要一個正數（收到「${String(value)}」）`, `option ${option} needs a positive number (got "${String(value)}")`);
  }
  return n;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
