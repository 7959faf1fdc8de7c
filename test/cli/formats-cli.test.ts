import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { readWorkbookFile } from '../../src/xlsx/read';
import { odsBytes } from '../../scripts/documents';

/**
 * The 計畫書 examples through the CLI as a reviewer runs it (issue 22 §2, §4): a finding in a Word/Writer table is
 * placed as "表 2 第 8 列第 2 欄" in every output format and in diff, and one bad file never costs another's report.
 */

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const clean = join(EXAMPLES, 'plan-clean-upgrade-10plus.docx');
const breaching = join(EXAMPLES, 'plan-mistake-gov-share-over-50.odt');
const PLACE_ZH = '表 2 第 8 列第 2 欄（「伍、經費需求」之下）';
const PLACE_EN = 'table 2, row 8, column 2 (under “伍、經費需求”)';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-formats-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: () => {}, color: false });
  return { code, stdout };
}

describe('a 計畫書 finding is placed in the document’s words', () => {
  it.each([
    ['text', 'zh-TW', PLACE_ZH],
    ['md', 'en', PLACE_EN],
    ['html', 'zh-TW', PLACE_ZH],
  ] as const)('check --format %s --lang %s', async (format, lang, place) => {
    const out = (await cli(['check', '--format', format, '--lang', lang, breaching])).stdout;
    expect(out).toContain(place);
    expect(out).not.toContain('表2!B9');
  });

  it('check --format json keeps the grid address and adds the place', async () => {
    const report = JSON.parse((await cli(['check', '--format', 'json', '--lang', 'en', clean, breaching])).stdout);
    expect(report.files[0].findings).toEqual([]);
    expect(report.files[1].findings.map((f: { rule: string; sheet: string; place: string }) => [f.rule, f.sheet, f.place])).toEqual([['gov-share', '表2', PLACE_EN]]);
  });

  it('check --format xlsx writes the place in the findings sheet', async () => {
    const out = join(dir, 'review.xlsx');
    await cli(['check', '--format', 'xlsx', '--output', out, breaching]);
    const book = await readWorkbookFile(out);
    const text = book.sheets.flatMap((s) => s.values.flat()).filter((v): v is string => typeof v === 'string');
    expect(text).toContain(PLACE_ZH);
  });

  it.each(['text', 'md', 'html', 'json'] as const)('diff --format %s of the clean .docx and the breaching .odt', async (format) => {
    const { stdout } = await cli(['diff', '--format', format, '--lang', 'en', clean, breaching]);
    if (format === 'json') {
      const d = JSON.parse(stdout);
      expect(d.findings.new.map((f: { rule: string; place: string }) => [f.rule, f.place])).toEqual([['gov-share', PLACE_EN]]);
    } else {
      expect(stdout).toContain(format === 'html' ? 'table 2, row 8, column 2' : PLACE_EN);
    }
  });
});

/** An .ods whose content.xml (8 MB of spaces) declares 2 KB in its local and central headers: a zip bomb's lie. */
async function falseSizeBomb(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await odsBytes(''));
  zip.file('content.xml', ' '.repeat(8 * 1024 * 1024));
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  for (let at = 0; at + 46 < data.length; at++) {
    const sig = data.readUInt32LE(at);
    if (sig === 0x04034b50 && data.toString('latin1', at + 30, at + 30 + data.readUInt16LE(at + 26)) === 'content.xml') data.writeUInt32LE(2048, at + 22);
    if (sig === 0x02014b50 && data.toString('latin1', at + 46, at + 46 + data.readUInt16LE(at + 28)) === 'content.xml') data.writeUInt32LE(2048, at + 24);
  }
  return data;
}

describe('one bad file never costs another’s report', () => {
  it('a zip-bomb .ods and a PDF beside the 計畫書: each said why, the 計畫書 still checked', async () => {
    const bomb = join(dir, 'bomb.ods');
    await writeFile(bomb, await falseSizeBomb());
    const pdf = join(dir, '計畫書.pdf');
    await writeFile(pdf, '%PDF-1.7\n%%EOF\n');
    const { code, stdout } = await cli(['check', '--format', 'json', '--lang', 'en', bomb, pdf, breaching]);
    expect(code).toBe(1);
    const files = JSON.parse(stdout).files as { findings: { rule: string; message: string }[] }[];
    expect(files.map((f) => f.findings.map((x) => x.rule))).toEqual([['unreadable-file'], ['unreadable-file'], ['gov-share']]);
    expect(files[0].findings[0].message).toMatch(/zip bomb.*content\.xml expands beyond its declared 2 KB/);
    expect(files[1].findings[0].message).toMatch(/PDF is not supported/);
  }, 60_000);
});
