import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildPreview, ROOT } from './build';
import { serveStatic, type StaticServer } from './static-server';
import { readOpenedFile } from './open-file';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const DIST = join(ROOT, 'dist');

/**
 * Serves the preview on 127.0.0.1: the page with the grid at `/`, the production task pane from dist/ at `/pane/`
 * with its office.js script tag pointed at the local shim, so nothing is loaded from the network. A file the person
 * opens is read at `POST /read` by this process on this machine (the same bounded reader as the CLI).
 */
export async function startPreview(port = 0): Promise<StaticServer> {
  if (!existsSync(join(DIST, 'taskpane.html'))) {
    throw new Error('dist/taskpane.html is missing: run `npm run build` first (npm run preview does).');
  }
  const previewDir = await buildPreview();
  return serveStatic(
    [
      { prefix: '/', dir: previewDir },
      {
        prefix: '/pane/',
        dir: DIST,
        rewrite: (path, body) => (path.endsWith('.html') ? body.split(OFFICE_JS_URL).join('/office-shim.js') : body),
      },
    ],
    port,
    { '/read': readOpenedFile },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  startPreview(port).then(
    (server) => {
      console.log(`Preview: ${server.url}/   (Ctrl+C to stop)`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
