import { describe, expect, it } from 'vitest';
import { THREE_ERRORS, paneWithBudget } from './pane-fixture';

/**
 * Issue 17 §2: the summary card's limit rows mean what its headline means (item totals and 總經費 kept, only who pays
 * changes), so a row never says 2,001 beside a headline of 1,000 or 1,880 for an item of 600; and where several limits
 * are broken, the largest legal subsidy is offered as one action that clears them all.
 */

async function budget(rows: [string, number, number][]) {
  const { session } = await paneWithBudget(rows);
  const maximum = session.getState().maximum!;
  const item = (id: string) => maximum.rooms.items.find((i) => i.itemId === id)?.room;
  return { session, maximum, item };
}

describe('limit rows count as the headline does', () => {
  it('M6 (odd total 2,001): the 50 % row allows 1,000, as the headline; 全新設備 600 (⌊600.3⌋)', async () => {
    const { maximum, item } = await budget([
      ['消耗性器材及原材料費', 0, 333],
      ['全新設備之購置費', 0, 1001],
      ['既有設備之改善費', 0, 667],
    ]);
    expect(maximum.more).toBe(1000);
    expect(maximum.rooms.share).toBe(1000);
    expect(item('new-equipment')).toBe(600);
    expect(maximum.fixesAll).toBe(0);
  });

  it('M3: 委託研究 of 600 can take 600 more subsidy, not 40 % of the total (1,880); an item with no cost has no row', async () => {
    const { maximum, item } = await budget([
      ['消耗性器材及原材料費', 0, 100],
      ['全新設備之購置費', 0, 4000],
      ['委託研究或驗證費', 0, 600],
    ]);
    expect(item('commissioned-research')).toBe(600);
    expect(item('new-equipment')).toBe(1410);
    expect(item('equipment-improvement')).toBeUndefined();
    expect(maximum.more).toBe(2110);
  });

  it('three limits broken: the 50 % row says 610 over, as the headline; one action clears all three', async () => {
    const { session, maximum, item } = await budget(THREE_ERRORS);
    expect(maximum.more).toBe(-610);
    expect(maximum.rooms.share).toBe(-610);
    expect(item('new-equipment')).toBe(-6);
    expect(maximum.fixesAll).toBe(3);

    await session.prepareMaximize();
    await session.confirm();
    const after = session.getState();
    expect(after.findings!.filter((f) => f.severity === 'error')).toEqual([]);
    expect(after.summary!.grandTotal).toBe(3980);
    expect(after.summary!.govTotal).toBe(1990);
    expect(after.maximum!.fixesAll).toBe(0);
  });

  it('one limit broken: no "fix all" (the finding\'s own fix is the action)', async () => {
    const { maximum } = await budget([['既有設備之改善費', 900, 300]]);
    expect(maximum.rooms.share).toBe(-300);
    expect(maximum.fixesAll).toBe(0);
  });
});
