// Plans of several companies (以大帶小, 研發聯盟; SPEC §2b, issue 24): a 總表 and one budget per company. The member count
// and per-company caps come from the program's data; the plan's share and caps are judged on the 總表; every company's
// table keeps its item rules; each finding in a company's table names the company.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings';
import { addPrograms } from '../../src/domain/programs';
import { SEED003_FILES } from '../../src/domain/programs/seed003';
import { checkWorkbook } from '../../src/sheet/check';
import type { WorkbookSnapshot } from '../../src/sheet/grid';
import { plan, table, type Rows } from './fixtures/plan';

addPrograms(SEED003_FILES); // as the CLI does at start

const smartRows = (newEquipment: number, improvement: number, personnelGov = 0): Rows => [
  ['消耗性器材及原材料費', 100, 100],
  ['全新設備之購置費', newEquipment, newEquipment],
  ['既有設備之改善費', improvement, improvement + 100],
  ['人事費', personnelGov, 300],
];
const members = (n: number): [string, Rows][] => Array.from({ length: n }, (_, i) => [`合作廠商${i + 1}`, smartRows(100, 200)]);
const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('以大帶小 智慧化 (1 中心廠 + at most 4)', () => {
  it('1 + 4 passes; 1 + 5 is member-count at the fifth member, naming every member and citing the brochure', () => {
    const ok = checkWorkbook(plan([['中心廠', smartRows(200, 400)], ...members(4)]), { program: 'chain-smart' });
    expect(of(ok.findings, 'member-count')).toEqual([]);
    expect(ok.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const five = checkWorkbook(plan([['中心廠', smartRows(200, 400)], ...members(5)]), { program: 'chain-smart' });
    const [found] = of(five.findings, 'member-count');
    expect(found).toMatchObject({ severity: 'error', sheet: '合作廠商5', cell: 'A1', expected: 4, actual: 5, company: '合作廠商5' });
    expect(found.message).toContain('合作廠商1、合作廠商2、合作廠商3、合作廠商4、合作廠商5');
    expect(found.citation?.quote).toBe('智慧化 1+4 2,000萬');
  });

  it('judges the share on the 總表, not on each company; 人事費 stays self-funded in every company, named by company', () => {
    // The lead alone asks for 60 % of its own budget; the plan asks for less than half.
    const lead: Rows = [
      ['消耗性器材及原材料費', 600, 100],
      ['全新設備之購置費', 0, 0],
      ['既有設備之改善費', 0, 300],
      ['人事費', 0, 0],
    ];
    const member: Rows = [
      ['消耗性器材及原材料費', 100, 400],
      ['全新設備之購置費', 0, 0],
      ['既有設備之改善費', 0, 0],
      ['人事費', 50, 150], // 人事費 in the subsidy: an error in this company's table
    ];
    const result = checkWorkbook(plan([['中心廠', lead], ['B公司', member]]), { program: 'chain-smart' });
    expect(of(result.findings, 'gov-share')).toEqual([]);
    expect(result.budget?.govTotal).toBe(750);
    const selfOnly = of(result.findings, 'self-only-item');
    // On the company's table (named) and on the 總表 that sums it (the plan's, no company).
    expect(selfOnly.map((f) => [f.sheet, f.cell, f.company])).toEqual([
      ['總表', 'B7', undefined],
      ['B公司', 'B7', 'B公司'],
    ]);

    // The same plan over half on the 總表 is one gov-share error there, with no company.
    const greedy = checkWorkbook(plan([['中心廠', lead], ['B公司', member.map(([l, g, s]) => [l, l === '人事費' ? 0 : g + 300, l === '人事費' ? s : 0]) as Rows]]), { program: 'chain-smart' });
    const share = of(greedy.findings, 'gov-share');
    expect(share).toEqual([expect.objectContaining({ sheet: '總表' })]);
    expect(share[0].company).toBeUndefined();
  });

  it('without a 總表, the plan cap and share are judged on the companies\' sum, and it says so', () => {
    // Each company under 20,000 千元 of subsidy, the plan at 27,000; the lead alone at 60 %, the plan under half.
    const company = (gov: number, self: number): Rows => [
      ['消耗性器材及原材料費', gov, self],
      ['全新設備之購置費', 0, 0],
      ['既有設備之改善費', 0, 0],
      ['人事費', 0, 0],
    ];
    const snapshot: WorkbookSnapshot = { sheets: [table('中心廠', company(9000, 6000)), table('B公司', company(9000, 12000)), table('C公司', company(9000, 12000))], settings: {} };
    const result = checkWorkbook(snapshot, { program: 'chain-smart' });
    expect(of(result.findings, 'plan-without-total')).toEqual([expect.objectContaining({ severity: 'info', sheet: null })]);
    const cap = of(result.findings, 'gov-cap');
    expect(cap).toEqual([expect.objectContaining({ severity: 'error', sheet: null, cell: null, expected: 20000, actual: 27000 })]);
    expect(cap[0].message).toContain('各公司合計');
    expect(of(result.findings, 'gov-share')).toEqual([]);
  });

  it('a single table for the whole plan is not counted and names no company', () => {
    const single = checkWorkbook({ sheets: [table('經費預算表', smartRows(200, 400))], settings: {} }, { program: 'chain-smart' });
    expect(of(single.findings, 'member-count')).toEqual([]);
    expect(single.findings.some((f) => f.company !== undefined)).toBe(false);
  });
});

describe('CITD 研發聯盟 (3 or more companies; 主導業者 2,500 千元, each other member 2,000 千元)', () => {
  const rows = (gov: number): Rows => [
    ['材料費', gov, gov + 500],
    ['人事費', 0, 300],
  ];
  it('two companies are too few; a lead over 2,500 and a member over 2,000 are company-cap at their 合計', () => {
    const result = checkWorkbook(plan([['主導業者', rows(2600)], ['成員甲', rows(2100)]]), { program: 'citd-alliance' });
    expect(of(result.findings, 'member-count')).toEqual([expect.objectContaining({ severity: 'error', sheet: '總表', expected: 3, actual: 2 })]);
    const caps = of(result.findings, 'company-cap');
    expect(caps.map((f) => [f.company, f.cell, f.expected, f.actual])).toEqual([
      ['主導業者', 'B6', 2500, 2600],
      ['成員甲', 'B6', 2000, 2100],
    ]);
    expect(caps[0].citation?.quote).toBe('(主導業者250萬元，');
  });

  it('three companies within their own caps pass', () => {
    const result = checkWorkbook(plan([['主導業者', rows(2500)], ['成員甲', rows(2000)], ['成員乙', rows(1500)]]), { program: 'citd-alliance' });
    expect(of(result.findings, 'member-count')).toEqual([]);
    expect(of(result.findings, 'company-cap')).toEqual([]);
  });
});
