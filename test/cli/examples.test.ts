import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/domain/findings';
import { checkWorkbook } from '../../src/sheet/check';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/xlsx/read';
import { buildExample, documentExamples, EXAMPLE_EXTENSIONS, exampleSpecs } from '../../scripts/make-examples';
import { applyFix } from '../sheet/fixtures/apply-fix';
import { addPrograms } from '../../src/domain/programs';
import { SEED003_FILES } from '../../src/domain/programs/seed003';

addPrograms(SEED003_FILES); // the CLI knows every shipped program; the CITD alliance example is one of seed 003's

const dir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** What each bundled example is for: its program and the errors and warnings it must show (and no others). */
const expected: Record<string, { program: string; errors: RuleId[]; warnings: RuleId[] }> = {
  'clean-upgrade-10plus.xlsx': { program: 'upgrade-10plus', errors: [], warnings: [] },
  'clean-upgrade-under10.xlsx': { program: 'upgrade-under10', errors: [], warnings: [] },
  'clean-chain-lowcarbon.xlsx': { program: 'chain-lowcarbon', errors: [], warnings: [] },
  'clean-chain-smart.xlsx': { program: 'chain-smart', errors: [], warnings: [] },
  'clean-registered-factory.xlsx': { program: 'registered-factory', errors: [], warnings: [] },
  'seed-004-registered-factory.xlsx': { program: 'registered-factory', errors: [], warnings: ['percent-mismatch'] }, // two slipped percentages: one finding listing both cells
  'mistake-self-only-personnel.xlsx': { program: 'upgrade-10plus', errors: ['self-only-item'], warnings: [] },
  'mistake-gov-share-over-50.xlsx': { program: 'upgrade-10plus', errors: ['gov-share'], warnings: [] },
  'mistake-new-equipment-over-30.xlsx': { program: 'upgrade-under10', errors: ['item-cap'], warnings: [] },
  'mistake-amount-as-text.xlsx': { program: 'upgrade-10plus', errors: [], warnings: ['number-as-text'] }, // two text amounts: one slip, one finding listing both cells
  'amounts-in-yuan-labelled.xlsx': { program: 'registered-factory', errors: [], warnings: [] },
  'mistake-unknown-item.xlsx': { program: 'upgrade-10plus', errors: [], warnings: ['unknown-item'] },
  'mistake-missing-table.xlsx': { program: 'upgrade-10plus', errors: ['missing-table'], warnings: [] },
  'stored-setting-chain-smart.xlsx': { program: 'chain-smart', errors: [], warnings: [] },
  // The other formats an application arrives in (issue 22): an .ods workbook, a Word and a Writer 計畫書.
  'mistake-new-equipment-over-30.ods': { program: 'upgrade-under10', errors: ['item-cap'], warnings: [] },
  'plan-clean-upgrade-10plus.docx': { program: 'upgrade-10plus', errors: [], warnings: [] },
  'plan-mistake-gov-share-over-50.odt': { program: 'upgrade-10plus', errors: ['gov-share'], warnings: [] },
  // Plans of several companies (issue 24): a 總表 and one budget sheet per company.
  'clean-chain-lowcarbon-1plus3.xlsx': { program: 'chain-lowcarbon', errors: [], warnings: [] },
  'mistake-chain-smart-1plus5.xlsx': { program: 'chain-smart', errors: ['member-count'], warnings: [] },
  'mistake-citd-alliance-member-cap.xlsx': { program: 'citd-alliance', errors: ['company-cap'], warnings: [] },
  // Issue 21: machines listed under 全新設備之購置費 with a 小計 are the item's details, not unknown or unlisted items.
  'clean-itemised-equipment.xlsx': { program: 'upgrade-10plus', errors: [], warnings: [] },
  'mistake-itemised-equipment-over-30.xlsx': { program: 'upgrade-10plus', errors: ['item-cap'], warnings: [] },
};

describe('bundled examples', () => {
  it('are exactly the workbooks the script generates', async () => {
    const files = (await readdir(dir)).filter((f) => EXAMPLE_EXTENSIONS.test(f)).sort();
    expect(files).toEqual([...exampleSpecs(), ...documentExamples()].map((s) => s.file).sort());
  });

  it.each(documentExamples().map((e) => [e.file, e] as const))('%s is what make-examples writes today', async (file, example) => {
    const committed = await readWorkbookFile(`${dir}${file}`);
    expect(committed.format).toBe(file.split('.').pop());
    expect(committed).toEqual(await readWorkbookBuffer(await example.build()));
  });

  it.each(exampleSpecs().map((s) => [s.file, s] as const))('%s is what make-examples writes today', async (file, spec) => {
    const committed = await readWorkbookFile(`${dir}${file}`);
    const regenerated = await readWorkbookBuffer(await buildExample(spec));
    expect(committed).toEqual(regenerated);
  });

  it.each(Object.entries(expected))('%s shows what it is meant to', async (file, want) => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}${file}`), { lang: 'zh-TW' });
    expect(result.program).toBe(want.program);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort()).toEqual([...want.errors].sort());
    expect(result.findings.filter((f) => f.severity === 'warning').map((f) => f.rule).sort()).toEqual([...want.warnings].sort());
  });

  it.each(Object.keys(expected))('%s: every suggested fix, applied, clears its finding and adds no error', async (file) => {
    const book = await readWorkbookFile(`${dir}${file}`);
    const key = (f: { rule: string; sheet: string | null; cell: string | null }) => `${f.rule}@${f.sheet}!${f.cell}`;
    const before = checkWorkbook(book).findings;
    const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(key));
    for (const finding of before) {
      for (const route of finding.routes ?? (finding.fix ? [{ advice: finding.advice ?? '', changes: finding.fix }] : [])) {
        const after = checkWorkbook(applyFix(book, route.changes)).findings;
        expect(after.map(key), route.advice).not.toContain(key(finding));
        expect(after.filter((f) => f.severity === 'error' && !errorsBefore.has(key(f))).map(key), route.advice).toEqual([]);
      }
    }
  });

  it('the new-equipment example advises moving 105 千元 to self-funding first, or cutting the item by 150 千元', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}mistake-new-equipment-over-30.xlsx`));
    const [finding] = result.findings.filter((f) => f.rule === 'item-cap');
    expect(finding.advice).toBe('將全新設備之購置費政府補助款 105 千元 改列業者自籌款（總經費不變）；或刪減全新設備之購置費預算 150 千元（總經費隨之減少）');
    expect(finding.routes?.map((r) => r.changes.filter((c) => typeof c.to === 'number' && /^[BC]\d+$/.test(c.cell)).length)).toEqual([2, 1]);
  });

  it('the itemised breach is the 30 % cap on the machines\' sum (1,500 of 4,000), at the 小計, fixed on a machine row', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}mistake-itemised-equipment-over-30.xlsx`));
    const [finding] = result.findings.filter((f) => f.rule === 'item-cap');
    expect(finding).toMatchObject({ cell: 'B9', actual: 1500, expected: 1200 });
    // The fix changes a detail line (rows 6–8), never the empty item row 5 or the 小計's formula in row 9.
    expect(finding.fix?.map((c) => c.cell)).toEqual(['B6', 'C6']);
  });

  it('says the amounts of its advice in English words in English (no 千元 inside an English sentence)', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}mistake-new-equipment-over-30.xlsx`), { lang: 'en' });
    const [finding] = result.findings.filter((f) => f.rule === 'item-cap');
    expect(finding.routes?.map((r) => r.advice)).toEqual([
      expect.stringMatching(/^Move 105 thousand of the purchase of new equipment subsidy to self-funding \(total budget unchanged\)$/),
      expect.stringMatching(/^Cut the purchase of new equipment budget by 150 thousand \(the total budget shrinks\)$/),
    ]);
  });

  it('the typed-over total is caught once, as a wrong row total with its repair', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}mistake-typed-over-total.xlsx`), { lang: 'en' });
    const atD6 = result.findings.filter((f) => f.cell === 'D6');
    expect(atD6).toEqual([expect.objectContaining({ rule: 'row-total-mismatch', severity: 'error', expected: 2000, actual: 1800 })]);
    // The typed constant (hardcoded-total, a warning at the same cell) is the same slip: merged into the error.
    expect(atD6[0].fix).toEqual([{ sheet: '經費預算表', cell: 'D6', from: 1800, to: '=B6+C6', formula: true }]);
  });

  it('amounts in 元 without a unit label are flagged as a unit problem', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}mistake-yuan-without-label.xlsx`), { lang: 'en' });
    expect(result.findings.map((f) => f.rule)).toContain('unit-suspect');
    // The limits are judged on the 元 reading, so the unit slip does not also appear as a breach of the cap.
    expect(result.findings.map((f) => f.rule)).not.toContain('gov-cap');
  });

  it('the program is read from the stored setting when the workbook says nothing else', async () => {
    const result = checkWorkbook(await readWorkbookFile(`${dir}stored-setting-chain-smart.xlsx`), {});
    expect(result.programSource).toBe('setting');
  });
});
