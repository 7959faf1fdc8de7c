import type { CellLoc } from '../domain/findings';
import type { WorkbookSnapshot } from './grid';
import type { Plan } from './plan';

/** What a host can do beyond ExcelApi 1.7; the pane says what is unavailable instead of failing. */
export interface HostCapabilities {
  dataValidation: boolean; // ExcelApi 1.8
  notes: boolean; // ExcelApi 1.18
  undoGrouping: boolean; // ExcelApi 1.20
  changeEvents: boolean; // worksheet onChanged, ExcelApi 1.7
  /** Merged areas can be read (Range.getMergedAreasOrNullObject, ExcelApi 1.13), so plans are checked against them. */
  merges?: boolean;
}

/** A cell to mark and the finding's text, shown as a note where the host has notes. */
export interface MarkRequest extends CellLoc {
  text?: string;
}

/** What changed in the workbook, as far as the host says (the pane re-checks either way). */
export type WorkbookChange = 'cells' | 'sheets';

export interface ReadOptions {
  /** A background re-check: wait for the person to finish editing a cell rather than fail. */
  live?: boolean;
}

/**
 * A workbook the faces talk to, implemented by the Office.js adapter (live Excel) and the ExcelJS adapter (files).
 * Round trips (Office.js): `read` is one sync in steady state, `apply` one, `mark` one, `clearMarks` one.
 */
export interface WorkbookPort {
  read(options?: ReadOptions): Promise<WorkbookSnapshot>;
  apply(plan: Plan): Promise<void>;
  /** Applies and reads back in one round trip where the host can (Office.js); otherwise apply, then read. */
  applyAndRead?(plan: Plan): Promise<WorkbookSnapshot>;
  select(loc: CellLoc): Promise<void>;
  /** Marks the cells with formats the add-in owns (removed by identity, nothing read back), replacing earlier marks. */
  mark(cells: MarkRequest[]): Promise<void>;
  /** Removes the marks (only those on `cells` when given), leaving the cells exactly as they were before. */
  clearMarks(cells?: CellLoc[], options?: { live?: boolean }): Promise<void>;
  /** Cells marked now. */
  markedCells?(): CellLoc[];
  capabilities(): HostCapabilities;
  /** The workbook's file name, for the reviewer's sheet; null when the workbook is not saved yet or the host cannot say. */
  documentName?(): string | null;
  /**
   * Calls back when a person (or another add-in) changes cells or sheets; never for this add-in's own writes. Returns an
   * unsubscribe function.
   */
  onChange?(listener: (change: WorkbookChange) => void): Promise<() => void>;
}
