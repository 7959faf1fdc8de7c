import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../src/excel/workbook';
import { fakeExcelWorkbook } from './fake-office-workbook';

/** The workbook's file name for the 審查意見 sheet, from Office.context.document.url (null when unsaved). */
describe('documentName', () => {
  it('is the last part of the document URL, decoded; null when Office gives none', () => {
    expect(fakeExcelWorkbook({ documentUrl: 'https://contoso.sharepoint.com/Shared%20Documents/%E7%94%B3%E8%AB%8B%E6%9B%B8.xlsx' }).port.documentName()).toBe('申請書.xlsx');
    expect(fakeExcelWorkbook({ documentUrl: 'C:\\Users\\acc\\Desktop\\budget 2026.xlsx' }).port.documentName()).toBe('budget 2026.xlsx');
    expect(fakeExcelWorkbook().port.documentName()).toBeNull();
    expect(fileNameOf('https://example.com/a/b.xlsx?web=1')).toBe('b.xlsx');
  });
});
