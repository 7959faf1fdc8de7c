/**
 * The program rule sets, as plain typed data (the pane ships no validator). A new program is added here; its shape is
 * checked by the compiler against the types inferred from `programSchema`, and its content by programSchema itself in
 * test/domain/programs.test.ts. Quotes are verbatim from the brochures in shared/seeds/.
 */
import type { Citation, ItemId, Program, ProgramItem } from './schema';

const SEED_000 = '000_60027ed83a059eae.txt'; // 升級轉型 懶人包【工業園區】
const SEED_001 = '001_6da8e64b19cc4b2c.txt'; // 計畫介紹 / 經費預算 說明
const SEED_002 = '002_229a236f21da249c.txt'; // 升級轉型 補助 簡章
const SEED_004 = '004_b228a086eddd83f8.txt'; // 納管工廠 低碳及智慧化 基礎轉型 申請須知

const consumables: ProgramItem = { id: 'consumables', label: '消耗性器材及原材料費', en: 'Consumables and raw materials', gov: 'allowed' };
const improvement: ProgramItem = { id: 'equipment-improvement', label: '既有設備之改善費', en: 'Improvement of existing equipment', gov: 'allowed' };

const newEquipment = (citation: Citation): ProgramItem => ({
  id: 'new-equipment',
  label: '全新設備之購置費',
  en: 'Purchase of new equipment',
  gov: 'allowed',
  cap: { percent: 30, base: 'gov', citation },
});
const commissioned = (citation: Citation): ProgramItem => ({
  id: 'commissioned-research',
  label: '委託研究或驗證費',
  en: 'Commissioned research or verification',
  gov: 'allowed',
  cap: { percent: 40, base: 'gov', citation },
});
const selfOnly = (id: ItemId, label: string, en: string, citation: Citation): ProgramItem => ({
  id,
  label,
  en,
  gov: 'self-only',
  citation,
});

const upgradeSelfOnly = { seed: SEED_001, quote: '註2：人事費、無形資產引進費僅能編列於業者自籌款' };
const chainSelfOnly = { seed: SEED_000, quote: '人事費、無形資產引進費及國內差旅費僅能編列於業者自籌款' };
const factorySelfOnly = { seed: SEED_004, quote: '註2：人事費、基礎工程施工費僅能編列於業者自籌款' };

const upgradeItems: ProgramItem[] = [
  consumables,
  newEquipment({ seed: SEED_000, quote: '全新設備之購置費 (補助款以個案計畫總經費30%為上限)' }),
  improvement,
  commissioned({ seed: SEED_000, quote: '委託研究或驗證費 (補助款以個案計畫總經費40%為上限)' }),
  selfOnly('personnel', '人事費', 'Personnel', upgradeSelfOnly),
  selfOnly('intangible-assets', '無形資產引進費', 'Acquisition of intangible assets', upgradeSelfOnly),
];

const chainItems: ProgramItem[] = [
  consumables,
  newEquipment({ seed: SEED_000, quote: '全新設備之購置費 (補助款以個案計畫總經費30%為上限)' }),
  improvement,
  commissioned({ seed: SEED_000, quote: '委託研究或驗證費 (補助款以個案計畫總經費40%為上限)' }),
  selfOnly('personnel', '人事費', 'Personnel', chainSelfOnly),
  selfOnly('intangible-assets', '無形資產引進費', 'Acquisition of intangible assets', chainSelfOnly),
  selfOnly('domestic-travel', '國內差旅費', 'Domestic travel', chainSelfOnly),
];

const notes = (extra: string[]) => ['全新設備之購置費以總經費30%為上限', '委託研究或驗證費以總經費40%為上限', ...extra];

export const programData: Program[] = [
  {
    id: 'upgrade-10plus',
    name: { 'zh-TW': '升級轉型 個案補助（製造業10人以上）', en: 'Upgrade & transformation, manufacturers with 10+ staff' },
    target: null,
    durationMonths: 12,
    govShare: { maxPercent: 50, citation: { seed: SEED_001, quote: '政府補助款不得超過個案計畫總經費之 50%' } },
    subsidyCap: { amount: 5000, citation: { seed: SEED_001, quote: '每案補助款以新臺幣 500 萬元為上限' } },
    items: upgradeItems,
    notes: notes(['政府補助款不得超過總經費50%，且以500萬元為上限', '人事費、無形資產引進費僅能編列於業者自籌款']),
  },
  {
    id: 'upgrade-under10',
    name: { 'zh-TW': '升級轉型 個案補助（製造業9人以下）', en: 'Upgrade & transformation, manufacturers with 9 or fewer staff' },
    target: null,
    durationMonths: 12,
    govShare: { maxPercent: 50, citation: { seed: SEED_002, quote: '(政府補助款 < 計畫總經費50%)' } },
    subsidyCap: { amount: 3000, citation: { seed: SEED_002, quote: '補助上限每案 **300萬元**' } },
    items: upgradeItems,
    notes: notes(['政府補助款不得超過總經費50%，且以300萬元為上限', '人事費、無形資產引進費僅能編列於業者自籌款']),
  },
  {
    id: 'chain-lowcarbon',
    name: { 'zh-TW': '以大帶小 低碳化（1+10）', en: 'Supply-chain (1+10), low-carbon' },
    target: 'lowcarbon',
    durationMonths: 24,
    govShare: { maxPercent: 50, citation: { seed: SEED_002, quote: '(政府補助款 < 計畫總經費50%)' } },
    subsidyCap: { amount: 30000, citation: { seed: SEED_000, quote: '低碳化 每案最高 3,000萬元' } },
    items: chainItems,
    notes: notes(['政府補助款不得超過總經費50%，且以3,000萬元為上限', '人事費、無形資產引進費及國內差旅費僅能編列於業者自籌款']),
  },
  {
    id: 'chain-smart',
    name: { 'zh-TW': '以大帶小 智慧化（1+4）', en: 'Supply-chain (1+4), smart manufacturing' },
    target: 'smart',
    durationMonths: 24,
    govShare: { maxPercent: 50, citation: { seed: SEED_002, quote: '(政府補助款 < 計畫總經費50%)' } },
    subsidyCap: { amount: 20000, citation: { seed: SEED_000, quote: '智慧化 每案最高 2,000萬元' } },
    items: chainItems,
    notes: notes(['政府補助款不得超過總經費50%，且以2,000萬元為上限', '人事費、無形資產引進費及國內差旅費僅能編列於業者自籌款']),
  },
  {
    id: 'registered-factory',
    name: { 'zh-TW': '納管工廠 低碳及智慧化 基礎轉型 個案補助', en: 'Registered factories, basic low-carbon & smart transformation' },
    target: null,
    durationMonths: 12,
    govShare: {
      maxPercent: 50,
      citation: { seed: SEED_004, quote: '申請業者申請政府補助之經費(即政府補助款)不得超過個案計畫總經費之50%' },
    },
    subsidyCap: { amount: 1500, citation: { seed: SEED_004, quote: '補助上限每案 **150萬元** (業者自籌款佔計畫總經費50%以上)' } },
    items: [
      consumables,
      newEquipment({ seed: SEED_004, quote: '全新設備之購置費，以個案計畫總經費30%為上限' }),
      improvement,
      commissioned({ seed: SEED_004, quote: '委託研究或驗證費，以個案計畫總經費40%為上限' }),
      selfOnly('personnel', '人事費', 'Personnel', factorySelfOnly),
      selfOnly('foundation-works', '基礎工程施工費', 'Foundation works', factorySelfOnly),
    ],
    notes: notes(['政府補助款不得超過總經費50%，且以150萬元為上限', '人事費、基礎工程施工費僅能編列於業者自籌款']),
  },
];

/**
 * The documents the citations quote, by seed file: what a reviewer cites (the pane never shows the file name).
 * Titles as the brochures print them; the year where the document states it (112 = 2023).
 */
export const documentTitles: Record<string, { 'zh-TW': string; en: string }> = {
  [SEED_000]: { 'zh-TW': '經濟部 112 年 疫後特別預算 升級轉型 懶人包【工業園區】', en: 'MOEA 2023 post-pandemic special budget: upgrade & transformation quick guide (industrial parks)' },
  [SEED_001]: { 'zh-TW': '經濟部 112 年 升級轉型補助 計畫介紹（經費預算說明）', en: 'MOEA 2023 upgrade & transformation subsidy: programme introduction (budget notes)' },
  [SEED_002]: { 'zh-TW': '經濟部 產業及中小企業升級轉型 補助說明', en: 'MOEA industry and SME upgrade & transformation: subsidy overview' },
  [SEED_004]: { 'zh-TW': '經濟部 112 年 納管工廠低碳及智慧化基礎轉型 個案補助 懶人包（申請書格式）', en: 'MOEA 2023 registered factories basic low-carbon & smart transformation: quick guide (application form)' },
};
