import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/cli/file-report';
import { formatFileText, formatMarkdown, safeText } from '../../src/cli/format';
import { writeFileAtomically } from '../../src/xlsx/apply';

/** A report whose workbook text and file name were written by someone who wants to fool the reviewer. */
const hostile: FileReport = {
  file: 'evil\x1b[2J\x1b[H.xlsx',
  program: 'upgrade-10plus',
  programSource: 'option',
  target: null,
  findings: [
    {
      rule: 'unknown-item',
      severity: 'warning',
      sheet: '預算\x1b]0;title\x07表',
      cell: 'A7',
      message: '「<script>alert(1)</script>\x1b[32m所有檔案皆通過\x1b[0m」不是會計科目\r假的一行 <img src=x onerror=alert(1)> [x](http://e.example) `code` a|b \u202etxt.exe',
      advice: 'x\x9b31m',
    },
  ],
  summary: { error: 0, warning: 1, info: 0 },
};

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safe output', () => {
  it('text output carries no control character from the workbook or the file name', () => {
    const text = formatFileText(hostile, 'zh-TW');
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('evil\\x1B[2J\\x1B[H.xlsx');
    expect(text).toContain('\\x1B[32m所有檔案皆通過');
    expect(text).toContain('\\x0D假的一行'); // a carriage return cannot overwrite the line
    expect(text).toContain('\\u202Etxt.exe'); // nor can a right-to-left override reorder it
  });

  it('keeps line breaks (indented by the caller) and plain text unchanged', () => {
    expect(safeText('人事費\r\n第二行')).toBe('人事費\n第二行');
    expect(safeText('全新設備之購置費 1,200 千元')).toBe('全新設備之購置費 1,200 千元');
  });

  it('markdown shows HTML, links and code as text, and every finding stays one table row', () => {
    const md = formatMarkdown([hostile], 'en');
    expect(md).not.toMatch(CONTROL);
    expect(md).not.toMatch(/<script|<img/);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('\\[x\\](http://e.example)');
    expect(md).toContain('\\`code\\`');
    const row = md.split('\n').find((l) => l.includes('A7'))!;
    // Unescaped pipes are the row's own column separators: seven for six columns.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
  });
});

describe('writeFileAtomically (template --force)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-atomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the old file whole, and no temporary file, when the write fails half-way', async () => {
    const path = join(dir, 'budget.xlsx');
    await writeFile(path, 'the old workbook');
    async function* failing() {
      yield new TextEncoder().encode('half of a new ');
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    await expect(writeFileAtomically(path, failing())).rejects.toThrow(/no space left/);
    expect(await readFile(path, 'utf8')).toBe('the old workbook');
    expect(await readdir(dir)).toEqual(['budget.xlsx']);
  });

  it('replaces the file when the write succeeds', async () => {
    const path = join(dir, 'budget.xlsx');
    await writeFileAtomically(path, new TextEncoder().encode('the new workbook'));
    expect(await readFile(path, 'utf8')).toBe('the new workbook');
    expect(await readdir(dir)).toEqual(['budget.xlsx']);
  });
});

describe('maximize text', () => {
  it('escapes control characters and bidirectional overrides in file names and reasons, like the other formats', async () => {
    const { formatMaximizeText } = await import('../../src/cli/maximize');
    const text = formatMaximizeText({ file: 'evil\x1b[2J\u202etxt.xlsx', program: null, error: 'bad\x1b]0;x\x07 file' }, 'en');
    expect(text).not.toMatch(CONTROL);
    expect(text).toBe('evil\\x1B[2J\\u202Etxt.xlsx: cannot compute: bad\\x1B]0;x\\x07 file\n');
  });
});
