import type { IncomingMessage } from 'node:http';
import type { Lang } from '../domain/findings';
import type { WorkbookSnapshot } from '../sheet/grid';
import { DEFAULT_READ_LIMITS, readWorkbookBuffer, UnreadableFileError } from '../xlsx/read';
import type { PostRoute } from './static-server';

/** The cells of a file opened in the preview, as the page seeds them into the in-memory workbook. */
export type OpenedFile =
  | { ok: true; format: string; sheets: { name: string; origin: { row: number; col: number }; values: WorkbookSnapshot['sheets'][number]['values']; formulas: (string | null)[][]; numberFormats: string[][]; merges: string[] }[] }
  | { ok: false; message: string };

/**
 * `POST /read`: the bytes of a file the person picked or dropped, read by the CLI's bounded reader in this process
 * (nothing leaves the machine). Workbooks (.xlsx/.xlsm/.ods/.fods, .xls when LibreOffice is installed) come back as
 * sheets; a 計畫書 (.docx/.odt) is refused with what to do, because its tables hold text only and the pane would check
 * them as a sheet (amounts typed as text) — `subsidy-budget check` reads them as a document.
 */
export const readOpenedFile: PostRoute = {
  maxBytes: DEFAULT_READ_LIMITS.maxFileBytes,
  handle: async (body: Buffer, req: IncomingMessage): Promise<OpenedFile> => {
    const name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'file'));
    const lang: Lang = String(req.headers['x-lang'] ?? '').startsWith('en') ? 'en' : 'zh-TW';
    try {
      const book = await readWorkbookBuffer(body, name);
      if (book.sheets.some((s) => s.textTable)) {
        return {
          ok: false,
          message:
            lang === 'en'
              ? `${name} is a 計畫書 (${book.format}): the preview opens workbooks; check a document with \`subsidy-budget check ${name}\`, which places findings as "table 2, row 8, column 2".`
              : `${name} 是計畫書（${book.format}）：預覽只開啟活頁簿；計畫書請用 \`subsidy-budget check ${name}\` 檢查，問題會標示為「表 2 第 8 列第 2 欄」。`,
        };
      }
      return {
        ok: true,
        format: book.format ?? 'xlsx',
        sheets: book.sheets.map((s) => ({ name: s.name, origin: s.origin, values: s.values, formulas: s.formulas, numberFormats: s.numberFormats, merges: s.merges ?? [] })),
      };
    } catch (error) {
      if (error instanceof UnreadableFileError) return { ok: false, message: `${name}: ${error.reason(lang)}` };
      throw error;
    }
  },
};
