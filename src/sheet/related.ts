import type { RawCell, Unit } from '../domain/budget';
import type { CrossCheckInput, DetailGroup, DetailSheet, ListRow, PlanList, BasicInfo, BasicInfoField } from '../domain/cross-checks';
import { foldWidth } from '../domain/money';
import { Grid, toA1, type WorkbookSnapshot } from './grid';
import { isPercentFormat, rawCell as cellAt } from './locate';

/**
 * The tables of the application form that the budget must agree with (SPEC §3, "Related tables"): the equipment
 * purchase and improvement lists, the personnel plan, the commission plan and 基本資料.
 */
export function locateRelatedTables(snapshot: WorkbookSnapshot): CrossCheckInput {
  const grids = snapshot.sheets.map((s) => new Grid(s));
  const find = (spec: ListSpec) => {
    for (const grid of grids) {
      const list = readList(grid, spec);
      if (list) return list;
    }
    return null;
  };
  return {
    newEquipment: find(NEW_EQUIPMENT),
    improvement: find(IMPROVEMENT),
    personnel: find(PERSONNEL),
    commissions: find(COMMISSIONS),
    basicInfo: grids.map(readBasicInfo).find((b) => b !== null) ?? null,
    details: grids.map(readDetailSheet).find((d) => d !== null) ?? null,
  };
}

const squash = (v: unknown) => (typeof v === 'string' ? foldWidth(v).replace(/\s+/g, '') : '');

interface ListSpec {
  /** The first column's header (設備名稱, 姓名/職稱, 委託單位). */
  name: RegExp;
  /** A header that tells this list from its look-alikes (用途/規格 vs 改善重點). */
  distinct: RegExp;
  amount: RegExp;
  extra?: RegExp;
}

const NEW_EQUIPMENT: ListSpec = { name: /^設備名稱/, distinct: /用途|規格/, amount: /預估費用|費用|金額/, extra: /採購對象|產地/ };
const IMPROVEMENT: ListSpec = { name: /^設備名稱/, distinct: /改善重點/, amount: /預估費用|費用|金額/ };
const PERSONNEL: ListSpec = { name: /^姓名/, distinct: /工作內容|專長/, amount: /投入人月|人月/ };
const COMMISSIONS: ListSpec = { name: /^委託單位/, distinct: /委託內容/, amount: /合作金額|金額|費用/ };

const PLACEHOLDER = /^[(（]?可自行增列[)）]?$/;
const TOTAL = /^(合計|小計|總計)/;
const UNIT = /[(（](?:單位[:：])?(千元|萬元|元)[)）]|單位[:：](?:新[臺台]幣)?(千元|萬元|元)/;

function readList(grid: Grid, spec: ListSpec): PlanList | null {
  for (let r = grid.sheet.origin.row; r < grid.rowCount; r++) {
    for (let c = grid.sheet.origin.col; c < grid.colCount; c++) {
      if (!spec.name.test(squash(grid.value(r, c)))) continue;
      const headers = new Map<number, string>();
      for (let cc = c; cc < Math.min(grid.colCount, c + 8); cc++) headers.set(cc, squash(grid.value(r, cc)));
      const col = (re: RegExp) => [...headers].find(([, h]) => re.test(h))?.[0] ?? null;
      if (col(spec.distinct) === null) continue;
      const amountCol = col(spec.amount);
      if (amountCol === null) continue;
      const extraCol = spec.extra ? col(spec.extra) : null;
      const unitMatch = UNIT.exec(headers.get(amountCol) ?? '');
      const rows: ListRow[] = [];
      let total: RawCell | null = null;
      let blanks = 0;
      for (let rr = r + 1; rr < grid.rowCount && blanks < 2; rr++) {
        const label = squash(grid.value(rr, c));
        const amount = cellAt(grid, rr, amountCol);
        const rowEmpty = [...headers.keys()].every((cc) => grid.isEmpty(rr, cc));
        if (rowEmpty) {
          blanks++;
          continue;
        }
        blanks = 0;
        if (PLACEHOLDER.test(label)) continue;
        if (TOTAL.test(label)) {
          total = amount;
          break;
        }
        // A new heading (一、 二、 伍、 …) ends the list.
        if (/^[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾]+、/.test(label) && grid.isEmpty(rr, amountCol)) break;
        rows.push({ name: cellAt(grid, rr, c), amount, extra: extraCol === null ? null : cellAt(grid, rr, extraCol) });
      }
      return {
        sheet: grid.name,
        header: { sheet: grid.name, cell: toA1(r, c) },
        extraHeader: extraCol === null ? null : { sheet: grid.name, cell: toA1(r, extraCol) },
        unit: unitMatch ? ((unitMatch[1] ?? unitMatch[2]) as Unit) : null,
        rows,
        total,
      };
    }
  }
  return null;
}

const DETAIL_ITEM = /^會計科目/;
const DETAIL_NAME = /^(?:項目|品名|名稱|設備名稱|明細|內容)/;
const DETAIL_AMOUNT = /^(?:金額|總價|複價|預算金額|經費|合計金額)/;

/**
 * A 經費明細 / 設備明細 sheet (issue 21): a header with 會計科目, 項目 (品名, 名稱…) and 金額 (總價…); the 會計科目 is
 * written on an item's first line and holds for the lines under it; 小計 closes an item, 總計/合計 the sheet. The budget
 * table (會計科目 but no 項目 column) is never read as one.
 */
function readDetailSheet(grid: Grid): DetailSheet | null {
  for (let r = grid.sheet.origin.row; r < grid.rowCount; r++) {
    for (let c = grid.sheet.origin.col; c < grid.colCount; c++) {
      if (!DETAIL_ITEM.test(squash(grid.value(r, c)))) continue;
      const headers = new Map<number, string>();
      for (let cc = c + 1; cc < Math.min(grid.colCount, c + 10); cc++) headers.set(cc, squash(grid.value(r, cc)));
      const col = (re: RegExp) => [...headers].find(([, h]) => re.test(h))?.[0] ?? null;
      const nameCol = col(DETAIL_NAME);
      const amountCol = col(DETAIL_AMOUNT);
      if (nameCol === null || amountCol === null) continue;
      let unitMatch = UNIT.exec(headers.get(amountCol) ?? '');
      for (let rr = Math.max(grid.sheet.origin.row, r - 3); rr < r && !unitMatch; rr++) {
        for (let cc = grid.sheet.origin.col; cc < grid.colCount && !unitMatch; cc++) unitMatch = UNIT.exec(squash(grid.value(rr, cc)));
      }
      const groups: DetailGroup[] = [];
      let blanks = 0;
      for (let rr = r + 1; rr < grid.rowCount && blanks < 2; rr++) {
        if ([c, ...headers.keys()].every((cc) => grid.isEmpty(rr, cc))) {
          blanks++;
          continue;
        }
        blanks = 0;
        const label = squash(grid.value(rr, c));
        const total = TOTAL.exec(label) ?? TOTAL.exec(squash(grid.value(rr, nameCol)));
        const amount = cellAt(grid, rr, amountCol);
        if (total) {
          if (total[1] !== '小計') break;
          const open = groups[groups.length - 1];
          if (open && open.subtotal === null) open.subtotal = amount;
          continue;
        }
        if (label !== '') groups.push({ item: cellAt(grid, rr, c), lines: [], subtotal: null });
        const open = groups[groups.length - 1];
        if (open && !grid.isEmpty(rr, amountCol)) open.lines.push(amount);
      }
      if (groups.length === 0) continue;
      return {
        sheet: grid.name,
        header: { sheet: grid.name, cell: toA1(r, c) },
        unit: unitMatch ? ((unitMatch[1] ?? unitMatch[2]) as Unit) : null,
        groups,
      };
    }
  }
  return null;
}

const BASIC_LABELS: [BasicInfoField, RegExp][] = [
  ['total', /^申請總經費/],
  ['gov', /^(?:申請)?補助款/],
  ['self', /^自籌款/],
];
const basicField = (text: string) => BASIC_LABELS.find(([, re]) => re.test(text)) ?? null;
/** How far from 申請總經費 the other two labels may stand (same row to the right, or rows below). */
const BASIC_COLS = 12;
const BASIC_ROWS = 4;
/** A label's value: at most this many cells to its right (amount, unit, percentage). */
const VALUE_CELLS = 3;
const UNIT_ONLY = /^[(（]?(?:千|仟|萬)?元[)）]?$/;

/**
 * 基本資料's 申請總經費 / 補助款 / 自籌款, in any of the layouts applicants use (issue 9): the value inside the label
 * ("補助款：1,500千元（44.4%）"), in the cells to its right ("1,500" | "千元(44.4%)", or "1,500" | "千元" | "44.4%"), or
 * below it when the next cell to the right is the next label (the form's labels in a row, values on the rows under
 * them). Each cell that holds an amount or a percentage is one entry, so a mismatch is reported where it stands.
 */
function readBasicInfo(grid: Grid): BasicInfo | null {
  for (let r = grid.sheet.origin.row; r < grid.rowCount; r++) {
    for (let c = grid.sheet.origin.col; c < grid.colCount; c++) {
      if (basicField(labelText(grid, r, c))?.[0] !== 'total') continue;
      const fields: BasicInfo['fields'] = [];
      const seen = new Set<BasicInfoField>();
      const labels: [BasicInfoField, number, number][] = [];
      for (let rr = r; rr < Math.min(grid.rowCount, r + BASIC_ROWS); rr++) {
        for (let cc = rr === r ? c : grid.sheet.origin.col; cc < Math.min(grid.colCount, c + BASIC_COLS); cc++) {
          const found = basicField(labelText(grid, rr, cc));
          if (!found || seen.has(found[0])) continue;
          seen.add(found[0]);
          labels.push([found[0], rr, cc]);
        }
      }
      for (const [field, lr, lc] of labels) fields.push(...basicValues(grid, field, lr, lc));
      if (fields.length > 0) return { sheet: grid.name, fields };
    }
  }
  return null;
}

/** A cell's text folded and without spaces, when it is short enough to be a label. */
function labelText(grid: Grid, row: number, col: number): string {
  const v = grid.value(row, col);
  return typeof v === 'string' && v.length <= 40 ? squash(v) : '';
}

const isBasicLabel = (grid: Grid, row: number, col: number) => basicField(labelText(grid, row, col)) !== null;
const hasDigit = (text: string) => /\d/.test(text);

/** What a value cell shows, as text: a number formatted as a percentage reads 0.444 → "44.4%". */
function shownText(grid: Grid, row: number, col: number): string {
  const v = grid.shownValue(row, col);
  if (typeof v === 'number') return isPercentFormat(grid.numberFormat(row, col)) ? `${+(v * 100).toFixed(6)}%` : String(v);
  return squash(v);
}

function basicValues(grid: Grid, field: BasicInfoField, row: number, col: number): BasicInfo['fields'] {
  const label = labelText(grid, row, col);
  const inLabel = label.replace(BASIC_LABELS.find(([f]) => f === field)![1], '').replace(/^[:：]/, '');
  if (hasDigit(inLabel)) return [{ field, cell: cellAt(grid, row, col), text: inLabel, holds: 'both' }];

  const right: number[] = [];
  for (let cc = col + 1; cc <= col + VALUE_CELLS && cc < grid.colCount && !isBasicLabel(grid, row, cc); cc++) right.push(cc);
  const firstValue = right.find((cc) => !grid.isEmpty(row, cc) && hasDigit(shownText(grid, row, cc)));
  if (firstValue !== undefined) {
    const out: BasicInfo['fields'] = [];
    const text = shownText(grid, row, firstValue);
    const unit = shownText(grid, row, firstValue + 1);
    out.push({ field, cell: cellAt(grid, row, firstValue), text: UNIT_ONLY.test(unit) ? `${text}${unit.replace(/[()（）]/g, '')}` : text, holds: 'both' });
    for (const cc of right.filter((x) => x > firstValue)) {
      const pct = shownText(grid, row, cc);
      if (hasDigit(pct)) out.push({ field, cell: cellAt(grid, row, cc), text: pct, holds: 'percent' });
    }
    return out;
  }
  // Nothing to the right before the next label: the form's labels in a row, the values under them.
  if (right.length === 0 || right.every((cc) => grid.isEmpty(row, cc) || UNIT_ONLY.test(shownText(grid, row, cc)))) {
    const below = shownText(grid, row + 1, col);
    if (!hasDigit(below) || isBasicLabel(grid, row + 1, col)) return [];
    const out: BasicInfo['fields'] = [{ field, cell: cellAt(grid, row + 1, col), text: below, holds: 'both' }];
    const under = shownText(grid, row + 2, col);
    if (/%/.test(under) && hasDigit(under)) out.push({ field, cell: cellAt(grid, row + 2, col), text: under, holds: 'percent' });
    return out;
  }
  return [];
}
