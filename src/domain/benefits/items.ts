/**
 * The official 預期效益 items (seed 004, 申請書 陸、預期效益), their units and wording, the typical ranges quoted to
 * applicants (seed 001) and the grid emission factors. All of it is data: wording, ranges and factors change by year.
 */
import type { Citation } from '../programs/schema';

import { SEED_001, SEED_004 } from '../sources';

/** Which table an item belongs to. `technical` is a 技術效益 block that has no (一)/(二) sub-heading. */
export type BenefitSection = 'economic' | 'lowcarbon' | 'smart' | 'technical';

export type BenefitItemId =
  | 'new-investment'
  | 'cost-reduction'
  | 'jobs'
  | 'output-value'
  | 'carbon'
  | 'electricity'
  | 'oee'
  | 'yield'
  | 'line-staff'
  | 'delivery';

/**
 * The numbers an item's 效益 holds. `amount`: the main quantity; `percent`: 減碳 / 節電率; `value` and `improvement`:
 * a rate and its 相較提升; `before` / `after`: 由 … 人減為 … 人; `baseline`: the pre-project value (not on the form,
 * but stated by careful applicants and written by the add-in so that percentages can be checked); `reduction`:
 * "減少 4 人" typed instead of 由/減為.
 */
export type BenefitSlot = 'amount' | 'percent' | 'value' | 'improvement' | 'before' | 'after' | 'baseline' | 'reduction';

/** Kinds of quantity; a number's unit decides its kind, a bare number fits any kind. */
export type QuantityKind = 'money' | 'people' | 'percent' | 'co2' | 'energy';

/** The official unit each kind is stored in. */
export const OFFICIAL_UNIT: Record<QuantityKind, string> = {
  money: '億元',
  people: '人',
  percent: '%',
  co2: '公噸 CO2e',
  energy: '度電',
};

export interface SlotDef {
  slot: BenefitSlot;
  kind: QuantityKind;
  /** Words just before the number that name this slot ("減碳", "節電率", "相較提升", "由", "減為"). */
  cue?: RegExp;
  /** Filled only when its cue (or a 基準值 column) names it, never by position. */
  cueOnly?: boolean;
}

export interface BenefitItemDef {
  id: BenefitItemId;
  section: Exclude<BenefitSection, 'technical'>;
  /** Official wording of the 項目 column. */
  label: string;
  en: string;
  /** Official wording of the 效益 column, "_____" marking the blanks. */
  effect: string;
  effectEn: string;
  /** Other names people type, compared after normalisation (no spaces, folded width). */
  aliases: string[];
  slots: SlotDef[];
}

const BASELINE_CUE = /基準|基線|導入前|改善前|現況|原本|原為|原有|原/;
const rateSlots = (): SlotDef[] => [
  { slot: 'baseline', kind: 'percent', cue: /由|基準|基線|導入前|改善前|現況|原本|原為|原/, cueOnly: true },
  { slot: 'improvement', kind: 'percent', cue: /相較提升|相較|提升(?!至|到)|增加(?!至|到)|改善(?!至|到|前)|提高(?!至|到)/ },
  { slot: 'value', kind: 'percent', cue: /提升至|提升到|提高至|提高到|增加至|達到|達|至|為/ },
];

export const BENEFIT_ITEMS: readonly BenefitItemDef[] = [
  {
    id: 'new-investment',
    section: 'economic',
    label: '新增投資',
    en: 'New investment',
    effect: '_____ 億元',
    effectEn: '_____ hundred million NT$ (億元)',
    aliases: ['投資金額', '新增投資額', '增加投資'],
    slots: [{ slot: 'amount', kind: 'money' }],
  },
  {
    id: 'cost-reduction',
    section: 'economic',
    label: '降低成本',
    en: 'Cost reduction',
    effect: '_____ 億元',
    effectEn: '_____ hundred million NT$ (億元)',
    aliases: ['成本降低', '節省成本', '降低生產成本'],
    slots: [{ slot: 'amount', kind: 'money' }],
  },
  {
    id: 'jobs',
    section: 'economic',
    label: '增加就業人數',
    en: 'Additional employment',
    effect: '_____ 人',
    effectEn: '_____ persons',
    aliases: ['增加就業', '就業人數', '新增就業人數', '增加就業機會'],
    slots: [{ slot: 'amount', kind: 'people' }],
  },
  {
    id: 'output-value',
    section: 'economic',
    label: '增加產值',
    en: 'Additional output value',
    effect: '_____ 億元',
    effectEn: '_____ hundred million NT$ (億元)',
    aliases: ['產值增加', '提升產值', '新增產值'],
    slots: [{ slot: 'amount', kind: 'money' }],
  },
  {
    id: 'carbon',
    section: 'lowcarbon',
    label: '減少碳排放量',
    en: 'Carbon emission reduction',
    effect: '_____ 公噸 CO2e；減碳 _____ %',
    effectEn: '_____ t CO2e; carbon reduction _____ %',
    aliases: ['碳排放減量', '減少碳排放', '減少碳排', '碳排減量', '減碳量'],
    slots: [
      { slot: 'baseline', kind: 'co2', cue: BASELINE_CUE, cueOnly: true },
      { slot: 'percent', kind: 'percent', cue: /減碳率|減碳|減量|降低|減少/ },
      { slot: 'amount', kind: 'co2' },
    ],
  },
  {
    id: 'electricity',
    section: 'lowcarbon',
    label: '減少用電量',
    en: 'Electricity saved',
    effect: '_____ 度電；節電率 _____ %',
    effectEn: '_____ kWh; saving rate _____ %',
    aliases: ['節省用電量', '減少用電', '節電量', '用電減量', '節省電力'],
    slots: [
      { slot: 'baseline', kind: 'energy', cue: BASELINE_CUE, cueOnly: true },
      { slot: 'percent', kind: 'percent', cue: /節電率|節電|省電率|省電|降低|減少/ },
      { slot: 'amount', kind: 'energy' },
    ],
  },
  {
    id: 'oee',
    section: 'smart',
    label: '整體設備效率(OEE)',
    en: 'Overall equipment effectiveness (OEE)',
    effect: '_____ %；相較提升 _____ %',
    effectEn: '_____ %; up _____ % on before',
    aliases: ['整體設備效率', 'OEE', '設備綜合效率', '設備綜合效率(OEE)', '整體設備效率OEE'],
    slots: rateSlots(),
  },
  {
    id: 'yield',
    section: 'smart',
    label: '提升生產良率',
    en: 'Production yield',
    effect: '_____ %；相較提升 _____ %',
    effectEn: '_____ %; up _____ % on before',
    aliases: ['生產良率', '良率', '產品良率', '提升良率', '良率提升'],
    slots: rateSlots(),
  },
  {
    id: 'line-staff',
    section: 'smart',
    label: '減少產線人力',
    en: 'Production-line staff',
    effect: '由 _____ 人減為 _____ 人',
    effectEn: 'from _____ to _____ persons',
    aliases: ['產線人力', '減少人力', '產線人力減少', '節省人力', '減少生產線人力'],
    slots: [
      { slot: 'after', kind: 'people', cue: /減為|減至|降為|降至|減到|降到|縮減為|變為|為|至/ },
      { slot: 'before', kind: 'people', cue: /由|從|原|基準|現況/ },
      { slot: 'reduction', kind: 'people', cue: /減少|精簡|節省|省下|降低/, cueOnly: true },
    ],
  },
  {
    id: 'delivery',
    section: 'smart',
    label: '產品達交率',
    en: 'On-time delivery rate',
    effect: '_____ %；相較提升 _____ %',
    effectEn: '_____ %; up _____ % on before',
    aliases: ['達交率', '準時交貨率', '準時達交率', '交期達成率', '產品準時交貨率'],
    slots: rateSlots(),
  },
];

/** Positional order of a line-staff effect is 由 (before) then 減為 (after), whatever the cue priority above. */
export const POSITIONAL_ORDER: Partial<Record<BenefitItemId, BenefitSlot[]>> = {
  'line-staff': ['before', 'after'],
  carbon: ['amount', 'percent'],
  electricity: ['amount', 'percent'],
  oee: ['value', 'improvement'],
  yield: ['value', 'improvement'],
  delivery: ['value', 'improvement'],
};

export function benefitItem(id: BenefitItemId): BenefitItemDef {
  const def = BENEFIT_ITEMS.find((i) => i.id === id);
  if (!def) throw new RangeError(`unknown benefit item ${id}`);
  return def;
}

export const SECTION_TITLES: Record<BenefitSection | 'heading' | 'technicalHeading', { 'zh-TW': string; en: string }> = {
  heading: { 'zh-TW': '陸、預期效益', en: 'VI. Expected benefits' },
  economic: { 'zh-TW': '一、經濟效益', en: '1. Economic benefits' },
  technicalHeading: { 'zh-TW': '二、技術效益', en: '2. Technical benefits' },
  lowcarbon: { 'zh-TW': '(一) 低碳化', en: '(1) Low-carbon' },
  smart: { 'zh-TW': '(二) 智慧化', en: '(2) Smart manufacturing' },
  technical: { 'zh-TW': '二、技術效益', en: '2. Technical benefits' },
};

export const CUSTOM_ROW_LABEL = '(可自行增列)';

/** A typical range quoted to applicants; `measure` names the slot (or derived figure) the range applies to. */
export interface TypicalRange {
  item: BenefitItemId;
  measure: 'percent' | 'improvement' | 'staff-reduction';
  min: number;
  max: number;
  unit: '%' | '人';
  /** Carbon and power claims must be backed by a third-party verification report. */
  needsVerification: boolean;
  citation: Citation;
}

export const VERIFICATION_CITATION: Citation = {
  seed: SEED_001,
  quote: '**需搭配委外驗證單位開立減碳或節電之相關對比數據驗證報告**',
};

/**
 * Seed 001 ("查核重點：技術效益") writes the typical values into the blanks of the form. For 減少產線人力 it writes
 * "由 _____ 人減為 <u>2-5</u> 人"; this rule set reads that as a reduction of 2–5 people (the project brief's reading);
 * change `measure` here if a program office reads it as the staff left after the project.
 */
export const TYPICAL_RANGES: readonly TypicalRange[] = [
  { item: 'carbon', measure: 'percent', min: 10, max: 15, unit: '%', needsVerification: true, citation: { seed: SEED_001, quote: '減少碳排放量\t_____ 公噸 CO2e；減碳 <u>10-15</u> %' } },
  { item: 'electricity', measure: 'percent', min: 10, max: 15, unit: '%', needsVerification: true, citation: { seed: SEED_001, quote: '減少用電量\t_____ 度電；節電率 <u>10-15</u> %' } },
  { item: 'oee', measure: 'improvement', min: 10, max: 20, unit: '%', needsVerification: false, citation: { seed: SEED_001, quote: '整體設備效率(OEE)↵\t_____ %；相較提升 <u>10-20</u> %' } },
  { item: 'yield', measure: 'improvement', min: 10, max: 15, unit: '%', needsVerification: false, citation: { seed: SEED_001, quote: '提升生產良率↵\t_____ %；相較提升 <u>10-15</u> %' } },
  { item: 'line-staff', measure: 'staff-reduction', min: 2, max: 5, unit: '人', needsVerification: false, citation: { seed: SEED_001, quote: '減少產線人力↵\t由 _____ 人減為 <u>2-5</u> 人' } },
  { item: 'delivery', measure: 'improvement', min: 5, max: 10, unit: '%', needsVerification: false, citation: { seed: SEED_001, quote: '產品達交率↵\t_____ %；相較提升 <u>5-10</u> %' } },
];

export const RULE_CITATIONS = {
  economicMin: { seed: SEED_004, quote: '☑ **經濟效益**須至少2項，其餘得自行增列' },
  technicalMin: { seed: SEED_004, quote: '☑ **技術效益**須至少2項(依申請標的)' },
  lowcarbonRequired: {
    seed: SEED_004,
    quote: '其中如申請**低碳化**標的「**減少碳排放量**」或「**減少用電量**」須至少選填1項',
  },
} as const satisfies Record<string, Citation>;

/** The form line an item's 效益 comes from (seed 004), cited by `benefit-percent-mismatch`. */
export function formCitation(item: BenefitItemDef): Citation {
  return { seed: SEED_004, quote: `${item.label}\t${item.effect}` };
}

/** Grid emission factor (電力排碳係數) of one year, kg CO2e per kWh, with where the figure comes from. */
export interface EmissionFactor {
  year: number;
  /** Decimal text so the value is exact ("0.474"). */
  kgPerKwh: string;
  source: string;
  sourceEn: string;
}

const ENERGY_ADMINISTRATION = '經濟部能源署 電力排碳係數';
const ENERGY_ADMINISTRATION_EN = 'Energy Administration, MOEA — electricity emission factor';

export const EMISSION_FACTORS: readonly EmissionFactor[] = [
  { year: 2021, kgPerKwh: '0.509', source: ENERGY_ADMINISTRATION, sourceEn: ENERGY_ADMINISTRATION_EN },
  { year: 2022, kgPerKwh: '0.495', source: ENERGY_ADMINISTRATION, sourceEn: ENERGY_ADMINISTRATION_EN },
  { year: 2023, kgPerKwh: '0.494', source: ENERGY_ADMINISTRATION, sourceEn: ENERGY_ADMINISTRATION_EN },
  { year: 2024, kgPerKwh: '0.474', source: ENERGY_ADMINISTRATION, sourceEn: ENERGY_ADMINISTRATION_EN },
];

/** The most recent published factor. */
export const LATEST_EMISSION_FACTOR: EmissionFactor = EMISSION_FACTORS[EMISSION_FACTORS.length - 1];

export function emissionFactorOf(year: number): EmissionFactor | undefined {
  return EMISSION_FACTORS.find((f) => f.year === year);
}
