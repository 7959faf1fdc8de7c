// Builds the add-in's web pages into dist/ (`npm run build`) or serves them over https on port 3000
// (`npm run dev-server`). The config is a function of (env, argv) so that only `webpack serve` loads
// office-addin-dev-certs: a production build never reads, creates or installs certificates.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GriffelCSSExtractionPlugin } from '@griffel/webpack-extraction-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import MiniCssExtractPlugin from 'mini-css-extract-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';

const require = createRequire(import.meta.url);
const projectRoot = dirname(fileURLToPath(import.meta.url));

export const DEV_PORT = 3000;
/** The origin every URL in manifest.xml uses; a production build can substitute its own (see publicUrl). */
export const DEV_BASE_URL = `https://localhost:${DEV_PORT}/`;
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_ORIGIN = new URL(OFFICE_JS_URL).origin;

/**
 * One entry per HTML page. Adding a page (e.g. the browser preview) is one more object here:
 * `{ name: 'preview', entry: './src/preview/index.tsx', template: './src/preview/preview.html', officeJs: false }`.
 * The template receives `contentSecurityPolicy`, computed for the page by `contentSecurityPolicy()` below.
 */
export const PAGES = [
  { name: 'taskpane', entry: './src/taskpane/index.tsx', template: './src/taskpane/taskpane.html', officeJs: true },
];

/**
 * The page's Content-Security-Policy (delivered as a <meta>, since the pages are static files).
 * - script-src: our own bundles, plus Microsoft's CDN on pages that load office.js (office.js loads its host- and
 *   locale-specific parts from the same origin). Never 'unsafe-eval' or 'unsafe-inline': dev builds use
 *   `devtool: 'source-map'`, not an eval-based one, so they need neither.
 * - style-src keeps 'unsafe-inline' for office.js, not for us: Office's own excel-web script applies inline styles
 *   (OfficeDev/office-js#1687), which could not be tested offline. The pane itself no longer needs it: Fluent's styles
 *   are extracted into a stylesheet at build time (Griffel CSS extraction) and the theme is theme.css, so with
 *   style-src 'self' alone the pane still looks right (test/build.test.ts). A nonce would be no better: our pages are
 *   static files, so it would be a constant anyone can read. Inline styles cannot run code; scripts stay locked down.
 * - connect-src 'self' only: the pane talks to Excel through office.js (postMessage / the host bridge), not fetch.
 *   The dev build adds the dev server's live-reload websocket.
 * - frame-ancestors cannot be set from a <meta>; Excel on the web frames the pane, so a server must not forbid it.
 */
export function contentSecurityPolicy({ officeJs, dev }) {
  const scriptSources = ["'self'", ...(officeJs ? [OFFICE_JS_ORIGIN] : [])];
  const connectSources = ["'self'", ...(dev ? [`wss://localhost:${DEV_PORT}`] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSources.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Normalises a production base URL ("https://host/path" → "https://host/path/"); rejects anything but https. */
export function normalisePublicUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`publicUrl "${value}" is not a URL; expected e.g. https://addin.example.com.tw/subsidy-budget/`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`publicUrl "${value}" must use https: Office loads add-in pages only over https`);
  }
  if (url.search || url.hash) throw new Error(`publicUrl "${value}" must not have a query or fragment`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Points every dev-server URL in manifest.xml at the production base URL, and bare origins (AppDomain) at its origin. */
export function rewriteManifestUrls(manifestXml, publicUrl) {
  const devOrigin = new URL(DEV_BASE_URL).origin;
  return manifestXml.split(DEV_BASE_URL).join(publicUrl).split(devOrigin).join(new URL(publicUrl).origin);
}

export default async function config(env = {}, argv = {}) {
  const serving = Boolean(env.WEBPACK_SERVE);
  const dev = serving || argv.mode === 'development';
  const publicUrlSetting = env.publicUrl ?? process.env.ADDIN_PUBLIC_URL;
  const publicUrl = publicUrlSetting ? normalisePublicUrl(publicUrlSetting) : undefined;

  const devServer = serving
    ? {
        port: DEV_PORT,
        // Loaded here and only here, so building never touches the certificate store.
        server: { type: 'https', options: await loadDevCertificates() },
        static: false,
        client: { overlay: { warnings: false } },
      }
    : undefined;

  return {
    mode: dev ? 'development' : 'production',
    context: projectRoot,
    entry: Object.fromEntries(PAGES.map((page) => [page.name, page.entry])),
    devtool: dev ? 'source-map' : false,
    // Griffel's build-time style work makes a cold build slow; later builds (npm test builds twice) reuse it from
    // .cache/webpack (per checkout). Keyed by this file and the lockfile, so a changed config or dependency starts
    // afresh; changed sources are rebuilt as webpack's own snapshots detect them.
    cache: {
      type: 'filesystem',
      cacheDirectory: resolve(projectRoot, '.cache', 'webpack'),
      buildDependencies: { config: [fileURLToPath(import.meta.url), resolve(projectRoot, 'package-lock.json')] },
    },
    output: {
      path: resolve(projectRoot, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        // Fluent's styles leave the JavaScript: Griffel's extraction turns every precompiled style (Fluent ships its
        // styles precompiled) into class names only and moves the CSS into one stylesheet, so the pane parses and runs
        // far less script before its first render and inserts no style rules at run time.
        {
          test: /\.(js|mjs|ts|tsx)$/,
          include: [resolve(projectRoot, 'src'), /node_modules[\\/]@fluentui[\\/]/],
          use: { loader: GriffelCSSExtractionPlugin.loader },
        },
        // What is left of Fluent's token imports once its styles are CSS: see src/taskpane/fluent-tokens.ts.
        { test: /\.m?js$/, include: /node_modules/, resolve: { alias: { '@fluentui/tokens$': resolve(projectRoot, 'src/taskpane/fluent-tokens.ts') } } },
        // Our own makeStyles calls are precompiled the same way first (loaders run bottom-up).
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: '@griffel/webpack-loader',
            // The loader evaluates the style modules a makeStyles call imports (styles.ts), which are TypeScript.
            options: { babelOptions: { presets: ['@babel/preset-typescript'] } },
          },
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        // The program files as the pane needs them (see the loader).
        { test: /src[\\/]domain[\\/]programs[\\/]data[\\/][^\\/]+\.json$/, loader: resolve(projectRoot, 'scripts/pane-program-loader.js') },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // Type errors are `npm run typecheck`'s job; the bundle only needs the transpiled code.
          options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: dev } },
        },
      ],
    },
    optimization: { splitChunks: { chunks: 'all' } },
    performance: {
      // Fluent UI and React make a large vendor chunk; the pane loads it from a local or nearby server once.
      maxAssetSize: 1_500_000,
      maxEntrypointSize: 2_000_000,
    },
    plugins: [
      new ValidateProgramsPlugin(),
      new GriffelCSSExtractionPlugin(),
      // Griffel sorts the rules of its one stylesheet by its own style buckets, so the order in which chunks import
      // them (what mini-css-extract-plugin warns about) does not matter.
      new MiniCssExtractPlugin({ filename: dev ? '[name].css' : '[name].[contenthash:8].css', ignoreOrder: true }),
      ...PAGES.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: page.template,
            chunks: [page.name],
            // The stylesheets linked by hand carry a content hash like the bundles (Office caches pane files hard), so
            // their names are looked up among the build's assets when the page is written.
            templateParameters: (compilation) => ({
              contentSecurityPolicy: contentSecurityPolicy({ officeJs: page.officeJs, dev }),
              placeholderCss: assetNamed(compilation, 'placeholder'),
              themeCss: assetNamed(compilation, 'theme'),
            }),
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/placeholder.css', to: dev ? 'placeholder.css' : 'placeholder.[contenthash:8].css' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (publicUrl ? rewriteManifestUrls(content.toString('utf8'), publicUrl) : content),
          },
        ],
      }),
      new ThemeStylesheet(dev),
      // `--env local` (npm test, the preview, the benchmarks): a build for this machine, where localhost is intended.
      ...(!dev && !publicUrl && !env.local ? [new ManifestStillLocalWarning()] : []),
    ],
    devServer,
  };
}

async function loadDevCertificates() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    // Installing the development CA needs an administrator (sudo on Linux). Where that is impossible, for instance in
    // a container, serve with the certificates that were generated anyway and say what the browser needs.
    const { caCertificatePath, localhostCertificatePath, localhostKeyPath } = require('office-addin-dev-certs/lib/defaults');
    const { existsSync, readFileSync } = await import('node:fs');
    if (![caCertificatePath, localhostCertificatePath, localhostKeyPath].every((file) => existsSync(file))) throw error;
    console.warn(
      `\n${error.message.split('\n')[0]}\nServing https://localhost:${DEV_PORT} with the generated development ` +
        `certificate anyway. Until ${caCertificatePath} is trusted by your system or browser, Office will refuse ` +
        'to load the pane; trusting it needs administrator rights (see README, "Sideloading").\n',
    );
    return {
      ca: readFileSync(caCertificatePath),
      cert: readFileSync(localhostCertificatePath),
      key: readFileSync(localhostKeyPath),
    };
  }
}

/**
 * Emits theme.css: Fluent's light theme as CSS variables on :root, computed here at build time from the same
 * `webLightTheme` object FluentProvider would otherwise ship in the bundle and turn into a <style> at run time (about
 * 50 KB of script). The pane's FluentProvider gets an empty theme, so the variables come from this stylesheet, for
 * portals (dialogs) as well.
 */
class ThemeStylesheet {
  constructor(dev) {
    this.dev = dev;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ThemeStylesheet', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ThemeStylesheet', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const css = themeStylesheet();
        const hash = createHash('sha256').update(css).digest('hex').slice(0, 8);
        compilation.emitAsset(this.dev ? 'theme.css' : `theme.${hash}.css`, new webpack.sources.RawSource(css));
      });
    });
  }
}

/** The emitted asset `<base>.css` or `<base>.<hash>.css`. */
function assetNamed(compilation, base) {
  const name = compilation
    .getAssets()
    .map((asset) => asset.name)
    .find((n) => new RegExp(`^${base}(\\.[0-9a-f]{8})?\\.css$`).test(n));
  if (!name) throw new Error(`${base}.css was not emitted before taskpane.html`);
  return name;
}

export function themeStylesheet() {
  const { webLightTheme } = require('@fluentui/tokens');
  const declarations = Object.entries(webLightTheme).map(([name, value]) => `--${name}:${value};`);
  return `/* Fluent UI webLightTheme (@fluentui/tokens), generated by webpack.config.js */\n:root{${declarations.join('')}}\n`;
}

/** A production build without publicUrl ships a manifest that points at localhost; say so in the build output. */
class ManifestStillLocalWarning {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestStillLocalWarning', (compilation) => {
      compilation.warnings.push(
        new webpack.WebpackError(
          `dist/manifest.xml still points at ${DEV_BASE_URL}. For a deployable manifest build with ` +
            '`npm run build -- --env publicUrl=https://your.host/path/` (or set ADDIN_PUBLIC_URL).',
        ),
      );
    });
  }
}

/**
 * The pane bundles the program files without zod, so they are validated here, once per build (and per watch rebuild):
 * schema, example budgets, every file bundled once (scripts/validate-programs.ts). A bad file stops the build with its
 * name, the field and what is expected.
 */
class ValidateProgramsPlugin {
  apply(compiler) {
    const validate = () => {
      try {
        execFileSync(process.execPath, [require.resolve('tsx/cli'), resolve(projectRoot, 'scripts/validate-programs.ts')], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (error) {
        throw new Error(`program files are not valid:\n${error.stderr?.toString() ?? error.message}`);
      }
    };
    compiler.hooks.beforeRun.tap('ValidateProgramsPlugin', validate);
    compiler.hooks.watchRun.tap('ValidateProgramsPlugin', validate);
  }
}
