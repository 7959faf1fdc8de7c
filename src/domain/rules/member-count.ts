import { consortiumTables } from '../consortium';
import type { WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';

/**
 * A plan of several companies has more members than its program allows (以大帶小 智慧化: 1 中心廠 + at most 4), or fewer
 * companies than it needs (研發聯盟: 3 or more). Counted from the companies' own tables; a workbook with one table for
 * the whole plan cannot be counted and is not judged.
 */
export const memberCount: WorkbookRule = {
  ...ruleFacts('member-count'),
  check(facts, report) {
    const program = facts.models[0]?.program;
    const rule = program?.consortium;
    if (!program || !rule) return;
    const plan = consortiumTables(facts.models);
    if (!plan) return;
    const { companies } = plan;
    const members = companies.length - 1;
    const lead = report.t(rule.lead['zh-TW'], rule.lead.en);
    const names = (list: typeof companies) => list.map((c) => c.name).join(report.t('、', ', '));
    const programName = report.t(program.name['zh-TW'], program.name.en);
    if (rule.maxMembers !== undefined && members > rule.maxMembers) {
      const excess = companies.slice(1 + rule.maxMembers);
      report.add(excess[0].model.table.title, report.t(
        `${programName}以 1 家${lead}帶至多 ${rule.maxMembers} 家合作廠商；本計畫有 ${members} 家（${names(companies.slice(1))}），多了 ${excess.length} 家（${names(excess)}）`,
        `${programName} allows one ${lead} and at most ${rule.maxMembers} members; this plan has ${members} (${names(companies.slice(1))}), ${excess.length} too many (${names(excess)})`,
      ), {
        expected: rule.maxMembers,
        actual: members,
        advice: report.t(`減為 ${rule.maxMembers} 家合作廠商，或改以兩個計畫申請`, `Bring the members down to ${rule.maxMembers}, or apply as two plans`),
        citation: rule.citation,
      });
    }
    if (rule.minCompanies !== undefined && companies.length < rule.minCompanies) {
      report.add(plan.consolidated?.table.title ?? companies[0].model.table.title, report.t(
        `${programName}須 ${rule.minCompanies} 家以上業者聯合申請；本計畫只有 ${companies.length} 家（${names(companies)}）`,
        `${programName} needs ${rule.minCompanies} or more companies; this plan has ${companies.length} (${names(companies)})`,
      ), {
        expected: rule.minCompanies,
        actual: companies.length,
        advice: report.t(`增加合作業者至 ${rule.minCompanies} 家以上，各附經費預算表`, `Add companies up to ${rule.minCompanies} or more, each with its own budget table`),
        citation: rule.citation,
      });
    }
  },
};
