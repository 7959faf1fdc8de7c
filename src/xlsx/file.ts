import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { Lang } from '../domain/findings';
import { SHEET_READ_BOUNDS } from '../sheet/grid';
import { megabytes } from './zip';

/** Why a file cannot be read, and the per-file read bounds every format's reader shares. */

export type UnreadableReason =
  | 'missing'
  | 'folder'
  | 'permission'
  | 'io'
  | 'empty'
  | 'old-format'
  | 'not-zip'
  | 'damaged'
  | 'no-sheets'
  | 'sheet-unreadable'
  | 'not-regular'
  | 'too-large'
  | 'bomb'
  | 'timeout'
  | 'memory'
  | 'crashed'
  | 'encrypted'
  | 'old-doc'
  | 'pdf'
  | 'no-converter'
  | 'conversion-failed'
  | 'too-complex';

const REASONS: Record<UnreadableReason, { en: string; zh: string }> = {
  missing: { en: 'the file does not exist', zh: '檔案不存在' },
  folder: { en: 'this is a folder, not a file', zh: '這是資料夾，不是檔案' },
  permission: { en: 'permission denied: the file cannot be opened', zh: '沒有權限開啟此檔案' },
  io: { en: 'the file cannot be opened', zh: '檔案無法開啟' },
  empty: { en: 'the file is empty', zh: '檔案是空的' },
  'old-format': {
    en: 'this is an old-format .xls workbook (Excel 97–2003), and LibreOffice (soffice), which converts it, is not installed here: save it as .xlsx or .ods, or install LibreOffice',
    zh: '這是舊版 .xls 活頁簿（Excel 97–2003），而本機未安裝可轉換它的 LibreOffice（soffice）：請另存為 .xlsx 或 .ods，或安裝 LibreOffice',
  },
  encrypted: {
    en: 'the file is protected with a password (encrypted), so its contents cannot be read: remove the password (File > Info > Protect Workbook) and save it again',
    zh: '檔案設有開啟密碼（已加密），無法讀取內容：請移除密碼（檔案 > 資訊 > 保護活頁簿）後重新儲存',
  },
  'old-doc': {
    en: 'this is an old-format .doc document (Word 97–2003), and LibreOffice (soffice), which converts it, is not installed here: save it as .docx or .odt',
    zh: '這是舊版 .doc 文件（Word 97–2003），而本機未安裝可轉換它的 LibreOffice（soffice）：請另存為 .docx 或 .odt',
  },
  pdf: {
    en: 'PDF is not supported: a PDF keeps no table cells to check; send the .docx/.odt 計畫書 or the .xlsx/.ods workbook',
    zh: '不支援 PDF：PDF 不保留可檢查的表格儲存格；請提供 .docx/.odt 計畫書或 .xlsx/.ods 活頁簿',
  },
  'no-converter': {
    en: 'the file needs LibreOffice (soffice) to be converted, and it is not installed here',
    zh: '此檔案需以 LibreOffice（soffice）轉換，但本機未安裝',
  },
  'conversion-failed': { en: 'LibreOffice could not convert the file', zh: 'LibreOffice 無法轉換此檔案' },
  'too-complex': {
    en: 'the file is built far beyond any application (too many tables, or tables nested too deep); reading stopped',
    zh: '檔案結構遠超過任何申請文件（表格過多或巢狀過深），已停止讀取',
  },
  'not-zip': {
    en: 'the file is not a workbook or document this checker reads (.xlsx, .xlsm, .ods, .fods, .xls, .docx, .odt)',
    zh: '這不是本工具可讀取的活頁簿或文件（.xlsx、.xlsm、.ods、.fods、.xls、.docx、.odt）',
  },
  damaged: { en: 'the file is damaged or not an .xlsx workbook', zh: '檔案已損毀或不是 .xlsx 活頁簿' },
  'no-sheets': {
    en: 'the zip archive is not a workbook or document this checker reads (no worksheets, no document tables)',
    zh: '此 zip 檔不是本工具可讀取的活頁簿或文件（沒有工作表，也沒有文件表格）',
  },
  'sheet-unreadable': { en: 'a worksheet could not be read', zh: '有工作表無法讀取' },
  'not-regular': { en: 'this is not a regular file (a device, pipe or socket)', zh: '這不是一般檔案（是裝置、管道或通訊端）' },
  'too-large': { en: 'the file is larger than the read bound (--max-file-mb)', zh: '檔案大於讀取上限（--max-file-mb）' },
  bomb: {
    en: 'a part of the file expands far beyond any workbook (a zip bomb); reading stopped',
    zh: '檔案內容解壓後遠大於任何活頁簿（壓縮炸彈），已停止讀取',
  },
  timeout: { en: 'reading and checking the file took longer than the time bound (--file-timeout)', zh: '讀取與檢查此檔案超過時間上限（--file-timeout）' },
  memory: { en: 'reading and checking the file needed more memory than the bound', zh: '讀取與檢查此檔案所需記憶體超過上限' },
  crashed: { en: 'reading the file stopped unexpectedly', zh: '讀取此檔案時意外中止' },
};

/** A file that is missing, not an .xlsx workbook, or corrupt. `reason` says which, in plain words. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: UnreadableReason,
    /** The underlying library's words, when they add something (a zip error, an errno). */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${REASONS[code].en}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'UnreadableFileError';
  }

  /** Why the file cannot be read, in the user's language. */
  reason(lang: Lang = 'en'): string {
    const words = lang === 'en' ? REASONS[this.code].en : REASONS[this.code].zh;
    return this.detail ? (lang === 'en' ? `${words} (${this.detail})` : `${words}（${this.detail}）`) : words;
  }
}

/** How much of a file is read. The defaults fit every real application; a file beyond them is reported, never hung on. */
export interface ReadLimits {
  /** Files larger than this are not read at all. */
  maxFileBytes: number;
  /** No part of the archive may inflate to more than this (a zip bomb is stopped here). */
  maxPartBytes: number;
  /** Rows and columns kept per sheet: a budget table sits near a sheet's top-left corner. */
  maxRows: number;
  maxCols: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPartBytes: 256 * 1024 * 1024,
  maxRows: SHEET_READ_BOUNDS.rows,
  maxCols: SHEET_READ_BOUNDS.cols,
};


/** A file beyond a structural bound (tables, nesting): crafted, never an application. */
export class ReadBoundError extends Error {
  override name = 'ReadBoundError';
}

/** Parts that are small in every real workbook (workbook.xml, styles, relationships) are read whole under this bound. */
export const MAX_SMALL_PART_BYTES = 32 * 1024 * 1024;

/**
 * The bytes of a file, read only when it is a regular file (a FIFO or a device such as /dev/zero is refused without
 * blocking) no larger than `maxFileBytes`.
 */
export function readFileBytes(path: string, maxFileBytes: number): Buffer {
  let data: Buffer;
  let fd: number | undefined;
  // Synchronous calls: a file is read by one worker (or one CLI run) at a time, and four round trips through libuv's
  // thread pool per file cost more than reading a budget workbook does (profiled over 208 files).
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It changes nothing for files.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new UnreadableFileError(path, 'folder');
    if (!info.isFile()) throw new UnreadableFileError(path, 'not-regular', kindOf(info));
    if (info.size > maxFileBytes) {
      throw new UnreadableFileError(path, 'too-large', `${megabytes(info.size)} > ${megabytes(maxFileBytes)}`);
    }
    data = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < data.length) {
      const bytesRead = readSync(fd, data, filled, data.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return data.subarray(0, filled);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const { code, detail } = describeFsError(error);
    throw new UnreadableFileError(path, code, detail, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'FIFO';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  if (info.isSocket()) return 'socket';
  return 'special file';
}

function describeFsError(error: unknown): { code: UnreadableReason; detail?: string } {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOENT') return { code: 'missing' };
  if (errno === 'EISDIR') return { code: 'folder' };
  if (errno === 'EACCES' || errno === 'EPERM') return { code: 'permission' };
  return { code: 'io', detail: messageOf(error) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
