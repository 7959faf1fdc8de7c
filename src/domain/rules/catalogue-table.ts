import { RULE_CATALOGUE, type RuleKind } from './catalogue';

/** What each kind of rule is and where it is checked: the heading of its table in the README. */
const KIND_HEADINGS: Record<RuleKind, string> = {
  budget: 'Budget-table rules (one module each, `src/domain/rules/<id>.ts`, run in the order of `BUDGET_RULES` in `rules/index.ts`):',
  hygiene:
    'Formula-hygiene rules (modules in the same list). They read the formula text of each table cell, the rest of the workbook and hidden rows/columns through the grid snapshot, and are tuned so that the official template, blank or filled in consistently, gets none:',
  workbook: 'Workbook-level rules (modules in `WORKBOOK_RULES`, run once per workbook over every table):',
  statement: 'Rules about what the workbook says outside the budget table (`WorkbookRule` modules over what the sheet layer read there):',
  'cross-table': "The form's other tables against the budget table (`src/domain/cross-checks.ts`):",
  benefit: 'The 預期效益 tables (`src/domain/benefits/rules.ts`):',
  reading: 'What the file reader could not give the checker (`src/sheet/reading-notes.ts`), once per workbook:',
  checker: "The checker's own notices (`src/sheet/check.ts`, `src/domain/engine.ts`, `src/cli/check-one.ts`):",
};

const KINDS = Object.keys(KIND_HEADINGS) as RuleKind[];

/** The README's rule tables, generated from the catalogue (`npm run rule-table`; a test keeps the README current). */
export function ruleTableMarkdown(): string {
  return KINDS.map((kind) => {
    const rows = RULE_CATALOGUE.filter((entry) => entry.kind === kind).map((entry) => `| \`${entry.id}\` | ${entry.severity} | ${entry.firesWhen} |`);
    return [KIND_HEADINGS[kind], '', '| id | severity | fires when |', '|---|---|---|', ...rows].join('\n');
  }).join('\n\n');
}

export const RULE_TABLE_BEGIN = '<!-- rule-table: generated from src/domain/rules/catalogue.ts by `npm run rule-table` -->';
export const RULE_TABLE_END = '<!-- /rule-table -->';

/** `readme` with its rule tables replaced by the generated ones. */
export function withRuleTable(readme: string): string {
  const begin = readme.indexOf(RULE_TABLE_BEGIN);
  const end = readme.indexOf(RULE_TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${RULE_TABLE_BEGIN} … ${RULE_TABLE_END} block`);
  return `${readme.slice(0, begin)}${RULE_TABLE_BEGIN}\n\n${ruleTableMarkdown()}\n\n${readme.slice(end)}`;
}
