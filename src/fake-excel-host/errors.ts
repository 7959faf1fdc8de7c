/**
 * Errors the fake host raises, shaped like `OfficeExtension.Error` (name "RichApi.Error", a `code`, a message and
 * `debugInfo`), so the adapter's error mapping is exercised against what Office actually hands it.
 * Fake difference (fidelity review 2 §9 F14): the fake never raises `GeneralException` for a workbook switch,
 * `InactiveWorkbook` or `ActivityLimitReached`, which Excel documents
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-troubleshooting,
 * https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes); their mapping is tested
 * by code only.
 */
export const FAKE_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidObjectPath: 'InvalidObjectPath',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const;

export type FakeErrorCode = (typeof FAKE_ERROR_CODES)[keyof typeof FAKE_ERROR_CODES];

export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];

  constructor(code: FakeErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function propertyNotLoaded(property: string): FakeOfficeError {
  // Same wording as office.js, so error displays in tests look like the real thing.
  return new FakeOfficeError(
    FAKE_ERROR_CODES.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}
