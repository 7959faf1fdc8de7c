import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PROGRAMS, PROGRAM_FILES, PROGRAM_IDS, RuleSetError, getProgram } from '../../src/domain/programs';
import { programFileSchema } from '../../src/domain/programs/schema';
import { parseRatio } from '../../src/domain/programs/compile';
import { programJsonSchema } from '../../src/domain/programs/json-schema';
import { exampleFailures } from '../../src/domain/programs/examples';
import { SEED003_FILES } from '../../src/domain/programs/seed003';
import { addPrograms } from '../../src/domain/programs';
import { readdirSync } from 'node:fs';

// The seed-003 programs load apart from the five (the pane fetches them on demand); these tests cover every file.
addPrograms(SEED003_FILES);
import { parseProgram } from '../../src/domain/programs/validate';

const seedsDir = new URL('../../../shared/seeds/', import.meta.url);

describe('program rule sets', () => {
  it('has the five programs of SPEC §2 with their caps', () => {
    expect(PROGRAM_IDS.slice(0, 5)).toEqual(['upgrade-10plus', 'upgrade-under10', 'chain-lowcarbon', 'chain-smart', 'registered-factory']);
    const five = PROGRAMS.slice(0, 5);
    expect(five.map((p) => p.subsidyCap?.amount)).toEqual([5000, 3000, 30000, 20000, 1500]);
    expect(five.every((p) => p.govShare?.ratio.num === 1n && p.govShare.ratio.den === 2n)).toBe(true);
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
    for (const p of PROGRAMS.slice(0, 5)) {
      const caps = p.items.filter((i) => i.cap).map((i) => [i.id, i.cap!.percent, i.cap!.base]);
      expect(caps).toEqual([['new-equipment', 30, 'gov'], ['commissioned-research', 40, 'gov']]);
    }
  });

  it('quotes every citation verbatim from its seed file', () => {
    const consortium = (p: (typeof PROGRAMS)[number]) => (p.consortium ? [p.consortium.citation, p.consortium.leadCap?.citation, p.consortium.memberCap?.citation].filter((c) => c !== undefined) : []);
    const citations = PROGRAMS.flatMap((p) => [...p.limits.map((l) => l.citation), ...p.items.flatMap((i) => (i.citation ? [i.citation] : [])), ...consortium(p)]);
    expect(PROGRAMS.flatMap(consortium).length).toBeGreaterThanOrEqual(5);
    expect(citations.length).toBeGreaterThan(20);
    for (const c of citations) {
      const lines = readFileSync(new URL(c.seed, seedsDir), 'utf8').split('\n');
      // A quote may wrap over the slide's lines (" ⏎ " in the catalogue): it is checked against the lines it names, joined.
      const range = c.lines ? lines.slice(c.lines[0] - 1, c.lines[1]) : lines;
      const text = range.map((l) => l.trim()).filter((l) => l !== '').join(' ⏎ ');
      expect(text, `${c.seed}:${c.lines?.join('–') ?? ''} should contain ${c.quote}`).toContain(c.quote);
    }
  });

  it('ships program files that programFileSchema accepts unchanged (nothing stripped, nothing defaulted)', () => {
    expect(PROGRAM_FILES.length).toBe(5);
    for (const file of [...PROGRAM_FILES, ...SEED003_FILES]) expect(programFileSchema.parse(file), file.id).toEqual(file);
  });

  it('lists every file of programs/data/ once, named after its id', () => {
    const onDisk = readdirSync(new URL('../../src/domain/programs/data/', import.meta.url)).filter((n) => n.endsWith('.json')).sort();
    const listed = [...PROGRAM_FILES, ...SEED003_FILES].map((f) => `${f.id}.json`).sort();
    expect(listed).toEqual(onDisk);
    expect(SEED003_FILES.length).toBeGreaterThanOrEqual(40);
  });

  it('publishes the schema as docs/program.schema.json, up to date (npm run program-schema)', () => {
    const published: unknown = JSON.parse(readFileSync(new URL('../../docs/program.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(programJsonSchema());
  });

  it('rejects a malformed program file with a message naming the file, the field and what is expected', () => {
    const file = () => structuredClone(PROGRAM_FILES[0]) as unknown as { limits: Record<string, unknown>[]; items: Record<string, unknown>[] };
    const bad = file();
    bad.limits[0].times = '1/3%';
    expect(() => parseProgram(bad, 'custom.json')).toThrow(RuleSetError);
    expect(() => parseProgram(bad, 'custom.json')).toThrow(/custom\.json.*limits\[0\]\.times.*"1\/3", "33%"/);

    const selfOnlyWithoutCitation = file();
    delete selfOnlyWithoutCitation.items[4].citation;
    expect(() => parseProgram(selfOnlyWithoutCitation)).toThrow(/items\[4\]\.citation/);

    const deadRule = file();
    deadRule.limits.push({ ...deadRule.limits[0], when: { fact: 'ghost', op: '=', value: true } });
    expect(() => parseProgram(deadRule)).toThrow(/limits\[\d+\]\.when.*could never fire/);

    const equalsWithoutTolerance = file();
    equalsWithoutTolerance.limits.push({ rule: 'fixed-split', left: 'gov', op: '=', right: 'total', times: '70%', citation: equalsWithoutTolerance.limits[0].citation });
    expect(() => parseProgram(equalsWithoutTolerance)).toThrow(/tolerance/);

    expect(() => parseProgram({ id: 'x' })).toThrow(/name/);
  });

  it('reads ratios exactly: 1/3 stays 1/3 and 33% stays 33/100', () => {
    expect(parseRatio('1/3')).toMatchObject({ num: 1n, den: 3n });
    expect(parseRatio('33%')).toMatchObject({ num: 33n, den: 100n });
    expect(parseRatio('33.3%')).toMatchObject({ num: 333n, den: 1000n });
    expect(parseRatio('0.5')).toMatchObject({ num: 1n, den: 2n });
    expect(parseRatio('50%')).toMatchObject({ num: 1n, den: 2n });
  });
});

describe('program examples (each file proves its own limits)', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: every example raises exactly the limits it names`, () => {
      expect(program.examples.length, `${program.id} has examples`).toBeGreaterThan(0);
      expect(exampleFailures(program)).toEqual([]);
    });
  }

  it('an example that expects the wrong thing is caught (the check can fail)', () => {
    const program = getProgram('upgrade-10plus');
    const wrong = { ...program, examples: [{ name: 'wrong', rows: [['consumables', 1001, 1000]] as [string, number, number][], fires: [] }] };
    expect(exampleFailures(wrong)).toEqual(['upgrade-10plus: example "wrong" should raise [] but raised [gov-share]']);
  });
});
