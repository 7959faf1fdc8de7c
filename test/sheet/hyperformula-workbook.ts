import { HyperFormula, type RawCellContent } from 'hyperformula';
import type { RawValue } from '../../src/domain/budget';
import { fromA1, type SheetSnapshot, type WorkbookSnapshot } from '../../src/sheet/grid';
import type { CellContent, Plan, PlanOp } from '../../src/sheet/plan';

type OpOf<K extends PlanOp['op']> = Extract<PlanOp, { op: K }>;

/**
 * A tiny plan → HyperFormula applier for tests: cell contents are evaluated by HyperFormula; formats, validations,
 * conditional formats, merges and settings are recorded so tests can assert where they went.
 */
export class HyperFormulaWorkbook {
  readonly hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  readonly settings: Record<string, string> = {};
  readonly formats: OpOf<'format'>[] = [];
  readonly merges: OpOf<'merge'>[] = [];
  readonly validations: OpOf<'validation'>[] = [];
  readonly conditionalFormats: OpOf<'conditionalFormat'>[] = [];
  readonly pageSetups: OpOf<'pageSetup'>[] = [];
  readonly columnWidths: OpOf<'columnWidth'>[] = [];
  activeSheet: string | null = null;

  /** Sheets given as rows typed by a person: strings beginning with "=" are formulas. */
  constructor(sheets: Record<string, RawValue[][]> = {}, settings: Record<string, string> = {}) {
    for (const [name, rows] of Object.entries(sheets)) {
      const id = this.hf.getSheetId(this.hf.addSheet(name))!;
      if (rows.length > 0) this.hf.setCellContents({ sheet: id, row: 0, col: 0 }, rows as RawCellContent[][]);
    }
    Object.assign(this.settings, settings);
  }

  sheetNames(): string[] {
    return this.hf.getSheetNames();
  }

  apply(plan: Plan): void {
    for (const op of plan.ops) {
      switch (op.op) {
        case 'addSheet':
          if (this.hf.doesSheetExist(op.sheet)) throw new Error(`sheet "${op.sheet}" already exists`);
          this.hf.addSheet(op.sheet);
          break;
        case 'write':
          this.hf.setCellContents(this.address(op.sheet, op.cell), [[toHyperFormula(op.content)]]);
          break;
        case 'format':
          this.formats.push(op);
          break;
        case 'merge':
          this.merges.push(op);
          break;
        case 'columnWidth':
          this.columnWidths.push(op);
          break;
        case 'validation':
          this.validations.push(op);
          break;
        case 'conditionalFormat':
          this.conditionalFormats.push(op);
          break;
        case 'pageSetup':
          this.pageSetups.push(op);
          break;
        case 'setting':
          this.settings[op.key] = op.value;
          break;
        case 'activate':
          this.activeSheet = op.sheet;
          break;
      }
    }
  }

  /** Types into a cell as a person would: numbers, text, or "=…" formulas. */
  type(sheet: string, cell: string, value: RawValue): void {
    this.hf.setCellContents(this.address(sheet, cell), [[value as RawCellContent]]);
  }

  value(sheet: string, cell: string): RawValue {
    const v = this.hf.getCellValue(this.address(sheet, cell));
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v === '' ? null : v;
    return `#${v.type}`; // a DetailedCellError
  }

  formula(sheet: string, cell: string): string | null {
    const address = this.address(sheet, cell);
    return this.hf.doesCellHaveFormula(address) ? (this.hf.getCellFormula(address) ?? null) : null;
  }

  /** Evaluates a conditional-format formula as Excel would for its range's top-left cell. */
  evaluate(sheet: string, expression: string): RawValue {
    const v = this.hf.calculateFormula(expression, this.sheetId(sheet));
    if (Array.isArray(v)) throw new Error('array result');
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return `#${v.type}`;
  }

  snapshot(): WorkbookSnapshot {
    const sheets: SheetSnapshot[] = this.sheetNames().map((name) => {
      const id = this.sheetId(name);
      const { height, width } = this.hf.getSheetDimensions(id);
      const values: RawValue[][] = [];
      const formulas: (string | null)[][] = [];
      const numberFormats: string[][] = [];
      for (let row = 0; row < height; row++) {
        values.push([]);
        formulas.push([]);
        numberFormats.push([]);
        for (let col = 0; col < width; col++) {
          const address = { sheet: id, row, col };
          const v = this.hf.getCellValue(address);
          values[row].push(v === null || typeof v !== 'object' ? (v === '' ? null : v) : `#${v.type}`);
          formulas[row].push(this.hf.doesCellHaveFormula(address) ? (this.hf.getCellFormula(address) ?? null) : null);
          numberFormats[row].push('General');
        }
      }
      return { name, origin: { row: 0, col: 0 }, values, formulas, numberFormats };
    });
    return { sheets, settings: { ...this.settings } };
  }

  private sheetId(sheet: string): number {
    const id = this.hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet "${sheet}"`);
    return id;
  }

  private address(sheet: string, cell: string) {
    const { row, col } = fromA1(cell);
    return { sheet: this.sheetId(sheet), row, col };
  }
}

function toHyperFormula(content: CellContent): RawCellContent {
  switch (content.kind) {
    case 'text':
      // HyperFormula reads "=…" as a formula and "12" as a number; a leading apostrophe keeps text as text, as in Excel.
      return `'${content.text}`;
    case 'number':
      return content.value;
    case 'formula':
      return content.formula;
    case 'blank':
      return null;
  }
}
