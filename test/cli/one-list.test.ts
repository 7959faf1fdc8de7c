import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellReference, md } from '../../src/cli/format';
import { escapeHtml } from '../../src/cli/html';
import { main } from '../../src/cli/main';
import type { Finding } from '../../src/domain/findings';
import type { WorkbookSnapshot } from '../../src/sheet/grid';
import type { WorkbookPort } from '../../src/sheet/port';
import { PaneSession } from '../../src/taskpane/session';
import { paneServices } from '../../src/taskpane/services';
import { readWorkbookFile } from '../../src/xlsx/read';
import { CASES } from '../corpus/cases';
import { writeWorkbook } from '../corpus/workbook';

/**
 * One finished list for every face: for every bundled example and every corpus workbook, the pane's findings, the
 * findings of `check --format json`, the lines of `--format text|md|html|xlsx` and `diff`'s "remaining" group are the
 * same findings, in the same order, with the same fixes. (Display filters are the faces' own: the pane hides
 * program-assumed in its list, which the comparison takes from the session's state.)
 */

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
/** Files grouped by the options they are checked with (one corpus case names its program). */
const groups: { args: string[]; files: string[] }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-one-list-'));
  const examples = (await readdir(join(ROOT, 'examples'))).filter((f) => f.endsWith('.xlsx')).map((f) => join(ROOT, 'examples', f));
  const byArgs = new Map<string, string[]>([['[]', examples]]);
  for (const c of CASES) {
    const file = join(dir, `${c.id}.xlsx`);
    await writeFile(file, await writeWorkbook(c.workbook));
    const key = JSON.stringify(c.args ?? []);
    byArgs.set(key, [...(byArgs.get(key) ?? []), file]);
  }
  for (const [key, files] of byArgs) groups.push({ args: JSON.parse(key) as string[], files });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<string> {
  let stdout = '';
  await main(args, { stdout: (t) => void (stdout += t), stderr: () => {}, color: false });
  return stdout;
}

/** What a face must agree on: which finding, where, and the fix it offers. */
const essence = (f: Finding) => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, cells: f.cells, advice: f.advice, fix: f.fix, routes: f.routes });
const firstLine = (text: string) => text.split(/\r?\n/)[0];

/** Each finding's fragments appear in `output` in list order, its fix printed with it (before the next finding). */
function expectInOrder(output: string, findings: readonly Finding[], fragments: (f: Finding) => { head: string[]; fix: string | null }, file: string): void {
  let at = 0;
  const starts: number[] = [];
  for (const f of findings) {
    for (const [n, part] of fragments(f).head.entries()) {
      const found = output.indexOf(part, at);
      expect(found, `${file}: ${f.rule} @ ${f.cell ?? '(workbook)'} — "${part}" not found in order`).toBeGreaterThanOrEqual(at);
      if (n === 0) starts.push(found);
      at = found + part.length;
    }
  }
  findings.forEach((f, i) => {
    const fix = fragments(f).fix;
    if (fix === null) return;
    const section = output.slice(starts[i], starts[i + 1] ?? output.length);
    expect(section, `${file}: ${f.rule} @ ${f.cell ?? '(workbook)'} — its fix is not printed with it`).toContain(fix);
  });
}

/** The port the pane reads one saved workbook through; it stores settings (the program picker) and writes no cell. */
function filePort(snapshot: WorkbookSnapshot): WorkbookPort {
  return {
    read: () => Promise.resolve(snapshot),
    apply: (plan) => {
      for (const op of plan.ops) {
        if (op.op !== 'setting') return Promise.reject(new Error(`a check writes no cell (${op.op})`));
        snapshot = { ...snapshot, settings: { ...snapshot.settings, [op.key]: op.value } };
      }
      return Promise.resolve();
    },
    select: () => Promise.resolve(),
    mark: () => Promise.resolve(),
    clearMarks: () => Promise.resolve(),
    capabilities: () => ({ dataValidation: true, notes: true, undoGrouping: true, changeEvents: false }),
  };
}

/** `check --format json`'s findings per file, kept for the diff comparison. */
const checked = new Map<string, Finding[]>();

describe('one finished list for every face', () => {
  it('pane, check --format json|text|md|html|xlsx and diff agree on count, order and fixes', async () => {
    let compared = 0;
    let withFindings = 0;
    let withFixes = 0;
    for (const { args, files } of groups) {
      const json = JSON.parse(await cli(['check', '--format', 'json', ...args, ...files])) as { files: { file: string; findings: Finding[] }[] };
      const text = await cli(['check', '--format', 'text', ...args, ...files]);
      const markdown = await cli(['check', '--format', 'md', ...args, ...files]);
      const htmlFile = join(dir, 'report.html');
      const xlsxFile = join(dir, 'report.xlsx');
      await cli(['check', '--format', 'html', '--output', htmlFile, '--force', ...args, ...files]);
      await cli(['check', '--format', 'xlsx', '--output', xlsxFile, '--force', ...args, ...files]);
      const html = await readFile(htmlFile, 'utf8');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsxFile);
      const rows = book.worksheets[1].getSheetValues().slice(2) as unknown[][];

      // The text, Markdown and HTML reports print the files in argument order: each file's part ends where the next begins.
      const part = (output: string, i: number, name: (file: string) => string) => {
        const from = output.indexOf(name(files[i]));
        const to = i + 1 < files.length ? output.indexOf(name(files[i + 1]), from + 1) : output.length;
        return output.slice(from, to);
      };
      for (const [i, file] of files.entries()) {
        const findings = json.files[i].findings;
        checked.set(file, findings);
        compared++;
        if (findings.length > 0) withFindings++;
        if (findings.some((f) => f.fix?.length)) withFixes++;
        const lang = 'zh-TW';

        // The pane: the same workbook, read once, through the session the task pane runs.
        const session = new PaneSession(filePort(await readWorkbookFile(file)), paneServices, lang);
        // `--program` is the pane's program picker.
        if (args.includes('--program')) await session.chooseProgram(args[args.indexOf('--program') + 1]);
        else await session.check();
        expect(session.getState().findings!.map(essence), `${file}: pane`).toEqual(findings.map(essence));

        // Text: "  錯誤 (n)" headings, a line per finding with its cell first and its rule last, "修正：" under it.
        expectInOrder(part(text, i, (f) => `${f}\n`), findings, (f) => ({ head: [`    ${cellReference(f, lang)}  `, `[${f.rule}]`], fix: f.advice ? `修正：${firstLine(f.advice)}` : null }), file);
        expect(part(text, i, (f) => `${f}\n`).match(/ \[[a-z0-9-]+\]$/gm) ?? [], `${file}: text count`).toHaveLength(findings.length);

        // Markdown: one table row per finding.
        const mdPart = part(markdown, i, (f) => `## ${md(f)}\n`);
        expectInOrder(mdPart, findings, (f) => ({ head: [`\`${cellReference(f, lang)}\``, `\`${f.rule}\``], fix: f.advice ? firstLine(md(f.advice)).split('<br>')[0] : null }), file);
        expect(mdPart.match(/^\| (錯誤|警告|提示) \|/gm) ?? [], `${file}: md count`).toHaveLength(findings.length);

        // HTML: one row per finding in the file's findings table.
        const htmlPart = part(html, i, (f) => `<h2>${escapeHtml(f)} `);
        const table = htmlPart.slice(0, htmlPart.indexOf('</table>') + 1 || htmlPart.length);
        expectInOrder(table, findings, (f) => ({ head: [`<code>${escapeHtml(cellReference(f, lang))}</code>`, `<code>${escapeHtml(f.rule)}</code>`], fix: f.advice ? escapeHtml(firstLine(f.advice)) : null }), file);
        expect(findings.length === 0 ? 0 : (table.match(/<tr class="(error|warning|info)">/g) ?? []).length, `${file}: html count`).toBe(findings.length);

        // The review workbook: one row per finding (file, sheet, cell, severity, rule, message, …, fix).
        const own = rows.filter((r) => r[1] === file);
        expect(own.map((r) => [r[5], r[2] || null, r[3] || null, r[9] || undefined]), `${file}: xlsx`).toEqual(findings.map((f) => [f.rule, f.sheet, f.cell, f.advice]));
      }
    }
    // The comparison covered real lists, not only empty ones.
    expect(compared).toBeGreaterThanOrEqual(CASES.length + 10);
    expect(withFindings).toBeGreaterThan(compared / 2);
    expect(withFixes).toBeGreaterThan(10);
  }, 600_000);

  it('diff lists the same findings in the same order (a file against itself: all remaining)', async () => {
    const files = groups[0].files.filter((f) => f.startsWith(join(ROOT, 'examples')));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const diff = JSON.parse(await cli(['diff', '--format', 'json', file, file])) as { findings: { fixed: Finding[]; remaining: Finding[]; new: Finding[] } };
      expect(diff.findings.remaining.map(essence), file).toEqual(checked.get(file)!.map(essence));
      expect([diff.findings.fixed, diff.findings.new]).toEqual([[], []]);
    }
  }, 120_000);
});
