/**
 * Benefit calculators, exact (Fixed = value × 10^6, see ../money). Percentages come back unrounded to 6 decimals;
 * `computeBenefits` rounds what goes into the sheet to one decimal, the way the form shows it, and derives every
 * 相較提升 from the rounded figures so that the sheet is consistent with itself.
 */
import type { Localized } from '../programs/schema';
import { type Fixed, SCALE, ZERO, divRoundHalfAway, fromNumber, parseDecimal, percentOf, round, toDecimalString } from '../money';
import type { ImprovementMethod } from './input';
import { type BenefitItemId, type BenefitSlot, type EmissionFactor, LATEST_EMISSION_FACTOR } from './items';

/** 千元 per 億元: 1 億元 = 100,000 千元. */
export const THOUSANDS_PER_HUNDRED_MILLION = 100_000n;

/** reduction ÷ baseline × 100 (減碳 %, 節電率); null when the baseline is 0. */
export function reductionPercent(baseline: Fixed, reduction: Fixed): Fixed | null {
  return percentOf(reduction, baseline);
}

/** Factor in kg CO2e per kWh as Fixed. */
export function factorValue(factor: EmissionFactor | Fixed): Fixed {
  if (typeof factor === 'bigint') return factor;
  const value = parseDecimal(factor.kgPerKwh);
  if (value === null) throw new RangeError(`emission factor ${factor.year} is not a number: ${factor.kgPerKwh}`);
  return value;
}

/** Tonnes CO2e avoided by saving `kwh`: kWh × kg CO2e/kWh ÷ 1000. */
export function co2eTonnesFromKwh(kwh: Fixed, factor: EmissionFactor | Fixed): Fixed {
  return divRoundHalfAway(kwh * factorValue(factor), 1000n * SCALE);
}

/** OEE % = availability × performance × quality, each given in %. */
export function oeePercent(availability: Fixed, performance: Fixed, quality: Fixed): Fixed {
  // (a/100)(p/100)(q/100) × 100 = a·p·q / 10^4, with the Fixed scale removed twice.
  return divRoundHalfAway(availability * performance * quality, 10_000n * SCALE * SCALE);
}

export interface Improvement {
  /** In percentage points, or in % of the baseline; null when relative and the baseline is 0. */
  value: Fixed | null;
  method: ImprovementMethod;
  /** How it was computed, in words, for the sheet. */
  description: Localized;
}

/** "相較提升" of a rate from `before` to `after`, by the chosen method. */
export function improvement(before: Fixed, after: Fixed, method: ImprovementMethod): Improvement {
  const diff = after - before;
  if (method === 'points') {
    return {
      value: diff,
      method,
      description: {
        'zh-TW': '相較提升以百分點計：導入後 − 導入前',
        en: 'Improvement in percentage points: after − before',
      },
    };
  }
  return {
    value: percentOf(diff, before),
    method,
    description: {
      'zh-TW': '相較提升以相對提升計：(導入後 − 導入前) ÷ 導入前 × 100%',
      en: 'Relative improvement: (after − before) ÷ before × 100%',
    },
  };
}

/** Budget items counted as 新增投資: the equipment the project buys or improves. */
export const INVESTMENT_ITEM_IDS = ['new-equipment', 'equipment-improvement'] as const;

export const INVESTMENT_NOTE: Localized = {
  'zh-TW': '新增投資 = 經費預算表「全新設備之購置費」＋「既有設備之改善費」合計 (政府補助款＋業者自籌款)，千元 ÷ 100,000 = 億元',
  en: 'New investment = budget items 全新設備之購置費 + 既有設備之改善費, totals (subsidy + self-funded); 千元 ÷ 100,000 = 億元',
};

/** Budget amounts as the budget check reports them (千元). `BudgetSummary` from the engine fits. */
export interface BudgetAmounts {
  amounts: readonly { itemId: string; gov: number; self: number }[];
}

/** 新增投資 in 億元 from the budget's equipment lines (千元 ÷ 100,000); null when the budget has none. */
export function newInvestmentFromBudget(budget: BudgetAmounts): Fixed | null {
  const lines = budget.amounts.filter((a) => (INVESTMENT_ITEM_IDS as readonly string[]).includes(a.itemId));
  if (lines.length === 0) return null;
  const thousands = lines.reduce((total, a) => total + fromNumber(a.gov) + fromNumber(a.self), ZERO);
  return thousandsToHundredMillions(thousands);
}

export function thousandsToHundredMillions(thousands: Fixed): Fixed {
  return divRoundHalfAway(thousands, THOUSANDS_PER_HUNDRED_MILLION);
}

/** What the user enters in the benefits tab. Numbers are in the form's units (億元, 人, %, 公噸 CO2e, 度電). */
export interface BenefitCalculatorInput {
  economic?: { newInvestment?: number; costReduction?: number; jobs?: number; outputValue?: number };
  carbon?: {
    /** Emissions before the project, 公噸 CO2e per year. */
    baselineTonnes?: number;
    /** Reduction claimed, 公噸 CO2e; when absent it is computed from `savedKwh` × the emission factor. */
    reductionTonnes?: number;
    savedKwh?: number;
    /** The year's factor, or a user-entered one. Defaults to the latest published factor. */
    emissionFactor?: EmissionFactor;
  };
  electricity?: { baselineKwh?: number; savedKwh?: number };
  /** Rates in %. `after` may instead come from availability × performance × quality (OEE only). */
  oee?: RateInput & { availability?: number; performance?: number; quality?: number };
  yield?: RateInput;
  delivery?: RateInput;
  lineStaff?: { before?: number; after?: number };
}

export interface RateInput {
  before?: number;
  after?: number;
  /** Defaults to percentage points. */
  method?: ImprovementMethod;
}

export type RateItemId = 'oee' | 'yield' | 'delivery';

/** Values for the sheet, per item and blank, in the official units; only what could be computed is present. */
export interface ComputedBenefits {
  items: Partial<Record<BenefitItemId, Partial<Record<BenefitSlot, Fixed>>>>;
  methods: Partial<Record<RateItemId, Improvement>>;
  /** The factor used for 減少碳排放量 when it was computed from kWh. */
  emissionFactor: EmissionFactor | null;
}

const fixedOf = (n: number | undefined): Fixed | undefined => (n === undefined || !Number.isFinite(n) ? undefined : fromNumber(n));

/**
 * Turns the user's baselines and targets into the numbers of the form. Percentages are rounded to one decimal;
 * 相較提升 is computed from the rounded rate, so what the sheet shows checks out.
 */
export function computeBenefits(input: BenefitCalculatorInput): ComputedBenefits {
  const items: ComputedBenefits['items'] = {};
  const methods: ComputedBenefits['methods'] = {};
  const set = (id: BenefitItemId, slot: BenefitSlot, value: Fixed | null | undefined) => {
    if (value === null || value === undefined) return;
    (items[id] ??= {})[slot] = value;
  };

  const e = input.economic ?? {};
  set('new-investment', 'amount', fixedOf(e.newInvestment));
  set('cost-reduction', 'amount', fixedOf(e.costReduction));
  set('jobs', 'amount', fixedOf(e.jobs));
  set('output-value', 'amount', fixedOf(e.outputValue));

  let emissionFactor: EmissionFactor | null = null;
  if (input.carbon) {
    const c = input.carbon;
    let reduction = fixedOf(c.reductionTonnes);
    const saved = fixedOf(c.savedKwh);
    if (reduction === undefined && saved !== undefined) {
      emissionFactor = c.emissionFactor ?? LATEST_EMISSION_FACTOR;
      reduction = round(co2eTonnesFromKwh(saved, emissionFactor), 3);
    }
    const baseline = fixedOf(c.baselineTonnes);
    set('carbon', 'amount', reduction);
    set('carbon', 'baseline', baseline);
    if (reduction !== undefined && baseline !== undefined) set('carbon', 'percent', roundPercent(reductionPercent(baseline, reduction)));
  }

  if (input.electricity) {
    const saved = fixedOf(input.electricity.savedKwh);
    const baseline = fixedOf(input.electricity.baselineKwh);
    set('electricity', 'amount', saved);
    set('electricity', 'baseline', baseline);
    if (saved !== undefined && baseline !== undefined) set('electricity', 'percent', roundPercent(reductionPercent(baseline, saved)));
  }

  const rate = (id: RateItemId, r: RateInput | undefined, computedAfter?: Fixed) => {
    if (!r && computedAfter === undefined) return;
    const before = fixedOf(r?.before);
    const after = computedAfter ?? fixedOf(r?.after);
    const shownAfter = after === undefined ? undefined : round(after, 1);
    set(id, 'value', shownAfter);
    set(id, 'baseline', before);
    if (before !== undefined && shownAfter !== undefined) {
      const result = improvement(before, shownAfter, r?.method ?? 'points');
      methods[id] = result;
      set(id, 'improvement', roundPercent(result.value));
    }
  };
  const o = input.oee;
  const factors = [o?.availability, o?.performance, o?.quality].map(fixedOf);
  const computedOee = factors.every((f) => f !== undefined) ? oeePercent(factors[0]!, factors[1]!, factors[2]!) : undefined;
  rate('oee', o, computedOee);
  rate('yield', input.yield);
  rate('delivery', input.delivery);

  if (input.lineStaff) {
    set('line-staff', 'before', fixedOf(input.lineStaff.before));
    set('line-staff', 'after', fixedOf(input.lineStaff.after));
  }
  return { items, methods, emissionFactor };
}

function roundPercent(p: Fixed | null): Fixed | null {
  return p === null ? null : round(p, 1);
}

/** "0.474 kg CO2e/度（2024 年，經濟部能源署 電力排碳係數）" */
export function describeFactor(factor: EmissionFactor, lang: 'zh-TW' | 'en'): string {
  const value = toDecimalString(factorValue(factor));
  return lang === 'en'
    ? `${value} kg CO2e/kWh (${factor.year}, ${factor.sourceEn})`
    : `${value} kg CO2e/度（${factor.year} 年，${factor.source}）`;
}
