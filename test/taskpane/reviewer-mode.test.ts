import { describe, expect, it } from 'vitest';
import { SHEET, paneWithBudget } from './pane-fixture';

/**
 * Issue 17 §4: a reviewer mode that offers no action changing the applicant's numbers or settings. Choosing another
 * program checks against it in the pane only; the workbook's stored settings and cells stay exactly as they were.
 */
async function application() {
  const { host, session } = await paneWithBudget([['全新設備之購置費', 1200, 300]]);
  const workbook = () => JSON.stringify({ settings: [...host.settings], sheet: host.dumpSheet(SHEET) });
  return { host, session, workbook };
}

describe('reviewer mode', () => {
  it('changes nothing of the application: no fix, maximum, template or repair; a program chosen is used for the check only', async () => {
    const { session, workbook } = await application();
    expect(session.getState().findings!.some((f) => f.rule === 'gov-share')).toBe(true);
    const before = workbook();

    await session.setReviewer(true);
    expect(session.getState().reviewer).toBe(true);
    await session.chooseProgram('upgrade-under10');
    expect(session.getState().programId).toBe('upgrade-under10');
    expect(session.getState().notice).toContain('未寫入活頁簿');
    await session.chooseTarget('smart');

    const finding = session.getState().findings!.find((f) => f.rule === 'gov-share')!;
    await session.prepareFix(finding);
    expect(session.getState().pending).toBeNull();
    await session.prepareMaximize();
    expect(session.getState().pending).toBeNull();
    await session.prepareTemplate();
    expect(session.getState().pending).toBeNull();
    await session.prepareRecalc();
    expect(session.getState().pending).toBeNull();
    await session.saveBenefitForm();
    expect(workbook()).toBe(before);

    // Off again: the workbook's own program decides.
    await session.setReviewer(false);
    expect(session.getState().programId).toBe('upgrade-10plus');
    expect(workbook()).toBe(before);
  });

  it('still makes the reviewer\'s own 審查意見 sheet', async () => {
    const { host, session } = await application();
    await session.setReviewer(true);
    await session.prepareReviewSheet();
    expect(session.getState().pending?.kind).toBe('review');
    await session.confirm();
    expect(host.sheetNames()).toContain('審查意見');
  });
});
