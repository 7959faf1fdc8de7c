/**
 * Old binary formats through LibreOffice (issue 22 §3): an Excel 97–2003 .xls and a Word 97–2003 .doc, made here by
 * LibreOffice from the bundled examples, are converted by the reader in a private temporary folder and checked like
 * the originals; the file itself is never written.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/sheet/check';
import { readWorkbookFile } from '../../src/xlsx/read';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
let dir: string;

/** Saves `file` in an old format with soffice (a throwaway profile), returning the new file's path. */
function saveAs(file: string, filter: string, ext: string): Promise<string> {
  return new Promise((done, fail) =>
    execFile(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', join(dir, 'old'), file],
      { timeout: 120_000, env: { ...process.env, HOME: dir } },
      (error: Error | null) => (error ? fail(error) : done(join(dir, 'old', `${file.split('/').pop()!.replace(/\.[^.]+$/, '')}.${ext}`))),
    ),
  );
}

let xls: string;
let doc: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-convert-'));
  await mkdir(join(dir, 'old'));
  const book = join(dir, 'mistake-gov-share-over-50.xlsx');
  await copyFile(join(EXAMPLES, 'mistake-gov-share-over-50.xlsx'), book);
  // The breaching Writer 計畫書 saved by LibreOffice as Word 97–2003.
  await copyFile(join(EXAMPLES, 'plan-mistake-gov-share-over-50.odt'), join(dir, 'plan.odt'));
  xls = await saveAs(book, 'xls:MS Excel 97', 'xls');
  doc = await saveAs(join(dir, 'plan.odt'), 'doc:MS Word 97', 'doc');
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const slips = (findings: { severity: string; rule: string; sheet: string | null; cell: string | null }[]) => findings.map((f) => `${f.severity} ${f.rule}@${f.sheet}!${f.cell}`).sort();

describe('old .xls and .doc converted by LibreOffice', () => {
  it('an .xls gets the findings of the .xlsx it was saved from, and is left as it was', async () => {
    const before = await readFile(xls);
    const book = await readWorkbookFile(xls);
    expect(book.format).toBe('xls (converted by LibreOffice)');
    const original = checkWorkbook(await readWorkbookFile(join(EXAMPLES, 'mistake-gov-share-over-50.xlsx')));
    const converted = checkWorkbook(book);
    expect(converted.program).toBe(original.program);
    expect(slips(converted.findings)).toEqual(slips(original.findings));
    expect(slips(converted.findings)).toContain('error gov-share@經費預算表!B9');
    expect((await readFile(xls)).equals(before)).toBe(true);
  }, 120_000);

  it('a .doc 計畫書 is read as its tables, the breach placed in the document', async () => {
    const book = await readWorkbookFile(doc);
    expect(book.format).toBe('doc (converted by LibreOffice)');
    const findings = checkWorkbook(book, { lang: 'en' }).findings;
    expect(findings.map((f) => [f.rule, f.place])).toEqual([['gov-share', expect.stringMatching(/^table 2, row 8, column 2/)]]);
  }, 120_000);
});
