import { describe, expect, it } from 'vitest';
import { formatForDisplay } from '../../src/preview/workbook-view';

/**
 * The preview grid shows a number as its cell's format does in Excel (issue 17 §5, ux-2 problem 7): optional digits
 * (#) after the point show when needed, so 0.033 億元 in "#,##0.0###" is 0.033, not 0.0.
 */
describe('preview number formats', () => {
  it('optional decimals (#) show the digits a value has, up to their count; required ones (0) always', () => {
    expect(formatForDisplay(0.033, '#,##0.0###')).toBe('0.033');
    expect(formatForDisplay(0.05, '#,##0.0###')).toBe('0.05');
    expect(formatForDisplay(3, '#,##0.0###')).toBe('3.0');
    expect(formatForDisplay(1234.56789, '#,##0.0###')).toBe('1,234.5679');
    expect(formatForDisplay(0.5, '0.##')).toBe('0.5');
  });

  it('fixed formats are as before', () => {
    expect(formatForDisplay(1200, '#,##0')).toBe('1,200');
    expect(formatForDisplay(0.653, '0.0%')).toBe('65.3%');
    expect(formatForDisplay(12.5, '0.0')).toBe('12.5');
  });
});
