import type { Lang, RuleId } from './findings';
import { ruleEntry } from './rules/catalogue';

/** A rule named in words for people (a reviewer's sheet, a report), never by its id: its title in the rule catalogue. */
export function ruleTitle(rule: RuleId, lang: Lang): string {
  return ruleEntry(rule).title[lang];
}
