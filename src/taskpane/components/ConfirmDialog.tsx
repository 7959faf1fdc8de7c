import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import { useState } from 'react';
import type { CellChange } from '../changes';
import { cellRef, formatCellText } from '../format';
import { t, type MessageKey } from '../i18n';
import type { PendingWrite } from '../session';

const useStyles = makeStyles({
  surface: { maxWidth: 'calc(100vw - 24px)', boxSizing: 'border-box', padding: tokens.spacingHorizontalL },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    maxHeight: '40vh',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
  },
  change: { paddingBlock: '2px', overflowWrap: 'anywhere' },
  ref: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  replaces: { color: tokens.colorPaletteRedForeground1 },
  summary: { fontWeight: tokens.fontWeightSemibold },
  disclosure: { alignSelf: 'flex-start' },
  actions: { flexWrap: 'wrap' },
});

const TITLES: Record<PendingWrite['kind'], MessageKey> = {
  template: 'confirmTitleTemplate',
  recalc: 'confirmTitleRecalc',
  benefits: 'confirmTitleBenefits',
  fix: 'confirmTitleFix',
  maximize: 'confirmTitleMaximize',
  review: 'confirmTitleReview',
};

/** Lists exactly which cells the pending write changes, and what they hold before and after. */
export function ConfirmDialog(props: {
  lang: Lang;
  pending: PendingWrite | null;
  onConfirm: (variant: 'replace' | 'keep') => void;
  onCancel: () => void;
}) {
  const { lang, pending, onConfirm, onCancel } = props;
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const changes = pending?.changes.changes ?? [];
  // A fix or the largest subsidy exists to change the amounts the user typed: its cells are the preview itself.
  const preview = pending?.kind === 'fix' || pending?.kind === 'maximize';
  const replaced = preview ? [] : changes.filter((c) => c.replacesUserInput);
  // Each cell once: the ones replacing what the user typed come first and prominently; the rest behind a disclosure.
  const others = changes.filter((c) => !replaced.includes(c));
  // A short write (a fix, the largest subsidy) is its own summary: its cells are shown without a disclosure.
  const listOpen = showAll || (preview && others.length <= 12);
  return (
    <Dialog open={pending !== null} onOpenChange={(_, data) => { if (!data.open) { setShowAll(false); onCancel(); } }}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{pending ? t(lang, TITLES[pending.kind]) : ''}</DialogTitle>
          <DialogContent className={styles.content}>
            {pending?.summary ? (
              <Text className={styles.summary} data-testid="confirm-summary">
                {pending.summary}
              </Text>
            ) : (
              pending?.changes.newSheets.map((sheet) => <Text key={sheet}>{t(lang, 'confirmNewSheet', { sheet })}</Text>)
            )}
            {replaced.length > 0 && (
              <>
                <Text weight="semibold" className={styles.replaces}>
                  {t(lang, 'confirmReplaces')}
                </Text>
                <ChangeList lang={lang} changes={replaced} testId="confirm-replaced" label={t(lang, 'confirmReplaces')} />
              </>
            )}
            {others.length > 0 && !listOpen && (
              <Button className={styles.disclosure} size="small" appearance="transparent" aria-expanded={false} onClick={() => setShowAll(true)} data-testid="confirm-show-all">
                {t(lang, 'confirmShowAll', { count: others.length })}
              </Button>
            )}
            {others.length > 0 && listOpen && (
              <>
                <Text>{t(lang, 'confirmIntro', { count: others.length })}</Text>
                <ChangeList lang={lang} changes={others} testId="confirm-changes" label={t(lang, 'confirmIntro', { count: others.length })} />
              </>
            )}
          </DialogContent>
          <DialogActions className={styles.actions}>
            <Button appearance="primary" onClick={() => { setShowAll(false); onConfirm('replace'); }} data-testid="confirm-apply">
              {replaced.length > 0 ? t(lang, 'confirmReplace') : t(lang, 'confirmApply')}
            </Button>
            {pending?.keep && replaced.length > 0 && (
              <Button onClick={() => { setShowAll(false); onConfirm('keep'); }}>{t(lang, 'confirmKeep')}</Button>
            )}
            <Button appearance="secondary" onClick={() => { setShowAll(false); onCancel(); }}>
              {t(lang, 'confirmCancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function ChangeList(props: { lang: Lang; changes: CellChange[]; testId: string; label: string }) {
  const styles = useStyles();
  const { lang } = props;
  return (
    <ul className={styles.list} data-testid={props.testId} tabIndex={0} aria-label={props.label}>
      {props.changes.map((c) => (
        <li key={`${c.sheet}!${c.cell}`} className={styles.change} data-cell={cellRef(c.sheet, c.cell)!}>
          <span className={styles.ref}>{cellRef(c.sheet, c.cell)}</span>{' '}
          {c.before !== '' && (
            <>
              {t(lang, 'confirmOld')} <code>{formatCellText(c.before)}</code>{' '}
            </>
          )}
          {t(lang, 'confirmNew')} <code>{c.after === '' ? t(lang, 'confirmBlank') : formatCellText(c.after)}</code>
        </li>
      ))}
    </ul>
  );
}
