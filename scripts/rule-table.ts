/** Writes the README's rule tables from the rule catalogue (a test fails when they are out of date). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRuleTable } from '../src/domain/rules/catalogue-table';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withRuleTable(readFileSync(readme, 'utf8')));
