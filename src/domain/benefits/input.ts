import type { CellLoc } from '../findings';
import type { Fixed } from '../money';
import type { BenefitItemId, BenefitSection, BenefitSlot, QuantityKind } from './items';

/** How 相較提升 is measured: percentage points (after − before) or relative change ((after − before) ÷ before). */
export type ImprovementMethod = 'points' | 'relative';

/** A number read from a benefit cell, converted to its kind's official unit (億元, 人, %, 公噸 CO2e, 度電). */
export interface BenefitQuantity {
  value: Fixed;
  /** Null when the number has no unit beside it. */
  kind: QuantityKind | null;
  /** The number and unit as written ("5,000 萬元", "12 %"). */
  stated: string;
  /** Decimal places as written (12 → 0, 12.5 → 1); a percent-formatted 0.125 counts as 1. */
  decimals: number;
  /** The cell the number is in; null for numbers that came from no cell (tests, computed input). */
  loc: CellLoc | null;
  /** Written as 百分點 / 個百分點. */
  points: boolean;
}

/** One row of a benefit table: an official item or a custom row (可自行增列). */
export interface BenefitItemInput {
  /** Official item, or null for a custom row. */
  id: BenefitItemId | null;
  label: string;
  labelLoc: CellLoc;
  section: BenefitSection;
  /** Numbers assigned to the item's blanks. */
  slots: Partial<Record<BenefitSlot, BenefitQuantity>>;
  /** Numbers that fit no blank (all numbers of a custom row). */
  extras: BenefitQuantity[];
  /** The 相較提升 method the row names (百分點 / 相對), or null. */
  method: ImprovementMethod | null;
  /** The 效益 cells of the row, left to right (empty ones included when they sit between filled ones). */
  effectCells: CellLoc[];
  /** The row's 效益 text as read (cells joined by spaces), for messages. */
  text: string;
}

/** One located table: 經濟效益, (一) 低碳化, (二) 智慧化, or a 技術效益 block without sub-headings. */
export interface BenefitTableInput {
  section: BenefitSection;
  /** The table's title cell ("一、經濟效益"); null when the items stand without a title. */
  title: CellLoc | null;
  items: BenefitItemInput[];
}

/** The 預期效益 tables found in a workbook, before any rule is applied. */
export interface BenefitTablesInput {
  /** "陸、預期效益" heading, when present. */
  heading: CellLoc | null;
  /** "二、技術效益" heading, when present. */
  technicalTitle: CellLoc | null;
  tables: BenefitTableInput[];
}
