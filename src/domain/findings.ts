import type { Citation } from './programs/schema';
import { ruleEntry, type RuleId, type Severity } from './rules/catalogue';

export type Lang = 'zh-TW' | 'en';

export type { RuleId, Severity } from './rules/catalogue';

/** A cell in the workbook: sheet name and A1 address without sheet prefix. */
export interface CellLoc {
  sheet: string;
  cell: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  message: string;
  /** The value the cell should hold, where one can be computed. */
  expected?: number | string;
  actual?: number | string | null;
  /** What to do about it, in the finding's language (all routes, e.g. "減少 150 千元，或將 105 千元改列業者自籌款"). */
  advice?: string;
  /**
   * The mechanical remedy as data (SPEC §5), the first route: cell changes that, applied together, clear this finding
   * and create no new error. Amounts are whole numbers in the table's own unit, as they would be typed.
   */
  fix?: CellChange[];
  /** Every route when there is more than one (the first equals `fix`), each with its own wording. */
  routes?: FixRoute[];
  citation?: Citation;
  /** Every cell a finding covers when repeated slips of one kind in one table are reported once (`cell` is the first). */
  cells?: string[];
  /** In a plan of several companies, the company whose table the finding is in (absent: the plan, or one applicant). */
  company?: string;
  /**
   * Where the finding is in a text document (.docx/.odt), in the finding's language ("表 3 第 5 列第 2 欄"): reports
   * show it in place of the sheet and cell, which are the table's grid (表3!B6) and mean nothing in Word.
   */
  place?: string;
}

/**
 * One cell of a fix: what it holds now and what it should hold (`null` = empty). `to` is a formula only when `formula`
 * is set — a formula the add-in composed from cell references it chose. Any other string is text, even one starting
 * with =, +, - or @ (it may come from the workbook: SPEC §7, never turn user text into a formula).
 */
export interface CellChange {
  sheet: string;
  cell: string;
  from: number | string | null;
  to: number | string | null;
  formula?: true;
}

/** Whether a change writes a formula the add-in composed (never a value that came from the workbook). */
export const writesFormula = (change: CellChange): change is CellChange & { to: string; formula: true } =>
  change.formula === true && typeof change.to === 'string';

export interface FixRoute {
  advice: string;
  changes: CellChange[];
  /**
   * What the route does, so it can be planned again from a changed sheet with the same intent: `move` shifts subsidy
   * to self-funding (item totals and 總經費 kept), `cut` lowers costs (the project shrinks); absent for other fixes.
   */
  kind?: FixRouteKind;
}

export type FixRouteKind = 'move' | 'cut';

/** `severity` only where a program says its limit is a principle (為原則): reported as a warning, not an error. */
export type FindingDetails = Partial<Pick<Finding, 'expected' | 'actual' | 'advice' | 'fix' | 'routes' | 'citation' | 'cells' | 'severity'>>;

/**
 * A finding of `rule` at `loc` (null: about the whole workbook, or `fallbackSheet`), at the rule's catalogued severity
 * and with its catalogued citation unless `details` gives others.
 */
export function finding(rule: RuleId, loc: CellLoc | null, message: string, details: FindingDetails = {}, fallbackSheet: string | null = null): Finding {
  const { severity, citation } = ruleEntry(rule);
  return { rule, severity, sheet: loc?.sheet ?? fallbackSheet, cell: loc?.cell ?? null, message, ...details, ...(citation && !details.citation ? { citation } : {}) };
}

/** Returns `add(rule, loc, message, details)` pushing a `finding` onto `findings`. */
export function findingCollector(findings: Finding[], fallbackSheet: string | null = null) {
  return (rule: RuleId, loc: CellLoc | null, message: string, details: FindingDetails = {}): void => {
    findings.push(finding(rule, loc, message, details, fallbackSheet));
  };
}

type SlipRef = Pick<Finding, 'rule' | 'sheet' | 'cell' | 'cells'>;

/** The cells a finding covers: every cell a grouped finding lists, else its own. */
export function coveredCells(f: SlipRef): string[] {
  return f.cells ?? (f.cell === null ? [] : [f.cell]);
}

/**
 * Whether `a` and `b` report the same slip: same rule and sheet, and the same cell or a covered cell in common (a
 * grouped finding whose first cell was fixed, now led by another of its cells, is still that finding).
 */
export function sameSlip(a: SlipRef, b: SlipRef): boolean {
  if (a.rule !== b.rule || a.sheet !== b.sheet) return false;
  if (a.cell === b.cell) return true;
  const cells = new Set(coveredCells(a));
  return coveredCells(b).some((c) => cells.has(c));
}

/** Picks the zh-TW or English text of a message written inline as a pair. */
export const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}
