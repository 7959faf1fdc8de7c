/**
 * Realistic application workbooks for benchmarks and batch tests: cover sheet, budget table with formulas, an equipment
 * list, a staffing plan; one in six with a typical mistake. Deterministic: the same count gives the same workbooks.
 */
import type { ItemId } from '../src/domain/programs';
import { type ExampleSpec, type Typed, rowsFor } from '../scripts/make-examples';

/** A small deterministic PRNG so every run measures the same workbooks. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let random = mulberry32(20240115);
const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));

const PROGRAMS: { id: string; cap: number; title: string; selfOnly: ItemId[] }[] = [
  { id: 'upgrade-10plus', cap: 5000, title: '產業及中小企業升級轉型 個案補助計畫（製造業10人以上）', selfOnly: ['personnel', 'intangible-assets'] },
  { id: 'upgrade-under10', cap: 3000, title: '產業及中小企業升級轉型 個案補助計畫（製造業9人以下）', selfOnly: ['personnel', 'intangible-assets'] },
  { id: 'chain-lowcarbon', cap: 30000, title: '以大帶小 低碳化 個案補助計畫（1+10）', selfOnly: ['personnel', 'intangible-assets', 'domestic-travel'] },
  { id: 'chain-smart', cap: 20000, title: '以大帶小 智慧化 個案補助計畫（1+4）', selfOnly: ['personnel', 'intangible-assets', 'domestic-travel'] },
  { id: 'registered-factory', cap: 1500, title: '納管工廠 低碳及智慧化 基礎轉型 個案補助計畫', selfOnly: ['personnel', 'foundation-works'] },
];

function workbookSpec(index: number): ExampleSpec {
  const program = PROGRAMS[index % PROGRAMS.length];
  // A gov total of 60–95 % of the cap, split over the fundable items within their limits.
  const gov = Math.round(program.cap * (0.6 + random() * 0.35));
  const share = (part: number) => Math.round(gov * part);
  const amounts: Partial<Record<ItemId, [Typed, Typed]>> = {
    consumables: [share(0.08), share(0.05 + random() * 0.05)],
    'new-equipment': [share(0.4), share(0.45 + random() * 0.2)],
    'equipment-improvement': [share(0.32), share(0.25 + random() * 0.1)],
    'commissioned-research': [gov - share(0.08) - share(0.4) - share(0.32), share(0.1)],
  };
  for (const item of program.selfOnly) amounts[item] = [null, share(0.05 + random() * 0.1)];

  const mistake = index % 6 === 5 ? Math.floor(index / 6) % 4 : -1;
  if (mistake === 0) amounts.personnel = [share(0.05), share(0.1)]; // self-only item with gov money
  // 1: an amount typed as text with a thousands separator; 2: a row total typed over; 3: a row label that is no accounting item.
  if (mistake === 1) {
    const [improvementGov, improvementSelf] = amounts['equipment-improvement']!;
    amounts['equipment-improvement'] = [Number(improvementGov).toLocaleString('en-US'), improvementSelf];
  }

  const equipment = Array.from({ length: between(8, 40) }, (_, i) => [
    `設備 ${i + 1}（品牌 型號 ${between(100, 999)}）`,
    i % 3 === 0 ? '空壓機節能改善' : i % 3 === 1 ? '智慧感測與監控' : '產線自動化',
    between(50, 900),
    i % 2 === 0 ? '國產' : '日本',
  ]);
  const staff = Array.from({ length: between(3, 12) }, (_, i) => [`員工${i + 1}／工程師`, '製程改善', '導入與驗證', between(2, 12)]);

  return {
    file: `application-${String(index + 1).padStart(3, '0')}.xlsx`,
    about: '',
    cover: { title: program.title, target: random() < 0.5 ? 'lowcarbon' : 'smart' },
    rows: [...rowsFor(program.id, amounts), ...(mistake === 3 ? [{ label: '雜支', gov: null, self: between(10, 90) }] : [])],
    formulas: index % 5 !== 4, // one in five typed as plain numbers
    typedOver: mistake === 2 ? { D5: 1 } : undefined,
    extraSheets: [
      { name: '設備購置或改善規劃', rows: [['設備名稱(含品牌、型號)', '用途/規格', '預估費用(不含稅)', '採購對象/產地'], ...equipment] },
      { name: '投入人力規劃', rows: [['姓名/職稱', '專長/經歷', '工作內容', '投入人月'], ...staff] },
    ],
  };
}

/** The specs of `count` application workbooks, the same on every call. */
export function applicationSpecs(count: number): ExampleSpec[] {
  random = mulberry32(20240115);
  return Array.from({ length: count }, (_, i) => workbookSpec(i));
}
