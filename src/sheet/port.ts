import type { CellLoc } from '../domain/findings';
import type { WorkbookSnapshot } from './grid';
import type { Plan } from './plan';

/** What a host can do beyond ExcelApi 1.7; the pane says what is unavailable instead of failing. */
export interface HostCapabilities {
  dataValidation: boolean; // ExcelApi 1.8
  notes: boolean; // ExcelApi 1.18
  undoGrouping: boolean; // ExcelApi 1.20
  changeEvents: boolean; // worksheet onChanged, ExcelApi 1.7
}

/**
 * A workbook the faces talk to, implemented by the Office.js adapter (live Excel) and the ExcelJS adapter (files).
 * Round trips: `read` is one sync, `apply` one, `mark` one.
 */
export interface WorkbookPort {
  read(): Promise<WorkbookSnapshot>;
  apply(plan: Plan): Promise<void>;
  select(loc: CellLoc): Promise<void>;
  /** Highlights the cells and remembers their previous formatting so `clearMarks` restores exactly that. */
  mark(cells: CellLoc[]): Promise<void>;
  clearMarks(): Promise<void>;
  capabilities(): HostCapabilities;
  /** Calls back (debounced by the caller) when a sheet's cells change; returns an unsubscribe function. */
  onChange?(listener: () => void): Promise<() => void>;
}
