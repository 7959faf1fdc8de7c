/**
 * The 預期效益 rules (SPEC §5): economic-benefits-min, technical-benefits-min, lowcarbon-benefit-required (or
 * target-unknown when the target is not known), benefit-percent-mismatch, benefit-outside-typical-range.
 */
import { finding, findingCollector, t, type CellLoc, type Finding, type Lang } from '../findings';
import { type Fixed, SCALE, abs, comparePercentDistance, format, percentOf, round, toNumber } from '../money';
import type { Target } from '../programs/schema';
import type { BenefitItemInput, BenefitQuantity, BenefitTableInput, BenefitTablesInput } from './input';
import { isFilled } from './parse';
import {
  type BenefitItemDef,
  type TypicalRange,
  TYPICAL_RANGES,
  benefitItem,
  formCitation,
} from './items';

export const MIN_ECONOMIC_ITEMS = 2;
export const MIN_TECHNICAL_ITEMS = 2;

export interface BenefitRuleOptions {
  /** 補助標的; null when unknown (then the low-carbon requirement is reported as `target-unknown` info). */
  target: Target | null;
  lang?: Lang;
  /** 新增投資 the budget implies (億元), offered as a fix when economic items are missing. */
  expectedNewInvestment?: Fixed | null;
  /**
   * When the workbook has no benefit table at all: true reports both minimum rules (a workbook that must carry the
   * tables), false reports nothing (the tables are often in the Word application instead). Default false.
   */
  tablesRequired?: boolean;
}


/** Shows a Fixed with as many decimals as it has (up to 4), with thousands separators. */
function show(f: Fixed): string {
  for (let d = 0; d <= 4; d++) if (round(f, d) === f) return format(f, d);
  return format(f, 4);
}

/** What rounding the stated number tolerates: half a unit of its last decimal, but never less than 0.05. */
function tolerance(q: BenefitQuantity): Fixed {
  return q.decimals === 0 ? SCALE / 2n : SCALE / 20n;
}

export function checkBenefitTables(input: BenefitTablesInput, options: BenefitRuleOptions): Finding[] {
  const lang = options.lang ?? 'zh-TW';
  const findings: Finding[] = [];
  const add = findingCollector(findings);

  if (input.tables.length === 0 && !options.tablesRequired) return findings;

  const economicTables = input.tables.filter((tb) => tb.section === 'economic');
  const technicalTables = input.tables.filter((tb) => tb.section !== 'economic');
  const firstTitle = (tables: BenefitTableInput[]) =>
    tables.find((tb) => tb.title)?.title ?? tables.flatMap((tb) => tb.items)[0]?.labelLoc ?? null;
  const allItems = input.tables.flatMap((tb) => tb.items);
  const filled = (tables: BenefitTableInput[]) => tables.flatMap((tb) => tb.items).filter(isFilled);

  // 經濟效益 ≥ 2
  const economicFilled = filled(economicTables);
  if (economicFilled.length < MIN_ECONOMIC_ITEMS) {
    const loc = firstTitle(economicTables) ?? input.heading;
    const investmentFilled = economicFilled.some((i) => i.id === 'new-investment');
    const budgetHint =
      !investmentFilled && options.expectedNewInvestment
        ? t(
            lang,
            `；新增投資可依經費預算表設備項目預填 ${show(options.expectedNewInvestment)} 億元`,
            `; 新增投資 can be pre-filled from the budget's equipment lines: ${show(options.expectedNewInvestment)} 億元`,
          )
        : '';
    add(
      'economic-benefits-min',
      loc,
      economicTables.length === 0
        ? t(lang, '找不到「經濟效益」表；經濟效益須至少填寫 2 項。', 'No 經濟效益 (economic benefits) table found; at least 2 economic benefits are required.')
        : t(
            lang,
            `經濟效益僅填寫 ${economicFilled.length} 項，須至少 2 項。`,
            `Only ${economicFilled.length} economic benefit(s) filled; at least 2 are required.`,
          ),
      {
        expected: MIN_ECONOMIC_ITEMS,
        actual: economicFilled.length,
        advice:
          t(
            lang,
            '請填寫新增投資、降低成本、增加就業人數、增加產值中至少 2 項（亦可自行增列）',
            'Fill at least 2 of 新增投資, 降低成本, 增加就業人數, 增加產值 (or add your own rows)',
          ) + budgetHint,
      },
    );
  }

  // 技術效益 ≥ 2
  const technicalFilled = filled(technicalTables);
  if (technicalFilled.length < MIN_TECHNICAL_ITEMS) {
    const loc = input.technicalTitle ?? firstTitle(technicalTables) ?? input.heading;
    const targetTable =
      options.target === 'lowcarbon'
        ? t(lang, '（一）低碳化', '(一) 低碳化 (low-carbon)')
        : options.target === 'smart'
          ? t(lang, '（二）智慧化', '(二) 智慧化 (smart)')
          : t(lang, '依申請標的之', "the application target's");
    add(
      'technical-benefits-min',
      loc,
      technicalTables.length === 0
        ? t(lang, '找不到「技術效益」表；技術效益須至少填寫 2 項。', 'No 技術效益 (technical benefits) table found; at least 2 technical benefits are required.')
        : t(
            lang,
            `技術效益僅填寫 ${technicalFilled.length} 項，須至少 2 項。`,
            `Only ${technicalFilled.length} technical benefit(s) filled; at least 2 are required.`,
          ),
      {
        expected: MIN_TECHNICAL_ITEMS,
        actual: technicalFilled.length,
        advice: t(lang, `請於${targetTable}技術效益表填寫至少 2 項（亦可自行增列）`, `Fill at least 2 items of ${targetTable} technical table (or add your own rows)`),
      },
    );
  }

  // 低碳化: 減少碳排放量 or 減少用電量
  const lowcarbonClaimed = allItems.some((i) => (i.id === 'carbon' || i.id === 'electricity') && isFilled(i));
  if (!lowcarbonClaimed && options.target !== 'smart') {
    const lowcarbonTables = input.tables.filter((tb) => tb.section === 'lowcarbon');
    const loc = firstTitle(lowcarbonTables) ?? input.technicalTitle ?? firstTitle(technicalTables) ?? input.heading;
    if (options.target === 'lowcarbon') {
      add(
        'lowcarbon-benefit-required',
        loc,
        t(
          lang,
          '申請低碳化標的，須至少填寫「減少碳排放量」或「減少用電量」其中 1 項。',
          'A low-carbon (低碳化) application must state 減少碳排放量 (carbon reduction) or 減少用電量 (electricity saved).',
        ),
        {
          advice: t(
            lang,
            '請填寫減少碳排放量（公噸 CO2e；減碳 %）或減少用電量（度電；節電率 %），並附委外驗證單位之驗證報告',
            'State the carbon reduction (t CO2e; %) or the electricity saved (kWh; %), backed by a third-party verification report',
          ),
        },
      );
    } else {
      add(
        'target-unknown',
        loc,
        t(
          lang,
          '無法判斷申請標的（低碳化／智慧化），未檢查低碳化效益；若申請低碳化，須至少填寫「減少碳排放量」或「減少用電量」其中 1 項。',
          'The application target (low-carbon / smart) is unknown, so the low-carbon requirement was not checked; a low-carbon application must state 減少碳排放量 or 減少用電量.',
        ),
        {
          advice: t(lang, '於基本資料勾選申請標的，或以 --target 指定', 'Tick the target in 基本資料, or pass --target'),
        },
      );
    }
  }

  for (const item of allItems) {
    if (!item.id) continue;
    const def = benefitItem(item.id);
    findings.push(...percentMismatches(item, def, lang));
    findings.push(...outsideRanges(item, lang));
  }
  return findings;
}

function mismatch(
  loc: CellLoc | null,
  message: string,
  extra: Partial<Pick<Finding, 'expected' | 'actual' | 'advice'>>,
  def: BenefitItemDef,
): Finding {
  return finding('benefit-percent-mismatch', loc, message, { ...extra, citation: formCitation(def) });
}

/** Checks what can be checked: a stated % against the numbers beside it. */
function percentMismatches(item: BenefitItemInput, def: BenefitItemDef, lang: Lang): Finding[] {
  const out: Finding[] = [];
  const s = item.slots;
  const oneDecimal = (f: Fixed) => toNumber(round(f, 1));

  if (def.id === 'carbon' || def.id === 'electricity') {
    const { amount, percent, baseline } = s;
    const what = def.id === 'carbon' ? t(lang, '減碳', 'carbon reduction') : t(lang, '節電率', 'saving rate');
    if (percent && percent.value > 100n * SCALE) {
      out.push(
        mismatch(percent.loc, t(lang, `${def.label}：${what} ${percent.stated} 超過 100%。`, `${def.label}: ${what} ${percent.stated} exceeds 100%.`), { actual: toNumber(percent.value), advice: t(lang, '請確認百分比', 'Check the percentage') }, def),
      );
    } else if (amount && percent && baseline && baseline.value !== 0n) {
      if (comparePercentDistance(percent.value, amount.value, baseline.value, tolerance(percent)) > 0) {
        const expected = percentOf(amount.value, baseline.value)!;
        out.push(
          mismatch(
            percent.loc,
            t(
              lang,
              `${def.label}：${what} ${percent.stated} 與 ${amount.stated} ÷ 基準 ${baseline.stated} = ${format(expected, 1)}% 不符。`,
              `${def.label}: ${what} ${percent.stated} disagrees with ${amount.stated} ÷ baseline ${baseline.stated} = ${format(expected, 1)}%.`,
            ),
            { expected: oneDecimal(expected), actual: toNumber(percent.value), advice: t(lang, `改為 ${format(expected, 1)}%，或修正數量／基準值`, `Use ${format(expected, 1)}%, or correct the amount or baseline`) },
            def,
          ),
        );
      }
    }
  }

  if (def.id === 'oee' || def.id === 'yield' || def.id === 'delivery') {
    const { value, improvement, baseline } = s;
    if (value && value.value > 100n * SCALE) {
      out.push(mismatch(value.loc, t(lang, `${def.label} ${value.stated} 超過 100%。`, `${def.label} ${value.stated} exceeds 100%.`), { actual: toNumber(value.value), advice: t(lang, '比率不會超過 100%，請確認', 'A rate cannot exceed 100%; check it') }, def));
    } else if (value && improvement && baseline) {
      const method = improvement.points ? 'points' : item.method;
      const diff = value.value - baseline.value;
      const tol = tolerance(improvement);
      const pointsOk = abs(improvement.value - diff) <= tol;
      const relativeOk = baseline.value !== 0n && comparePercentDistance(improvement.value, diff, baseline.value, tol) <= 0;
      const relative = baseline.value !== 0n ? percentOf(diff, baseline.value)! : null;
      const ok = method === 'points' ? pointsOk : method === 'relative' ? relativeOk : pointsOk || relativeOk;
      if (!ok) {
        const pointsText = t(lang, `${format(diff, 1)} 個百分點`, `${format(diff, 1)} percentage points`);
        const relativeText = relative === null ? '' : t(lang, `相對提升 ${format(relative, 1)}%`, `${format(relative, 1)}% relative`);
        const expectedText = method === 'points' ? pointsText : method === 'relative' ? relativeText : [pointsText, relativeText].filter(Boolean).join(t(lang, '或', ' or '));
        out.push(
          mismatch(
            improvement.loc,
            t(
              lang,
              `${def.label}：相較提升 ${improvement.stated} 與導入前 ${baseline.stated}、導入後 ${value.stated} 不符（應為${expectedText}）。`,
              `${def.label}: improvement ${improvement.stated} disagrees with before ${baseline.stated} and after ${value.stated} (expected ${expectedText}).`,
            ),
            {
              expected: method === 'relative' && relative !== null ? oneDecimal(relative) : oneDecimal(diff),
              actual: toNumber(improvement.value),
              advice: t(lang, '修正相較提升，並註明以百分點或相對提升計算', 'Correct the improvement and state whether it is in percentage points or relative'),
            },
            def,
          ),
        );
      }
    }
  }

  if (def.id === 'line-staff') {
    const { before, after, reduction } = s;
    if (before && after && after.value >= before.value) {
      out.push(
        mismatch(
          after.loc,
          t(lang, `減少產線人力：由 ${show(before.value)} 人「減為」${show(after.value)} 人並未減少。`, `Production-line staff: from ${show(before.value)} to ${show(after.value)} is not a reduction.`),
          { actual: toNumber(after.value), advice: t(lang, '減為之人數應少於原人數', 'The staff after must be fewer than before') },
          def,
        ),
      );
    } else if (before && after && reduction && reduction.value !== before.value - after.value) {
      const expected = before.value - after.value;
      out.push(
        mismatch(
          reduction.loc,
          t(lang, `減少產線人力：減少 ${show(reduction.value)} 人與由 ${show(before.value)} 人減為 ${show(after.value)} 人（${show(expected)} 人）不符。`, `Production-line staff: a reduction of ${show(reduction.value)} disagrees with ${show(before.value)} → ${show(after.value)} (${show(expected)}).`),
          { expected: toNumber(expected), actual: toNumber(reduction.value), advice: t(lang, `改為 ${show(expected)} 人`, `Use ${show(expected)}`) },
          def,
        ),
      );
    }
  }
  return out;
}

/** The figure a typical range applies to, with the cell it is in. */
function measured(item: BenefitItemInput, range: TypicalRange): { value: Fixed; loc: CellLoc | null } | null {
  const s = item.slots;
  if (range.measure === 'percent') return s.percent ? { value: s.percent.value, loc: s.percent.loc } : null;
  if (range.measure === 'improvement') return s.improvement ? { value: s.improvement.value, loc: s.improvement.loc } : null;
  if (s.before && s.after) return { value: s.before.value - s.after.value, loc: s.after.loc };
  return s.reduction ? { value: s.reduction.value, loc: s.reduction.loc } : null;
}

function outsideRanges(item: BenefitItemInput, lang: Lang): Finding[] {
  const out: Finding[] = [];
  for (const range of TYPICAL_RANGES.filter((r) => r.item === item.id)) {
    const m = measured(item, range);
    if (!m || m.value <= 0n) continue;
    const min = BigInt(range.min) * SCALE;
    const max = BigInt(range.max) * SCALE;
    if (m.value >= min && m.value <= max) continue;
    const def = benefitItem(range.item);
    const figure = range.unit === '人' ? `${show(m.value)} 人` : `${show(m.value)}%`;
    const span = `${range.min}–${range.max}${range.unit === '人' ? ' 人' : '%'}`;
    const what = {
      percent: t(lang, def.id === 'carbon' ? '減碳' : '節電率', def.id === 'carbon' ? 'carbon reduction' : 'saving rate'),
      improvement: t(lang, '相較提升', 'improvement'),
      'staff-reduction': t(lang, '減少人數', 'staff reduction'),
    }[range.measure];
    const verification = range.needsVerification
      ? t(lang, '減碳或節電效益須附委外驗證單位開立之對比數據驗證報告。', 'Carbon and power claims need a third-party verification report with before/after data.')
      : '';
    const direction = m.value > max ? t(lang, '高於', 'above') : t(lang, '低於', 'below');
    const message =
      t(
        lang,
        `${def.label}：${what} ${figure}${direction}常見範圍 ${span}，審查時宜附佐證。`,
        `${def.label}: ${what} ${figure} is ${direction} the typical ${span}; reviewers will expect support for it.`,
      ) + (verification ? (lang === 'en' ? ' ' : '') + verification : '');
    out.push(
      finding('benefit-outside-typical-range', m.loc ?? null, message, {
        expected: `${range.min}–${range.max}`,
        actual: toNumber(m.value),
        advice: t(lang, '確認估算依據並附佐證資料', 'Check the estimate and attach the evidence'),
        citation: range.citation,
      }),
    );
  }
  return out;
}

/** Used by the plan and tests: the item rows a table counts as filled. */
export function filledItems(table: BenefitTableInput): BenefitItemInput[] {
  return table.items.filter(isFilled);
}
