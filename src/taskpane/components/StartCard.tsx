import type { ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n';
import type { PaneSession, PaneState } from '../session';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  step: { paddingInlineStart: tokens.spacingHorizontalXS },
  stepTitle: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
});

/** A workbook without a budget table: what to do first, with inserting the official table as the primary action. */
export function StartCard(props: { session: PaneSession; state: PaneState; programPicker: ReactNode }) {
  const { session, state, programPicker } = props;
  const styles = useStyles();
  const cards = useCardStyles();
  const { lang } = state;
  return (
    <section className={cards.card} aria-labelledby="start-title" data-testid="start">
      <h2 id="start-title" className={cards.title}>
        {t(lang, 'startTitle')}
      </h2>
      <ol className={styles.steps}>
        <li className={styles.step}>
          <div className={styles.stepTitle}>{t(lang, 'startStep1')}</div>
          {programPicker}
        </li>
        <li className={styles.step}>
          <div className={styles.stepTitle}>{t(lang, 'startStep2')}</div>
          <Button appearance="primary" disabled={state.busy !== null} onClick={() => void session.prepareTemplate()} data-testid="start-template">
            {t(lang, 'insertTemplate')}
          </Button>
        </li>
        <li className={styles.step}>
          <div className={styles.stepTitle}>{t(lang, 'startStep3')}</div>
        </li>
      </ol>
    </section>
  );
}
