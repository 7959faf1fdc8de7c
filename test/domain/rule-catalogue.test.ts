import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOneFile } from '../../src/cli/check-one';
import type { Finding, RuleId } from '../../src/domain/findings';
import { addPrograms } from '../../src/domain/programs';
import { SEED003_FILES } from '../../src/domain/programs/seed003';
import { BUDGET_RULES, WORKBOOK_RULES } from '../../src/domain/rules';
import { basicInfoMismatch } from '../../src/domain/rules/basic-info-mismatch';
import { RULE_CATALOGUE } from '../../src/domain/rules/catalogue';
import { withRuleTable } from '../../src/domain/rules/catalogue-table';
import { programConflict } from '../../src/domain/rules/program-conflict';
import { checkWorkbook, type CheckOptions } from '../../src/sheet/check';
import { snapshotFromRows, type SheetSnapshot, type WorkbookSnapshot } from '../../src/sheet/grid';
import { application, titledBudget } from '../sheet/fixtures/application';
import { detailBook } from '../sheet/fixtures/detail-sheet';
import { sentenceRows } from '../sheet/benefits-fixtures';
import { officialTable, sheet, type Cells } from '../sheet/fixtures/official-table';
import { plan, table, type Rows } from '../sheet/fixtures/plan';

addPrograms(SEED003_FILES); // the programs whose limits are fixed splits, fixed amounts, total caps and facts

/**
 * The rule catalogue (src/domain/rules/catalogue.ts) is the one list of rule ids. These tests hold it to what the
 * checker does: every rule module is registered in it once, the README's tables are generated from it, its quotes are
 * in the brochures, and every id has a workbook where it fires and a near one where it is silent.
 */

const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets, settings: {} });
const official = (change: Cells = {}, extra: Partial<SheetSnapshot> = {}) => book(sheet('經費預算表', { ...officialTable(), ...change }, extra));

interface Case {
  workbook: WorkbookSnapshot;
  options?: CheckOptions;
}
/** A workbook where the rule fires and one, as close as it gets, where it is silent. */
interface Pair {
  fires: Case;
  silent: Case;
}

const RF = { program: 'registered-factory' };
const UP = { program: 'upgrade-10plus' };
const on = (workbook: WorkbookSnapshot, options: CheckOptions = RF): Case => ({ workbook, options });
const budget = (rows: [string, number, number][], program: string): Case => on(titledBudget('', rows), { program });
const benefits = (overrides: Record<string, string> = {}, options: CheckOptions = {}): Case => on(book(snapshotFromRows('預期效益', sentenceRows(overrides))), options);
const NO_ECONOMIC = { 新增投資: '', 降低成本: '', 增加就業人數: '', 增加產值: '' };
const NO_TECHNICAL = { 減少碳排放量: '', 減少用電量: '', '整體設備效率(OEE)': '', 提升生產良率: '', 減少產線人力: '', 產品達交率: '' };
const subtotals = (doubled: boolean) =>
  on(
    book(
      snapshotFromRows('經費預算表', [
        ['經費預算表', null, null, null, '金額單位：千元'],
        ['會計科目', '政府補助款', '業者自籌款', '合計'],
        ['消耗性器材及原材料費', 100, 100, 200],
        ['全新設備之購置費', 100, 100, 200],
        ['小計', 200, 200, 400],
        ['人事費', 0, 300, 300],
        doubled ? ['合計', 400, 700, 1100] : ['合計', 200, 500, 700],
      ]),
    ),
    UP,
  );
/** A row typed below the 合計: holding an amount, it is not counted, so said. */
const belowTotal = (gov: number | null) =>
  on(
    book(
      snapshotFromRows('經費預算表', [
        ['經費預算表', null, null, null, '金額單位：千元'],
        ['會計科目', '政府補助款', '業者自籌款', '合計'],
        ['消耗性器材及原材料費', 500, 500, 1000],
        ['合計', 500, 500, 1000],
        ['人事費', gov, null, gov],
      ]),
    ),
    UP,
  );
/** A CITD 研發聯盟 plan: a 總表 and one budget per company, with each company's subsidy (lead first). */
const alliance = (govs: number[]) =>
  on(plan(govs.map((gov, i): [string, Rows] => [i === 0 ? '主導業者' : `成員${i}`, [['材料費', gov, gov + 500], ['人事費', 0, 300]]])), { program: 'citd-alliance' });
/** A budget stating 納管工廠 whose stored program setting says `program`. */
const stored = (program: string) => {
  const workbook = titledBudget('納管工廠低碳及智慧化基礎轉型', [['基礎工程施工費', 100, 100]]);
  return on({ ...workbook, settings: { 'subsidy-budget.program': JSON.stringify(program) } }, {});
};
const consolidated = (cell: number) =>
  on(book(sheet('總表', { ...officialTable(3), C6: cell }), sheet('公司A', officialTable()), sheet('公司B', officialTable(2))));
const inYuan = (unitLabel: boolean) => {
  const cells = officialTable(1000);
  if (!unitLabel) delete cells.E2;
  else cells.E2 = '金額單位：元';
  return on(book(sheet('經費預算表', cells)));
};

/**
 * Every rule id but `unreadable-file` (the file reader's, tested through the CLI's per-file job below): where it fires,
 * and where it is silent. The `Record` type makes a new id fail to compile until it has its pair.
 */
const CASES: Record<Exclude<RuleId, 'unreadable-file'>, Pair> = {
  'not-a-number': { fires: on(official({ B4: '二百四十' })), silent: on(official()) },
  'number-as-text': { fires: on(official({ B4: '240 ' })), silent: on(official({ B4: 240 })) },
  'negative-amount': { fires: on(official({ C4: -120 })), silent: on(official({ C4: 120 })) },
  'fractional-amount': { fires: on(official({ B4: 240.5 })), silent: on(official({ B4: 240 })) },
  'empty-budget': { fires: budget([['消耗性器材及原材料費', 0, 0]], 'upgrade-10plus'), silent: budget([['消耗性器材及原材料費', 0, 1]], 'upgrade-10plus') },
  'unread-row': { fires: belowTotal(100), silent: belowTotal(null) },
  'item-label-variant': { fires: on(official({ A8: '人事費用' })), silent: on(official({ A8: '人事費' })) },
  'unknown-item': { fires: on(official({ A4: '雜支' })), silent: on(official({ A4: '消耗性器材及原材料費' })) },
  'row-total-mismatch': { fires: on(official({ D4: ['=B4+C4', 999] })), silent: on(official({ D4: ['=B4+C4', 360] })) },
  'column-total-mismatch': { fires: on(official({ B10: ['=SUM(B4:B9)', 1499] })), silent: on(official({ B10: ['=SUM(B4:B9)', 1500] })) },
  'subtotal-double-counted': { fires: subtotals(true), silent: subtotals(false) },
  'percent-mismatch': { fires: on(official({ E4: ['=IF($D$10=0,"",ROUND(D4*100/$D$10,1))', 5] })), silent: on(official()) },
  'hardcoded-total': { fires: on(official({ D4: 360 })), silent: on(official({ D4: ['=B4+C4', 360] })) },
  'unit-suspect': { fires: inYuan(false), silent: inYuan(true) },
  'gov-share': { fires: budget([['消耗性器材及原材料費', 501, 500]], 'upgrade-10plus'), silent: budget([['消耗性器材及原材料費', 500, 500]], 'upgrade-10plus') },
  'gov-cap': { fires: budget([['消耗性器材及原材料費', 5001, 5001]], 'upgrade-10plus'), silent: budget([['消耗性器材及原材料費', 5000, 5000]], 'upgrade-10plus') },
  'self-share': { fires: budget([['設備使用費', 1001, 1000]], 'citd-product'), silent: budget([['設備使用費', 1000, 1000]], 'citd-product') },
  'fixed-split': { fires: budget([['研發費用', 600, 400]], 'c2m-pob'), silent: budget([['研發費用', 700, 300]], 'c2m-pob') },
  'fixed-amount': { fires: budget([['診斷費', 90, 0]], 'brand-diagnosis'), silent: budget([['診斷費', 100, 0]], 'brand-diagnosis') },
  'total-cap': { fires: budget([['輔導費', 751, 750]], 'brand-guidance'), silent: budget([['輔導費', 750, 750]], 'brand-guidance') },
  'fact-needed': { fires: budget([['研發費用', 1500, 1500]], 'siir-early'), silent: budget([['消耗性器材及原材料費', 1500, 1500]], 'upgrade-10plus') },
  'self-only-item': { fires: budget([['人事費', 1, 500]], 'upgrade-10plus'), silent: budget([['人事費', 0, 500]], 'upgrade-10plus') },
  'item-cap': {
    fires: budget([['全新設備之購置費', 301, 400], ['消耗性器材及原材料費', 199, 100]], 'upgrade-10plus'),
    silent: budget([['全新設備之購置費', 300, 400], ['消耗性器材及原材料費', 200, 100]], 'upgrade-10plus'),
  },
  'unlisted-item-funded': { fires: budget([['雜支', 100, 100]], 'upgrade-10plus'), silent: budget([['雜支', 0, 100]], 'upgrade-10plus') },
  'error-value': { fires: on(official({ D7: ['=#REF!+C7', '#REF!'] })), silent: on(official()) },
  'sum-range-incomplete': { fires: on(official({ C10: ['=SUM(C4:C8)', 1580] })), silent: on(official({ C10: ['=SUM(C4:C9)', 1880] })) },
  'inconsistent-formula': { fires: on(official({ D6: ['=B6+C5', 1200] })), silent: on(official({ D6: ['=B6+C6', 1800] })) },
  'formula-constant': { fires: on(official({ D4: ['=B4+C4+100', 460] })), silent: on(official({ D4: ['=B4+C4', 360] })) },
  'reference-outside-table': { fires: on(official({ D5: ['=B5+C5+H5', 600] })), silent: on(official({ D5: ['=B5+C5', 600] })) },
  'hidden-amounts': { fires: on(official({}, { hiddenRows: [5] })), silent: on(official({}, { hiddenRows: [1] })) },
  'manual-calculation': { fires: on({ ...official(), calcMode: 'manual' }), silent: on({ ...official(), calcMode: 'automatic' }) },
  'consolidation-mismatch': { fires: consolidated(2699), silent: consolidated(2700) },
  'member-count': { fires: alliance([2000, 2000]), silent: alliance([2000, 2000, 2000]) },
  'company-cap': { fires: alliance([2501, 2000, 2000]), silent: alliance([2500, 2000, 2000]) },
  'plan-without-total': {
    fires: on({ sheets: [table('公司A', [['材料費', 500, 500]]), table('公司B', [['材料費', 500, 500]])], settings: {} }, { program: 'chain-smart' }),
    silent: on(plan([['公司A', [['材料費', 500, 500]]], ['公司B', [['材料費', 500, 500]]]]), { program: 'chain-smart' }),
  },
  'setting-conflict': { fires: stored('upgrade-10plus'), silent: stored('registered-factory') },
  'program-conflict': { fires: on(titledBudget('納管工廠低碳及智慧化基礎轉型', [['基礎工程施工費', 100, 100]]), UP), silent: on(titledBudget('納管工廠低碳及智慧化基礎轉型', [['基礎工程施工費', 100, 100]]), {}) },
  'basic-info-mismatch': {
    fires: on(application({ basic: ['申請總經費', 3000, '千元', '補助款', 1500, '千元(46.7%)', '自籌款', 1600, '千元(53.3%)'] }), UP),
    silent: on(application(), UP),
  },
  'equipment-sum-mismatch': { fires: on(application({ equipment: [['空壓機', '節能', 500, '日本']] }), UP), silent: on(application(), UP) },
  'improvement-sum-mismatch': { fires: on(application({ improvement: [['射出成型機', '變頻', 999, '某公司']] }), UP), silent: on(application(), UP) },
  'commission-sum-mismatch': { fires: on(application({ commission: [['工研院', '驗證', 250]] }), UP), silent: on(application(), UP) },
  'detail-sum-mismatch': { fires: on(detailBook(900_000), UP), silent: on(detailBook(800_000), UP) },
  'commission-contract-required': {
    fires: on(application(), UP),
    silent: on(application({ commission: [['甲', '驗證', 149], ['乙', '診斷', 149], ['丙', '輔導', 2]] }), UP),
  },
  'domestic-equipment-share': { fires: on(application(), UP), silent: budget([['全新設備之購置費', 100, 300]], 'upgrade-10plus') },
  'personnel-plan-missing': { fires: on(application({ personnel: [] }), UP), silent: on(application(), UP) },
  'person-months-exceeded': { fires: on(application({ personnel: [['王小明/經理', '管理', '主持', 13]] }), UP), silent: on(application({ personnel: [['王小明/經理', '管理', '主持', 12]] }), UP) },
  'economic-benefits-min': { fires: benefits({ ...NO_ECONOMIC, 增加產值: '1.2 億元' }), silent: benefits({ ...NO_ECONOMIC, 增加產值: '1.2 億元', 降低成本: '0.1 億元' }) },
  'technical-benefits-min': { fires: benefits({ ...NO_TECHNICAL, 產品達交率: '98 %；相較提升 8 %' }), silent: benefits({ ...NO_TECHNICAL, 產品達交率: '98 %；相較提升 8 %', 減少用電量: '120,000 度電；節電率 12%' }) },
  'lowcarbon-benefit-required': { fires: benefits({ 減少碳排放量: '', 減少用電量: '' }, { target: 'lowcarbon' }), silent: benefits({ 減少碳排放量: '' }, { target: 'lowcarbon' }) },
  'target-unknown': { fires: benefits({ 減少碳排放量: '', 減少用電量: '' }), silent: benefits({ 減少碳排放量: '', 減少用電量: '' }, { target: 'smart' }) },
  'benefit-percent-mismatch': { fires: benefits({ 提升生產良率: '由 80% 提升至 92%；相較提升 10 %' }), silent: benefits({ 提升生產良率: '由 80% 提升至 92%；相較提升 15 %' }) },
  'benefit-outside-typical-range': { fires: benefits({ '整體設備效率(OEE)': '85 %；相較提升 40 %' }), silent: benefits({ '整體設備效率(OEE)': '85 %；相較提升 20 %' }) },
  'no-cached-values': { fires: on(official({}, { uncomputed: ['D4'] })), silent: on(official()) },
  'sheet-truncated': { fires: on(official({}, { clipped: { rowsFrom: 5000, skippedCells: 12 } })), silent: on(official()) },
  'missing-table': { fires: on(book(snapshotFromRows('封面', [['經費預算表'], ['項目', '金額']]))), silent: on(official()) },
  'program-assumed': { fires: on(titledBudget('', [['消耗性器材及原材料費', 100, 100]]), {}), silent: on(titledBudget('', [['消耗性器材及原材料費', 100, 100]]), UP) },
  'program-unknown': { fires: on(titledBudget('地方型產業創新研發推動計畫', [['材料費', 100, 100]]), {}), silent: on(titledBudget('地方型產業創新研發推動計畫', [['材料費', 100, 100]]), UP) },
};

const findingsOf = (c: Case): Finding[] => checkWorkbook(c.workbook, c.options).findings;

async function fileFindings(read: () => Promise<WorkbookSnapshot>): Promise<Finding[]> {
  const outcome = await checkOneFile({ file: 'budget.xlsx', lang: 'zh-TW', program: 'registered-factory' }, read);
  return outcome.report.findings;
}

describe('the rule catalogue', () => {
  it('lists every rule id once, with a title in both languages and when it fires', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of RULE_CATALOGUE) {
      expect(entry.title['zh-TW'], entry.id).not.toBe('');
      expect(entry.title.en, entry.id).not.toBe('');
      expect(entry.firesWhen, entry.id).not.toBe('');
    }
  });

  it('registers every rule module once, and a module takes its id, severity and title from the catalogue', () => {
    const modules = [...BUDGET_RULES, ...WORKBOOK_RULES, programConflict, basicInfoMismatch];
    const moduleKinds = new Set(['budget', 'hygiene', 'workbook', 'statement']);
    expect(modules.map((m) => m.id).sort()).toEqual(RULE_CATALOGUE.filter((r) => moduleKinds.has(r.kind)).map((r) => r.id).sort());
    for (const m of modules) expect({ severity: m.severity, title: m.title }).toEqual((({ severity, title }) => ({ severity, title }))(RULE_CATALOGUE.find((r) => r.id === m.id)!));
  });

  it("generates the README's rule tables (npm run rule-table)", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withRuleTable(readme) === readme, 'README.md rule tables are out of date: run npm run rule-table').toBe(true);
    for (const entry of RULE_CATALOGUE) expect(readme).toContain(`| \`${entry.id}\` | ${entry.severity} |`);
  });

  it('quotes every citation verbatim from its seed file', () => {
    const cited = RULE_CATALOGUE.flatMap((r) => ('citation' in r ? [r.citation] : []));
    expect(cited.length).toBeGreaterThanOrEqual(7);
    for (const c of cited) {
      const seed = readFileSync(new URL(`../../../shared/seeds/${c.seed}`, import.meta.url), 'utf8');
      expect(seed, c.quote).toContain(c.quote);
    }
  });

  it('has a case for every catalogued id, and no case for an id it does not list', () => {
    expect([...Object.keys(CASES), 'unreadable-file'].sort()).toEqual(RULE_CATALOGUE.map((r) => r.id).sort());
  });

  for (const entry of RULE_CATALOGUE.filter((r) => r.id !== 'unreadable-file')) {
    it(`${entry.id}: fires at its catalogued severity where it should, and is silent on the near workbook`, () => {
      const { fires, silent } = CASES[entry.id as Exclude<RuleId, 'unreadable-file'>];
      const fired = findingsOf(fires).filter((f) => f.rule === entry.id);
      expect(fired.length, `${entry.id} should fire`).toBeGreaterThan(0);
      for (const f of fired) expect(f.severity).toBe(entry.severity);
      expect(findingsOf(silent).filter((f) => f.rule === entry.id)).toEqual([]);
    });
  }

  it('unreadable-file: fires when the file cannot be read, and is silent when it can', async () => {
    const unreadable = await fileFindings(() => Promise.reject(new Error('not a zip file')));
    expect(unreadable.map((f) => [f.rule, f.severity])).toEqual([['unreadable-file', 'error']]);
    const readable = await fileFindings(() => Promise.resolve(official()));
    expect(readable.map((f) => f.rule)).not.toContain('unreadable-file');
  });
});
