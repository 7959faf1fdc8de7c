import type { ModelRow } from '../budget-model';
import type { RuleReport } from './rule';

/**
 * A row as a finding names it, quoted: its own label, and for a detail line the item it is listed under too
 * (「(1) CNC 加工機」（全新設備之購置費）), so a reviewer sees both the line and the item whose rules apply.
 */
export function rowName(row: ModelRow, report: Pick<RuleReport, 't'>): string {
  const own = String(row.input.label.value ?? '').trim();
  if (!row.group) return report.t(`「${own}」`, `"${own}"`);
  const item = row.item?.label ?? String(row.group.label.value ?? '').trim();
  return report.t(`「${own}」（${item}）`, `"${own}" (under ${item})`);
}
