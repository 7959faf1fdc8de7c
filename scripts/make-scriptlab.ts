/**
 * Writes docs/diagnostics.scriptlab.yaml: the add-in's diagnostics (src/excel/diagnostics.ts, the very code the 診斷
 * page runs) as a Script Lab snippet, for checking an Excel where the add-in is not installed. `npm run scriptlab`;
 * test/excel/scriptlab.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
export const SNIPPET_PATH = join(ROOT, 'docs/diagnostics.scriptlab.yaml');

export function scriptlabSnippet(): string {
  const bundle = buildSync({
    stdin: {
      contents: "export { runDiagnostics, hostInfo, reportText } from './src/excel/diagnostics';\nexport { officeEnvironment } from './src/excel/workbook';\n",
      resolveDir: ROOT,
      sourcefile: 'scriptlab-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'SubsidyDiagnostics',
    platform: 'browser',
    target: 'es2020',
    write: false,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
  }).outputFiles[0].text;
  const modern = [
    '// @ts-nocheck -- generated from src/excel/diagnostics.ts by scripts/make-scriptlab.ts; do not edit by hand.',
    bundle.trimEnd(),
    '',
    'document.getElementById("run").addEventListener("click", async () => {',
    '  const out = document.getElementById("out");',
    '  out.textContent = "Running…";',
    '  const d = SubsidyDiagnostics;',
    '  const report = await d.runDiagnostics(d.officeEnvironment(window), d.hostInfo(window), (results) => {',
    '    out.textContent = results.map((r) => `${r.status.toUpperCase()}  ${r.id}: ${r.detail}`).join("\\n");',
    '  });',
    '  out.textContent = d.reportText(report, "subsidy-budget (Script Lab)");',
    '});',
  ].join('\n');
  // Script Lab compiles the script again with TypeScript at target ES5 and without downlevelIteration, which empties
  // for…of over a Map or Set; compiled to ES5 here (with downlevelIteration), its second compile changes nothing.
  const script = ts.transpileModule(modern, {
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, downlevelIteration: true, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'] },
  }).outputText.trimEnd();
  const indent = (text: string) => text.split('\n').map((l) => (l ? `    ${l}` : '')).join('\n');
  return [
    'name: subsidy-budget diagnostics',
    'description: >-',
    '  The checks of the subsidy-budget add-in\'s 診斷 page: the read path, a settings round trip, adding and',
    '  removing a mark, an event from a write, delayForCellEdit, merged areas, notes and the requirement sets, on a',
    '  scratch sheet that is removed afterwards. Copy the text it prints and send it to whoever provides the add-in.',
    'host: EXCEL',
    'api_set:',
    '  ExcelApi: \'1.7\'',
    'script:',
    '  content: |',
    indent(script),
    '  language: typescript',
    'template:',
    '  content: |-',
    '    <button id="run" class="ms-Button"><span class="ms-Button-label">Run diagnostics</span></button>',
    '    <pre id="out" style="white-space: pre-wrap; user-select: text;"></pre>',
    '  language: html',
    'style:',
    '  content: \'\'',
    '  language: css',
    'libraries: |',
    '  https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    '  @types/office-js',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SNIPPET_PATH, scriptlabSnippet());
  console.log(`wrote ${SNIPPET_PATH}`);
}
