import type { RawValue } from '../../src/domain/budget';
import { snapshotFromRows, type SheetSnapshot, type WorkbookSnapshot } from '../../src/sheet/grid';

type Row = (RawValue | undefined)[];

/** The seed-004 form filled in sentence form: one 效益 cell per item. */
export function sentenceRows(overrides: Record<string, string> = {}): Row[] {
  const v = (label: string, text: string) => [label, overrides[label] ?? text];
  return [
    ['陸、預期效益'],
    ['一、經濟效益'],
    ['項目', '效益'],
    v('新增投資', '0.5 億元'),
    v('降低成本', '0.12 億元'),
    v('增加就業人數', '3 人'),
    v('增加產值', '1.2 億元'),
    ['(可自行增列)'],
    [],
    ['二、技術效益'],
    ['(一) 低碳化'],
    ['項目', '效益'],
    v('減少碳排放量', '120 公噸 CO2e；減碳 12 %'),
    v('減少用電量', '120,000 度電；節電率 12%'),
    ['(可自行增列)'],
    [],
    ['(二) 智慧化'],
    ['項目', '效益'],
    v('整體設備效率(OEE)', '85 %；相較提升 12 %'),
    v('提升生產良率', '95 %；相較提升 12 %'),
    v('減少產線人力', '由 10 人減為 6 人'),
    v('產品達交率', '98 %；相較提升 8 %'),
    ['(可自行增列)'],
  ];
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets, settings: {} };
}

export const sentenceWorkbook = (overrides?: Record<string, string>) =>
  workbook(snapshotFromRows('預期效益', sentenceRows(overrides)));
