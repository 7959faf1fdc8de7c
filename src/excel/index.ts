export { OfficeWorkbook, officeEnvironment, MARK_FORMAT, type OfficeEnvironment, type MarkRecord } from './workbook';
export { ApplyError, ExcelHostError, toExcelHostError, type ExcelHostErrorKind } from './errors';
export { textForValues, needsQuotePrefix, columnWidthPoints } from './cells';
