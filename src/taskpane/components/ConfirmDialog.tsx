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
import { useEffect, useRef, useState } from 'react';
import type { CellChange } from '../changes';
import type { Consequences } from '../consequences';
import { cellRef, formatAmount, formatCellText, formatPercent } from '../format';
import { InfoMessage } from './Messages';
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
  // A cell that differs from what the dialog showed first: the warning's colour, and a word, not colour alone.
  changedCell: { backgroundColor: tokens.colorStatusWarningBackground1, fontWeight: tokens.fontWeightSemibold },
  ref: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  replaces: { color: tokens.colorPaletteRedForeground1 },
  summary: { fontWeight: tokens.fontWeightSemibold },
  disclosure: { alignSelf: 'flex-start' },
  actions: { flexWrap: 'wrap' },
  effects: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%' },
  effectLabel: { textAlign: 'start', fontWeight: tokens.fontWeightRegular, paddingInlineEnd: tokens.spacingHorizontalS },
  effectValue: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  effectChanged: { fontWeight: tokens.fontWeightSemibold },
  effectShrinks: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
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
  /** The pane is reading or writing: the buttons wait (a second 套用 must not race the first). */
  busy?: boolean;
}) {
  const { lang, pending, onConfirm, onCancel, busy = false } = props;
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Shown again after the sheet changed: the safe choice has the focus, so Enter does not write at once.
  const changed = pending?.changedWhileOpen === true;
  useEffect(() => {
    if (changed) cancelRef.current?.focus();
  }, [pending, changed]);
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
            {changed && <InfoMessage text={t(lang, 'planChanged')} intent="warning" testId="confirm-changed" />}
            {pending?.summary ? (
              <Text className={styles.summary} data-testid="confirm-summary">
                {pending.summary}
              </Text>
            ) : (
              pending?.changes.newSheets.map((sheet) => <Text key={sheet}>{t(lang, 'confirmNewSheet', { sheet })}</Text>)
            )}
            {pending?.consequences && <ConsequenceTable lang={lang} consequences={pending.consequences} />}
            {replaced.length > 0 && (
              <>
                <Text weight="semibold" className={styles.replaces}>
                  {t(lang, 'confirmReplaces')}
                </Text>
                <ChangeList lang={lang} changes={replaced} changed={pending?.changedCells} testId="confirm-replaced" label={t(lang, 'confirmReplaces')} />
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
                <ChangeList lang={lang} changes={others} changed={pending?.changedCells} testId="confirm-changes" label={t(lang, 'confirmIntro', { count: others.length })} />
              </>
            )}
          </DialogContent>
          <DialogActions className={styles.actions}>
            <Button appearance="primary" disabled={busy} onClick={() => { setShowAll(false); onConfirm('replace'); }} data-testid="confirm-apply">
              {replaced.length > 0 ? t(lang, 'confirmReplace') : t(lang, 'confirmApply')}
            </Button>
            {pending?.keep && replaced.length > 0 && (
              <Button disabled={busy} onClick={() => { setShowAll(false); onConfirm('keep'); }} data-testid="confirm-keep">{t(lang, 'confirmKeep')}</Button>
            )}
            <Button appearance="secondary" ref={cancelRef} onClick={() => { setShowAll(false); onCancel(); }} data-testid="confirm-cancel">
              {t(lang, 'confirmCancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function ChangeList(props: { lang: Lang; changes: CellChange[]; changed?: readonly string[]; testId: string; label: string }) {
  const styles = useStyles();
  const { lang } = props;
  return (
    <ul className={styles.list} data-testid={props.testId} tabIndex={0} aria-label={props.label}>
      {props.changes.map((c) => {
        const changed = props.changed?.includes(`${c.sheet}!${c.cell}`) ?? false;
        return (
          <li
            key={`${c.sheet}!${c.cell}`}
            className={changed ? `${styles.change} ${styles.changedCell}` : styles.change}
            data-cell={cellRef(c.sheet, c.cell)!}
            data-changed={changed || undefined}
          >
            <span className={styles.ref}>{cellRef(c.sheet, c.cell)}</span>{' '}
            {c.before !== '' && (
              <>
                {t(lang, 'confirmOld')} <code>{formatCellText(c.before)}</code>{' '}
              </>
            )}
            {t(lang, 'confirmNew')} <code>{c.after === '' ? t(lang, 'confirmBlank') : formatCellText(c.after)}</code>
            {changed && <> {t(lang, 'confirmCellChanged')}</>}
          </li>
        );
      })}
    </ul>
  );
}

/** 補助款, 總經費, the item totals that change and the share, before → after: what the write does to the project. */
function ConsequenceTable(props: { lang: Lang; consequences: Consequences }) {
  const styles = useStyles();
  const { lang, consequences: c } = props;
  const row = (label: string, before: string, after: string, shrinks: boolean, key: string) => (
    <tr key={key} data-testid={`consequence-${key}`}>
      <th scope="row" className={styles.effectLabel}>{label}</th>
      <td className={before === after ? styles.effectValue : `${styles.effectValue} ${shrinks ? styles.effectShrinks : styles.effectChanged}`}>
        {before === after ? `${before}${t(lang, 'consequenceSame')}` : `${before} → ${after}`}
      </td>
    </tr>
  );
  return (
    <table className={styles.effects} aria-label={t(lang, 'consequencesTitle')} data-testid="confirm-consequences">
      <caption className={styles.effectLabel}>{t(lang, 'consequencesTitle')}</caption>
      <tbody>
        {row(t(lang, 'consequenceGov'), formatAmount(c.gov.before, 0), formatAmount(c.gov.after, 0), false, 'gov')}
        {row(t(lang, 'consequenceTotal'), formatAmount(c.total.before, 0), formatAmount(c.total.after, 0), c.total.after < c.total.before, 'total')}
        {c.items.map((item, i) =>
          row(t(lang, 'consequenceItem', { item: item.label }), formatAmount(item.before, 0), formatAmount(item.after, 0), item.after < item.before, `item-${i}`),
        )}
        {row(t(lang, 'consequenceShare'), formatPercent(c.share.before), formatPercent(c.share.after), false, 'share')}
      </tbody>
    </table>
  );
}
