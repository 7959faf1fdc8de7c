import { describe, expect, it } from 'vitest';
import { putCell } from '../excel/fake-office-workbook';
import { SHEET, paneWithBudget } from './pane-fixture';

/**
 * Issue 17 §4: refreshing the 審查意見 sheet never calls the tool's own cells "your input"; the dialog says what
 * updates and what is kept.
 */

describe('the review sheet dialog', () => {
  it('creating says what the sheet holds; refreshing after the applicant changed a figure lists no cell as typed by the reviewer', async () => {
    const { host, session, cell } = await paneWithBudget([['全新設備之購置費', 1800, 2000]], {
      documentUrl: 'https://contoso.sharepoint.com/Shared%20Documents/%E7%94%B3%E8%AB%8B%E6%9B%B8.xlsx',
    });

    await session.prepareReviewSheet();
    expect(session.getState().pending!.summary).toMatch(/^新增「審查意見」工作表：預算摘要、評分表（合理性 30%、可行性 30%、效益性 40%）與 \d+ 項檢查結果/);
    await session.confirm();
    // The top names the application: its file, program and date.
    expect([host.value('審查意見', 'E3'), host.value('審查意見', 'E4')]).toEqual(['申請書.xlsx', '升級轉型 個案補助（製造業10人以上）']);
    expect(String(host.value('審查意見', 'E6'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await host.userEdit('審查意見', 'C12', 70);

    putCell(host, SHEET, cell('全新設備之購置費', 'gov'), 1695); // the applicant changes a number
    await session.check();
    await session.prepareReviewSheet();
    const pending = session.getState().pending!;
    expect(pending.changes.changes.length).toBeGreaterThan(0);
    expect(pending.changes.changes.filter((c) => c.replacesUserInput)).toEqual([]);
    expect(pending.summary).toBe(`更新「審查意見」工作表：摘要與檢查結果依目前預算更新（${pending.changes.changes.length} 格）；分數、審查意見、審查日期與審查人保留。`);
    await session.confirm();
    expect(host.value('審查意見', 'C12')).toBe(70);
  });
});
