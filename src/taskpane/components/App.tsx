import { useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  Button,
  Field,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import { PROGRAMS, findProgram } from '../../domain/programs';
import { formatTime } from '../format';
import { LANG_NAMES, t } from '../i18n';
import type { PaneSession } from '../session';
import { BudgetSummaryView } from './BudgetSummaryView';
import { ConfirmDialog } from './ConfirmDialog';
import { FindingsList } from './FindingsList';
import { ErrorMessage, InfoMessage } from './Messages';
import { CARD_STYLE, CARD_TITLE_STYLE } from './styles';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: '100%',
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  lang: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  langLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minHeight: '20px', color: tokens.colorNeutralForeground2 },
  card: CARD_STYLE,
  cardTitle: CARD_TITLE_STYLE,
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  tabs: { flexWrap: 'wrap' },
  // A native select is as wide as its longest option unless told otherwise; long program names must not widen the pane.
  selectRoot: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

/** Extra tabs (the benefits tab) plug in here so the budget pane does not depend on them. */
export interface ExtraTab {
  id: string;
  label: (lang: Lang) => string;
  render: (lang: Lang) => ReactNode;
}

export function App(props: { session: PaneSession; extraTabs?: ExtraTab[] }) {
  const { session, extraTabs = [] } = props;
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const styles = useStyles();
  const [tab, setTab] = useState('budget');
  const { lang } = state;
  const program = state.programId ? findProgram(state.programId) : undefined;
  const busy = state.busy !== null;
  const programName = (id: string) => findProgram(id)?.name[lang] ?? id;

  return (
    <main className={styles.root} lang={lang} aria-busy={busy}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t(lang, 'appTitle')}</h1>
        <div className={styles.lang}>
          <label className={styles.langLabel} htmlFor="pane-language">
            {t(lang, 'languageLabel')}
          </label>
          <Select
            id="pane-language"
            size="small"
            value={lang}
            onChange={(_, data) => void session.setLang(data.value as Lang)}
            data-testid="language"
          >
            {(Object.keys(LANG_NAMES) as Lang[]).map((l) => (
              <option key={l} value={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </Select>
        </div>
      </header>

      <Field
        label={t(lang, 'programLabel')}
        // The select may shorten a long program name at narrow widths; the hint always shows it in full.
        hint={
          state.programId
            ? state.programSource === 'default'
              ? t(lang, 'programAssumed', { name: programName(state.programId) })
              : state.programSource === 'workbook'
                ? t(lang, 'programDetected', { name: programName(state.programId) })
                : t(lang, 'programFromWorkbook', { name: programName(state.programId) })
            : undefined
        }
      >
        <Select
          className={styles.selectRoot}
          select={{ className: styles.select }}
          value={state.programId ?? ''}
          onChange={(_, data) => data.value && void session.chooseProgram(data.value)}
          disabled={busy}
          data-testid="program"
        >
          {!state.programId && <option value="">{t(lang, 'programPlaceholder')}</option>}
          {PROGRAMS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name[lang]}
            </option>
          ))}
        </Select>
      </Field>

      <Field
        label={t(lang, 'targetLabel')}
        hint={program?.target ? t(lang, 'targetByProgram') : state.target && state.storedTarget !== state.target ? t(lang, 'targetTicked') : undefined}
      >
        <Select
          className={styles.selectRoot}
          select={{ className: styles.select }}
          value={state.target ?? ''}
          onChange={(_, data) => (data.value === 'lowcarbon' || data.value === 'smart') && void session.chooseTarget(data.value)}
          disabled={busy || Boolean(program?.target)}
          data-testid="target"
        >
          {!state.target && <option value="">{t(lang, 'targetPlaceholder')}</option>}
          <option value="lowcarbon">{t(lang, 'targetLowcarbon')}</option>
          <option value="smart">{t(lang, 'targetSmart')}</option>
        </Select>
      </Field>

      {extraTabs.length > 0 && (
        <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, data) => setTab(String(data.value))} size="small">
          <Tab value="budget">{t(lang, 'tabBudget')}</Tab>
          {extraTabs.map((x) => (
            <Tab key={x.id} value={x.id}>
              {x.label(lang)}
            </Tab>
          ))}
        </TabList>
      )}

      <div className={styles.status} role="status" aria-live="polite" data-testid="status">
        {busy ? <Spinner size="extra-tiny" label={t(lang, state.busy!)} /> : state.checkedAt ? (
          <span className={styles.small}>{t(lang, 'lastChecked', { time: formatTime(state.checkedAt, lang) })}</span>
        ) : null}
      </div>

      {state.error && <ErrorMessage lang={lang} error={state.error} onDismiss={session.dismissError.bind(session)} />}
      {state.notice && <InfoMessage text={state.notice} intent="success" testId="notice" />}

      {tab === 'budget' ? (
        <>
          <div className={styles.actions} role="group" aria-label={t(lang, 'actionsLabel')}>
            <Button appearance="primary" disabled={busy} onClick={() => void session.check()} data-testid="action-check">
              {t(lang, 'check')}
            </Button>
            <Button disabled={busy} onClick={() => void session.prepareTemplate()} data-testid="action-template">
              {t(lang, 'insertTemplate')}
            </Button>
            <Button disabled={busy} onClick={() => void session.prepareRecalc()} data-testid="action-recalc">
              {t(lang, 'recalculate')}
            </Button>
            <Button disabled={busy} onClick={() => void session.mark()} data-testid="action-mark">
              {t(lang, 'mark')}
            </Button>
            <Button disabled={busy || !state.marked} onClick={() => void session.clearMarks()} data-testid="action-clear">
              {t(lang, 'clearMarks')}
            </Button>
          </div>

          {!state.capabilities.dataValidation && <InfoMessage text={t(lang, 'unavailableValidation')} testId="unavailable-validation" />}
          {!state.capabilities.changeEvents && <InfoMessage text={t(lang, 'unavailableEvents')} testId="unavailable-events" />}

          <section className={styles.card} aria-labelledby="summary-title">
            <h2 id="summary-title" className={styles.cardTitle}>
              {t(lang, 'summaryTitle')}
            </h2>
            {state.findings === null ? (
              <Text>{t(lang, 'findingsNotRun')}</Text>
            ) : (
              <BudgetSummaryView lang={lang} summary={state.summary} program={program} />
            )}
          </section>

          <section className={styles.card} aria-labelledby="findings-title" data-testid="findings">
            <h2 id="findings-title" className={styles.cardTitle}>
              {t(lang, 'findingsTitle')}
            </h2>
            {state.findings === null ? (
              <Text>{t(lang, 'findingsNotRun')}</Text>
            ) : (
              <FindingsList lang={lang} findings={state.findings} onSelect={(loc) => void session.select(loc)} />
            )}
            {state.live && <span className={styles.small}>{t(lang, 'liveOn')}</span>}
          </section>
        </>
      ) : (
        extraTabs.find((x) => x.id === tab)?.render(lang)
      )}

      <ConfirmDialog
        lang={lang}
        pending={state.pending}
        onConfirm={(variant) => void session.confirm(variant)}
        onCancel={() => session.cancel()}
      />
    </main>
  );
}
