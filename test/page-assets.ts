import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Issue 8's budget for the JavaScript the pane loads up front, gzipped (checked by test/build.test.ts, printed by npm run bench). */
export const PANE_JS_BUDGET_BYTES = 160 * 1024;

/** The local scripts and stylesheets a built page loads, in order (office.js from Microsoft's CDN is not ours). */
export function pageAssets(html: string): { scripts: string[]; stylesheets: string[] } {
  const local = (src: string) => !/^https?:/.test(src);
  return {
    scripts: [...html.matchAll(/<script\b[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter(local),
    stylesheets: [...html.matchAll(/<link\b[^>]*\bhref=["']?([^"' >]+\.css)/g)].map((m) => m[1]).filter(local),
  };
}

/** A file's size gzipped as a server would at its best (level 9). */
export function gzippedBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}
