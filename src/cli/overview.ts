import type { Lang } from '../domain/findings';
import { findProgram } from '../domain/programs';
import type { FileReport } from './file-report';

export type Verdict = 'error' | 'warning' | 'pass';

/** One line of a batch report's overview: what a program office sorts a round of applications by. */
export interface OverviewRow {
  file: string;
  /** Program id and name, or null when it could not be decided. */
  program: { id: string; name: string } | null;
  /** 千元; null when the file has no budget table. */
  total: number | null;
  subsidy: number | null;
  /** 政府補助款 ÷ 總經費, %, one decimal. */
  share: number | null;
  error: number;
  warning: number;
  info: number;
  verdict: Verdict;
}

export const OVERVIEW_WORDS = {
  'zh-TW': {
    file: '檔案',
    program: '計畫別',
    total: '總經費（千元）',
    subsidy: '補助款（千元）',
    share: '補助比例',
    error: '錯誤',
    warning: '警告',
    info: '提示',
    verdict: '結果',
    verdicts: { error: '需修正', warning: '待確認', pass: '通過' } satisfies Record<Verdict, string>,
  },
  en: {
    file: 'File',
    program: 'Program',
    total: 'Total (NT$ thousand)',
    subsidy: 'Subsidy (NT$ thousand)',
    share: 'Subsidy share',
    error: 'Errors',
    warning: 'Warnings',
    info: 'Info',
    verdict: 'Verdict',
    verdicts: { error: 'Errors to fix', warning: 'Warnings to check', pass: 'Pass' } satisfies Record<Verdict, string>,
  },
} as const;

export function verdictOf(report: Pick<FileReport, 'summary'>): Verdict {
  return report.summary.error > 0 ? 'error' : report.summary.warning > 0 ? 'warning' : 'pass';
}

export function overviewRow(report: FileReport, lang: Lang): OverviewRow {
  const program = report.program ? findProgram(report.program) : undefined;
  return {
    file: report.file,
    program: report.program ? { id: report.program, name: program?.name[lang] ?? report.program } : null,
    total: report.budget?.grandTotal ?? null,
    subsidy: report.budget?.govTotal ?? null,
    share: report.budget?.govSharePercent ?? null,
    ...report.summary,
    verdict: verdictOf(report),
  };
}
