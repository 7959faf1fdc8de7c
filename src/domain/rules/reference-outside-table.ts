import { toA1 } from '../a1';
import { formulaReferences } from '../formula';
import type { BudgetRule } from './rule';
import { formulaOf, key, knownAddresses, tableCells } from './hygiene';
import { ruleFacts } from './catalogue';

/** Ranges larger than this are not expanded cell by cell (a whole-column reference is reported once, as outside). */
const MAX_RANGE_CELLS = 400;
/** At most this many cells are named in one message. */
const MAX_NAMED = 5;

/**
 * A formula in the table that refers to an empty cell (a direct reference: `=B4+C4+H4` with H4 blank) or to a
 * non-empty cell outside the table and outside the workbook's other budget tables (a stray value swept into a total).
 * Empty cells inside a range are normal (a self-only item's blank 政府補助款) and not reported.
 */
export const referenceOutsideTable: BudgetRule = {
  ...ruleFacts('reference-outside-table'),
  check(model, report) {
    const { table } = model;
    const context = table.context;
    if (!context) return;
    const known = knownAddresses(table);
    for (const other of context.otherTables) for (const k of knownAddresses(other)) known.add(k);

    for (const { cell } of tableCells(table)) {
      const formula = formulaOf(cell);
      if (!formula) continue;
      const empty: string[] = [];
      const outside: string[] = [];
      for (const { sheet: refSheet, area } of formulaReferences(formula)) {
        const sheet = refSheet ?? table.sheet;
        const prefix = refSheet === null ? '' : `${sheet}!`;
        const single = area.top === area.bottom && area.left === area.right;
        const size = (area.bottom - area.top + 1) * (area.right - area.left + 1);
        if (size > MAX_RANGE_CELLS) {
          outside.push(`${prefix}${toA1(area.top, area.left)}:${toA1(area.bottom, area.right)}`);
          continue;
        }
        for (let r = area.top; r <= area.bottom; r++) {
          for (let c = area.left; c <= area.right; c++) {
            const a1 = toA1(r, c);
            if (known.has(key(sheet, a1))) continue;
            const target = context.cell(sheet, r, c);
            if (target === null) {
              if (single) empty.push(`${prefix}${a1}`);
            } else outside.push(`${prefix}${a1}`);
          }
        }
      }
      if (empty.length === 0 && outside.length === 0) continue;
      const name = (list: string[]) => (list.length > MAX_NAMED ? `${list.slice(0, MAX_NAMED).join('、')}…（共 ${list.length} 格）` : list.join('、'));
      const nameEn = (list: string[]) => (list.length > MAX_NAMED ? `${list.slice(0, MAX_NAMED).join(', ')}… (${list.length} cells)` : list.join(', '));
      const zh = [empty.length ? `空白儲存格 ${name(empty)}` : '', outside.length ? `表外儲存格 ${name(outside)}` : ''].filter(Boolean).join('，以及');
      const en = [empty.length ? `the empty cell(s) ${nameEn(empty)}` : '', outside.length ? `cell(s) outside the table ${nameEn(outside)}` : ''].filter(Boolean).join(' and ');
      report.add(cell.loc, report.t(`公式 ${formula} 參照${zh}`, `${formula} refers to ${en}`), {
        actual: formula,
        advice: report.t('公式應只參照表內的金額', 'The formula should refer only to the table\'s amounts'),
      });
    }
  },
};
