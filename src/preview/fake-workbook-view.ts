import { FAKE_ERROR_CODES, FakeOfficeError, installFakeOffice, type FakeExcelHost } from '../fake-excel-host';
import { columnLetter, toA1 } from '../sheet/grid';
import { parseAddress } from '../fake-excel-host/model';
import type { OpenedFile } from './open-file';
import { formatForDisplay, type CellView, type Selection, type WorkbookView } from './workbook-view';

const MIN_ROWS = 30;
const MIN_COLS = 8;
const DEFAULT_COLUMN_PX = 72;

/**
 * The grid's view of the fake Excel host: values as HyperFormula computes them, formats (including the template's
 * conditional formats and review marks), selection, and typing as a user edit (change events fire as in Excel).
 */
export class FakeHostView implements WorkbookView {
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  constructor(readonly host: FakeExcelHost) {
    // Every sync may change cells, formats or the selection: redraw after it.
    const record = host.recordSync.bind(host);
    host.recordSync = (entry) => {
      record(entry);
      this.changed();
    };
  }

  version = (): number => this.changes;

  /** Redraws. After a sync the redraw waits a task (the batch may still be running); a selection by the person
   * redraws at once, so keys typed right after a click go to the cell that was clicked. */
  changed(now = false): void {
    const notify = () => {
      this.changes++;
      for (const l of this.listeners) l();
    };
    if (now) notify();
    else setTimeout(notify, 0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  sheetNames(): string[] {
    return this.host.sheetNames();
  }

  activeSheet(): string | null {
    return this.host.activeSheetName;
  }

  activate(sheet: string): void {
    this.host.workbook.activeSheet = this.host.sheet(sheet);
    this.changed();
  }

  extent(sheet: string): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    this.host.sheet(sheet).forEachCell((r, c) => {
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    });
    return { rows: Math.max(MIN_ROWS, rows + 5), cols: Math.max(MIN_COLS, cols + 2) };
  }

  cell(sheet: string, row: number, col: number): CellView {
    const address = toA1(row, col);
    const state = this.host.cell(sheet, address);
    if (!state) return { text: '', input: '', fill: null, fontColor: null, bold: false, align: null, wrap: false };
    const value = this.host.value(sheet, address);
    // As Excel draws it: where conditional formats that hold disagree, the one of highest priority (listed first) wins.
    const shown = this.host.effectiveFormatAt(sheet, address);
    const align = state.format.horizontalAlignment.toLowerCase();
    return {
      text: formatForDisplay(value, state.format.numberFormat),
      input: state.formula ?? (state.constant === null ? '' : String(state.constant)),
      fill: shown.fill,
      fontColor: shown.fontColor === '#000000' ? null : shown.fontColor,
      bold: shown.bold,
      align: align === 'left' || align === 'center' || align === 'right' ? align : null,
      wrap: state.format.wrapText,
    };
  }

  columnWidth(sheet: string, col: number): number {
    const points = this.host.columnWidth(sheet, columnLetter(col));
    return points === undefined ? DEFAULT_COLUMN_PX : Math.round((points * 4) / 3);
  }

  merges(sheet: string) {
    return this.host.sheet(sheet).merges;
  }

  selection(): Selection | null {
    return this.host.selection;
  }

  select(selection: Selection): void {
    this.host.workbook.activeSheet = this.host.sheet(selection.sheet);
    this.host.workbook.selection = selection;
    this.changed(true);
  }

  /**
   * Replaces the in-memory workbook with a file the person opened: its sheets, cells (formulas as formulas, text kept
   * as text even when it starts with "=") and merges; the settings of the workbook shown before are dropped.
   */
  load(file: Extract<OpenedFile, { ok: true }>): void {
    const workbook = this.host.workbook;
    const old = [...workbook.sheets];
    old.forEach((sheet, i) => workbook.renameSheet(sheet, `__closed${i}`));
    for (const sheet of file.sheets) {
      const added = workbook.addSheet(sheet.name);
      const rows = sheet.values.map((row, r) =>
        row.map((value, c) => sheet.formulas[r]?.[c] ?? (typeof value === 'string' ? (value === '' ? null : `'${value}`) : value)),
      );
      workbook.seed(added, rows, sheet.origin);
      sheet.numberFormats.forEach((row, r) =>
        row.forEach((format, c) => {
          if (format && format !== 'General') added.ensure(sheet.origin.row + r, sheet.origin.col + c).format.numberFormat = format;
        }),
      );
      for (const merge of sheet.merges) added.merges.push(parseAddress(merge));
    }
    if (file.sheets.length === 0) workbook.addSheet('工作表1');
    for (const sheet of old) workbook.removeSheet(sheet);
    for (const key of [...workbook.settings.keys()]) workbook.settings.delete(key);
    workbook.activeSheet = workbook.sheets[0];
    workbook.selection = null;
    this.changed();
  }

  edit(sheet: string, address: string, input: string): void {
    void this.host.userEdit(sheet, address, input).then((result) => {
      if (!result.accepted && result.alert) window.alert(`${result.alert.title}\n\n${result.alert.message}`);
      this.changed();
    });
  }
}

/** Installs one fake host for the preview; a reloaded pane frame gets the same workbook again. */
export function createPreviewHost(displayLanguage: string): { view: FakeHostView; install: (target: Window) => void } {
  let host: FakeExcelHost | null = null;
  let view: FakeHostView | null = null;
  const holder = {} as object;
  host = installFakeOffice(holder, { displayLanguage, sheets: ['工作表1'] });
  view = new FakeHostView(host);
  return {
    view,
    install: (target: Window) => {
      Object.assign(target, {
        Office: host!.officeNamespace,
        Excel: host!.excelNamespace,
        OfficeExtension: { Error: FakeOfficeError, ErrorCodes: FAKE_ERROR_CODES },
      });
    },
  };
}
