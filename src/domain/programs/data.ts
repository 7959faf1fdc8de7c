/**
 * The documents the citations quote, by seed file: what a reviewer cites (the pane never shows the file name).
 * Titles as the brochures print them; the year where the document states it (112 = 2023). The programs themselves
 * are data files in ./data/<id>.json.
 */
import { SEED_000, SEED_001, SEED_002, SEED_003, SEED_004 } from '../sources';

export const documentTitles: Record<string, { 'zh-TW': string; en: string }> = {
  [SEED_000]: { 'zh-TW': '經濟部 112 年 疫後特別預算 升級轉型 懶人包【工業園區】', en: 'MOEA 2023 post-pandemic special budget: upgrade & transformation quick guide (industrial parks)' },
  [SEED_001]: { 'zh-TW': '經濟部 112 年 升級轉型補助 計畫介紹（經費預算說明）', en: 'MOEA 2023 upgrade & transformation subsidy: programme introduction (budget notes)' },
  [SEED_002]: { 'zh-TW': '經濟部 產業及中小企業升級轉型 補助說明', en: 'MOEA industry and SME upgrade & transformation: subsidy overview' },
  [SEED_003]: { 'zh-TW': '112年度 產業輔導資源手冊', en: 'MOEA 2023 industrial assistance resources handbook' },
  [SEED_004]: { 'zh-TW': '經濟部 112 年 納管工廠低碳及智慧化基礎轉型 個案補助 懶人包（申請書格式）', en: 'MOEA 2023 registered factories basic low-carbon & smart transformation: quick guide (application form)' },
};
