import type { Finding, Severity } from '../domain/findings';
import type { Target } from '../domain/programs';
import type { BudgetSummary } from '../domain/summary';
import type { StoredSettingUse, WorkbookCheck } from '../sheet/check';
import type { TableExcerpt } from '../sheet/excerpt';

/** One file's result, as the report formats print it. */
export interface FileReport {
  file: string;
  /** The program the file was checked against; null when the file could not be read and none was given. */
  program: string | null;
  /** How the program was decided: --program, the stored setting, the workbook's content, or the default. */
  programSource: WorkbookCheck['programSource'] | null;
  target: Target | null;
  /** Settings stored in the workbook that the check read, and whether each was followed (every format shows them). */
  settings?: StoredSettingUse[];
  findings: Finding[];
  /** Findings left out of `findings` to keep the report bounded (src/cli/bounds.ts); `summary` still counts them. */
  omittedFindings?: number;
  summary: Record<Severity, number>;
  /** The first budget table's totals in 千元; null when there is none or the file could not be read. */
  budget?: BudgetSummary | null;
  /** The first budget table as the sheet shows it, when the batch was asked for excerpts (HTML report). */
  excerpt?: TableExcerpt | null;
}
