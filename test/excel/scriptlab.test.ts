import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIPPET_PATH, scriptlabSnippet } from '../../scripts/make-scriptlab';
import { installFakeOffice } from '../../src/fake-excel-host';

describe('docs/diagnostics.scriptlab.yaml', () => {
  it('is the current diagnostics code (run `npm run scriptlab` after changing src/excel/diagnostics.ts)', () => {
    expect(readFileSync(SNIPPET_PATH, 'utf8')).toBe(scriptlabSnippet());
  });

  it('runs as Script Lab would run it, and prints a report where every check passes', async () => {
    const yaml = readFileSync(SNIPPET_PATH, 'utf8');
    const script = yaml
      .slice(yaml.indexOf('  content: |\n') + '  content: |\n'.length, yaml.indexOf('\n  language: typescript'))
      .split('\n')
      .map((l) => l.slice(4))
      .join('\n');
    const window = {};
    installFakeOffice(window);
    let click: (() => Promise<void>) | undefined;
    const out = { textContent: '' };
    const document = {
      getElementById: (id: string) => (id === 'run' ? { addEventListener: (_: string, f: () => Promise<void>) => void (click = f) } : out),
    };
    // Runs the snippet as Script Lab would: it is a script text, not a module.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('window', 'document', script)(window, document);
    await click!();
    expect(out.textContent).toMatch(/^subsidy-budget \(Script Lab\) diagnostics/);
    expect(out.textContent).toContain('0 failed, 13 passed');
  });
});
