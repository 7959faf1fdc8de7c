import { parseAmount } from './amount';
import type { BudgetTableInput, RawCell, Unit } from './budget';
import type { BudgetSummary } from './summary';
import { findingCollector, t, type CellLoc, type Finding, type Lang, type RuleId } from './findings';
import { matchItem } from './labels';
import { type Fixed, ZERO, format, formatAmount, fromInt, fromNumber, percentOf, round, toNumber } from './money';
import type { ItemId, Program } from './programs/schema';
import { basicInfoMismatch, type BasicInfo } from './rules/basic-info-mismatch';
import { runWorkbookRules } from './rules/workbook-rule';

export interface ListRow {
  name: RawCell;
  amount: RawCell;
  /** 採購對象/產地 for the equipment list; null elsewhere. */
  extra: RawCell | null;
}

/** One of the form's lists (全新設備購置, 既有設備改善, 投入人力規劃, 委託研究及驗證單位規劃). */
export interface PlanList {
  sheet: string;
  header: CellLoc;
  extraHeader: CellLoc | null;
  /** Unit stated in the amount header ("預估費用(元)"), or null. */
  unit: Unit | null;
  rows: ListRow[];
  /** The list's own 合計 cell, when it has one. */
  total: RawCell | null;
}

/** One 會計科目's lines on a 經費明細 / 設備明細 sheet (issue 21): the item's label cell, its lines' amounts, its 小計. */
export interface DetailGroup {
  item: RawCell;
  lines: RawCell[];
  subtotal: RawCell | null;
}

/** A sheet listing what each budget item buys (會計科目, 項目, 數量, 單價, 金額): the items' detail, not a budget. */
export interface DetailSheet {
  sheet: string;
  header: CellLoc;
  /** Unit stated in the amount header or above the table, or null. */
  unit: Unit | null;
  groups: DetailGroup[];
}

export type { BasicInfo, BasicInfoField } from './rules/basic-info-mismatch';

export interface CrossCheckInput {
  newEquipment: PlanList | null;
  improvement: PlanList | null;
  personnel: PlanList | null;
  commissions: PlanList | null;
  basicInfo: BasicInfo | null;
  /** A 經費明細 / 設備明細 sheet; absent where a caller builds the input by hand. */
  details?: DetailSheet | null;
}

/** One commission of 150 千元 (15 萬元) or more needs a signed contract. */
const CONTRACT_THRESHOLD_K = fromInt(150);
const DOMESTIC = /國產|臺灣|台灣|本國|國內|taiwan|\bMIT\b/i;


/** Checks the form's other tables against the budget table (amounts in 千元 in `summary`). */
export function checkCrossTables(
  input: CrossCheckInput,
  budget: { table: BudgetTableInput; summary: BudgetSummary },
  program: Program,
  lang: Lang = 'zh-TW',
): Finding[] {
  const findings: Finding[] = [];
  const add = findingCollector(findings);
  const itemTotal = (id: ItemId): Fixed => {
    const a = budget.summary.amounts.find((x) => x.itemId === id);
    return a ? fromNumber(a.gov) + fromNumber(a.self) : ZERO;
  };
  const itemRow = (id: ItemId) => budget.table.rows.find((r) => matchItem(String(r.label.value ?? '')) === id);
  const show = formatAmount;

  // The lists' unit: as labelled; otherwise 千元 unless the figures only agree with the budget when read as 元.
  const reconcile = (list: PlanList, budgetK: Fixed) => {
    const amounts = list.rows.map((r) => ({ row: r, value: amountOf(r.amount) }));
    const stated = list.total ? amountOf(list.total) : null;
    const raw = stated ?? amounts.reduce((a, x) => a + x.value, ZERO);
    const inYuan = list.unit === '元' || (list.unit === null && raw !== budgetK && raw === budgetK * 1000n);
    const toK = (f: Fixed) => (inYuan ? f / 1000n : list.unit === '萬元' ? f * 10n : f);
    return { amounts, totalK: toK(raw), toK, cell: list.total?.loc ?? amounts[amounts.length - 1]?.row.amount.loc ?? list.header };
  };

  /** Each item named on the detail sheet: its lines' sum against the budget's item, reported at its 小計 (or last line). */
  function checkDetailSheet(sheet: DetailSheet) {
    const byItem = new Map<ItemId, { raw: Fixed; cell: CellLoc }>();
    for (const group of sheet.groups) {
      const id = matchItem(String(group.item.value ?? ''));
      if (!id || group.lines.length === 0) continue;
      const prior = byItem.get(id);
      const raw = group.lines.reduce((a, l) => a + amountOf(l), ZERO);
      byItem.set(id, { raw: (prior?.raw ?? ZERO) + raw, cell: group.subtotal?.loc ?? group.lines[group.lines.length - 1].loc });
    }
    const allRaw = [...byItem.values()].reduce((a, x) => a + x.raw, ZERO);
    const allBudget = [...byItem.keys()].reduce((a, id) => a + itemTotal(id), ZERO);
    // Unlabelled: 千元, unless the sheet only agrees with the budget when read as 元.
    const inYuan = sheet.unit === '元' || (sheet.unit === null && allRaw !== allBudget && allRaw === allBudget * 1000n);
    const toK = (f: Fixed) => (inYuan ? f / 1000n : sheet.unit === '萬元' ? f * 10n : f);
    for (const [id, { raw, cell }] of byItem) {
      const budgetK = itemTotal(id);
      const totalK = toK(raw);
      if (totalK === budgetK) continue;
      const item = program.items.find((i) => i.id === id);
      add('detail-sum-mismatch', cell, t(lang, `經費明細「${item?.label ?? id}」加總 ${show(totalK)} 千元，與經費預算表該科目合計 ${show(budgetK)} 千元不符`, `The cost breakdown's ${item?.en ?? id} adds up to ${show(totalK)} thousand, but the budget's is ${show(budgetK)} thousand`), {
        expected: toNumber(budgetK),
        actual: toNumber(totalK),
        advice: t(lang, '請讓明細金額加總等於預算表科目合計', 'Make the breakdown add up to the budget line'),
      });
    }
  }

  const sumChecks: [PlanList | null, ItemId, RuleId, string, string][] = [
    [input.newEquipment, 'new-equipment', 'equipment-sum-mismatch', '全新設備購置清單', 'new-equipment list'],
    [input.improvement, 'equipment-improvement', 'improvement-sum-mismatch', '既有設備改善清單', 'equipment-improvement list'],
    [input.commissions, 'commissioned-research', 'commission-sum-mismatch', '委託研究及驗證單位規劃', 'commission plan'],
  ];
  for (const [list, itemId, rule, zhName, enName] of sumChecks) {
    if (!list || list.rows.length === 0) continue;
    const budgetK = itemTotal(itemId);
    const { totalK, cell } = reconcile(list, budgetK);
    if (totalK === budgetK) continue;
    const item = program.items.find((i) => i.id === itemId);
    const itemLabel = item?.label ?? itemId;
    add(rule, cell, t(lang, `${zhName}合計 ${show(totalK)} 千元，與經費預算表「${itemLabel}」合計 ${show(budgetK)} 千元不符`, `The ${enName} adds up to ${show(totalK)} thousand, but the budget's ${item?.en ?? itemId} is ${show(budgetK)} thousand`), {
      expected: toNumber(budgetK),
      actual: toNumber(totalK),
      advice: t(lang, '請讓清單金額（不含稅）加總等於預算表科目合計', 'Make the list (before tax) add up to the budget line'),
    });
  }

  if (input.details) checkDetailSheet(input.details);

  if (input.commissions) {
    const { amounts, toK } = reconcile(input.commissions, itemTotal('commissioned-research'));
    for (const { row, value } of amounts) {
      const k = toK(value);
      if (k < CONTRACT_THRESHOLD_K) continue;
      const who = String(row.name.value ?? '').trim();
      add('commission-contract-required', row.amount.loc, t(lang, `委託「${who}」金額 ${show(k)} 千元，達 15 萬元以上須簽訂契約`, `The commission to "${who}" is ${show(k)} thousand: 150 thousand or more needs a signed contract`), {
        actual: toNumber(k),
        advice: t(lang, '請備妥委託契約', 'Have the signed contract ready'),
      });
    }
  }

  if (input.newEquipment?.extraHeader) {
    const { amounts } = reconcile(input.newEquipment, itemTotal('new-equipment'));
    const all = amounts.reduce((a, x) => a + x.value, ZERO);
    const domestic = amounts.filter((x) => DOMESTIC.test(String(x.row.extra?.value ?? ''))).reduce((a, x) => a + x.value, ZERO);
    if (all > ZERO) {
      const share = percentOf(domestic, all)!;
      const first = share >= fromInt(50);
      add('domestic-equipment-share', input.newEquipment.extraHeader, t(lang, `國產設備占全新設備購置金額 ${format(share, 1)}%${first ? '，達 50% 以上，得優先支持' : '，未達 50%（達 50% 以上得優先支持）'}`, `Domestic equipment is ${format(share, 1)}% of new-equipment spending${first ? ': 50% or more is supported first' : ' (50% or more is supported first)'}`), {
        actual: toNumber(round(share, 1)),
      });
    }
  }

  const personnelK = itemTotal('personnel');
  const personnelRows = input.personnel?.rows.filter((r) => r.name.value !== null || r.amount.value !== null) ?? [];
  // A budget table handed in on its own is no application form: only miss the staffing plan where the form is there.
  const formPresent = [input.newEquipment, input.improvement, input.commissions, input.personnel, input.basicInfo].some((x) => x !== null);
  if (personnelK > ZERO && personnelRows.length === 0 && formPresent) {
    const row = itemRow('personnel');
    add('personnel-plan-missing', (row?.total ?? row?.self ?? row?.label)?.loc ?? null, t(lang, `經費預算表編列人事費 ${show(personnelK)} 千元，但沒有投入人力規劃`, `The budget has ${show(personnelK)} thousand of personnel costs but no staffing plan (投入人力規劃)`), {
      advice: t(lang, '請填寫投入人力規劃（姓名/職稱、專長/經歷、工作內容、投入人月）', 'Fill in the staffing plan: name/title, expertise, tasks, person-months'),
    });
  }
  for (const row of program.durationMonths === null ? [] : personnelRows) {
    const months = amountOf(row.amount);
    if (months <= fromInt(program.durationMonths!)) continue;
    const who = String(row.name.value ?? '').trim();
    add('person-months-exceeded', row.amount.loc, t(lang, `「${who}」投入 ${show(months)} 人月，超過計畫期間 ${program.durationMonths} 個月`, `"${who}" is planned for ${show(months)} person-months, more than the ${program.durationMonths}-month project`), {
      expected: program.durationMonths!,
      actual: toNumber(months),
      advice: t(lang, `一人投入人月不得超過 ${program.durationMonths}`, `One person can give at most ${program.durationMonths} person-months`),
    });
  }

  if (input.basicInfo) findings.push(...runWorkbookRules({ basicInfo: input.basicInfo, summary: budget.summary }, lang, [basicInfoMismatch]));
  return findings;
}

function amountOf(cell: RawCell): Fixed {
  const parsed = parseAmount(cell.value);
  return parsed.kind === 'number' ? parsed.value : ZERO;
}
