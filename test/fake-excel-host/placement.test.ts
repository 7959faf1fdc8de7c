import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser preview bundles the fake host, so it lives under src/ and must stay browser-safe; nothing under src/
// may reach into test/ (the preview once imported the fake host from there).
const root = join(__dirname, '..', '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);

describe('fake Excel host placement', () => {
  it('has no Node imports (the preview runs it in the browser)', () => {
    const nodeImports = sourceFiles(join(root, 'src', 'fake-excel-host')).flatMap((f) =>
      importsOf(f)
        .filter((spec) => spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'url'].includes(spec))
        .map((spec) => `${relative(root, f)} imports ${spec}`),
    );
    expect(nodeImports).toEqual([]);
  });

  it('nothing under src/ imports from test/', () => {
    const fromTest = sourceFiles(join(root, 'src')).flatMap((f) =>
      importsOf(f)
        .filter((spec) => spec.startsWith('.') && relative(root, join(f, '..', spec)).startsWith('test'))
        .map((spec) => `${relative(root, f)} imports ${spec}`),
    );
    expect(fromTest).toEqual([]);
  });
});
