import { Text, makeStyles, tokens, mergeClasses } from '@fluentui/react-components';
import type { BudgetSummary } from '../../domain/engine';
import type { Lang } from '../../domain/findings';
import type { Program } from '../../domain/programs';
import { formatAmount, formatPercent } from '../format';
import { t } from '../i18n';

const useStyles = makeStyles({
  list: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
    minWidth: 0,
    paddingBlock: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  term: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', minWidth: 0 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums', marginInlineStart: 'auto' },
  heading: { margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  over: { color: tokens.colorPaletteRedForeground1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
});

export function BudgetSummaryView(props: { lang: Lang; summary: BudgetSummary | null; program: Program | undefined }) {
  const { lang, summary, program } = props;
  const styles = useStyles();
  if (!summary) return <Text>{t(lang, 'summaryNone')}</Text>;
  const itemLabel = (itemId: string, fallback: string) => {
    const item = program?.items.find((i) => i.id === itemId);
    return lang === 'en' ? (item?.en ?? fallback) : (item?.label ?? fallback);
  };
  const limits = [
    { key: 'share', label: t(lang, 'headroomShare', { percent: program?.govShare.maxPercent ?? 50 }), headroom: summary.govShare.headroom },
    { key: 'cap', label: t(lang, 'headroomCap', { amount: formatAmount(summary.subsidyCap.limit) }), headroom: summary.subsidyCap.headroom },
    ...summary.items.map((i) => ({
      key: `item-${i.itemId}`,
      label: t(lang, i.base === 'gov' ? 'headroomItem' : 'headroomItemTotal', { item: itemLabel(i.itemId, i.label), percent: i.percent }),
      headroom: i.headroom,
    })),
  ];
  return (
    <div data-testid="budget-summary">
      <dl className={styles.list}>
        <Row label={t(lang, 'grandTotal')} value={formatAmount(summary.grandTotal)} testId="grand-total" />
        <Row label={t(lang, 'govTotal')} value={formatAmount(summary.govTotal)} testId="gov-total" />
        <Row label={t(lang, 'selfTotal')} value={formatAmount(summary.selfTotal)} testId="self-total" />
        <Row label={t(lang, 'govShare')} value={formatPercent(summary.govSharePercent)} testId="gov-share" />
      </dl>
      <h3 className={styles.heading}>{t(lang, 'headroomTitle')}</h3>
      <dl className={styles.list}>
        {limits.map((l) => (
          <Row
            key={l.key}
            label={l.label}
            testId={`headroom-${l.key}`}
            value={
              l.headroom >= 0
                ? t(lang, 'headroomLeft', { amount: formatAmount(l.headroom) })
                : t(lang, 'headroomOver', { amount: formatAmount(-l.headroom) })
            }
            tone={l.headroom >= 0 ? 'ok' : 'over'}
          />
        ))}
      </dl>
    </div>
  );
}

function Row(props: { label: string; value: string; testId: string; tone?: 'ok' | 'over' }) {
  const styles = useStyles();
  return (
    <div className={styles.row} data-testid={props.testId}>
      <dt className={styles.term}>{props.label}</dt>
      <dd className={mergeClasses(styles.value, props.tone && styles[props.tone])}>{props.value}</dd>
    </div>
  );
}
