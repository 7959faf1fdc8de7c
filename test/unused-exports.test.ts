import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedExports } from '../scripts/unused-exports';

/** No dead exports under src/ (npm run unused-exports lists them): an export nothing imports and its file never uses. */
describe('unused exports', () => {
  it('finds an export nothing uses, and not one that is imported, renamed, re-exported or used in its own file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sb-unused-'));
    try {
      await mkdir(join(root, 'src'));
      await writeFile(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', noEmit: true }, include: ['src'] }));
      await writeFile(join(root, 'src/a.ts'), 'export const dead = 1;\nexport const local = 2;\nexport const used = local;\nexport type Shape = { x: number };\n');
      await writeFile(join(root, 'src/b.ts'), "import { used as renamed } from './a';\nimport type { Shape } from './a';\nexport const b: Shape = { x: renamed };\nexport { b as again };\n");
      await writeFile(join(root, 'src/c.ts'), "import { again } from './b';\nconsole.log(again);\n");
      expect(unusedExports({ root })).toEqual(['src/a.ts:1 dead']);
      expect(unusedExports({ root, includeLocal: true })).toEqual(['src/a.ts:1 dead', 'src/a.ts:2 local']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('none under src/', () => {
    expect(unusedExports()).toEqual([]);
  }, 120_000);
});
