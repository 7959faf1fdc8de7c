// The production build (`npm run build`): one build into a temporary folder, with a throw-away HOME so that any
// attempt to create development certificates would be visible, shared by every assertion below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { checkManifest } from './manifest-check';
import { PANE_JS_BUDGET_BYTES, gzippedBytes, pageAssets } from './page-assets';
import { buildFakeOffice, CHROMIUM_FLAGS } from './browser/harness';
// @ts-expect-error webpack.config.js is plain JavaScript without type declarations
import webpackConfig, { contentSecurityPolicy, normalisePublicUrl, OFFICE_JS_URL } from '../webpack.config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC_URL = 'https://addin.example.com.tw/subsidy-budget/';

let work: string;
let outDir: string;
let fakeHome: string;
let buildLog: string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Parses a CSP string into directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'subsidy-budget-build-'));
  outDir = join(work, 'dist');
  fakeHome = join(work, 'home');
  const webpackBin = join(root, 'node_modules', 'webpack', 'bin', 'webpack.js');
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [webpackBin, '--mode', 'production', '--output-path', outDir, '--env', `publicUrl=${PUBLIC_URL}`],
    {
      cwd: root,
      env: { ...process.env, HOME: fakeHome, USERPROFILE: fakeHome, ADDIN_PUBLIC_URL: '' },
      maxBuffer: 20 * 1024 * 1024,
    },
  );
  buildLog = stdout + stderr;
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes taskpane.html with the CSP first, then office.js from the CDN, then content-hashed bundles', () => {
    const html = readFileSync(join(outDir, 'taskpane.html'), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.length).toBeGreaterThan(0);
    const cspAt = head.search(/<meta http-equiv="?Content-Security-Policy"?/i);
    const scripts = [...head.matchAll(/<script\b([^>]*)>/g)].map((m) => ({ at: m.index!, attrs: m[1] }));
    const srcOf = (attrs: string) => /\bsrc="?([^"\s>]+)"?/.exec(attrs)?.[1];
    expect(cspAt).toBeGreaterThan(-1);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(scripts.every((s) => s.at > cspAt)).toBe(true);
    // office.js first and synchronous, so Office.onReady exists when our deferred bundles run.
    expect(srcOf(scripts[0].attrs)).toBe(OFFICE_JS_URL);
    expect(scripts[0].attrs).not.toMatch(/\b(defer|async)\b/);
    const bundles = scripts.slice(1).map((s) => srcOf(s.attrs)!);
    for (const bundle of bundles) {
      expect(bundle).toMatch(/^[\w.-]+\.[0-9a-f]{8}\.js$/);
      expect(existsSync(join(outDir, bundle)), bundle).toBe(true);
    }
    expect(html.match(/<script\b/g)).toHaveLength(scripts.length); // nothing outside <head>, no inline scripts
    expect(html).toMatch(/<div id="?root"?>/);
  });

  it('shows a CSS-only placeholder (name and spinner) until React renders, and ships no zod or lazy view up front', () => {
    const html = readFileSync(join(outDir, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<div id="?root"?><div class="?pane-placeholder"?/);
    expect(html).toContain('Subsidy budget');
    expect(html).not.toMatch(/<style\b/); // the placeholder's CSS is a file, so style-src needs nothing more for it
    const placeholderCss = /<link\b[^>]*\bhref="?(placeholder\.[0-9a-f]{8}\.css)/.exec(html)?.[1];
    expect(placeholderCss, 'a content-hashed placeholder stylesheet').toBeDefined();
    expect(readFileSync(join(outDir, placeholderCss!), 'utf8')).toMatch(/@keyframes/);
    const { scripts } = pageAssets(html);
    const upFront = scripts.map((src) => readFileSync(join(outDir, src), 'utf8')).join('\n');
    // zod validates the rule sets in the tests only; its error class would be in any bundle that carried it.
    expect(upFront).not.toContain('ZodError');
    const all = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    expect(all.some((f) => f.startsWith('benefits.')), 'the benefits tab is its own chunk').toBe(true);
    expect(all.some((f) => f.startsWith('dialog.')), 'the confirmation dialog is its own chunk').toBe(true);
    for (const f of all) expect(readFileSync(join(outDir, f), 'utf8'), f).not.toContain('ZodError');
  });

  it('sets a CSP that allows scripts only from this site and the office.js CDN, and never eval', () => {
    const html = readFileSync(join(outDir, 'taskpane.html'), 'utf8');
    const content = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1];
    expect(content).toBeDefined();
    const csp = parseCsp(content!);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]); // the dev server's websocket is not in production
    expect(content).not.toContain('unsafe-eval');
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('never touches development certificates', () => {
    expect(existsSync(join(fakeHome, '.office-addin-dev-certs'))).toBe(false);
    expect(buildLog).not.toMatch(/certificate/i);
    for (const file of filesUnder(outDir)) {
      const text = readFileSync(file, 'latin1');
      expect(text, relative(outDir, file)).not.toMatch(/BEGIN CERTIFICATE|PRIVATE KEY|office-addin-dev-certs|wss:\/\/localhost/);
    }
  });

  it('copies the icons and a manifest rewritten to the production address that passes the offline checks', () => {
    const manifest = readFileSync(join(outDir, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain('<AppDomain>https://addin.example.com.tw</AppDomain>');
    // With no builtPaths, taskpane.html, the icons and the support page must all exist in the build output.
    expect(checkManifest(manifest, { urlBase: PUBLIC_URL, localRoot: outDir })).toEqual([]);
    for (const size of [16, 32, 64, 80, 128]) expect(existsSync(join(outDir, 'assets', `icon-${size}.png`))).toBe(true);
    expect(buildLog).not.toContain('still points at');
  });

  describe('in a browser, under its own policy', () => {
    let server: Server;
    let browser: Browser;
    let base: string;
    const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
    let servePolicy = (html: string) => html;
    let fakeOffice = '';

    beforeAll(async () => {
      server = createServer((req, res) => {
        const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
        if (!path.startsWith(outDir) || !existsSync(path) || statSync(path).isDirectory()) {
          res.writeHead(404).end();
          return;
        }
        const body = path.endsWith('.html') ? servePolicy(readFileSync(path, 'utf8')) : readFileSync(path);
        res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      // office.js is answered with the fake Excel host, so the real pane renders as it does in Excel.
      fakeOffice = readFileSync(await buildFakeOffice(), 'utf8');
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    /**
     * Loads the pane with office.js replaced by the fake host; returns CSP violations, how many rules the build's
     * stylesheets hold and what a Fluent button looks like (its colour comes from theme.css, its shape from Griffel's CSS).
     */
    async function loadPane() {
      const page = await browser.newPage();
      try {
        await page.route('https://appsforoffice.microsoft.com/**', (route) =>
          route.fulfill({ contentType: 'text/javascript', body: fakeOffice }));
        await page.addInitScript(() => {
          const w = window as unknown as { violations: string[] };
          w.violations = [];
          document.addEventListener('securitypolicyviolation', (e) => {
            // The stand-in for office.js (the fake host, HyperFormula inside) is not ours to judge; our bundles are.
            if (!e.sourceFile.startsWith('https://appsforoffice.microsoft.com/')) w.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
          });
        });
        await page.goto(`${base}/taskpane.html`);
        // React has rendered when #root holds something other than the CSS placeholder from taskpane.html.
        await page.waitForFunction(() => document.querySelector('#root > :not(.pane-placeholder)') !== null, undefined, { timeout: 15_000 });
        await page.waitForSelector('.fui-Button');
        return await page.evaluate(() => {
          const button = getComputedStyle(document.querySelector('.fui-Button')!);
          return {
            violations: (window as unknown as { violations: string[] }).violations,
            stylesheetRules: Array.from(document.styleSheets)
              .filter((sheet) => sheet.href !== null)
              .reduce((n, sheet) => n + sheet.cssRules.length, 0),
            button: { radius: button.borderTopLeftRadius, font: button.fontFamily },
          };
        });
      } finally {
        await page.close();
      }
    }

    it('runs the bundles and styles Fluent UI from the build’s stylesheets with no policy violation', async () => {
      servePolicy = (html) => html;
      const { violations, stylesheetRules, button } = await loadPane();
      expect(violations).toEqual([]);
      expect(stylesheetRules).toBeGreaterThan(100);
      // webLightTheme's borderRadiusMedium and fontFamilyBase, resolved through the variables in theme.css.
      expect(button.radius).toBe('4px');
      expect(button.font).toContain('Segoe UI');
    }, 60_000);

    it('needs no inline style to look right: the styles are files, so style-src \'self\' alone still styles the pane', async () => {
      servePolicy = (html) => html.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");
      const { stylesheetRules, button } = await loadPane();
      expect(stylesheetRules).toBeGreaterThan(100);
      expect(button.radius).toBe('4px');
      expect(button.font).toContain('Segoe UI');
    }, 60_000);

    it('keeps the up-front JavaScript within 160 KB gzipped, styles and theme in CSS files', () => {
      const html = readFileSync(join(outDir, 'taskpane.html'), 'utf8');
      const { scripts, stylesheets } = pageAssets(html);
      const gzipped = scripts.reduce((n, src) => n + gzippedBytes(join(outDir, src)), 0);
      expect(gzipped).toBeLessThanOrEqual(PANE_JS_BUDGET_BYTES);
      // Each content-hashed, like the bundles: Office caches pane files hard, so a new build must have new names.
      for (const base of ['placeholder', 'theme', 'griffel']) {
        expect(stylesheets.filter((href) => new RegExp(`^${base}\\.[0-9a-f]{8}\\.css$`).test(href)), base).toHaveLength(1);
      }
      // The theme is CSS variables, not a script object: webLightTheme's brand colour appears only in theme.css.
      const themeCss = stylesheets.find((href) => href.startsWith('theme.'))!;
      expect(readFileSync(join(outDir, themeCss), 'utf8')).toContain('--colorBrandBackground:#0f6cbd;');
      for (const src of scripts) expect(readFileSync(join(outDir, src), 'utf8'), src).not.toContain('#0f6cbd');
    });
  });
});

describe('webpack.config.js helpers', () => {
  it('accepts only https production addresses and normalises the trailing slash', () => {
    expect(normalisePublicUrl('https://addin.example.com.tw/x')).toBe('https://addin.example.com.tw/x/');
    expect(() => normalisePublicUrl('http://addin.example.com.tw/')).toThrow(/must use https/);
    expect(() => normalisePublicUrl('addin.example.com.tw')).toThrow(/is not a URL/);
  });

  it('warns that the manifest points at localhost only for a build meant for deployment, not for npm test', async () => {
    const warns = async (env: object) =>
      ((await webpackConfig(env, { mode: 'production' })) as { plugins: object[] }).plugins.some((p) => p.constructor.name === 'ManifestStillLocalWarning');
    expect(await warns({})).toBe(true);
    expect(await warns({ local: true })).toBe(false);
    expect(await warns({ publicUrl: 'https://addin.example.com.tw/' })).toBe(false);
  });

  it('gives the dev server page its websocket and never eval, and the preview page no office.js origin', () => {
    const dev = parseCsp(contentSecurityPolicy({ officeJs: true, dev: true }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'wss://localhost:3000']);
    expect([...dev.values()].flat()).not.toContain("'unsafe-eval'");
    const preview = parseCsp(contentSecurityPolicy({ officeJs: false, dev: false }));
    expect(preview.get('script-src')).toEqual(["'self'"]);
  });
});
