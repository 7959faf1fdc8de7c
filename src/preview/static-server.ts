import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A URL prefix served from a folder, optionally rewriting text files (e.g. the office.js script tag). */
export interface Mount {
  prefix: string; // "/" or "/pane/"
  dir: string;
  rewrite?: (path: string, body: string) => string;
}

/** A POST route: the request body (at most `maxBytes`) in, a JSON answer out. Nothing else is accepted. */
export interface PostRoute {
  maxBytes: number;
  handle: (body: Buffer, req: IncomingMessage) => Promise<unknown>;
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * A tiny static file server on 127.0.0.1 (a free port unless one is given) for the preview and the browser tests.
 * Serves only files under its mounts; never follows paths out of them.
 */
export function serveStatic(mounts: Mount[], port = 0, posts: Record<string, PostRoute> = {}): Promise<StaticServer> {
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => void respond(req, res));
  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      const route = Object.hasOwn(posts, path) ? posts[path] : undefined;
      if (req.method === 'POST') return route ? await answerPost(route, req, res) : notFound(res);
      const mount = sorted.find((m) => path.startsWith(m.prefix) || path + '/' === m.prefix);
      if (!mount) return notFound(res);
      let relative = path.slice(mount.prefix.length);
      if (relative === '' || relative.endsWith('/')) relative += 'index.html';
      const root = resolve(mount.dir);
      const file = normalize(join(root, relative));
      if (file !== root && !file.startsWith(root + sep)) return notFound(res);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return notFound(res);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body: Buffer | string = await readFile(file);
      if (mount.rewrite && type.startsWith('text/')) body = mount.rewrite(relative, body.toString('utf8'));
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
  }
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://127.0.0.1:${actualPort}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function answerPost(route: PostRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > route.maxBytes) {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('too large');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  }
  const answer = await route.handle(Buffer.concat(chunks), req);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(answer));
}

function notFound(res: import('node:http').ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}
