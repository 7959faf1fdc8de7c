import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import type { PaneError } from '../errors';
import { t } from '../i18n';

const useStyles = makeStyles({
  bar: { alignItems: 'flex-start', minWidth: 0 },
  body: { overflowWrap: 'anywhere', minWidth: 0, whiteSpace: 'normal' },
  detail: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: tokens.spacingHorizontalS,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    maxHeight: '12em',
    overflowY: 'auto',
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

/** A failure in words a user understands; the technical detail stays behind "詳細資訊" until asked for. */
export function ErrorMessage(props: { lang: Lang; error: PaneError; onDismiss: () => void }) {
  const { lang, error, onDismiss } = props;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <MessageBar intent="error" layout="multiline" className={styles.bar} data-testid="error">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{t(lang, 'errorTitle')}</MessageBarTitle>
        <div>{error.message}</div>
        <div className={styles.buttons}>
          {error.detail && (
            <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
              {t(lang, 'details')}
            </Button>
          )}
          <Button size="small" appearance="subtle" onClick={onDismiss}>
            {t(lang, 'dismiss')}
          </Button>
        </div>
        {open && error.detail && <pre className={styles.detail}>{error.detail}</pre>}
      </MessageBarBody>
    </MessageBar>
  );
}

export function InfoMessage(props: { text: string; intent?: 'info' | 'success' | 'warning'; testId?: string }) {
  const styles = useStyles();
  return (
    <MessageBar intent={props.intent ?? 'info'} layout="multiline" className={styles.bar} data-testid={props.testId}>
      <MessageBarBody className={styles.body}>{props.text}</MessageBarBody>
    </MessageBar>
  );
}
