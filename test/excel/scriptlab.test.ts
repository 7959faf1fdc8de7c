import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SNIPPET_PATH, scriptlabSnippet } from '../../scripts/make-scriptlab';
import { installFakeOffice } from '../../src/fake-excel-host';

describe('docs/diagnostics.scriptlab.yaml', () => {
  it('is already ES5: no let/const, arrow functions, classes, for…of, template strings or async functions', () => {
    const yaml = readFileSync(SNIPPET_PATH, 'utf8');
    const source = yaml.slice(yaml.indexOf('  content: |\n'), yaml.indexOf('\n  language: typescript'));
    const script = source.split('\n').slice(1).map((l) => l.slice(4)).join('\n');
    // acorn at ecmaVersion 5 refuses any later syntax.
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
  });

  it('is the current diagnostics code (run `npm run scriptlab` after changing src/excel/diagnostics.ts)', () => {
    expect(readFileSync(SNIPPET_PATH, 'utf8')).toBe(scriptlabSnippet());
  });

  it('runs as Script Lab would run it, and prints a report where every check passes', async () => {
    const yaml = readFileSync(SNIPPET_PATH, 'utf8');
    const source = yaml
      .slice(yaml.indexOf('  content: |\n') + '  content: |\n'.length, yaml.indexOf('\n  language: typescript'))
      .split('\n')
      .map((l) => l.slice(4))
      .join('\n');
    // Script Lab compiles the snippet's script with TypeScript, target ES5 and no downlevelIteration: for…of over a Map
    // or Set becomes an index loop (and sees nothing), and a class extending Error loses its prototype. The snippet is
    // pre-compiled to ES5 so that this second compile changes nothing that matters.
    const script = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, allowJs: true } }).outputText;
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
