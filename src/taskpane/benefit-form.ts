import { EMISSION_FACTORS, LATEST_EMISSION_FACTOR, type ImprovementMethod } from '../domain/benefits';

// The form's shape and how it is stored, apart from benefits.ts (the calculators' input and the sheet plans) so that
// the pane can restore a stored form at start-up without loading the benefits tab, which loads on demand.

/** The benefits tab's fields by section, as typed (text, so "1,200" and full-width digits work like in the sheet). */
export const ECONOMIC_FIELDS = ['newInvestment', 'costReduction', 'jobs', 'outputValue'] as const;
export const LOWCARBON_FIELDS = ['carbonBaseline', 'carbonReduction', 'carbonSavedKwh', 'factorOverride', 'electricityBaseline', 'electricitySaved'] as const;
export const SMART_FIELDS = [
  'oeeBefore',
  'oeeAfter',
  'oeeAvailability',
  'oeePerformance',
  'oeeQuality',
  'yieldBefore',
  'yieldAfter',
  'deliveryBefore',
  'deliveryAfter',
  'staffBefore',
  'staffAfter',
] as const;
export const BENEFIT_FIELDS = [...ECONOMIC_FIELDS, ...LOWCARBON_FIELDS, ...SMART_FIELDS] as const;
export type BenefitField = (typeof BENEFIT_FIELDS)[number];

export interface BenefitForm {
  values: Partial<Record<BenefitField, string>>;
  factorYear: number;
  method: ImprovementMethod;
}

export const EMPTY_BENEFIT_FORM: BenefitForm = { values: {}, factorYear: LATEST_EMISSION_FACTOR.year, method: 'points' };

/** The form as stored in the workbook; null when nothing (or nothing usable) is stored. Unknown fields are dropped. */
export function parseBenefitForm(stored: string | null): BenefitForm | null {
  if (!stored) return null;
  let data: unknown;
  try {
    data = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { values, factorYear, method } = data as Record<string, unknown>;
  const form: BenefitForm = { ...EMPTY_BENEFIT_FORM, values: {} };
  if (typeof values === 'object' && values !== null) {
    for (const field of BENEFIT_FIELDS) {
      const v = (values as Record<string, unknown>)[field];
      if (typeof v === 'string') form.values[field] = v;
    }
  }
  if (typeof factorYear === 'number' && EMISSION_FACTORS.some((f) => f.year === factorYear)) form.factorYear = factorYear;
  if (method === 'points' || method === 'relative') form.method = method;
  return form;
}
