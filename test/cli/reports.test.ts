import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/cli/file-report';
import { escapeHtml, formatHtml } from '../../src/cli/html';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { progressLine } from '../../src/cli/progress';
import { buildReviewWorkbook } from '../../src/cli/xlsx-report';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = (name: string) => join(root, 'examples', name);

function capture(progress = false): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    color: false,
    progress,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-reports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hostile: FileReport = {
  file: '<script>alert(1)</script>.xlsx',
  program: 'upgrade-10plus',
  programSource: 'option',
  target: null,
  findings: [
    { rule: 'unknown-item', severity: 'warning', sheet: 'A&B', cell: 'A5', message: '=HYPERLINK("http://x","y") \u0007<b>bold</b>' },
    { rule: 'self-only-item', severity: 'error', sheet: 'A&B', cell: 'B8', message: 'gov in 人事費', expected: 0, actual: 174 },
  ],
  summary: { error: 1, warning: 1, info: 0 },
  budget: null,
  excerpt: { sheet: 'A&B', top: 7, left: 0, cells: [['<i>x</i>', '174']], truncated: false },
};

describe('HTML report', () => {
  it('escapes every workbook text and drops control characters', () => {
    expect(escapeHtml('<a href="x">\'&\u0007')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const html = formatHtml([hostile], 'en');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<i>x');
    expect(html).not.toContain('\u0007');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.xlsx');
    // The one script is the report's own; the CSP forbids loading anything.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('marks the finding cells of the drawn grid with their severity', () => {
    const html = formatHtml([hostile], 'zh-TW');
    expect(html).toMatch(/<td class="num mark error" title="B8: gov in 人事費" data-cell="B8">174<\/td>/);
    // A5 is outside the excerpt (row 8 only): not drawn, nothing marked there.
    expect(html).not.toContain('data-cell="A5"');
  });
});

describe('check --format xlsx', () => {

  it('writes workbook text that looks like a formula as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildReviewWorkbook([hostile], 'en')) as unknown as ExcelJS.Buffer);
    const cell = workbook.getWorksheet('Findings')!.getCell('F3');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","y") <b>bold</b>');
  });

  it('never replaces an existing report without --force', async () => {
    const out = join(dir, 'existing.html');
    await writeFile(out, 'keep me');
    const io = capture();
    expect(await main(['check', '--format', 'html', '--output', out, example('clean-chain-smart.xlsx')], io)).toBe(2);
    expect(io.err).toMatch(/已存在/);
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect(await main(['check', '--format', 'html', '--force', '--output', out, example('clean-chain-smart.xlsx')], capture())).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>/);
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
});

describe('--fail-on', () => {
  it('warning makes a file with only warnings fail; error (the default) does not', async () => {
    const warningsOnly = example('seed-004-registered-factory.xlsx'); // two misrounded percentages: warnings, no error
    expect(await main(['check', '--format', 'json', warningsOnly], capture())).toBe(0);
    expect(await main(['check', '--format', 'json', '--fail-on', 'warning', warningsOnly], capture())).toBe(1);
    expect(await main(['check', '--format', 'json', '--fail-on', 'warning', example('clean-chain-smart.xlsx')], capture())).toBe(0);
  });
});

describe('progress on a terminal', () => {
  it('stays silent for a quick batch, then draws one updating line and erases it', () => {
    let clock = 0;
    let written = '';
    const quick = progressLine(10, (t) => (written += t), 'en', { delayMs: 1000, now: () => clock });
    quick.tick(10);
    quick.done();
    expect(written).toBe('');

    const slow = progressLine(200, (t) => (written += t), 'en', { delayMs: 1000, now: () => clock });
    clock = 1500;
    slow.tick(37);
    clock = 1550;
    slow.tick(38); // throttled
    clock = 1700;
    slow.tick(200);
    slow.done();
    expect(written).toBe('\rChecking 37/200 (18%)\x1b[K\rChecking 200/200 (100%)\x1b[K\r\x1b[K');
  });

  it('is shown only when stderr is a terminal and the report does not stream to stdout', async () => {
    const files = Array.from({ length: 3 }, () => example('clean-chain-smart.xlsx'));
    const piped = capture(false);
    await main(['check', '--format', 'json', ...files], piped);
    expect(piped.err).toBe('');
  });
});
