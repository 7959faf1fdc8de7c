import type { CellLoc } from '../../src/domain/findings';
import type { WorkbookSnapshot } from '../../src/sheet/grid';
import type { Plan } from '../../src/sheet/plan';
import type { HostCapabilities, WorkbookPort } from '../../src/sheet/port';
import { HyperFormulaWorkbook } from '../sheet/hyperformula-workbook';

/**
 * A WorkbookPort over a HyperFormula workbook, counting round trips, so the session's behaviour (one read per check,
 * one write per confirmed plan, own writes not re-triggering checks) is tested without Office.
 */
export class MemoryPort implements WorkbookPort {
  reads = 0;
  applied: Plan[] = [];
  selected: CellLoc | null = null;
  marks: CellLoc[] = [];
  private listeners = new Set<() => void>();
  failNext: unknown = null;

  constructor(
    readonly workbook = new HyperFormulaWorkbook(),
    private readonly caps: Partial<HostCapabilities> = {},
  ) {}

  private maybeFail(): void {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
  }

  async read(): Promise<WorkbookSnapshot> {
    this.maybeFail();
    this.reads++;
    return this.workbook.snapshot();
  }

  async apply(plan: Plan): Promise<void> {
    this.maybeFail();
    this.workbook.apply(plan);
    this.applied.push(plan);
    this.emit(); // Excel reports our own writes as changes too.
  }

  async select(loc: CellLoc): Promise<void> {
    this.maybeFail();
    this.selected = loc;
  }

  async mark(cells: CellLoc[]): Promise<void> {
    this.maybeFail();
    this.marks = cells;
    this.emit();
  }

  async clearMarks(): Promise<void> {
    this.maybeFail();
    this.marks = [];
    this.emit();
  }

  capabilities(): HostCapabilities {
    return { dataValidation: true, notes: true, undoGrouping: true, changeEvents: true, ...this.caps };
  }

  async onChange(listener: () => void): Promise<() => void> {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A person typing into a cell. */
  userEdit(sheet: string, cell: string, value: string | number | null): void {
    this.workbook.type(sheet, cell, value);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
