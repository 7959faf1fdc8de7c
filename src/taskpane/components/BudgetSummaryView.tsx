import { useState } from 'react';
import { Button, Text, makeStyles, tokens, mergeClasses } from '@fluentui/react-components';
import type { BudgetSummary } from '../../domain/summary';
import type { Lang } from '../../domain/findings';
import type { Program } from '../../domain/programs';
import { withWan } from '../../domain/maximize-words';
import { fromNumber } from '../../domain/money';
import { formatAmount, formatPercent } from '../format';
import { t } from '../i18n';
import type { MaximumView } from '../session';

const useStyles = makeStyles({
  stats: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingVerticalXS, margin: 0 },
  stat: { display: 'flex', flexDirection: 'column', minWidth: 0, padding: `${tokens.spacingVerticalXXS} 0` },
  statLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  statValue: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  maximum: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  maximumValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  meaning: { margin: `0 0 ${tokens.spacingVerticalXS}` },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
  },
  term: { minWidth: 0 },
  value: { margin: 0, fontVariantNumeric: 'tabular-nums', marginInlineStart: 'auto', whiteSpace: 'nowrap' },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  ok: { color: tokens.colorPaletteGreenForeground1 },
});

/**
 * A compact 2 × 2 strip of the totals, then the one figure that matters — how much more subsidy the rules allow, and
 * which limit binds — with a preview of that allocation; the limit-by-limit rows stay behind a disclosure.
 */
export function BudgetSummaryView(props: {
  lang: Lang;
  summary: BudgetSummary | null;
  program: Program | undefined;
  maximum: MaximumView | null;
  busy: boolean;
  /** Absent in reviewer mode: the figure is shown, the allocation is not offered. */
  onPreviewMaximum?: () => void;
}) {
  const { lang, summary, program, maximum } = props;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  if (!summary) return <Text>{t(lang, 'summaryNone')}</Text>;
  const itemLabel = (itemId: string, fallback: string) => {
    const item = program?.items.find((i) => i.id === itemId);
    return lang === 'en' ? (item?.en ?? fallback) : (item?.label ?? fallback);
  };
  // One meaning everywhere, the headline's: item totals and 總經費 kept, only who pays changes. A row says how much
  // more subsidy its limit allows (or how much must go); an item with no cost has no row. A cap on an item's total is
  // about its cost, not who pays: its row says how far the item's total is from it.
  const rooms = maximum?.rooms;
  const limits = [
    ...(rooms?.share != null ? [{ key: 'share', label: t(lang, 'headroomShare', { percent: program?.govShare?.maxPercent ?? 50 }), headroom: rooms.share }] : []),
    ...(rooms?.cap != null && summary.subsidyCap ? [{ key: 'cap', label: t(lang, 'headroomCap', { amount: formatAmount(summary.subsidyCap.limit, 0) }), headroom: rooms.cap }] : []),
    ...summary.items.flatMap((i) => {
      const label = t(lang, i.base === 'gov' ? 'headroomItem' : 'headroomItemTotal', { item: itemLabel(i.itemId, i.label), percent: i.percent });
      if (i.base !== 'gov') return i.used > 0 ? [{ key: `item-${i.itemId}`, label, headroom: i.headroom }] : [];
      const room = rooms?.items.find((r) => r.itemId === i.itemId);
      return room ? [{ key: `item-${i.itemId}`, label, headroom: room.room }] : [];
    }),
  ];
  // Room under one limit is no room while another limit is already broken: green only when nothing is.
  const anyOver = limits.some((l) => l.headroom < 0);
  return (
    <div data-testid="budget-summary">
      <dl className={styles.stats}>
        <Stat label={t(lang, 'grandTotal')} value={formatAmount(summary.grandTotal)} testId="grand-total" />
        <Stat label={t(lang, 'govTotal')} value={formatAmount(summary.govTotal)} testId="gov-total" />
        <Stat label={t(lang, 'selfTotal')} value={formatAmount(summary.selfTotal)} testId="self-total" />
        <Stat label={t(lang, 'govShare')} value={formatPercent(summary.govSharePercent)} testId="gov-share" />
      </dl>
      {maximum && summary.grandTotal > 0 && (
        <div className={styles.maximum} data-testid="maximum">
          <span className={styles.small}>{t(lang, maximum.more >= 0 ? 'maximizeMore' : 'maximizeLess')}</span>
          <span className={styles.maximumValue} data-testid="maximum-more">
            {withWan(fromNumber(Math.abs(maximum.more)), lang)}
          </span>
          <span className={styles.small} data-testid="maximum-binding">
            {t(lang, 'maximizeBinding', { binding: maximum.bindingText })}
          </span>
          {maximum.cells > 0 && props.onPreviewMaximum && (
            <div>
              <Button size="small" disabled={props.busy} onClick={props.onPreviewMaximum} data-testid="maximum-preview">
                {t(lang, 'maximizePreview')}
              </Button>
            </div>
          )}
        </div>
      )}
      <Button size="small" appearance="transparent" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="limits-toggle">
        {t(lang, 'limitsTitle')}
      </Button>
      {open && (
        <p className={mergeClasses(styles.small, styles.meaning)} data-testid="limits-meaning">
          {t(lang, 'limitsMeaning')}
        </p>
      )}
      {open && (
        <dl className={styles.list}>
          {limits.map((l) => (
            <div key={l.key} className={styles.row} data-testid={`headroom-${l.key}`}>
              <dt className={styles.term}>{l.label}</dt>
              <dd className={mergeClasses(styles.value, l.headroom < 0 ? styles.over : !anyOver && styles.ok)}>
                {l.headroom >= 0
                  ? t(lang, 'headroomLeft', { amount: formatAmount(Math.floor(l.headroom + 1e-9), 0) })
                  : t(lang, 'headroomOver', { amount: formatAmount(Math.ceil(-l.headroom - 1e-9), 0) })}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Stat(props: { label: string; value: string; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.stat} data-testid={props.testId}>
      <dt className={styles.statLabel}>{props.label}</dt>
      <dd className={styles.statValue}>{props.value}</dd>
    </div>
  );
}
