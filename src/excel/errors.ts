import type { Lang } from '../domain/findings';

/** What went wrong, in terms the task pane can act on. */
export type ExcelHostErrorKind =
  | 'cell-edit' // a person is typing in a cell
  | 'protected' // protected sheet or read-only workbook
  | 'payload-too-large' // over Excel on the web's 5 MB per request or response
  | 'unsupported' // the host lacks the requirement set
  | 'name-taken'
  | 'not-found'
  | 'invalid'
  | 'unknown';

const MESSAGES: Record<ExcelHostErrorKind, Record<Lang, string>> = {
  'cell-edit': {
    'zh-TW': 'Excel 正在編輯儲存格。請按 Enter 或 Esc 結束編輯後再試一次。',
    en: 'Excel is editing a cell. Press Enter or Esc to finish editing, then try again.',
  },
  protected: {
    'zh-TW': '工作表受保護或活頁簿為唯讀，增益集無法寫入。請先取消保護工作表（校閱 > 取消保護工作表）再試一次。',
    en: 'The sheet is protected or the workbook is read-only, so the add-in cannot change it. Unprotect the sheet (Review > Unprotect Sheet) and try again.',
  },
  'payload-too-large': {
    'zh-TW': '這次與 Excel 交換的資料太大（Excel 網頁版每次上限 5 MB）。請縮小工作表的使用範圍，或刪除不需要的大量資料後再試。',
    en: 'Too much data for one exchange with Excel (Excel on the web allows 5 MB per request). Shrink the sheets’ used range or remove bulk data that is not needed, then try again.',
  },
  unsupported: {
    'zh-TW': '這個版本的 Excel 不支援此功能（需要較新的 ExcelApi 需求集）。請更新 Office，或改用 Excel 網頁版。',
    en: 'This version of Excel does not support this feature (it needs a newer ExcelApi requirement set). Update Office or use Excel on the web.',
  },
  'name-taken': {
    'zh-TW': '活頁簿中已有同名的工作表或項目，沒有做任何覆寫。',
    en: 'The workbook already has a sheet or item with that name; nothing was overwritten.',
  },
  'not-found': {
    'zh-TW': '找不到指定的工作表或儲存格，可能已被刪除或改名。請重新檢查後再試。',
    en: 'A sheet or cell the add-in expected is gone (deleted or renamed). Run the check again, then retry.',
  },
  invalid: {
    'zh-TW': 'Excel 拒絕了這項變更（內容或格式無效）。',
    en: 'Excel refused the change (invalid content or format).',
  },
  unknown: {
    'zh-TW': 'Excel 回報了未預期的錯誤。請再試一次；若仍失敗，請把下方技術細節提供給支援人員。',
    en: 'Excel reported an unexpected error. Try again; if it keeps failing, pass the technical details below to support.',
  },
};

/** An Office.js failure translated for people: a friendly message in each language plus the technical detail. */
export class ExcelHostError extends Error {
  constructor(
    readonly kind: ExcelHostErrorKind,
    /** The Office error code ("AccessDenied"), or the JavaScript error name. */
    readonly code: string,
    /** Code, Office's message and where it failed, for the "details" disclosure and logs. */
    readonly detail: string,
    override readonly cause?: unknown,
  ) {
    super(MESSAGES[kind].en);
    this.name = 'ExcelHostError';
  }

  friendly(lang: Lang): string {
    return MESSAGES[this.kind][lang];
  }
}

const KIND_BY_CODE: Record<string, ExcelHostErrorKind> = {
  InvalidOperationInCellEditMode: 'cell-edit',
  AccessDenied: 'protected',
  RequestPayloadSizeLimitExceeded: 'payload-too-large',
  ResponsePayloadSizeLimitExceeded: 'payload-too-large',
  ApiNotFound: 'unsupported',
  UnsupportedFeature: 'unsupported',
  UnsupportedOperation: 'unsupported',
  NotImplemented: 'unsupported',
  ItemAlreadyExists: 'name-taken',
  ItemNotFound: 'not-found',
  InvalidArgument: 'invalid',
  InvalidReference: 'invalid',
  FormulaLengthExceedsLimit: 'invalid',
  MergedRangeConflict: 'invalid',
};

/** Converts anything thrown while talking to Excel (an `OfficeExtension.Error` or not) into an ExcelHostError. */
export function toExcelHostError(error: unknown): ExcelHostError {
  if (error instanceof ExcelHostError) return error;
  const e = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown; debugInfo?: { errorLocation?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  let kind = KIND_BY_CODE[code] ?? 'unknown';
  // Older hosts report cell-edit mode as a plain InvalidOperation; the message is the only hint.
  if (kind === 'unknown' && code === 'InvalidOperation' && /edit(ing)? mode|cell.?edit/i.test(message)) kind = 'cell-edit';
  if (kind === 'unknown' && /payload size/i.test(message)) kind = 'payload-too-large';
  const location = typeof e.debugInfo?.errorLocation === 'string' ? ` (at ${e.debugInfo.errorLocation})` : '';
  return new ExcelHostError(kind, code, `${code}: ${message}${location}`, error);
}
