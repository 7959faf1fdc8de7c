import { parseArgs } from 'node:util';
import type { Lang } from '../domain/findings';
import { PROGRAM_IDS } from '../domain/programs';

/** What every command's parser shares: option parsing, the usage error, the program and language picks. */

/** Bad usage: the message goes to stderr with the usage text, and the exit status is 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }

  text(lang: Lang): string {
    return lang === 'en' ? this.en : this.zh;
  }
}

const LANGS: readonly Lang[] = ['zh-TW', 'en'];

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseOptions(argv: readonly string[], options: OptionSpec) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined> & {
        program?: string;
        target?: string;
        format?: string;
        lang?: string;
      };
      positionals: string[];
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`不認得的選項 ${unknown[1]}`, `unknown option ${unknown[1]}`);
    // "argument missing" at the end of the line; "ambiguous" when the next word is another option (--program --lang en).
    const missing = /Option '([^']+?)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    if (missing) {
      const option = missing[1].replace(/^-\w, /, '');
      throw new UsageError(`選項 ${option} 需要一個值`, `option ${option} needs a value`);
    }
    throw new UsageError(message, message);
  }
}

/** The options the single-purpose commands (`maximize`, `diff`) share: --program, --format (one of `formats`, text by default), --lang, --help. */
export function parseCommandOptions<F extends string>(
  argv: readonly string[],
  formats: readonly F[],
): { help: true; lang: Lang } | { help: false; lang: Lang; program: string | undefined; format: F; files: string[] } {
  const { values, positionals } = parseOptions(argv, {
    program: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = pickLang(values.lang);
  if (values.help) return { help: true, lang };
  const format = (values.format ?? 'text') as F;
  if (!formats.includes(format)) {
    throw new UsageError(`不認得的 --format「${format}」；可用：${formats.join('、')}`, `unknown --format "${format}"; use one of: ${formats.join(', ')}`);
  }
  return { help: false, lang, program: pickProgram(values.program), format, files: positionals };
}

export function pickProgram(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!PROGRAM_IDS.includes(value)) {
    throw new UsageError(`不認得的計畫別「${value}」；可用的計畫別：${PROGRAM_IDS.join('、')}`, `unknown program "${value}"; the programs are: ${PROGRAM_IDS.join(', ')}`);
  }
  return value;
}

export function pickLang(value: string | undefined): Lang {
  if (value === undefined) return 'zh-TW';
  const lang = LANGS.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!lang) throw new UsageError(`不認得的 --lang「${value}」；可用：${LANGS.join('、')}`, `unknown --lang "${value}"; use one of: ${LANGS.join(', ')}`);
  return lang;
}

/** The language for a usage message, even when the rest of the command line is wrong. */
export function guessLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value?.toLowerCase() === 'en') return 'en';
  }
  return 'zh-TW';
}
