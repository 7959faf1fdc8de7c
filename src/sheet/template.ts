import type { Lang } from '../domain/findings';
import type { Program, ProgramItem } from '../domain/programs/schema';
import { quoteWithoutNoteNumber } from '../domain/programs';
import { SETTING_KEYS, columnLetter } from './grid';
import { type CellContent, type CellFormat, type Plan, type PlanOp, formula, text } from './plan';
import {
  AMOUNT_FORMAT,
  BREACH_FORMAT,
  HEADER_LABELS,
  PERCENT_FORMAT,
  PERCENT_LABEL,
  TEMPLATE_TITLE,
  TOTAL_LABEL,
  UNIT_LABEL,
  type TemplateColumn,
  type TemplateLayout,
  freeTemplateSheetName,
  layoutCell,
  recordedTemplateSheets,
  templateFormulas,
  templateLayout,
} from './template-layout';

export * from './template-layout';

/**
 * The official 經費預算表 (SPEC §3) as a plan: a new sheet with live formulas, formats, validation and conditional
 * formatting, so the table stays right and shows breaches even in an Excel without the add-in.
 */

const HEADER_FILL = '#D9E1F2';

const MESSAGES = {
  'zh-TW': {
    planTitle: (program: Program, sheet: string) => `新增「${sheet}」工作表（${program.name['zh-TW']}）`,
    amountTitle: '金額須為整數',
    amountMessage: '請輸入 0 以上的整數金額（單位：千元）。',
    amountPromptTitle: '金額（千元）',
    amountPrompt: '請輸入 0 以上的整數，單位為千元。',
    selfOnlyTitle: '僅能編列於業者自籌款',
    selfOnlyMessage: (item: ProgramItem) =>
      `${item.label}僅能編列於業者自籌款（政府補助款須為 0）。依據：「${quoteWithoutNoteNumber(item.citation?.quote ?? '')}」`,
    selfOnlyPrompt: (item: ProgramItem) => `${item.label}不得編列政府補助款，請留空或填 0。`,
  },
  en: {
    planTitle: (program: Program, sheet: string) => `Add the sheet "${sheet}" (${program.name.en})`,
    amountTitle: 'Whole amount required',
    amountMessage: 'Enter a whole amount of 0 or more, in NT$ thousand (千元).',
    amountPromptTitle: 'Amount (千元)',
    amountPrompt: 'A whole number of 0 or more, in NT$ thousand.',
    selfOnlyTitle: 'Self-funded only',
    selfOnlyMessage: (item: ProgramItem) =>
      `${item.en} (${item.label}) may only be funded by the applicant (業者自籌款); 政府補助款 must be 0. Rule: "${quoteWithoutNoteNumber(item.citation?.quote ?? '')}"`,
    selfOnlyPrompt: (item: ProgramItem) => `${item.label}: no government subsidy allowed; leave blank or enter 0.`,
  },
} as const;

/** How one sheet of a plan of several companies differs from the single applicant's table. */
export interface TemplateOptions {
  /** The sheet's name (a company's, 總表) instead of the next free 經費預算表 name; the caller keeps names unique. */
  sheet?: string;
  /** The title above the table (e.g. 「中心廠 經費預算表」). */
  title?: string;
  /** false on a company's own table: the plan's share and caps are judged on the 總表, so they are not marked here. */
  planLimits?: boolean;
  /** A formula for an item's 政府補助款 or 業者自籌款 cell (the 總表 sums the companies); the amount stays typed otherwise. */
  itemFormula?: (row: number, column: 'gov' | 'self') => string | null;
}

/**
 * The plan that adds a new template sheet for `program`. `settings` are the workbook's stored settings (from the
 * snapshot), so the list of template sheets is extended rather than replaced.
 */
export function buildTemplatePlan(
  program: Program,
  existingSheetNames: string[],
  lang: Lang = 'zh-TW',
  settings: Record<string, string> = {},
  options: TemplateOptions = {},
): { plan: Plan; sheet: string; layout: TemplateLayout } {
  const m = MESSAGES[lang];
  const sheet = options.sheet ?? freeTemplateSheetName(existingSheetNames);
  const layout = templateLayout(program, sheet);
  const { columns } = layout;
  const cell = (row: number, column: TemplateColumn, absolute = false) => layoutCell(layout, row, column, absolute);
  const rowRange = (row: number, from: TemplateColumn, to: TemplateColumn) => `${cell(row, from)}:${cell(row, to)}`;
  const first = layout.items[0].row;
  const last = layout.items[layout.items.length - 1].row;
  const ops: PlanOp[] = [{ op: 'addSheet', sheet }];
  const write = (a1: string, content: CellContent) => ops.push({ op: 'write', sheet, cell: a1, content });
  const format = (range: string, f: CellFormat) => ops.push({ op: 'format', sheet, range, format: f });

  // Title and unit.
  write(cell(layout.titleRow, 'label'), text(options.title ?? TEMPLATE_TITLE));
  ops.push({ op: 'merge', sheet, range: rowRange(layout.titleRow, 'label', 'percent') });
  format(rowRange(layout.titleRow, 'label', 'percent'), {
    bold: true,
    fontSize: 16,
    horizontalAlignment: 'center',
    verticalAlignment: 'center',
  });
  write(cell(layout.unitRow, 'percent'), text(UNIT_LABEL));
  format(cell(layout.unitRow, 'percent'), { horizontalAlignment: 'right' });

  // Header.
  (['label', 'gov', 'self', 'total', 'percent'] as const).forEach((column, index) =>
    write(cell(layout.headerRow, column), text(HEADER_LABELS[index])),
  );
  format(rowRange(layout.headerRow, 'label', 'percent'), {
    bold: true,
    fill: HEADER_FILL,
    horizontalAlignment: 'center',
    verticalAlignment: 'center',
    wrap: true,
  });

  // Items, totals and percentages: labels as text, every computed cell a live formula.
  for (const item of layout.items) {
    write(cell(item.row, 'label'), text(item.label));
    for (const column of ['gov', 'self'] as const) {
      const f = options.itemFormula?.(item.row, column);
      if (f) write(cell(item.row, column), formula(f));
    }
  }
  write(cell(layout.totalRow, 'label'), text(TOTAL_LABEL));
  write(cell(layout.percentRow, 'label'), text(PERCENT_LABEL));
  for (const f of templateFormulas(layout)) write(f.cell, formula(f.formula));

  format(`${cell(first, 'gov')}:${cell(layout.totalRow, 'total')}`, {
    numberFormat: AMOUNT_FORMAT,
    horizontalAlignment: 'right',
  });
  format(`${cell(first, 'percent')}:${cell(last, 'percent')}`, {
    numberFormat: PERCENT_FORMAT,
    horizontalAlignment: 'right',
  });
  format(rowRange(layout.percentRow, 'gov', 'total'), { numberFormat: PERCENT_FORMAT, horizontalAlignment: 'right' });
  format(`${cell(layout.totalRow, 'label')}:${cell(layout.percentRow, 'percent')}`, { bold: true });
  format(`${cell(layout.headerRow, 'label')}:${cell(layout.percentRow, 'percent')}`, { border: { style: 'thin' } });

  // Notes: 註1：…, merged across the table so long rules wrap inside the printed width.
  layout.noteRows.forEach((row, index) => {
    write(cell(row, 'label'), text(`註${index + 1}：${program.notes[index]}`));
    ops.push({ op: 'merge', sheet, range: rowRange(row, 'label', 'percent') });
    format(rowRange(row, 'label', 'percent'), { wrap: true, verticalAlignment: 'top' });
  });

  ops.push({ op: 'columnWidth', sheet, column: columnLetter(columns.label), width: 24 });
  for (const column of ['gov', 'self', 'total'] as const) {
    ops.push({ op: 'columnWidth', sheet, column: columnLetter(columns[column]), width: 14 });
  }
  ops.push({ op: 'columnWidth', sheet, column: columnLetter(columns.percent), width: 18 });

  // Validation: whole amounts ≥ 0; self-only items' 政府補助款 only 0 or blank, saying which rule forbids it.
  const amountValidation = (range: string): PlanOp => ({
    op: 'validation',
    sheet,
    range,
    rule: { type: 'wholeNumber', min: 0 },
    error: { title: m.amountTitle, message: m.amountMessage },
    prompt: { title: m.amountPromptTitle, message: m.amountPrompt },
  });
  ops.push(amountValidation(`${cell(first, 'self')}:${cell(last, 'self')}`));
  const byGov = (gov: ProgramItem['gov']) =>
    program.items.flatMap((item, index) => (item.gov === gov ? [{ item, row: layout.items[index].row }] : []));
  for (const run of contiguousRuns(byGov('allowed').map((x) => x.row))) {
    ops.push(amountValidation(`${cell(run.from, 'gov')}:${cell(run.to, 'gov')}`));
  }
  for (const { item, row } of byGov('self-only')) {
    ops.push({
      op: 'validation',
      sheet,
      range: cell(row, 'gov'),
      rule: { type: 'wholeNumber', min: 0, max: 0 },
      error: { title: m.selfOnlyTitle, message: m.selfOnlyMessage(item) },
      prompt: { title: m.selfOnlyTitle, message: m.selfOnlyPrompt(item) },
    });
  }

  // Conditional formatting: the breach shows red in any Excel. Comparisons are scaled (×100) so no 0.5-style float
  // literal is involved.
  const govTotal = cell(layout.totalRow, 'gov', true);
  const grand = cell(layout.totalRow, 'total', true);
  const red = (range: string, f: string) =>
    ops.push({ op: 'conditionalFormat', sheet, range, formula: f, format: { ...BREACH_FORMAT } });
  // The share as its exact ratio n/d (G·d > T·n), so 1/3 is judged as 3·G > T, never as 33.3 %.
  const planLimits = options.planLimits ?? true;
  if (planLimits && program.govShare) red(cell(layout.totalRow, 'gov'), `=${govTotal}*${program.govShare.ratio.den}>${grand}*${program.govShare.ratio.num}`);
  if (planLimits && program.subsidyCap) red(cell(layout.totalRow, 'gov'), `=${govTotal}>${program.subsidyCap.amount}`);
  program.items.forEach((item, index) => {
    const row = layout.items[index].row;
    if (planLimits && item.cap) {
      const capped = cell(row, item.cap.base === 'gov' ? 'gov' : 'total', true);
      red(capped.replace(/\$/g, ''), `=${capped}*${item.cap.ratio.den}>${grand}*${item.cap.ratio.num}`);
    }
    if (item.gov === 'self-only') {
      const gov = cell(row, 'gov', true);
      red(cell(row, 'gov'), `=AND(${gov}<>"",${gov}<>0)`);
    }
  });

  ops.push({ op: 'pageSetup', sheet, landscape: false, printArea: layout.printArea, fitToWidth: true });

  const templates = recordedTemplateSheets(settings).filter(
    (name) => existingSheetNames.includes(name) && name !== sheet,
  );
  ops.push({ op: 'setting', key: SETTING_KEYS.program, value: program.id });
  ops.push({ op: 'setting', key: SETTING_KEYS.templates, value: JSON.stringify([...templates, sheet]) });
  ops.push({ op: 'activate', sheet, cell: cell(first, 'gov') });

  return { plan: { title: m.planTitle(program, sheet), ops }, sheet, layout };
}

function contiguousRuns(rows: number[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const lastRun = runs[runs.length - 1];
    if (lastRun && lastRun.to === row - 1) lastRun.to = row;
    else runs.push({ from: row, to: row });
  }
  return runs;
}
