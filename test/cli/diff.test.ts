import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { exampleSpecs, rowsFor, writeExamples, type ExampleSpec } from '../../scripts/make-examples';

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', color: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

interface DiffJson {
  version: number;
  old: string;
  new: string;
  items: { item: string; label: string; old: { gov: number; self: number } | null; new: { gov: number; self: number } | null }[];
  totals: { old: { gov: number; self: number; total: number; share: number | null }; new: { gov: number; self: number; total: number; share: number | null } };
  findings: Record<'fixed' | 'remaining' | 'new', { rule: string; sheet: string | null; cell: string | null }[]>;
}

const spec = (file: string): ExampleSpec => exampleSpecs().find((s) => s.file === file)!;

let dir: string;
let files: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-diff-'));
  const original = spec('mistake-self-only-personnel.xlsx');
  // The resubmission moves 人事費's government money to self-funding and adds a commissioned test the applicant forgot.
  const corrected: ExampleSpec = {
    ...original,
    file: 'corrected.xlsx',
    rows: rowsFor('upgrade-10plus', {
      consumables: [300, 200],
      'new-equipment': [1500, 1900],
      'equipment-improvement': [1200, 800],
      'commissioned-research': [400, 400],
      personnel: [null, 1200],
    }),
  };
  const seed = spec('seed-004-registered-factory.xlsx');
  const seedFixed: ExampleSpec = { ...seed, file: 'seed-fixed.xlsx', typedOver: { E7: 3.6, E9: 8.9 } };
  const written = await writeExamples(dir, [original, corrected, seed, seedFixed]);
  files = { original: written[0], corrected: written[1], seed: written[2], seedFixed: written[3] };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function diffJson(a: string, b: string): Promise<{ code: number; json: DiffJson }> {
  const io = capture();
  const code = await main(['diff', '--format', 'json', a, b], io);
  expect(io.err).toBe('');
  return { code, json: JSON.parse(io.out) as DiffJson };
}

describe('subsidy-budget diff', () => {
  it('a workbook and its corrected resubmission: exactly the changed item, the new totals and the fixed finding', async () => {
    const before = capture();
    await main(['check', '--format', 'json', files.original], before);
    const originalFindings = (JSON.parse(before.out) as { files: { findings: { rule: string; cell: string | null }[] }[] }).files[0].findings;

    const { code, json } = await diffJson(files.original, files.corrected);
    expect(code).toBe(0);
    expect(json.version).toBe(1);
    expect(json.old).toBe(files.original);
    expect(json.new).toBe(files.corrected);
    expect(json.items).toEqual([{ item: 'personnel', label: '人事費', old: { gov: 500, self: 700 }, new: { gov: 0, self: 1200 } }]);
    expect(json.totals.old).toMatchObject({ gov: 3900, self: 4000, total: 7900 });
    expect(json.totals.new).toMatchObject({ gov: 3400, self: 4500, total: 7900 });
    expect(json.findings.fixed.map((f) => f.rule)).toEqual(['self-only-item']);
    expect(json.findings.new).toEqual([]);
    expect(json.findings.remaining.length).toBe(originalFindings.length - 1);
  });

  it('percentages corrected: no item changed, the percent finding (two cells) fixed, nothing new', async () => {
    const { code, json } = await diffJson(files.seed, files.seedFixed);
    expect(code).toBe(0);
    expect(json.items).toEqual([]);
    expect(json.findings.fixed.map((f) => `${f.rule}@${f.cell}`).sort()).toEqual(['percent-mismatch@E7']);
    expect(json.findings.new).toEqual([]);
  });

  it('reversed, the same change reads as a new finding and exits 1; text, md and html say the same', async () => {
    const { code, json } = await diffJson(files.corrected, files.original);
    expect(code).toBe(1);
    expect(json.findings.new.map((f) => f.rule)).toEqual(['self-only-item']);
    expect(json.findings.fixed).toEqual([]);

    const text = capture();
    await main(['diff', files.original, files.corrected], text);
    expect(text.out).toMatch(/人事費：補助款 500 → 0；自籌款 700 → 1,200/);
    expect(text.out).toMatch(/已修正 \(1\)\n {2}經費預算表!B\d+ .*\[self-only-item\]/);
    const md = capture();
    await main(['diff', '--format', 'md', '--lang', 'en', files.original, files.corrected], md);
    expect(md.out).toMatch(/\| Personnel \| 500 → 0 \| 700 → 1,200 \| *\|/);
    expect(md.out).toMatch(/## Fixed \(1\)/);
    const html = capture();
    await main(['diff', '--format', 'html', files.original, files.corrected], html);
    expect(html.out).toMatch(/^<!doctype html>/);
    expect(html.out).toContain('<h2 class="fixed">已修正 (1)</h2>');
  });

  it('needs exactly two files', async () => {
    const io = capture();
    expect(await main(['diff', '--lang', 'en', files.original], io)).toBe(2);
    expect(io.err).toMatch(/diff needs two files/);
  });
});
