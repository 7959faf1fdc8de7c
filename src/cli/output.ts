import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { Lang } from '../domain/findings';
import { writeFileAtomically } from '../xlsx/apply';

/** What a path is, in the user's language, when it is not a regular file. */
function kindOf(stats: Stats, lang: Lang): string | null {
  const en = lang === 'en';
  if (stats.isSymbolicLink()) return en ? 'a symbolic link' : '符號連結（symlink）';
  if (stats.isDirectory()) return en ? 'a folder' : '資料夾';
  if (stats.isFIFO()) return en ? 'a named pipe (FIFO)' : '具名管道（FIFO）';
  if (stats.isCharacterDevice()) return en ? 'a character device' : '字元裝置';
  if (stats.isBlockDevice()) return en ? 'a block device' : '區塊裝置';
  if (stats.isSocket()) return en ? 'a socket' : 'socket';
  return null;
}

/** The same file on disk (device and inode), however the path is spelled or linked. */
const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/**
 * Why the CLI must not write `path`; null when it may. A report or template goes only to a regular file (new, or an
 * existing one with --force) — never through a symbolic link, onto a device, a FIFO or a folder, and never over one of
 * the files being read, even with --force: `--output a.xlsx --force a.xlsx` would replace an applicant's workbook.
 */
export function outputRefusal(path: string, options: { force: boolean; inputs?: readonly string[]; lang: Lang }): string | null {
  const en = options.lang === 'en';
  let target: Stats | null = null;
  try {
    target = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return en ? `cannot write ${path}: ${(error as Error).message}` : `無法寫入 ${path}：${(error as Error).message}`;
  }
  if (target === null) {
    try {
      if (!statSync(dirname(path)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOENT' });
    } catch {
      return en ? `cannot write ${path}: its folder does not exist` : `無法寫入 ${path}：所在資料夾不存在`;
    }
    return null;
  }
  const kind = kindOf(target, options.lang);
  if (kind !== null) {
    return en
      ? `${path} is ${kind}, not a regular file; the report is written only to a regular file or to standard output`
      : `${path} 是${kind}，不是一般檔案；報告只寫入一般檔案或標準輸出`;
  }
  for (const input of options.inputs ?? []) {
    let stats: Stats;
    try {
      stats = statSync(input);
    } catch {
      continue;
    }
    if (sameFile(stats, target)) {
      return en
        ? `${path} is one of the files being checked (${input}); the report never replaces an input, even with --force — choose another name`
        : `${path} 是要檢查的檔案之一（${input}）；即使加上 --force 也不會以報告覆寫輸入檔，請換個檔名`;
    }
  }
  if (!options.force) {
    return en ? `${path} already exists; choose another name or add --force to replace it` : `${path} 已存在；請換個檔名，或加上 --force 覆寫`;
  }
  return null;
}

/** Why a report file was not written, in the user's language; null when it was. */
export async function writeReportFile(path: string, data: string | Buffer, options: { force: boolean; inputs?: readonly string[]; lang: Lang }): Promise<string | null> {
  const refusal = outputRefusal(path, options);
  if (refusal !== null) return refusal;
  try {
    await writeFileAtomically(path, data);
    return null;
  } catch (error) {
    return writeFailure(path, error, options.lang);
  }
}

/** A failed write in words: the path and the system's reason (no space left, permission denied…), no stack trace. */
export function writeFailure(path: string, error: unknown, lang: Lang): string {
  const en = lang === 'en';
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? en ? 'its folder does not exist' : '所在資料夾不存在'
      : code === 'ENOSPC'
        ? en ? 'no space left on the device' : '裝置空間不足'
        : code === 'EACCES' || code === 'EPERM'
          ? en ? 'permission denied' : '沒有寫入權限'
          : (error as Error).message;
  return en ? `cannot write ${path}: ${reason}` : `無法寫入 ${path}：${reason}`;
}
