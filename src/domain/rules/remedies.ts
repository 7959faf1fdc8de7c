import type { BudgetModel } from '../budget-model';
import type { RawCell } from '../budget';
import type { Finding, Lang } from '../findings';
import { type AmountEdit, type RouteCandidate, current, fromThousand, standardFormula, takeFromGov } from '../fixes';
import { type Fixed, ZERO, formatAmount as show } from '../money';
import type { RuleReport } from './rule';

/** Remedy pieces shared by several rules' `remedy`. */

/** An amount in the table's unit with that unit: "150 千元", "150,000 元"; in English "150 thousand", "NT$150,000". */
export function amountText(model: BudgetModel, amount: Fixed, lang: Lang = 'zh-TW'): string {
  const unit = model.unitSuspect ? '元' : model.unit;
  if (lang === 'zh-TW') return `${show(amount)} ${unit}`;
  return unit === '元' ? `NT$${show(amount)}` : `${show(amount)} ${unit === '千元' ? 'thousand' : 'ten-thousand'}`;
}

/** The derived cell a finding points at (a total or percentage), found among the table's cells. */
export function derivedCellAt(model: BudgetModel, finding: Finding): RawCell | null {
  const t = model.table;
  const cells = [
    ...t.rows.flatMap((r) => [r.total, r.percent]),
    ...(t.subtotals ?? []).flatMap((s) => [s.row.gov, s.row.self, s.row.total, s.row.percent]),
    t.totalRow?.gov, t.totalRow?.self, t.totalRow?.total,
    t.percentRow?.gov, t.percentRow?.self, t.percentRow?.total,
  ];
  return cells.find((c): c is RawCell => !!c && c.loc.sheet === finding.sheet && c.loc.cell === finding.cell) ?? null;
}

/**
 * Routes for a total or percentage that shows the wrong number: restore its formula (first where the workbook uses
 * formulas) or type the right number.
 */
export function restoreRoutes(model: BudgetModel, finding: Finding, report: RuleReport, value: number | undefined): RouteCandidate[] {
  const cell = derivedCellAt(model, finding);
  return cell ? restoreCells(model, [{ cell, value }], report) : [];
}

/**
 * The same for several cells of one table at once (one finding listing them): every formula restored, or every right
 * number typed. A route is offered only when it reaches every cell.
 */
export function restoreCells(model: BudgetModel, targets: { cell: RawCell; value: number | undefined }[], report: RuleReport): RouteCandidate[] {
  if (targets.length === 0) return [];
  const same = (a: string | null, b: string) => a !== null && a.replace(/[\s$]/g, '').toUpperCase() === b.replace(/[\s$]/g, '').toUpperCase();
  const formulas = targets.map(({ cell }) => ({ cell, formula: standardFormula(model, cell) }));
  // A formula already in place is no remedy (its inputs are the slip, e.g. an amount typed as text that SUM skips).
  const formulaCells = formulas.every(({ cell, formula }) => formula !== null && !same(cell.formula, formula))
    ? formulas.map(({ cell, formula }) => ({ ...cell.loc, from: current(cell), to: formula, formula: true as const }))
    : [];
  const valueCells = targets.every((x) => x.value !== undefined) ? targets.map(({ cell, value }) => ({ ...cell.loc, from: current(cell), to: value! })) : [];
  const one = targets.length === 1;
  const list = (cells: { cell: string; to: string | number | null }[], sep: string) => cells.map((c) => `${c.cell} ${c.to}`).join(sep);
  const formulaRoute = formulaCells.length === 0 ? [] : [{
    advice: one ? report.t(`改回公式 ${formulaCells[0].to}`, `Restore the formula ${formulaCells[0].to}`) : report.t(`改回公式：${list(formulaCells, '、')}`, `Restore the formulas: ${list(formulaCells, ', ')}`),
    cells: formulaCells,
  }];
  const valueRoute = valueCells.length === 0 ? [] : [{
    advice: one ? report.t(`改為 ${valueCells[0].to}`, `Set it to ${valueCells[0].to}`) : report.t(`改為：${list(valueCells, '、')}`, `Set them to: ${list(valueCells, ', ')}`),
    cells: valueCells,
  }];
  const formulasFirst = model.table.workbookHasFormulas || targets.some(({ cell }) => cell.formula !== null);
  return formulasFirst ? [...formulaRoute, ...valueRoute] : [...valueRoute, ...formulaRoute];
}

/** Moves a row's whole 政府補助款 to its 業者自籌款 (a self-only item, an item the program does not fund). */
export function moveRowToSelf(model: BudgetModel, finding: Finding, report: RuleReport): RouteCandidate[] {
  const index = model.rows.findIndex((r) => r.input.gov?.loc.cell === finding.cell && r.input.gov.loc.sheet === finding.sheet);
  const row = model.rows[index];
  if (!row || !row.input.self || row.gov <= ZERO) return [];
  return [{ advice: report.t(`將 ${amountText(model, row.gov)} 移至業者自籌款`, `Move ${amountText(model, row.gov, 'en')} to the self-funded column`), edits: [{ row: index, gov: ZERO, self: row.self + row.gov }] }];
}

/**
 * The two routes for a limit on the subsidy, taken from `rows`, largest first. First, always: move `moveK` 千元 of it to
 * self-funding — every item total and the 總經費 stay, so the project is kept. Second, named as the cut it is: lower
 * 政府補助款 by `cutK` 千元 without adding self-funding, so those items' budgets and the 總經費 shrink with it.
 */
export function subsidyRoutes(model: BudgetModel, rows: number[], cutK: Fixed, moveK: Fixed, report: RuleReport, what: { zh: string; en: string }): RouteCandidate[] {
  const cut = fromThousand(model, cutK);
  const move = fromThousand(model, moveK);
  const cutEdits = takeFromGov(model, rows, cut, false);
  const moveEdits = takeFromGov(model, rows, move, true);
  const routes: RouteCandidate[] = [];
  if (moveEdits && move > ZERO) routes.push({ kind: 'move', advice: report.t(`將${what.zh} ${amountText(model, move)} 改列業者自籌款（總經費不變）`, `Move ${amountText(model, move, 'en')} of the ${what.en} to self-funding (total budget unchanged)`), edits: moveEdits });
  if (cutEdits && cut > ZERO) {
    const items = cutEdits.map((e) => model.rows[e.row]);
    const zh = [...new Set(items.map((r) => r.item?.label ?? String(r.input.label.value ?? '')))].join('、');
    const en = [...new Set(items.map((r) => r.item ? r.item.en.charAt(0).toLowerCase() + r.item.en.slice(1) : String(r.input.label.value ?? '')))].join(', ');
    routes.push({ kind: 'cut', advice: report.t(`刪減${zh}預算 ${amountText(model, cut)}（總經費隨之減少）`, `Cut the ${en} budget by ${amountText(model, cut, 'en')} (the total budget shrinks)`), edits: cutEdits });
  }
  return routes;
}

/** Reduces an item by `amount` (table unit): its 政府補助款 first, then its 業者自籌款, from the last row up. */
export function reduceItem(model: BudgetModel, rows: number[], amount: Fixed): AmountEdit[] | null {
  const edits = new Map<number, AmountEdit>();
  let left = amount;
  for (const column of ['gov', 'self'] as const) {
    for (const i of [...rows].reverse()) {
      if (left <= ZERO) break;
      const have = model.rows[i][column];
      if (have <= ZERO || !model.rows[i].input[column]) continue;
      const take = have < left ? have : left;
      edits.set(i, { ...(edits.get(i) ?? { row: i }), [column]: have - take });
      left -= take;
    }
  }
  return left > ZERO ? null : [...edits.values()];
}

