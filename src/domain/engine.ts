import { parseAmount } from './amount';
import type { BudgetRowInput, BudgetTableInput, RawCell } from './budget';
import { computeBudget } from './compute';
import { findingCollector, t, type Finding, type Lang } from './findings';
import { matchItem, matchProgramItem } from './labels';
import {
  type Fixed,
  SCALE,
  ZERO,
  comparePercentDistance,
  format,
  formatAmount,
  fromInt,
  fromNumber,
  isWhole,
  percentOf,
  percentage,
  round,
  roundedPercent,
  toNumber,
} from './money';
import type { ItemId, Program, ProgramItem } from './programs/schema';
import { PROGRAMS } from './programs';

/** Amounts in 元 are divided by this, and amounts in 萬元 multiplied by the other, to compare with limits in 千元. */
const YUAN_PER_THOUSAND = 1000n;
const THOUSANDS_PER_WAN = 10n;
/** A percentage may be this far from the exact share before it is a slip (SPEC: more than 0.05 away). */
const PERCENT_TOLERANCE: Fixed = 50_000n; // 0.05
/** Without a unit label, a grand total above this multiple of the subsidy cap suggests amounts typed in 元. */
const UNIT_SUSPECT_FACTOR = 100n;

/** Headroom to one limit, in 千元: how much more the capped amount may grow (negative when over). */
export interface Headroom {
  limit: number;
  used: number;
  headroom: number;
}

export interface BudgetSummary {
  sheet: string;
  /** All amounts in 千元, whatever the table's unit. */
  grandTotal: number;
  govTotal: number;
  selfTotal: number;
  /** Exact share rounded to one decimal; null when the total is 0. */
  govSharePercent: number | null;
  /** The 50 % rule: limit = grand total × 50 %. */
  govShare: Headroom;
  subsidyCap: Headroom;
  items: (Headroom & { itemId: ItemId; label: string; base: 'gov' | 'item-total'; percent: number })[];
  /** Per program item: gov and self amounts in 千元 (0 when absent). */
  amounts: { itemId: ItemId; label: string; gov: number; self: number }[];
}

export interface BudgetCheck {
  findings: Finding[];
  summary: BudgetSummary;
}

interface ParsedRow {
  input: BudgetRowInput;
  item: ProgramItem | null;
  gov: Fixed;
  self: Fixed;
}

/** Checks one located 經費預算表 against a program's rules. Never throws on odd content: it reports it. */
export function checkBudgetTable(table: BudgetTableInput, program: Program, lang: Lang = 'zh-TW'): BudgetCheck {
  const findings: Finding[] = [];
  const unitLabel = table.unit?.unit ?? '千元';
  // Without a unit label, a grand total far above what the program can fund means the amounts were typed in 元: the
  // limits are then judged on that reading (a 1,320,000 "千元" subsidy is a unit slip, not a breach of the cap).
  const capK = fromInt(program.subsidyCap.amount);
  const unitSuspect = table.unit === null && sumAll(table.rows.map((r) => [r.gov, r.self])) > capK * UNIT_SUSPECT_FACTOR;
  const toThousand = (f: Fixed) =>
    unitLabel === '元' || unitSuspect ? f / YUAN_PER_THOUSAND : unitLabel === '萬元' ? f * THOUSANDS_PER_WAN : f;
  const show = formatAmount;
  const add = findingCollector(findings, table.sheet);

  const itemName = (item: ProgramItem) => (lang === 'en' ? item.en : item.label);

  // 1. Amount cells: read what people typed, reporting what cannot be a budget amount.
  const readAmount = (cell: RawCell | null, isInput: boolean): Fixed => {
    if (!cell) return ZERO;
    const parsed = parseAmount(cell.value);
    if (parsed.kind === 'blank') return ZERO;
    if (parsed.kind === 'invalid') {
      add('not-a-number', 'error', cell.loc, t(lang, `金額欄位不是數字：「${parsed.text}」`, `Amount is not a number: "${parsed.text}"`), {
        actual: parsed.text,
        advice: t(lang, '請輸入以千元為單位的數字，或清空此欄', 'Enter a number in NT$ thousand, or clear the cell'),
      });
      return ZERO;
    }
    const value = parsed.value;
    if (parsed.fromText) {
      add('number-as-text', 'warning', cell.loc, t(lang, `金額以文字輸入：「${String(cell.value)}」，Excel 不會將它加總`, `Amount typed as text: "${String(cell.value)}"; Excel will not add it up`), {
        expected: toNumber(value),
        actual: String(cell.value),
        advice: t(lang, `改為數字 ${show(value)}`, `Replace it with the number ${show(value)}`),
      });
    }
    if (isInput && value < ZERO) {
      add('negative-amount', 'error', cell.loc, t(lang, `金額不可為負數：${show(value)}`, `Amount is negative: ${show(value)}`), {
        actual: toNumber(value),
        advice: t(lang, '預算金額須為 0 或正數', 'Budget amounts must be 0 or more'),
      });
    } else if (isInput && unitLabel !== '元' && !isWhole(unitLabel === '萬元' ? value * THOUSANDS_PER_WAN : value)) {
      // Budgets are whole 千元: 12.5 萬元 is fine, 12.55 萬元 is not.
      const places = unitLabel === '萬元' ? 1 : 0;
      add('fractional-amount', 'warning', cell.loc, t(lang, `金額含不足千元的小數：${toNumberText(value)} ${unitLabel}`, `Amount has a fraction of NT$ thousand: ${toNumberText(value)} ${unitLabel}`), {
        actual: toNumber(value),
        expected: toNumber(round(value, places)),
        advice: t(lang, '金額單位為千元，請四捨五入至整數', 'Amounts are in NT$ thousand: round to a whole number'),
      });
    }
    return value;
  };

  const rows: ParsedRow[] = table.rows.map((input) => {
    const item = matchProgramItem(String(input.label.value ?? ''), program);
    return { input, item, gov: readAmount(input.gov, true), self: readAmount(input.self, true) };
  });

  // 2. Labels the program does not know.
  for (const row of rows) {
    if (row.item) continue;
    const label = String(row.input.label.value ?? '').trim();
    const otherId = matchItem(label);
    const otherPrograms = otherId
      ? PROGRAMS.filter((p) => p.items.some((i) => i.id === otherId)).map((p) => p.id)
      : [];
    add(
      'unknown-item',
      'warning',
      row.input.label.loc,
      otherId
        ? t(lang, `「${label}」不是本計畫（${program.name['zh-TW']}）可編列的會計科目`, `"${label}" is not an accounting item of ${program.name.en}`)
        : t(lang, `「${label}」不是官方會計科目`, `"${label}" is not an official accounting item`),
      {
        actual: label,
        advice: otherId
          ? t(lang, `此科目屬於 ${otherPrograms.join('、')}；請確認計畫別，或移除此列`, `This item belongs to ${otherPrograms.join(', ')}; check the program or remove the row`)
          : t(lang, `請改用官方科目名稱：${program.items.map((i) => i.label).join('、')}`, `Use an official item: ${program.items.map((i) => i.en).join(', ')}`),
      },
    );
  }

  // 3. Totals as shown versus totals computed.
  const computed = computeBudget(rows);
  const { govTotal, selfTotal, grandTotal } = computed;
  const totalCells = rows.map((r) => r.input.total);
  const totalColumnUsed = totalCells.some((c) => c && c.value !== null);
  const shownRowTotals = rows.map((row, index) => {
    const cell = row.input.total;
    if (!cell || !totalColumnUsed) return computed.rowTotals[index];
    const shown = readAmount(cell, false);
    const expected = computed.rowTotals[index];
    if (shown !== expected && parseAmount(cell.value).kind !== 'invalid') {
      add('row-total-mismatch', 'error', cell.loc, t(lang, `合計應為 ${show(expected)}（政府補助款 + 業者自籌款），表上為 ${cell.value === null ? '空白' : show(shown)}`, `Row total should be ${show(expected)} (subsidy + self-funded); the sheet shows ${cell.value === null ? 'nothing' : show(shown)}`), {
        expected: toNumber(expected),
        actual: cell.value === null ? null : toNumber(shown),
        advice: t(lang, `改為 ${show(expected)}，或使用公式 =政府補助款+業者自籌款`, `Set it to ${show(expected)}, or use a formula adding the two columns`),
      });
    }
    return shown;
  });

  const totalRow = table.totalRow;
  if (totalRow) {
    const columns: [RawCell | null, Fixed, string, string][] = [
      [totalRow.gov, govTotal, '政府補助款', 'subsidy'],
      [totalRow.self, selfTotal, '業者自籌款', 'self-funded'],
      [totalRow.total, shownRowTotals.reduce((a, b) => a + b, ZERO), '合計', 'total'],
    ];
    for (const [cell, expected, zhName, enName] of columns) {
      if (!cell) continue;
      const shown = readAmount(cell, false);
      if (shown !== expected && parseAmount(cell.value).kind !== 'invalid') {
        add('column-total-mismatch', 'error', cell.loc, t(lang, `${zhName}合計應為 ${show(expected)}（該欄加總），表上為 ${cell.value === null ? '空白' : show(shown)}`, `The ${enName} column total should be ${show(expected)} (sum of the column); the sheet shows ${cell.value === null ? 'nothing' : show(shown)}`), {
          expected: toNumber(expected),
          actual: cell.value === null ? null : toNumber(shown),
          advice: t(lang, `改為 ${show(expected)}，或使用 SUM 公式`, `Set it to ${show(expected)}, or use a SUM formula`),
        });
      }
    }
  }

  // 4. Percentages: each must be within 0.05 of the exact share. A percentage that follows the totals as the sheet
  // shows them is no slip of its own: a typed-over total is reported once, at the total, not again at every share.
  const shownTotalCell = totalRow?.total ? parseAmount(totalRow.total.value) : null;
  const shownGrand = shownTotalCell?.kind === 'number' ? shownTotalCell.value : shownRowTotals.reduce((a, b) => a + b, ZERO);
  const checkPercent = (cell: RawCell | null, part: Fixed, columnUsed: boolean, shownPart: Fixed = part) => {
    if (!cell || !columnUsed || grandTotal === ZERO) return;
    const expected = roundedPercent(part, grandTotal, 1)!;
    let shown: Fixed | null = null;
    if (typeof cell.value === 'number' && Number.isFinite(cell.value)) {
      shown = fromNumber(cell.value) * (cell.percentFormat ? 100n : 1n);
    } else if (typeof cell.value === 'string') {
      const amount = parseAmount(cell.value.replace(/[%％]\s*$/, ''));
      if (amount.kind === 'number') shown = amount.value;
    }
    if (shown !== null && comparePercentDistance(shown, part, grandTotal, PERCENT_TOLERANCE) <= 0) return;
    if (shown !== null && shownGrand !== grandTotal && shownGrand !== ZERO && comparePercentDistance(shown, shownPart, shownGrand, PERCENT_TOLERANCE) <= 0) return;
    const exact = percentOf(part, grandTotal)!;
    add('percent-mismatch', 'warning', cell.loc, t(lang, `百分比應為 ${format(expected, 1)}（${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%），表上為 ${cell.value === null ? '空白' : String(shown === null ? cell.value : format(shown, 2))}`, `Percentage should be ${format(expected, 1)} (${show(part)} ÷ ${show(grandTotal)} = ${format(exact, 2)}%); the sheet shows ${cell.value === null ? 'nothing' : String(shown === null ? cell.value : format(shown, 2))}`), {
      expected: toNumber(expected),
      actual: shown === null ? (cell.value === null ? null : String(cell.value)) : toNumber(shown),
      advice: t(lang, `改為 ${format(expected, 1)}，或使用公式 =ROUND(科目合計/總經費*100,1)`, `Set it to ${format(expected, 1)}, or use =ROUND(item total/grand total*100,1)`),
    });
  };
  const percentColumnUsed = rows.some((r) => r.input.percent && r.input.percent.value !== null);
  rows.forEach((row, index) => checkPercent(row.input.percent, computed.rowTotals[index], percentColumnUsed, shownRowTotals[index]));
  const percentRow = table.percentRow;
  if (percentRow) {
    const used = [percentRow.gov, percentRow.self, percentRow.total].some((c) => c && c.value !== null);
    checkPercent(percentRow.gov, govTotal, used);
    checkPercent(percentRow.self, selfTotal, used);
    checkPercent(percentRow.total, grandTotal, used);
  }

  // 5. Typed constants where formulas belong.
  if (table.workbookHasFormulas) {
    const derived = [
      ...rows.flatMap((r) => [r.input.total, r.input.percent]),
      totalRow?.gov, totalRow?.self, totalRow?.total,
      percentRow?.gov, percentRow?.self, percentRow?.total,
    ].filter((c): c is RawCell => !!c && c.value !== null);
    const constants = derived.filter((c) => c.formula === null);
    const hardcodedMessage = t(lang, '此合計／百分比是手動輸入的數字，金額變動時不會自動更新', 'This total or percentage is a typed number; it will not follow changes to the amounts');
    const hardcodedFix = t(lang, '改回公式（可用「重新計算」修復）', 'Restore the formula (Recalculate can repair it)');
    if (constants.length > 0 && constants.length < derived.length) {
      for (const cell of constants) add('hardcoded-total', 'warning', cell.loc, hardcodedMessage, { actual: toActual(cell), advice: hardcodedFix });
    } else if (constants.length > 0 && constants.length === derived.length) {
      // A table typed entirely by hand in a workbook that uses formulas elsewhere: one warning, not one per cell.
      const anchor = totalRow?.total ?? totalRow?.gov ?? constants[0];
      add('hardcoded-total', 'warning', anchor.loc, t(lang, `本表所有合計與百分比（${constants.length} 格）都是手動輸入的數字，金額變動時不會自動更新`, `All ${constants.length} totals and percentages of this table are typed numbers; they will not follow changes to the amounts`), { advice: hardcodedFix });
    }
  }

  // 6. Program rules, on amounts in 千元.
  const govTotalK = toThousand(govTotal);
  const grandTotalK = toThousand(grandTotal);
  const govTotalCell = totalRow?.gov?.loc ?? null;

  if (unitSuspect) {
    add('unit-suspect', 'warning', totalRow?.total?.loc ?? govTotalCell ?? table.title, t(lang, `表旁沒有金額單位，總經費 ${show(grandTotal)} 超過補助上限的 100 倍，金額可能是以「元」而非「千元」填寫；以下各項上限已按「元」換算檢查`, `No unit label near the table, and the grand total ${show(grandTotal)} is over 100 × the subsidy cap: the amounts look like NT$, not NT$ thousand; the limits were checked reading them as NT$`), {
      actual: toNumber(grandTotal),
      advice: t(lang, '加註「金額單位：千元」並將金額換算為千元，或加註「單位：元」', 'Add "金額單位：千元" and convert the amounts to thousands, or label the table "單位：元"'),
    });
  }

  const maxShare = fromNumber(program.govShare.maxPercent);
  // With self-funding as budgeted, the subsidy may grow to self × max ÷ (100 − max) (= self at 50 %).
  const govAllowedBySelf = (toThousand(selfTotal) * maxShare) / (100n * SCALE - maxShare);
  // Exact: gov / grand > max / 100  ⇔  gov × 100 > max × grand.
  if (grandTotal > ZERO && govTotal * 100n * SCALE > fromNumber(program.govShare.maxPercent) * grandTotal) {
    const share = roundedPercent(govTotal, grandTotal, 1)!;
    const selfNeeded = govTotalK - toThousand(selfTotal);
    add('gov-share', 'error', govTotalCell ?? table.title, t(lang, `政府補助款占總經費 ${format(share, 1)}%，超過 ${program.govShare.maxPercent}% 上限`, `The subsidy is ${format(share, 1)}% of the total, over the ${program.govShare.maxPercent}% limit`), {
      expected: toNumber(govAllowedBySelf),
      actual: toNumber(govTotalK),
      advice: t(lang, `政府補助款不得多於業者自籌款：將補助款降至 ${show(toThousand(selfTotal))} 千元以下，或將自籌款增加 ${show(selfNeeded)} 千元以上`, `The subsidy may not exceed self-funding: lower it to ${show(toThousand(selfTotal))} thousand or less, or add at least ${show(selfNeeded)} thousand of self-funding`),
      citation: program.govShare.citation,
    });
  }

  if (govTotalK > capK) {
    add('gov-cap', 'error', govTotalCell ?? table.title, t(lang, `政府補助款 ${show(govTotalK)} 千元超過本計畫上限 ${show(capK)} 千元`, `The subsidy of ${show(govTotalK)} thousand exceeds the program cap of ${show(capK)} thousand`), {
      expected: program.subsidyCap.amount,
      actual: toNumber(govTotalK),
      advice: t(lang, `將政府補助款減少 ${show(govTotalK - capK)} 千元，差額改列業者自籌款`, `Reduce the subsidy by ${show(govTotalK - capK)} thousand and move it to self-funding`),
      citation: program.subsidyCap.citation,
    });
  }

  const itemRows = (id: ItemId) => rows.filter((r) => r.item?.id === id);
  const summaryItems: BudgetSummary['items'] = [];
  for (const item of program.items) {
    const matching = itemRows(item.id);
    const gov = matching.reduce((a, r) => a + r.gov, ZERO);
    const self = matching.reduce((a, r) => a + r.self, ZERO);
    if (item.gov === 'self-only') {
      for (const row of matching) {
        if (row.gov === ZERO || !row.input.gov) continue;
        add('self-only-item', 'error', row.input.gov.loc, t(lang, `${item.label}僅能編列於業者自籌款，政府補助款須為 0`, `${item.en} may only be self-funded; its subsidy must be 0`), {
          expected: 0,
          actual: toNumber(row.gov),
          advice: t(lang, `將 ${show(row.gov)} 移至業者自籌款`, `Move ${show(row.gov)} to the self-funded column`),
          citation: item.citation,
        });
      }
    }
    if (item.cap) {
      const limit = percentage(grandTotalK, fromNumber(item.cap.percent));
      const used = toThousand(item.cap.base === 'gov' ? gov : gov + self);
      summaryItems.push({ itemId: item.id, label: itemName(item), base: item.cap.base, percent: item.cap.percent, limit: toNumber(limit), used: toNumber(used), headroom: toNumber(limit - used) });
      // Exact: used / grand > percent / 100  ⇔  used × 100 > percent × grand.
      if (used * 100n * SCALE > fromNumber(item.cap.percent) * grandTotalK) {
        const row = matching[matching.length - 1];
        const loc = item.cap.base === 'gov' ? row.input.gov?.loc : (row.input.total ?? row.input.gov)?.loc;
        const baseText = item.cap.base === 'gov' ? t(lang, '政府補助款', 'subsidy') : t(lang, '科目合計', 'item total');
        add('item-cap', 'error', loc ?? row.input.label.loc, t(lang, `${item.label}${baseText} ${show(used)} 千元超過總經費 ${item.cap.percent}% 上限（${show(limit)} 千元）`, `${item.en} ${baseText} of ${show(used)} thousand exceeds ${item.cap.percent}% of the total (${show(limit)} thousand)`), {
          expected: toNumber(limit),
          actual: toNumber(used),
          advice: t(lang, `減少 ${show(used - limit)} 千元${item.cap.base === 'gov' ? '，或改列業者自籌款' : ''}`, `Reduce it by ${show(used - limit)} thousand${item.cap.base === 'gov' ? ', or fund that part yourself' : ''}`),
          citation: item.cap.citation,
        });
      }
    }
  }

  const summary: BudgetSummary = {
    sheet: table.sheet,
    grandTotal: toNumber(grandTotalK),
    govTotal: toNumber(govTotalK),
    selfTotal: toNumber(toThousand(selfTotal)),
    govSharePercent: grandTotal === ZERO ? null : toNumber(roundedPercent(govTotal, grandTotal, 1)!),
    govShare: { limit: toNumber(govAllowedBySelf), used: toNumber(govTotalK), headroom: toNumber(govAllowedBySelf - govTotalK) },
    subsidyCap: { limit: program.subsidyCap.amount, used: toNumber(govTotalK), headroom: toNumber(capK - govTotalK) },
    items: summaryItems,
    amounts: program.items.map((item) => {
      const matching = itemRows(item.id);
      return {
        itemId: item.id,
        label: itemName(item),
        gov: toNumber(toThousand(matching.reduce((a, r) => a + r.gov, ZERO))),
        self: toNumber(toThousand(matching.reduce((a, r) => a + r.self, ZERO))),
      };
    }),
  };
  return { findings, summary };
}

export function missingTableFinding(lang: Lang): Finding {
  return {
    rule: 'missing-table',
    severity: 'error',
    sheet: null,
    cell: null,
    message: t(lang, '活頁簿中找不到經費預算表（需有「會計科目／政府補助款／業者自籌款」表頭）', 'No 經費預算表 (budget table) found: no header with 會計科目 / 政府補助款 / 業者自籌款'),
    advice: t(lang, '以「插入範本」建立官方經費預算表，或確認表頭文字', 'Insert the official template, or check the header text'),
  };
}

/** The sum of the amount cells that read as numbers (the unit guess must not depend on what the rules report). */
function sumAll(cells: (RawCell | null)[][]): Fixed {
  let total = ZERO;
  for (const row of cells) {
    for (const cell of row) {
      const parsed = cell ? parseAmount(cell.value) : null;
      if (parsed?.kind === 'number') total += parsed.value;
    }
  }
  return total;
}

function toNumberText(f: Fixed): string {
  return format(f, 6).replace(/\.?0+$/, '');
}

function toActual(cell: RawCell): number | string | null {
  return typeof cell.value === 'number' || typeof cell.value === 'string' ? cell.value : cell.value === null ? null : String(cell.value);
}

