import { consortiumTables } from '../consortium';
import { formatAmount as show, fromInt, toNumber } from '../money';
import type { WorkbookRule } from './workbook-rule';
import { ruleFacts } from './catalogue';

/**
 * One company's 政府補助款 over its own cap in a plan of several companies (研發聯盟: 主導業者 2,500 千元, each other member
 * 2,000 千元), at that company's 合計 政府補助款 cell. The plan's own cap is gov-cap on the 總表.
 */
export const companyCap: WorkbookRule = {
  ...ruleFacts('company-cap'),
  check(facts, report) {
    const rule = facts.models[0]?.program.consortium;
    if (!rule || (!rule.leadCap && !rule.memberCap)) return;
    const plan = consortiumTables(facts.models);
    if (!plan) return;
    for (const company of plan.companies) {
      const cap = company.role === 'lead' ? rule.leadCap : rule.memberCap;
      if (!cap) continue;
      const gov = company.model.govTotalK;
      const capK = fromInt(cap.amount);
      if (gov <= capK) continue;
      const who = company.role === 'lead' ? report.t(`${rule.lead['zh-TW']}`, rule.lead.en) : report.t('每家成員', 'each member');
      report.add(company.model.table.totalRow?.gov?.loc ?? company.model.table.title, report.t(
        `${company.name} 的政府補助款 ${show(gov)} 千元超過${who}上限 ${show(capK)} 千元`,
        `${company.name}'s subsidy of ${show(gov)} thousand exceeds the cap for ${who} of ${show(capK)} thousand`,
      ), {
        expected: cap.amount,
        actual: toNumber(gov),
        advice: report.t(`將 ${company.name} 的政府補助款減少 ${show(gov - capK)} 千元，差額改列其自籌款`, `Lower ${company.name}'s subsidy by ${show(gov - capK)} thousand and move it to its self-funding`),
        citation: cap.citation,
      });
    }
  },
};
