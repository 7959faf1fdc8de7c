/**
 * The example budgets a program file carries: each names the limits it must break (or none), and running them proves
 * the file says what its author meant. They run in the tests, at build time and when the CLI loads `--programs`.
 */
import type { BudgetRowInput, BudgetTableInput, RawCell } from '../budget';
import { checkBudgetTable } from '../engine';
import type { Program, ProgramExample } from './schema';

/** The rules an example's `fires` speaks about: the program's money rules, not clerical ones. */
const MONEY_RULES = new Set(['gov-share', 'gov-cap', 'total-cap', 'item-cap', 'self-share', 'fixed-split', 'fixed-amount', 'self-only-item', 'unlisted-item-funded']);

export interface ExampleResult {
  example: ProgramExample;
  /** Money rules that raised an error or warning. */
  fired: string[];
  ok: boolean;
}

export function runExample(program: Program, example: ProgramExample): ExampleResult {
  const sheet = 'example';
  const at = (row: number, col: string, value: string | number | null): RawCell => ({ loc: { sheet, cell: `${col}${row}` }, value, formula: null, percentFormat: false });
  const rows: BudgetRowInput[] = example.rows.map(([label, gov, self], i) => {
    const item = program.items.find((it) => it.id === label);
    return { label: at(i + 2, 'A', item?.label ?? label), gov: at(i + 2, 'B', gov), self: at(i + 2, 'C', self), total: null, percent: null };
  });
  const table: BudgetTableInput = { sheet, title: { sheet, cell: 'A1' }, unit: { unit: '千元', loc: { sheet, cell: 'D1' } }, rows, totalRow: null, percentRow: null, workbookHasFormulas: false };
  const fired = [
    ...new Set(
      checkBudgetTable(table, program, 'zh-TW')
        .findings.filter((f) => f.severity !== 'info' && MONEY_RULES.has(f.rule))
        .map((f) => f.rule),
    ),
  ].sort();
  const expected = [...new Set(example.fires)].sort();
  return { example, fired, ok: fired.join() === expected.join() };
}

/** Every example of a program that does not do what it says, as lines a program office can act on. */
export function exampleFailures(program: Program): string[] {
  return program.examples
    .map((example) => runExample(program, example))
    .filter((r) => !r.ok)
    .map((r) => `${program.id}: example "${r.example.name}" should raise [${r.example.fires.join(', ')}] but raised [${r.fired.join(', ')}]`);
}
