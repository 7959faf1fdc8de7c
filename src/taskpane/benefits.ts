import {
  EMISSION_FACTORS,
  LATEST_EMISSION_FACTOR,
  computeBenefits,
  newInvestmentFromBudget,
  type BenefitCalculatorInput,
  type ComputedBenefits,
  type EmissionFactor,
} from '../domain/benefits';
import type { BudgetSummary } from '../domain/summary';
import type { Lang } from '../domain/findings';
import { foldWidth, parseDecimal, toDecimalString } from '../domain/money';
import type { Target } from '../domain/programs';
import { buildBenefitFillPlan, buildBenefitTablesPlan, readBenefitSetting } from '../sheet/benefits-plan';
import type { WorkbookSnapshot } from '../sheet/grid';
import type { Plan } from '../sheet/plan';

import type { BenefitField, BenefitForm } from './benefit-form';

export * from './benefit-form';

export class BenefitsError extends Error {
  override name = 'BenefitsError';
}

/** Reads one field: blank → undefined; anything that is not a number → an error naming the field. */
function numberOf(form: BenefitForm, field: BenefitField, label: (field: BenefitField) => string, lang: Lang): number | undefined {
  const raw = foldWidth(form.values[field] ?? '').replace(/[,\s]/g, '').replace(/%$/, '');
  if (raw === '') return undefined;
  const parsed = parseDecimal(raw);
  if (parsed === null) {
    throw new BenefitsError(
      lang === 'en' ? `“${label(field)}” is not a valid number.` : `「${label(field)}」不是有效的數字。`,
    );
  }
  return Number(toDecimalString(parsed));
}

/** The form as calculator input; only sections with something typed are present. */
export function calculatorInput(form: BenefitForm, label: (field: BenefitField) => string, lang: Lang): BenefitCalculatorInput {
  const n = (field: BenefitField) => numberOf(form, field, label, lang);
  const some = (...values: (number | undefined)[]) => values.some((v) => v !== undefined);
  const input: BenefitCalculatorInput = {};
  const economic = { newInvestment: n('newInvestment'), costReduction: n('costReduction'), jobs: n('jobs'), outputValue: n('outputValue') };
  if (some(...Object.values(economic))) input.economic = economic;

  const override = n('factorOverride');
  const published = EMISSION_FACTORS.find((f) => f.year === form.factorYear) ?? LATEST_EMISSION_FACTOR;
  const factor: EmissionFactor =
    override === undefined
      ? published
      : { year: published.year, kgPerKwh: String(override), source: lang === 'en' ? 'entered by the user' : '使用者自行輸入', sourceEn: 'entered by the user' };
  const carbon = { baselineTonnes: n('carbonBaseline'), reductionTonnes: n('carbonReduction'), savedKwh: n('carbonSavedKwh') };
  if (some(...Object.values(carbon))) input.carbon = { ...carbon, emissionFactor: factor };

  const electricity = { baselineKwh: n('electricityBaseline'), savedKwh: n('electricitySaved') };
  if (some(...Object.values(electricity))) input.electricity = electricity;

  const oee = {
    before: n('oeeBefore'),
    after: n('oeeAfter'),
    availability: n('oeeAvailability'),
    performance: n('oeePerformance'),
    quality: n('oeeQuality'),
  };
  if (some(...Object.values(oee))) input.oee = { ...oee, method: form.method };
  const yieldRate = { before: n('yieldBefore'), after: n('yieldAfter') };
  if (some(...Object.values(yieldRate))) input.yield = { ...yieldRate, method: form.method };
  const delivery = { before: n('deliveryBefore'), after: n('deliveryAfter') };
  if (some(...Object.values(delivery))) input.delivery = { ...delivery, method: form.method };
  const staff = { before: n('staffBefore'), after: n('staffAfter') };
  if (some(...Object.values(staff))) input.lineStaff = staff;
  return input;
}

export function hasAnyValue(values: ComputedBenefits): boolean {
  return Object.values(values.items).some((slots) => slots && Object.keys(slots).length > 0);
}

/** 新增投資 (億元) from the budget's equipment lines, as text for the field; null when the budget has none. */
export function investmentFromBudget(summary: BudgetSummary | null): string | null {
  if (!summary) return null;
  const value = newInvestmentFromBudget(summary);
  return value === null ? null : toDecimalString(value);
}

export interface BenefitWrite {
  plan: Plan;
  /** Cells the user typed that `plan` replaces; `keepPlan` leaves them. */
  userCells: string[];
  keepPlan?: Plan;
}

/**
 * The write for the computed values: the official tables with the values when the workbook has none yet (below the
 * budget table, or on their own sheet); otherwise a fill of the cells the add-in owns, asking about the user's.
 */
export function benefitWrite(snapshot: WorkbookSnapshot, values: ComputedBenefits, target: Target | null, lang: Lang): BenefitWrite {
  const setting = readBenefitSetting(snapshot);
  if (!setting || !snapshot.sheets.some((s) => s.name === setting.layout.sheet)) {
    return { plan: buildBenefitTablesPlan(snapshot, { target, placement: 'below-budget', values, lang }).plan, userCells: [] };
  }
  const keep = buildBenefitFillPlan(snapshot, setting.layout, values, { lang });
  if (keep.conflicts.length === 0) return { plan: keep.plan, userCells: [] };
  const userCells = keep.conflicts.map((c) => c.cell);
  const replace = buildBenefitFillPlan(snapshot, setting.layout, values, { lang, replace: userCells });
  return { plan: replace.plan, userCells, keepPlan: keep.plan };
}

export { computeBenefits };
