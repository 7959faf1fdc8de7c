import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBudgetTable } from '../../src/domain/engine';
import { getProgram } from '../../src/domain/programs';
import { BUDGET_RULES } from '../../src/domain/rules';
import { table } from './table-builder';

const upgrade = getProgram('upgrade-10plus');

describe('rules as modules', () => {
  it('each rule has a unique id, a severity and a title in both languages', () => {
    const ids = BUDGET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of BUDGET_RULES) {
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.title['zh-TW'].length).toBeGreaterThan(0);
      expect(rule.title.en.length).toBeGreaterThan(0);
    }
  });

  it('every rule is in the README catalogue', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const rule of BUDGET_RULES) expect(readme, rule.id).toContain(`\`${rule.id}\``);
  });

  it('a rule runs on its own, and reports only its own id at its own severity', () => {
    const t = table([
      { label: '全新設備之購置費', gov: 900, self: 0 },
      { label: '人事費', gov: 100, self: '1,000' },
      { label: '差旅費', gov: 0, self: -5 },
    ], { totalRow: { label: '合計', gov: 1, self: 2, total: 3 } });
    const all = checkBudgetTable(t, upgrade).findings;
    for (const rule of BUDGET_RULES) {
      const alone = checkBudgetTable(t, upgrade, 'zh-TW', [rule]).findings;
      expect(alone.every((f) => f.rule === rule.id && f.severity === rule.severity)).toBe(true);
      expect(alone).toEqual(all.filter((f) => f.rule === rule.id));
    }
    expect(new Set(all.map((f) => f.rule)).size).toBeGreaterThan(6);
  });

  it('program-limit rules carry the rule set’s citation', () => {
    const t = table([{ label: '消耗性器材及原材料費', gov: 6000, self: 1000 }]);
    const findings = checkBudgetTable(t, upgrade).findings;
    expect(findings.find((f) => f.rule === 'gov-share')?.citation).toEqual(upgrade.govShare!.citation);
    expect(findings.find((f) => f.rule === 'gov-cap')?.citation).toEqual(upgrade.subsidyCap!.citation);
  });
});
