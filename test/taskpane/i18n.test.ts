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
});
