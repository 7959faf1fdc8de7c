import type { Lang } from '../domain/findings';

/** What went wrong, in terms the task pane can act on. */
export type ExcelHostErrorKind =
  | 'cell-edit' // a person is typing in a cell
  | 'protected' // protected sheet, read-only workbook, or blocked by Office policy
  | 'busy' // Excel is busy elsewhere: a dialog is open, another workbook is active, too many requests
  | 'too-large' // a range or operation over Excel's limits
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
    'zh-TW': 'Excel 拒絕了寫入：可能是工作表受保護、活頁簿以唯讀開啟，或組織的 Office 原則不允許增益集修改活頁簿。若是受保護，請先取消保護（校閱 > 取消保護工作表）再試一次。',
    en: 'Excel refused the change: the sheet may be protected, the workbook open read-only, or Office policy may block add-ins from changing it. If it is protected, unprotect it (Review > Unprotect Sheet) and try again.',
  },
  busy: {
    'zh-TW': 'Excel 目前無法處理增益集的要求（可能有對話方塊開著、切換到了另一個活頁簿，或要求過於頻繁）。請關閉對話方塊、回到此活頁簿，稍候再試。',
    en: 'Excel cannot take the add-in’s request right now (a dialog may be open, another workbook active, or too many requests in a row). Close any dialog, return to this workbook and try again in a moment.',
  },
  'too-large': {
    'zh-TW': '這個範圍或操作超過 Excel 的上限。請縮小工作表的使用範圍（刪除遠處不需要的儲存格）後再試。',
    en: 'The range or operation is over Excel’s limits. Shrink the sheet’s used range (delete stray far-away cells) and try again.',
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
    // Compiled to ES5 (the Script Lab snippet) Error's constructor returns a plain Error: keep `instanceof` working.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'ExcelHostError';
  }

  friendly(lang: Lang): string {
    return MESSAGES[this.kind][lang];
  }
}

/**
 * Office error codes → what the pane says. Codes only: "the message property … is localized", codes are not
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling). The list follows the
 * error table there and the codes office.js itself raises (see ../shared/reviews/officejs-fidelity.md, risk 7).
 */
const KIND_BY_CODE: Record<string, ExcelHostErrorKind> = {
  InvalidOperationInCellEditMode: 'cell-edit',
  AccessDenied: 'protected',
  InactiveWorkbook: 'busy',
  WriteNotSupportedWhenModalDialogOpen: 'busy',
  ActivityLimitReached: 'busy',
  ServiceNotAvailable: 'busy',
  RequestAborted: 'busy',
  Timeout: 'busy',
  ConnectionFailure: 'busy',
  InvalidOrTimedOutSession: 'busy',
  GeneralException: 'unknown',
  RangeExceedsLimit: 'too-large',
  OperationCellsExceedLimit: 'too-large',
  MemoryLimitReached: 'too-large',
  ValuesNull: 'payload-too-large',
  InvalidSelection: 'invalid',
  UndoNotSupported: 'unsupported',
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
  const kind = KIND_BY_CODE[code] ?? 'unknown';
  const location = typeof e.debugInfo?.errorLocation === 'string' ? ` (at ${e.debugInfo.errorLocation})` : '';
  return new ExcelHostError(kind, code, `${code}: ${message}${location}`, error);
}

/**
 * An apply batch that failed part-way: which planned cells hold what the plan wrote, which do not, and which
 * half-built sheets were removed again. The friendly text says all of it.
 */
export class ApplyError extends ExcelHostError {
  constructor(
    readonly original: ExcelHostError,
    readonly written: string[],
    readonly notWritten: string[],
    readonly removedSheets: string[],
    /** The follow-up look failed too, so `written` is unknown. */
    readonly unverified = false,
  ) {
    super(original.kind, original.code, original.detail, original.cause);
    this.name = 'ExcelHostError';
  }

  override friendly(lang: Lang): string {
    const list = (cells: string[]): string => (cells.length > 12 ? `${cells.slice(0, 12).join(', ')} …(+${cells.length - 12})` : cells.join(', '));
    const parts = [super.friendly(lang)];
    if (lang === 'zh-TW') {
      if (this.unverified) parts.push('無法確認哪些儲存格已寫入；請重新檢查活頁簿。');
      else {
        parts.push(this.written.length ? `已寫入 ${this.written.length} 格：${list(this.written)}。` : '沒有任何儲存格被寫入。');
        if (this.written.length && this.notWritten.length) parts.push(`未寫入 ${this.notWritten.length} 格：${list(this.notWritten)}。`);
      }
      if (this.removedSheets.length) parts.push(`未完成的工作表「${this.removedSheets.join('」、「')}」已移除。`);
    } else {
      if (this.unverified) parts.push('Which cells were written could not be checked; check the workbook again.');
      else {
        parts.push(this.written.length ? `Written (${this.written.length}): ${list(this.written)}.` : 'No cell was written.');
        if (this.written.length && this.notWritten.length) parts.push(`Not written (${this.notWritten.length}): ${list(this.notWritten)}.`);
      }
      if (this.removedSheets.length) parts.push(`The unfinished sheet ${this.removedSheets.join(', ')} was removed.`);
    }
    return parts.join(' ');
  }
}
