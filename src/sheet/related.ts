import type { RawCell, Unit } from '../domain/budget';
import type { CrossCheckInput, ListRow, PlanList, BasicInfo, BasicInfoField } from '../domain/cross-checks';
import { foldWidth } from '../domain/money';
import { Grid, toA1, type WorkbookSnapshot } from './grid';
import { isPercentFormat } from './locate';

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

function cellAt(grid: Grid, row: number, col: number): RawCell {
  return {
    loc: { sheet: grid.name, cell: toA1(row, col) },
    value: grid.value(row, col),
    formula: grid.formula(row, col),
    percentFormat: isPercentFormat(grid.numberFormat(row, col)),
  };
}

const BASIC_LABELS: [BasicInfoField, RegExp][] = [
  ['total', /^申請總經費/],
  ['gov', /^補助款/],
  ['self', /^自籌款/],
];

/** 基本資料: "申請總經費 | 3,380 | 千元 | 補助款 | 1,500 | 千元(44.4%) | …" or the value inside the label cell. */
function readBasicInfo(grid: Grid): BasicInfo | null {
  for (let r = grid.sheet.origin.row; r < grid.rowCount; r++) {
    for (let c = grid.sheet.origin.col; c < grid.colCount; c++) {
      if (!/^申請總經費/.test(squash(grid.value(r, c)))) continue;
      const fields: BasicInfo['fields'] = [];
      for (const [field, re] of BASIC_LABELS) {
        for (let cc = c; cc < Math.min(grid.colCount, c + 12); cc++) {
          const label = squash(grid.value(r, cc));
          if (!re.test(label)) continue;
          const inLabel = label.replace(re, '');
          if (/\d/.test(inLabel)) {
            fields.push({ field, cell: cellAt(grid, r, cc), text: inLabel });
          } else {
            // The value is in the next non-empty cell(s), possibly split from its unit ("1,500" | "千元(44.4%)").
            const next = cellAt(grid, r, cc + 1);
            const after = squash(grid.value(r, cc + 2));
            const text = `${typeof next.value === 'number' ? String(next.value) : squash(next.value)}${/^千?元/.test(after) ? after : ''}`;
            if (next.value !== null) fields.push({ field, cell: next, text });
          }
          break;
        }
      }
      if (fields.length > 0) return { sheet: grid.name, fields };
    }
  }
  return null;
}
