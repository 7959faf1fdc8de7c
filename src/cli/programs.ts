/**
 * Program files from a folder (`--programs <folder>`): a program office adds or corrects a program without code. Each
 * file is validated (the error names the file, the field and what is expected) and its example budgets must do what they
 * say before anything is checked with it. The `programs` command lists every program with its limits and sources.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../domain/findings';
import { formatAmount, fromNumber } from '../domain/money';
import { addPrograms, documentTitle, PROGRAMS, RuleSetError, type Limit, type Program, type ProgramFile, type Quantity } from '../domain/programs';
import { ratioText } from '../domain/programs/compile';
import { exampleFailures } from '../domain/programs/examples';
import { parseProgramFile } from '../domain/programs/validate';
import { SEED003_FILES } from '../domain/programs/seed003';
import { UsageError } from './options';

// The CLI knows every shipped program: the five 升級轉型 programs and the seed-003 ones (the pane loads those on demand).
addPrograms(SEED003_FILES);

/** The environment variable that hands the folder to the per-file worker threads (they share the process's env). */
export const PROGRAMS_ENV = 'SUBSIDY_BUDGET_PROGRAMS';
const MAX_PROGRAM_FILE_BYTES = 1024 * 1024;

/** Reads, validates and proves (examples) every *.json file of a folder. Throws UsageError naming the file and field. */
export function readProgramFolder(folder: string): ProgramFile[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    names = readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch {
    throw new UsageError(`--programs 需要一個含有計畫檔（*.json）的資料夾：${folder}`, `--programs needs a folder of program files (*.json): ${folder}`);
  }
  if (names.length === 0) throw new UsageError(`資料夾 ${folder} 中沒有計畫檔（*.json）`, `no program files (*.json) in ${folder}`);
  const files: ProgramFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      if (statSync(path).size > MAX_PROGRAM_FILE_BYTES) throw new RuleSetError(`${path} is larger than 1 MB`);
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new RuleSetError(`${path} is not valid JSON — ${(error as Error).message}`);
      }
      files.push(parseProgramFile(data, path));
    } catch (error) {
      const message = error instanceof RuleSetError ? error.message : `${path}: ${(error as Error).message}`;
      throw new UsageError(`計畫檔有誤：${message}`, `bad program file: ${message}`);
    }
  }
  const restore = addPrograms(files);
  try {
    const failures = files.flatMap((f) => exampleFailures(PROGRAMS.find((p) => p.id === f.id)!));
    if (failures.length > 0) throw new UsageError(`計畫檔的範例與規定不符：\n${failures.join('\n')}`, `a program file's examples do not hold:\n${failures.join('\n')}`);
  } finally {
    restore();
  }
  return files;
}

/** Takes `--programs <folder>` out of a command line, wherever it stands. */
export function takeProgramsOption(argv: readonly string[]): { argv: string[]; folder: string | null } {
  const rest: string[] = [];
  let folder: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--programs') {
      if (i + 1 >= argv.length) throw new UsageError('--programs 需要一個資料夾', '--programs needs a folder');
      folder = argv[++i];
    } else if (a.startsWith('--programs=')) folder = a.slice('--programs='.length);
    else rest.push(a);
  }
  return { argv: rest, folder };
}

/** In a worker thread: the programs the CLI was given. */
export function loadProgramsFromEnv(): void {
  const folder = process.env[PROGRAMS_ENV];
  if (folder) addPrograms(readProgramFolder(folder));
}

function quantityText(q: Quantity, program: Program, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
  if (q === 'gov') return t('政府補助款', 'subsidy');
  if (q === 'self') return t('業者自籌款', 'self-funding');
  if (q === 'total') return t('總經費', 'total');
  if ('item' in q) {
    const item = program.items.find((i) => i.id === q.item);
    return `${lang === 'en' ? (item?.en ?? q.item) : (item?.label ?? q.item)}${q.part === 'gov' ? t('政府補助款', ' subsidy') : q.part === 'self' ? t('自籌款', ' self-funding') : ''}`;
  }
  if ('amount' in q) return t(`${formatAmount(fromNumber(q.amount))} 千元`, `${formatAmount(fromNumber(q.amount))} thousand`);
  return q.fact;
}

/** One limit in words: "政府補助款 ≤ 總經費 × 三分之一（33.3%）". */
export function limitText(limit: Limit, program: Program, lang: Lang): string {
  const times = limit.times.num === limit.times.den ? '' : ` × ${ratioText(limit.times, lang)}`;
  const tolerance = limit.tolerance && limit.tolerance.num > 0n ? ` ± ${ratioText(limit.tolerance, lang)}` : '';
  const when = limit.when ? (lang === 'en' ? ` (when ${limit.when.fact} ${limit.when.op} ${String(limit.when.value)})` : `（${limit.when.fact} ${limit.when.op} ${String(limit.when.value)} 時）`) : '';
  const principle = limit.strength === 'principle' ? (lang === 'en' ? ' (principle)' : '（為原則）') : '';
  const op = limit.op === '<=' ? '≤' : limit.op === '>=' ? '≥' : limit.op;
  return `${quantityText(limit.left, program, lang)} ${op} ${quantityText(limit.right, program, lang)}${times}${tolerance}${when}${principle}`;
}

/** `subsidy-budget programs`: every program with its limits and sources, as text or as JSON. */
export function formatPrograms(format: 'text' | 'json', lang: Lang): string {
  if (format === 'json') {
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    return `${JSON.stringify(
      {
        version: 1,
        programs: PROGRAMS.map((p) => ({
          id: p.id,
          name: p.name,
          ...(p.number === undefined ? {} : { number: p.number }),
          target: p.target,
          anyItem: p.anyItem,
          items: p.items.map((i) => ({ id: i.id, label: i.label, gov: i.gov })),
          limits: p.limits.map((l) => ({ ...(plain(l) as object), text: limitText(l, p, lang), source: { title: documentTitle(l.citation.seed, lang), file: l.citation.seed } })),
        })),
      },
      null,
      2,
    )}\n`;
  }
  const lines: string[] = [];
  for (const p of PROGRAMS) {
    lines.push(`${p.id}  ${p.name[lang]}`);
    for (const l of p.limits) lines.push(`  ${l.rule.padEnd(13)} ${limitText(l, p, lang)}  — ${documentTitle(l.citation.seed, lang) ?? l.citation.seed}：「${l.citation.quote}」`);
    const selfOnly = p.items.filter((i) => i.gov === 'self-only').map((i) => (lang === 'en' ? i.en : i.label));
    if (selfOnly.length > 0) lines.push(`  ${'self-only'.padEnd(13)} ${selfOnly.join(lang === 'en' ? ', ' : '、')}`);
    if (p.anyItem) lines.push(`  ${'items'.padEnd(13)} ${lang === 'en' ? 'any item (the program names none)' : '不限科目（計畫未列會計科目）'}`);
    lines.push('');
  }
  return lines.join('\n');
}
