/**
 * The source brochures the citations quote, by seed file (../shared/seeds/), named once for the whole domain: program
 * files, the cross-table and benefit rules all cite these.
 */
export const SEED_000 = '000_60027ed83a059eae.txt'; // 升級轉型 懶人包【工業園區】
export const SEED_001 = '001_6da8e64b19cc4b2c.txt'; // 計畫介紹 / 經費預算 說明
export const SEED_002 = '002_229a236f21da249c.txt'; // 升級轉型 補助 簡章
export const SEED_003 = '003_89eee1bd9a716ead.txt'; // 112年度 產業輔導資源手冊
export const SEED_004 = '004_b228a086eddd83f8.txt'; // 納管工廠 低碳及智慧化 基礎轉型 申請須知
