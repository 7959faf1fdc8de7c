#!/usr/bin/env node
// `npm start` / `npm stop`: sideload the add-in into desktop Excel through office-addin-debugging, which also starts
// the https dev server. Desktop Excel exists only on Windows and macOS; elsewhere (Linux, CI) this explains how to
// sideload into Excel on the web instead and exits non-zero, rather than letting office-addin-debugging fail obscurely.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(projectRoot, 'manifest.xml');
const DESKTOP_EXCEL_PLATFORMS = new Set(['win32', 'darwin']);

export function excelOnTheWebInstructions(platform) {
  const manifestShown = relative(process.cwd(), manifestPath) || 'manifest.xml';
  return [
    `Desktop Excel is not available on this machine (platform: ${platform}); npm start can only sideload into Excel on`,
    'Windows or macOS. Use Excel on the web instead:',
    '',
    '  1. Start the https dev server and leave it running:   npm run dev-server',
    '     (it serves https://localhost:3000 with a development certificate from office-addin-dev-certs).',
    '  2. In the browser you will use, open https://localhost:3000/taskpane.html once; if it warns about the',
    '     certificate, trust ~/.office-addin-dev-certs/ca.crt (or accept the warning) so Excel can load the pane.',
    '  3. Open a workbook in Excel on the web, then choose Insert → Add-ins → Upload My Add-in',
    `     (in some versions: Home → Add-ins → More Add-ins → Upload My Add-in) and upload ${manifestShown}.`,
    '  4. The "Budget checker" button appears on the Home tab; it opens the task pane.',
    '',
    'See README.md, section "Sideloading", for Windows, Mac and Excel on the web.',
  ].join('\n');
}

function runOfficeAddinDebugging(args) {
  const require = createRequire(import.meta.url);
  // Run the CLI through node: its bin file is not always installed as executable.
  const cli = join(dirname(require.resolve('office-addin-debugging/package.json')), 'cli.js');
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: projectRoot });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function main(argv, platform = process.platform) {
  const [command] = argv;
  if (command !== 'start' && command !== 'stop') {
    console.error('usage: node scripts/sideload.js start|stop');
    return 2;
  }
  if (!DESKTOP_EXCEL_PLATFORMS.has(platform)) {
    if (command === 'start') {
      console.error(excelOnTheWebInstructions(platform));
      return 1;
    }
    console.error(
      'Nothing to stop: npm start sideloads only into desktop Excel (Windows, macOS). Stop `npm run dev-server` with ' +
        'Ctrl+C. To remove an add-in uploaded to Excel on the web, clear that browser\'s cache.',
    );
    return 0;
  }
  if (command === 'start') {
    return runOfficeAddinDebugging([
      'start', manifestPath, 'desktop', '--app', 'excel',
      '--dev-server', 'npm run dev-server', '--dev-server-port', '3000',
    ]);
  }
  return runOfficeAddinDebugging(['stop', manifestPath]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
