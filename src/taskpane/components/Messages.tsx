import { useState } from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import type { PaneError } from '../errors';
import { t } from '../i18n';
import { StatusIcon } from './icons';

// Fluent's MessageBar look (status colours, icon, border) without its reflow and announcement machinery: an error is a
// role="alert", anything else a role="status", which screen readers announce by themselves.
const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  error: { backgroundColor: tokens.colorStatusDangerBackground1, border: `1px solid ${tokens.colorStatusDangerBorder1}` },
  errorIcon: { color: tokens.colorStatusDangerForeground1 },
  info: { backgroundColor: tokens.colorNeutralBackground3, border: `1px solid ${tokens.colorNeutralStroke1}` },
  infoIcon: { color: tokens.colorNeutralForeground3 },
  success: { backgroundColor: tokens.colorStatusSuccessBackground1, border: `1px solid ${tokens.colorStatusSuccessBorder1}` },
  successIcon: { color: tokens.colorStatusSuccessForeground1 },
  warning: { backgroundColor: tokens.colorStatusWarningBackground1, border: `1px solid ${tokens.colorStatusWarningBorder1}` },
  warningIcon: { color: tokens.colorStatusWarningForeground3 },
  icon: { flexShrink: 0, marginTop: '1px' },
  title: { fontWeight: tokens.fontWeightSemibold },
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
    <div role="alert" className={mergeClasses(styles.bar, styles.error)} data-testid="error">
      <StatusIcon kind="error" className={mergeClasses(styles.icon, styles.errorIcon)} />
      <div className={styles.body}>
        <div className={styles.title}>{t(lang, 'errorTitle')}</div>
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
      </div>
    </div>
  );
}

export function InfoMessage(props: { text: string; intent?: 'info' | 'success' | 'warning'; testId?: string }) {
  const styles = useStyles();
  const intent = props.intent ?? 'info';
  return (
    <div role="status" className={mergeClasses(styles.bar, styles[intent])} data-testid={props.testId} data-intent={intent}>
      <StatusIcon kind={intent} className={mergeClasses(styles.icon, styles[`${intent}Icon`])} />
      <div className={styles.body}>{props.text}</div>
    </div>
  );
}
