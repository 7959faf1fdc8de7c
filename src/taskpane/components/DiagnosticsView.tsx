import { useRef, useState } from 'react';
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import { officeEnvironment } from '../../excel/workbook';
import { type CheckResult, DIAGNOSTIC_TITLES, type DiagnosticsReport, hostInfo, reportText, runDiagnostics } from '../../excel/diagnostics';
import { PaneSpinner } from './PaneSpinner';
import { useCardStyles } from './styles';

/**
 * 診斷 / Diagnostics: runs the adapter's self-test (src/excel/diagnostics.ts) in the Excel the user has and shows
 * pass/fail per check, with the plain-text report to copy and send. Loaded lazily: most users never open it.
 */
const TEXT = {
  'zh-TW': {
    title: '診斷',
    intro: '在您的 Excel 中檢查增益集依賴的功能。會建立一張暫存工作表並在結束後移除，不會更動您的資料。',
    run: '執行診斷',
    running: '診斷中…',
    copy: '複製報告',
    copied: '已複製。請將報告寄給提供此增益集的窗口。',
    copyFailed: '無法自動複製，請選取下方文字後手動複製。',
    close: '關閉',
    summary: '{failed} 項失敗，{passed} 項通過',
  },
  en: {
    title: 'Diagnostics',
    intro: 'Checks the features the add-in relies on, in your Excel. A scratch sheet is added and removed afterwards; your data is not changed.',
    run: 'Run diagnostics',
    running: 'Running…',
    copy: 'Copy report',
    copied: 'Copied. Send the report to whoever provides this add-in.',
    copyFailed: 'Could not copy automatically; select the text below and copy it.',
    close: 'Close',
    summary: '{failed} failed, {passed} passed',
  },
} as const;

const STATUS = {
  pass: { color: 'success', zh: '通過', en: 'Pass' },
  fail: { color: 'danger', zh: '失敗', en: 'Fail' },
  info: { color: 'informative', zh: '資訊', en: 'Info' },
  skipped: { color: 'subtle', zh: '略過', en: 'Skipped' },
} as const;

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  detail: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  report: { width: '100%', minHeight: '8em', boxSizing: 'border-box', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

export default function DiagnosticsView(props: { lang: Lang; onClose?: () => void }) {
  const { lang, onClose } = props;
  const text = TEXT[lang];
  const styles = useStyles();
  const cards = useCardStyles();
  const [results, setResults] = useState<CheckResult[]>([]);
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [running, setRunning] = useState(false);
  const [copyState, setCopyState] = useState<'copied' | 'failed' | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const run = async (): Promise<void> => {
    setRunning(true);
    setReport(null);
    setCopyState(null);
    try {
      setReport(await runDiagnostics(officeEnvironment(), hostInfo(), setResults));
    } finally {
      setRunning(false);
    }
  };

  const copy = async (): Promise<void> => {
    const body = report ? reportText(report) : '';
    try {
      await navigator.clipboard.writeText(body);
      setCopyState('copied');
    } catch {
      // Clipboard access may be blocked inside Office's web view: select the text for the user instead.
      area.current?.select();
      setCopyState(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  };

  const failed = results.filter((r) => r.status === 'fail').length;
  const passed = results.filter((r) => r.status === 'pass').length;
  return (
    <section className={cards.card} aria-labelledby="diagnostics-title" data-testid="diagnostics">
      <h2 id="diagnostics-title" className={cards.title}>
        {text.title}
      </h2>
      <Text>{text.intro}</Text>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={running} onClick={() => void run()} data-testid="diagnostics-run">
          {running ? text.running : text.run}
        </Button>
        <Button disabled={!report} onClick={() => void copy()} data-testid="diagnostics-copy">
          {text.copy}
        </Button>
        {onClose && (
          <Button appearance="subtle" onClick={onClose} data-testid="diagnostics-close">
            {text.close}
          </Button>
        )}
      </div>
      {running && <PaneSpinner label={text.running} />}
      <ul className={styles.list} data-testid="diagnostics-results">
        {results.map((r) => (
          <li key={r.id} className={styles.item} data-check={r.id} data-status={r.status}>
            <Badge appearance="tint" color={STATUS[r.status].color}>
              {lang === 'en' ? STATUS[r.status].en : STATUS[r.status].zh}
            </Badge>
            <span>
              {lang === 'en' ? r.title : (DIAGNOSTIC_TITLES[r.id] ?? r.title)}
              <br />
              <span className={styles.detail}>{r.detail}</span>
            </span>
          </li>
        ))}
      </ul>
      {report && (
        <>
          <Text weight="semibold" data-testid="diagnostics-summary">
            {text.summary.replace('{failed}', String(failed)).replace('{passed}', String(passed))}
          </Text>
          <textarea ref={area} className={styles.report} readOnly value={reportText(report)} data-testid="diagnostics-report" aria-label={text.title} />
          {copyState && <Text data-testid="diagnostics-copied">{copyState === 'copied' ? text.copied : text.copyFailed}</Text>}
        </>
      )}
    </section>
  );
}
