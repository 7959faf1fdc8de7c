import type { ItemId } from './schema';

/**
 * Wordings applicants type for the official accounting items, as data: each maps a label (compared after
 * `normalizeLabel`, so width, spaces, numbering, marks, 之, a trailing 費/費用, separators 及/或/與/和/、// and
 * parenthetical notes are already folded) to the item it names, with the reason a reviewer reads it so.
 *
 * Only wordings that cannot name another item belong here: 設備改善 is never 全新設備, 委託驗證 never 人事. A row read
 * through a synonym keeps every rule of its item and is reported as `item-label-variant` (info) so the applicant can
 * use the official wording.
 */
export interface ItemSynonym {
  label: string;
  item: ItemId;
  reason: string;
}

export const ITEM_SYNONYMS: readonly ItemSynonym[] = [
  { label: '消耗性器材及原料費', item: 'consumables', reason: '原料 for 原材料: the same raw materials' },
  { label: '耗材及原材料費', item: 'consumables', reason: '耗材 is the common short form of 消耗性器材' },
  { label: '耗材及原料費', item: 'consumables', reason: 'both halves shortened (耗材, 原料)' },
  { label: '消耗性器材費', item: 'consumables', reason: 'one half of the item’s name; no other item has 消耗性器材' },
  { label: '耗材費', item: 'consumables', reason: 'short form of 消耗性器材; no other item has 耗材' },
  { label: '原材料費', item: 'consumables', reason: 'one half of the item’s name; no other item has 原材料' },
  { label: '材料費', item: 'consumables', reason: 'materials are only funded as 消耗性器材及原材料' },
  { label: '新設備購置費', item: 'new-equipment', reason: '全新 shortened to 新' },
  { label: '設備購置費', item: 'new-equipment', reason: '購置 (purchase) applies only to new equipment; existing equipment is 改善' },
  { label: '全新設備費', item: 'new-equipment', reason: '購置 left out; 全新設備 names only this item' },
  { label: '新購設備費', item: 'new-equipment', reason: '新購 = newly purchased' },
  { label: '設備採購費', item: 'new-equipment', reason: '採購 = purchase; existing equipment is 改善, not 採購' },
  { label: '全新設備採購費', item: 'new-equipment', reason: '採購 for 購置 (both: purchase)' },
  { label: '機器設備購置費', item: 'new-equipment', reason: '機器設備購置 = purchase of machinery' },
  { label: '設備改善費', item: 'equipment-improvement', reason: '既有 left out; only existing equipment is improved' },
  { label: '既有設備改良費', item: 'equipment-improvement', reason: '改良 for 改善 (both: improvement)' },
  { label: '設備改良費', item: 'equipment-improvement', reason: '改良 for 改善, 既有 left out' },
  { label: '舊有設備改善費', item: 'equipment-improvement', reason: '舊有 for 既有 (both: existing)' },
  { label: '現有設備改善費', item: 'equipment-improvement', reason: '現有 for 既有 (both: existing)' },
  { label: '委託研究費', item: 'commissioned-research', reason: 'one half of the item’s name (委託研究或驗證)' },
  { label: '委託驗證費', item: 'commissioned-research', reason: 'one half of the item’s name (委託研究或驗證)' },
  { label: '委託研究驗證費', item: 'commissioned-research', reason: 'the separator 或 left out' },
  { label: '委託研發費', item: 'commissioned-research', reason: '研發 (R&D) for 研究' },
  { label: '委託研究及檢驗費', item: 'commissioned-research', reason: '檢驗 for 驗證 (both: testing)' },
  { label: '委託檢驗費', item: 'commissioned-research', reason: '檢驗 for 驗證 (both: testing)' },
  { label: '委外研究費', item: 'commissioned-research', reason: '委外 = outsourced, the same as 委託' },
  { label: '人員費', item: 'personnel', reason: '人員 (staff) for 人事 (personnel)' },
  { label: '人事成本', item: 'personnel', reason: '成本 (cost) for 費' },
  { label: '人力費', item: 'personnel', reason: '人力 (manpower) for 人事' },
  { label: '薪資費', item: 'personnel', reason: 'salaries are personnel costs' },
  { label: '人員薪資', item: 'personnel', reason: 'staff salaries are personnel costs' },
  { label: '人事薪資費', item: 'personnel', reason: 'personnel salaries' },
  { label: '技術引進費', item: 'intangible-assets', reason: 'technology brought in (licences, transfers) is an intangible asset' },
  { label: '無形資產費', item: 'intangible-assets', reason: '引進 left out; 無形資產 names only this item' },
  { label: '無形資產購置費', item: 'intangible-assets', reason: '購置 for 引進 (acquisition)' },
  { label: '技術移轉費', item: 'intangible-assets', reason: 'a technology transfer is an intangible asset brought in' },
  { label: '差旅費', item: 'domestic-travel', reason: '國內 left out; only domestic travel is an item' },
  { label: '國內旅費', item: 'domestic-travel', reason: '旅費 for 差旅費 (travel)' },
  { label: '國內出差費', item: 'domestic-travel', reason: '出差 = business travel' },
  { label: '基礎工程費', item: 'foundation-works', reason: '施工 left out; 基礎工程 names only this item' },
  { label: '基礎施工費', item: 'foundation-works', reason: '工程 left out' },
  { label: '工程施工費', item: 'foundation-works', reason: '基礎 left out; no other item is construction work' },
];
