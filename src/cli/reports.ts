import type { CheckCommand, FailOn } from './args';
import type { FileReport } from './file-report';
import { formatFileText, formatJson, formatMarkdown, formatSummaryText } from './format';
import { formatHtml } from './html';
import type { Io } from './io';
import { writeReportFile } from './output';
import { buildReviewWorkbook } from './xlsx-report';

/** Whether the batch's exit status is 1: some file has a finding at `failOn` or worse. */
export function failsOn(reports: readonly FileReport[], failOn: FailOn): boolean {
  return reports.some((r) => r.summary.error > 0 || (failOn === 'warning' && r.summary.warning > 0));
}

/** The whole report in the chosen format, as text or (xlsx) bytes. */
export async function renderReport(reports: readonly FileReport[], command: Pick<CheckCommand, 'format' | 'lang'>): Promise<string | Buffer> {
  switch (command.format) {
    case 'xlsx':
      return buildReviewWorkbook(reports, command.lang);
    case 'html':
      return formatHtml(reports, command.lang);
    case 'json':
      return formatJson(reports);
    case 'md':
      return formatMarkdown(reports, command.lang);
    case 'text':
      return [...reports.map((r) => formatFileText(r, command.lang)), formatSummaryText(reports, command.lang)].join('\n');
  }
}

/** Writes the report to `--output` (or to stdout); returns true when it could not be written (said on stderr). */
export async function emitReport(reports: readonly FileReport[], command: CheckCommand, io: Io): Promise<boolean> {
  const data = await renderReport(reports, command);
  if (command.output === undefined) {
    io.stdout(typeof data === 'string' ? data : data.toString('binary'));
    return false;
  }
  const problem = await writeReportFile(command.output, data, { force: command.force, inputs: command.files, lang: command.lang });
  if (problem) {
    io.stderr(`subsidy-budget: ${problem}\n`);
    return true;
  }
  io.stderr(command.lang === 'en' ? `Wrote the report of ${reports.length} files to ${command.output}\n` : `已將 ${reports.length} 個檔案的報告寫入 ${command.output}\n`);
  return false;
}
