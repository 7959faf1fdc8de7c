import { describe, expect, it, vi } from 'vitest';

describe('the pane’s strings', () => {
  it('has Chinese at once, English only once loaded — never Chinese in its place', async () => {
    vi.resetModules(); // a fresh module, as the bundle starts (the test setup has loaded English into the shared one)
    const i18n = await import('../../src/taskpane/i18n');
    expect(i18n.t('zh-TW', 'appTitle')).toBe('經費預算檢查');
    expect(() => i18n.t('en', 'appTitle')).toThrow(/not loaded/);
    await i18n.loadMessages('en');
    expect(i18n.t('en', 'appTitle')).toBe('Budget checker');
    expect(i18n.t('en', 'loading')).toBe('Loading…');
  });

  it('has every key in both languages, with the same placeholders', async () => {
    const i18n = await import('../../src/taskpane/i18n');
    const { en } = await import('../../src/taskpane/i18n-en');
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(i18n.t('zh-TW', key))]);
    }
  });

  it('English counts agree in number: "1 error", "this cell", "3 cells" (issue 17 §5)', async () => {
    const i18n = await import('../../src/taskpane/i18n');
    await i18n.loadMessages('en');
    expect(i18n.t('en', 'verdictErrors', { count: 1 })).toBe('1 error: the budget does not meet the rules');
    expect(i18n.t('en', 'verdictErrors', { count: 3 })).toBe('3 errors: the budget does not meet the rules');
    expect(i18n.t('en', 'verdictWarnings', { count: 1 })).toMatch(/^1 warning:/);
    expect(i18n.t('en', 'confirmIntro', { count: 1 })).toBe('This cell will be written:');
    expect(i18n.t('en', 'confirmIntro', { count: 2 })).toBe('These 2 cells will be written:');
    expect(i18n.t('en', 'fixApplied', { count: 1 })).toMatch(/^1 cell fixed;/);
    expect(i18n.t('en', 'marksAdded', { count: 1 })).toBe('1 cell marked.');
    expect(i18n.t('en', 'countsLabel', { error: 1, warning: 2, info: 0 })).toBe('1 error, 2 warnings, 0 info');
    // Chinese has no plural forms: the same template for any count.
    expect(i18n.t('zh-TW', 'verdictErrors', { count: 1 })).toMatch(/^1 個錯誤/);
  });
});
