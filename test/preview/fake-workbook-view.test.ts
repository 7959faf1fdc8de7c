import { describe, expect, it } from 'vitest';
import { createFakeExcel } from '../../src/fake-excel-host';
import { FakeHostView } from '../../src/preview/fake-workbook-view';

/**
 * The preview grid draws conditional formats as Excel does: where several rules hold for a cell and set the same
 * property, the rule of highest priority (first in the sheet's list) wins (issue 17 §3, ux-2 problem 3: a review mark
 * on top of the template's red was drawn red, so the marked cell looked unmarked).
 */
describe('preview grid: conditional formats in Excel priority order', () => {
  it('the first rule that holds wins a property; later rules still give what the first leaves unset', () => {
    const host = createFakeExcel({ sheets: ['經費預算表'] });
    host.seed('經費預算表', [[1200]], 'B5');
    const sheet = host.sheet('經費預算表');
    const at = { top: 4, left: 1, bottom: 4, right: 1 };
    // Listed highest priority first: the review mark (added last, so on top), then the template's breach colour.
    sheet.conditionalFormats.push(
      { id: '{mark}', ...at, formula: '=TRUE', format: { fill: '#FFEB9C', bold: true } },
      { id: '{template}', ...at, formula: '=B5>1000', format: { fill: '#FFC7CE', fontColor: '#9C0006' } },
    );
    const cell = new FakeHostView(host).cell('經費預算表', 4, 1);
    expect(cell.fill).toBe('#FFEB9C');
    expect(cell.bold).toBe(true);
    expect(cell.fontColor).toBe('#9C0006');
    expect(cell.fill).toBe(host.effectiveFormatAt('經費預算表', 'B5').fill);
  });

  it('a rule that does not hold draws nothing', () => {
    const host = createFakeExcel({ sheets: ['經費預算表'] });
    host.seed('經費預算表', [[900]], 'B5');
    host.sheet('經費預算表').conditionalFormats.push({ id: '{template}', top: 4, left: 1, bottom: 4, right: 1, formula: '=B5>1000', format: { fill: '#FFC7CE' } });
    expect(new FakeHostView(host).cell('經費預算表', 4, 1).fill).toBeNull();
  });
});
