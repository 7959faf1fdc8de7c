import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PROGRAMS, PROGRAM_IDS, RuleSetError, getProgram } from '../../src/domain/programs';
import { programSchema } from '../../src/domain/programs/schema';
import { parseProgram } from '../../src/domain/programs/validate';
import { programData } from '../../src/domain/programs/data';

const seedsDir = new URL('../../../shared/seeds/', import.meta.url);

describe('program rule sets', () => {
  it('has the five programs of SPEC §2 with their caps', () => {
    expect(PROGRAM_IDS).toEqual(['upgrade-10plus', 'upgrade-under10', 'chain-lowcarbon', 'chain-smart', 'registered-factory']);
    expect(PROGRAMS.map((p) => p.subsidyCap.amount)).toEqual([5000, 3000, 30000, 20000, 1500]);
    expect(PROGRAMS.every((p) => p.govShare.maxPercent === 50)).toBe(true);
  });

  it('lists items in the official order with the right self-only items', () => {
    const selfOnly = (id: string) => getProgram(id).items.filter((i) => i.gov === 'self-only').map((i) => i.label);
    expect(selfOnly('upgrade-10plus')).toEqual(['人事費', '無形資產引進費']);
    expect(selfOnly('chain-smart')).toEqual(['人事費', '無形資產引進費', '國內差旅費']);
    expect(selfOnly('registered-factory')).toEqual(['人事費', '基礎工程施工費']);
    expect(getProgram('upgrade-10plus').items.map((i) => i.label).slice(0, 4)).toEqual([
      '消耗性器材及原材料費', '全新設備之購置費', '既有設備之改善費', '委託研究或驗證費',
    ]);
  });

  it('caps new equipment at 30 % and commissions at 40 % of the government part by default', () => {
    for (const p of PROGRAMS) {
      const caps = p.items.filter((i) => i.cap).map((i) => [i.id, i.cap!.percent, i.cap!.base]);
      expect(caps).toEqual([['new-equipment', 30, 'gov'], ['commissioned-research', 40, 'gov']]);
    }
  });

  it('quotes every citation verbatim from its seed file', () => {
    const citations = PROGRAMS.flatMap((p) => [
      p.govShare.citation, p.subsidyCap.citation,
      ...p.items.flatMap((i) => [i.citation, i.cap?.citation]).filter((c) => c !== undefined),
    ]);
    expect(citations.length).toBeGreaterThan(20);
    for (const c of citations) {
      const text = readFileSync(new URL(c!.seed, seedsDir), 'utf8');
      expect(text, `${c!.seed} should contain ${c!.quote}`).toContain(c!.quote);
    }
  });

  it('ships rule sets that programSchema accepts unchanged (nothing stripped, nothing defaulted)', () => {
    expect(PROGRAMS.length).toBe(5);
    for (const program of PROGRAMS) expect(programSchema.parse(program), program.id).toEqual(program);
  });

  it('rejects a malformed rule set with a message naming the bad field', () => {
    const bad = structuredClone(programData[0]) as { items: { cap?: { percent: number } }[] };
    bad.items[1].cap!.percent = 130;
    expect(() => parseProgram(bad, 'custom.json')).toThrow(RuleSetError);
    expect(() => parseProgram(bad, 'custom.json')).toThrow(/custom\.json.*items\[1\]\.cap\.percent/);

    const selfOnlyWithoutCitation = structuredClone(programData[0]) as { items: { citation?: unknown }[] };
    delete selfOnlyWithoutCitation.items[4].citation;
    expect(() => parseProgram(selfOnlyWithoutCitation)).toThrow(/items\[4\]\.citation/);

    expect(() => parseProgram({ id: 'x' })).toThrow(/name/);
  });

  it('accepts a new program written as data only', () => {
    const oneThird = {
      ...(structuredClone(programData[0]) as object),
      id: 'one-third-program',
      subsidyCap: { amount: 5000, citation: { seed: '003_89eee1bd9a716ead.txt', quote: '補助' } },
    };
    expect(parseProgram(oneThird).id).toBe('one-third-program');
  });
});
