import { describe, expect, it } from 'vitest';
import { cellReference, formatValue as cliValue } from '../../src/cli/format';
import { cellRef, formatValue as paneValue } from '../../src/taskpane/format';

/** The pane and the CLI reports name a cell and show a number the same way (one function each, in domain/a1.ts). */
describe('one cell reference and one number format for every face', () => {
  it('quotes a sheet name alike in the pane and the CLI', () => {
    for (const sheet of ['經費預算表', 'Budget.2023', 'My sheet', "O'Neil", '預算(修正)']) {
      expect(cellRef(sheet, 'B10')).toBe(cellReference({ sheet, cell: 'B10' }, 'en'));
    }
    expect(cellRef('Budget.2023', 'B10')).toBe('Budget.2023!B10');
    expect(cellRef("O'Neil", null)).toBe("'O''Neil'");
  });

  it('shows numbers alike: grouped, up to six decimals', () => {
    for (const n of [3380, 1234567.1234567, -0.5, 0]) expect(paneValue(n)).toBe(cliValue(n, 'en'));
    expect(paneValue(1234567.1234567)).toBe('1,234,567.123457');
  });
});
