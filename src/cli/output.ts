import { existsSync } from 'node:fs';
import type { Lang } from '../domain/findings';
import { writeFileAtomically } from '../xlsx/apply';

/** Why a report file was not written, in the user's language; null when it was. */
export async function writeReportFile(path: string, data: string | Buffer, force: boolean, lang: Lang): Promise<string | null> {
  const en = lang === 'en';
  if (existsSync(path) && !force) {
    return en ? `${path} already exists; choose another name or add --force to replace it` : `${path} 已存在；請換個檔名，或加上 --force 覆寫`;
  }
  try {
    await writeFileAtomically(path, data);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? (en ? 'its folder does not exist' : '所在資料夾不存在') : (error as Error).message;
    return en ? `cannot write ${path}: ${reason}` : `無法寫入 ${path}：${reason}`;
  }
}
