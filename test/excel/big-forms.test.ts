import { describe, expect, it } from 'vitest';
import { OfficeWorkbook, officeEnvironment } from '../../src/excel';
import { type WorkbookChange } from '../../src/sheet/port';
import { text } from '../../src/sheet/plan';
import { installFakeOffice } from '../../src/fake-excel-host';

function setup(sheets: string[]) {
  const scope = {};
  const host = installFakeOffice(scope, { sheets });
  return { host, port: new OfficeWorkbook(officeEnvironment(scope)) };
}

describe('a form-style sheet with more than 512 merged areas', () => {
  // Range.getMergedAreasOrNullObject "will fail to return the result" above 512 areas
  // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
  it('still reads, with every merged area, and stays readable afterwards', async () => {
    const { host, port } = setup(['申請書', '經費預算表']);
    host.seed('申請書', Array.from({ length: 600 }, (_, i) => [`項目 ${i + 1}`, null, i]));
    for (let r = 1; r <= 600; r++) host.userMerge('申請書', `A${r}:B${r}`);
    host.seed('經費預算表', [['科目', '金額'], ['人事費', 100]]);
    host.userMerge('經費預算表', 'A3:B3');

    const first = await port.read();
    const form = first.sheets.find((s) => s.name === '申請書')!;
    expect(form.merges).toHaveLength(600);
    expect(form.merges).toContain('A600:B600');
    expect(first.sheets.find((s) => s.name === '經費預算表')!.merges).toEqual(['A3:B3']);
    // The visible-cells read was not blamed for it.
    expect(first.sheets.find((s) => s.name === '申請書')!.hiddenRows ?? []).toEqual([]);

    host.resetCounters();
    const again = await port.read();
    expect(again.sheets.find((s) => s.name === '申請書')!.merges).toHaveLength(600);
    // Steady state: the read's one sync plus one for the merges in row bands, no refused batch.
    expect(host.syncCount).toBe(2);
    expect(host.syncLog.filter((s) => s.failed)).toEqual([]);
  });

  it('a sheet at exactly 512 merged areas is read as before, in one sync', async () => {
    const { host, port } = setup(['申請書']);
    for (let r = 1; r <= 512; r++) host.userMerge('申請書', `A${r}:B${r}`);
    await port.read();
    host.resetCounters();
    const snapshot = await port.read();
    expect(snapshot.sheets[0].merges).toHaveLength(512);
    expect(host.syncCount).toBe(1);
  });
});

describe('sheet-deleted events carry no triggerSource', () => {
  // WorksheetDeletedEventArgs: type, source, worksheetId (https://learn.microsoft.com/javascript/api/excel/excel.worksheetdeletedeventargs).
  it("the add-in's own removal of a half-built sheet is not reported as a person's change; a person's deletion is", async () => {
    const { host, port } = setup(['Budget', 'Other']);
    await port.read();
    const changes: WorkbookChange[] = [];
    await port.onChange((c) => changes.push(c));
    host.protectSheet('Budget');
    // The plan adds a sheet, then fails on the protected one: the half-built sheet is removed again.
    await expect(
      port.apply({
        title: 'template',
        ops: [
          { op: 'addSheet', sheet: '經費預算表' },
          { op: 'write', sheet: '經費預算表', cell: 'A1', content: text('科目') },
          { op: 'write', sheet: 'Budget', cell: 'A1', content: text('x') },
        ],
      }),
    ).rejects.toMatchObject({ removedSheets: ['經費預算表'] });
    await host.settleEvents();
    expect(host.sheetNames()).toEqual(['Budget', 'Other']);
    expect(changes.filter((c) => c === 'sheets')).toEqual([]);

    await host.userDeleteSheet('Other');
    await host.settleEvents();
    expect(changes.filter((c) => c === 'sheets')).toEqual(['sheets']);
  });
});
