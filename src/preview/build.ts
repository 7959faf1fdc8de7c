import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The preview page's own files (grid, fake host, office.js shim); the task pane itself comes from `dist/`. */
export const PREVIEW_DIST = join(ROOT, 'dist-preview');

/** Builds the preview page (production, minified) into dist-preview/. */
export async function buildPreview(): Promise<string> {
  mkdirSync(PREVIEW_DIST, { recursive: true });
  const here = join(ROOT, 'src/preview');
  await build({
    entryPoints: { preview: join(here, 'main.tsx'), 'office-shim': join(here, 'office-shim.ts') },
    outdir: PREVIEW_DIST,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'preview.css']) copyFileSync(join(here, file), join(PREVIEW_DIST, file));
  return PREVIEW_DIST;
}
