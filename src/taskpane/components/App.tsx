import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import { PROGRAMS, findProgram } from '../../domain/programs';
import { t } from '../i18n';
import type { PaneSession, PaneState } from '../session';
import { BudgetSummaryView } from './BudgetSummaryView';
import { ConfirmDialog } from './LazyConfirmDialog';
import { FindingsList } from './FindingsList';
import { ErrorMessage, InfoMessage } from './Messages';
import { OverflowMenu, type MenuEntry } from './OverflowMenu';
import { PaneField } from './PaneField';
import { PaneSelect } from './PaneSelect';
import { PaneSpinner } from './PaneSpinner';
import { PANE_TABPANEL_ID, PaneTabs, paneTabId } from './PaneTabs';
import { StartCard } from './StartCard';
import { VerdictBar, revealVerdict } from './VerdictBar';
import { useCardStyles } from './styles';
import { programOptionLabel } from '../format';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: '100%',
    // CJK text wraps between characters anyway; breaking anywhere would split numbers from their units.
    overflowWrap: 'break-word',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
  },
  // The selected view: laid out like the pane itself, so wrapping it changes no spacing.
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  headerEnd: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  programRow: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-end',
    minWidth: 0,
  },
  // Wide enough to tell the programs apart before the confirm button wraps below it.
  grow: { flexGrow: 1, flexBasis: '14em', minWidth: 0 },
});

/**
 * Extra views plug in here so the budget pane does not depend on them: the benefits tab, and views opened from the
 * overflow menu (`inMenu`, e.g. diagnostics) rather than from the tab list.
 */
export interface ExtraTab {
  id: string;
  label: (lang: Lang) => string;
  render: (lang: Lang) => ReactNode;
  inMenu?: boolean;
}

export function App(props: { session: PaneSession; extraTabs?: ExtraTab[] }) {
  const { session, extraTabs = [] } = props;
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const styles = useStyles();
  const cards = useCardStyles();
  const [tab, setTab] = useState('budget');
  const { lang } = state;
  const program = state.programId ? findProgram(state.programId) : undefined;
  const busy = state.busy !== null;
  // A reviewer has no use for the benefits form: filling it writes into the applicant's workbook.
  const tabs = extraTabs.filter((x) => !x.inMenu && !(state.reviewer && x.id === 'benefits'));
  const menuViews = extraTabs.filter((x) => x.inMenu);
  const start = state.verdict?.kind === 'start';
  // A notice answers an action (a fix applied, marks, a template inserted): show it and the verdict above it.
  useEffect(() => {
    if (state.notice) revealVerdict();
  }, [state.notice]);
  useFocusReturn(state.pending !== null, busy);
  useEffect(() => {
    if (state.reviewer && tab === 'benefits') setTab('budget');
  }, [state.reviewer, tab]);

  return (
    <main className={styles.root} lang={lang} aria-busy={busy}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t(lang, 'appTitle')}</h1>
        <div className={styles.headerEnd}>
          {busy && <PaneSpinner label={t(lang, state.busy!)} testId="busy" />}
          <PaneMenu session={session} state={state} menuViews={menuViews} onOpenView={setTab} />
        </div>
      </header>

      {tab === 'budget' && <VerdictBar lang={lang} verdict={state.verdict} />}
      {state.reviewer && <InfoMessage text={t(lang, 'reviewerBanner')} testId="reviewer-mode" />}
      {state.error && <ErrorMessage lang={lang} error={state.error} onDismiss={session.dismissError.bind(session)} />}
      {state.notice && <InfoMessage text={state.notice} intent={state.noticeTone} testId="notice" />}

      {tabs.length > 0 && (
        <PaneTabs
          label={t(lang, 'tabsLabel')}
          tabs={[
            { id: 'budget', label: t(lang, 'tabBudget') },
            ...tabs.map((x) => ({ id: x.id, label: x.label(lang) })),
          ]}
          selected={tab}
          onSelect={setTab}
        />
      )}

      <div
        className={styles.panel}
        {...(tab === 'budget' || tabs.some((x) => x.id === tab)
          ? { role: 'tabpanel', id: PANE_TABPANEL_ID, 'aria-labelledby': paneTabId(tab) }
          : {})}
      >
        {tab === 'budget' ? (
          <>
            {!state.capabilities.changeEvents && (
              <InfoMessage text={t(lang, 'unavailableEvents')} testId="unavailable-events" />
            )}
            {start ? (
              <StartCard
                session={session}
                state={state}
                programPicker={<ProgramPicker session={session} state={state} />}
              />
            ) : (
              state.findings !== null && (
                <>
                  <FindingsList
                    lang={lang}
                    findings={state.findings}
                    sheet={state.summary?.sheet ?? null}
                    emptyTable={state.verdict?.kind === 'empty'}
                    busy={busy}
                    onSelect={(loc) => void session.select(loc)}
                    onFix={state.reviewer ? undefined : (finding, route) => void session.prepareFix(finding, route)}
                    fixAll={state.reviewer ? 0 : (state.maximum?.fixesAll ?? 0)}
                    onFixAll={() => void session.prepareMaximize()}
                  />
                  <section className={cards.card} aria-labelledby="summary-title">
                    <h2 id="summary-title" className={cards.title}>
                      {t(lang, 'summaryTitle')}
                    </h2>
                    <BudgetSummaryView
                      lang={lang}
                      summary={state.summary}
                      program={program}
                      maximum={state.maximum}
                      busy={busy}
                      onPreviewMaximum={state.reviewer ? undefined : () => void session.prepareMaximize()}
                    />
                  </section>
                  <section className={cards.card} aria-label={t(lang, 'programLabel')}>
                    <ProgramPicker session={session} state={state} />
                    <TargetPicker session={session} state={state} />
                    {state.live && <span className={styles.small}>{t(lang, 'liveOn')}</span>}
                  </section>
                </>
              )
            )}
            {!state.capabilities.dataValidation && (
              <InfoMessage text={t(lang, 'unavailableValidation')} testId="unavailable-validation" />
            )}
          </>
        ) : (
          extraTabs.find((x) => x.id === tab)?.render(lang)
        )}
      </div>

      <ConfirmDialog
        lang={lang}
        pending={state.pending}
        onConfirm={(variant) => void session.confirm(variant)}
        onCancel={() => session.cancel()}
        busy={busy}
      />
    </main>
  );
}

/**
 * Focus goes back where it was when a dialog opened (the fix button, the ⋯ menu), once the pane is idle again (its
 * buttons are disabled while it writes); if that control is gone (the finding was fixed), to the findings.
 */
function useFocusReturn(open: boolean, busy: boolean) {
  const last = useRef<HTMLElement | null>(null);
  const restore = useRef(false);
  useEffect(() => {
    const track = (event: FocusEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && target !== document.body && !target.closest('[role="dialog"], [role="alertdialog"]')) last.current = target;
    };
    document.addEventListener('focusin', track);
    return () => document.removeEventListener('focusin', track);
  }, []);
  useEffect(() => {
    if (open) restore.current = true;
    else if (restore.current && !busy) {
      restore.current = false;
      const active = document.activeElement;
      if (active && active !== document.body && !active.closest('[role="dialog"]')) return; // the person moved on
      const target = last.current;
      // Without scrolling: the verdict and the notice an action brings into view stay in view.
      if (target?.isConnected && !(target as HTMLButtonElement).disabled) target.focus({ preventScroll: true });
      else document.querySelector<HTMLElement>('[data-testid="fix"], #findings')?.focus({ preventScroll: true });
    }
  }, [open, busy]);
}

/** Secondary actions: mark, clear marks, recalculate, check, language, and views such as diagnostics. */
function PaneMenu(props: {
  session: PaneSession;
  state: PaneState;
  menuViews: ExtraTab[];
  onOpenView: (id: string) => void;
}) {
  const { session, state, menuViews, onOpenView } = props;
  const { lang } = state;
  const busy = state.busy !== null;
  const hasTable = state.summary !== null;
  const entries: MenuEntry[] = [
    { id: 'action-mark', label: t(lang, 'mark'), disabled: busy || !hasTable, onSelect: () => void session.mark() },
    {
      id: 'action-clear',
      label: t(lang, 'clearMarks'),
      disabled: busy || !state.marked,
      onSelect: () => void session.clearMarks(),
    },
    // A reviewer changes nothing of the application: no repair, no template.
    ...(state.reviewer
      ? []
      : [
          {
            id: 'action-recalc',
            label: t(lang, 'recalculate'),
            disabled: busy || !hasTable,
            onSelect: () => void session.prepareRecalc(),
          },
        ]),
    { id: 'action-check', label: t(lang, 'check'), disabled: busy, onSelect: () => void session.check().then(revealVerdict) },
    ...(state.reviewer
      ? []
      : [
          {
            id: 'action-template',
            label: t(lang, 'insertTemplate'),
            disabled: busy,
            onSelect: () => void session.prepareTemplate(),
          },
        ]),
    {
      id: 'action-review',
      label: t(lang, 'reviewSheet'),
      disabled: busy,
      onSelect: () => void session.prepareReviewSheet(),
    },
    {
      id: 'action-reviewer',
      label: t(lang, state.reviewer ? 'reviewerMenuOff' : 'reviewerMenuOn'),
      disabled: busy,
      onSelect: () => void session.setReviewer(!state.reviewer),
    },
    ...(menuViews.length > 0
      ? [{ id: 'menu-budget', label: t(lang, 'tabBudget'), separated: true, onSelect: () => onOpenView('budget') }]
      : []),
    ...menuViews.map((view) => ({
      id: `menu-${view.id}`,
      label: view.label(lang),
      onSelect: () => onOpenView(view.id),
    })),
    {
      id: 'language',
      label: t(lang, 'menuLanguage'),
      lang: lang === 'en' ? 'zh-TW' : 'en',
      separated: menuViews.length === 0,
      onSelect: () => void session.setLang(lang === 'en' ? 'zh-TW' : 'en'),
    },
  ];
  return <OverflowMenu label={t(lang, 'moreActions')} entries={entries} />;
}

/** The program: stored in the workbook once chosen; an assumed program can be confirmed as it is. */
function ProgramPicker(props: { session: PaneSession; state: PaneState }) {
  const { session, state } = props;
  const styles = useStyles();
  const { lang } = state;
  const busy = state.busy !== null;
  const assumed = state.programSource === 'default';
  return (
    <PaneField
      label={t(lang, 'programLabel')}
      hint={
        state.programId && assumed
          ? t(lang, 'programAssumed', { name: findProgram(state.programId)?.name[lang] ?? state.programId })
          : state.programSource === 'workbook'
            ? t(lang, 'programDetectedShort')
            : undefined
      }
    >
      {({ id, describedBy }) => (
        <div className={styles.programRow}>
          <PaneSelect
            className={styles.grow}
            value={state.programId ?? ''}
            onChange={(value) => value && void session.chooseProgram(value)}
            disabled={busy}
            testId="program"
            id={id}
            describedBy={describedBy}
          >
            {!state.programId && <option value="">{t(lang, 'programPlaceholder')}</option>}
            {PROGRAMS.map((p) => (
              <option key={p.id} value={p.id} title={p.name[lang]}>
                {programOptionLabel(p, PROGRAMS, lang)}
              </option>
            ))}
          </PaneSelect>
          {assumed && state.programId && !state.reviewer && (
            <Button
              size="medium"
              disabled={busy}
              onClick={() => void session.chooseProgram(state.programId!)}
              data-testid="program-confirm"
            >
              {t(lang, 'confirmProgram')}
            </Button>
          )}
        </div>
      )}
    </PaneField>
  );
}

function TargetPicker(props: { session: PaneSession; state: PaneState }) {
  const { session, state } = props;
  const { lang } = state;
  const program = state.programId ? findProgram(state.programId) : undefined;
  if (program?.target) return null; // the program decides; nothing to choose
  return (
    <PaneField
      label={t(lang, 'targetLabel')}
      hint={state.target && state.storedTarget !== state.target ? t(lang, 'targetTicked') : t(lang, 'targetHint')}
    >
      {({ id, describedBy }) => (
        <PaneSelect
          id={id}
          describedBy={describedBy}
          value={state.target ?? ''}
          onChange={(value) => (value === 'lowcarbon' || value === 'smart') && void session.chooseTarget(value)}
          disabled={state.busy !== null}
          testId="target"
        >
          {!state.target && <option value="">{t(lang, 'targetPlaceholder')}</option>}
          <option value="lowcarbon">{t(lang, 'targetLowcarbon')}</option>
          <option value="smart">{t(lang, 'targetSmart')}</option>
        </PaneSelect>
      )}
    </PaneField>
  );
}
