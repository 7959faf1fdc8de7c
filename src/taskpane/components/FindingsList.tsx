import { useState } from 'react';
import { Badge, Button, Text, makeStyles, tokens, createFocusOutlineStyle, mergeClasses } from '@fluentui/react-components';
import { SEVERITY_ORDER, summarize, type CellLoc, type Finding, type Lang, type Severity } from '../../domain/findings';
import { cellRef, formatValue } from '../format';
import { severityLabel, t } from '../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  groupHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    borderLeftWidth: '4px',
    borderLeftStyle: 'solid',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    position: 'relative', // anchors the focus outline
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  static: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  detail: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  footer: { padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}` },
  citation: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `2px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

export function FindingsList(props: { lang: Lang; findings: Finding[]; onSelect: (loc: CellLoc) => void }) {
  const { lang, findings, onSelect } = props;
  const styles = useStyles();
  const counts = summarize(findings);
  return (
    <div className={styles.root}>
      <div className={styles.counts} role="status" aria-label={t(lang, 'countsLabel', counts)} data-testid="finding-counts">
        {SEVERITY_ORDER.map((s) => (
          <Badge key={s} appearance={counts[s] ? 'filled' : 'outline'} color={badgeColor(s)} data-severity={s}>
            {`${severityLabel(lang, s)} ${counts[s]}`}
          </Badge>
        ))}
      </div>
      {findings.length === 0 ? (
        <Text>{t(lang, 'findingsNone')}</Text>
      ) : (
        SEVERITY_ORDER.filter((s) => counts[s] > 0).map((severity) => (
          <section key={severity} className={styles.group} aria-label={severityLabel(lang, severity)}>
            <h3 className={styles.groupHeading}>
              {severityLabel(lang, severity)}
              <Badge appearance="tint" color={badgeColor(severity)} size="small">
                {counts[severity]}
              </Badge>
            </h3>
            <ul className={styles.list}>
              {findings
                .filter((f) => f.severity === severity)
                .map((f, i) => (
                  <FindingRow key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} lang={lang} finding={f} onSelect={onSelect} />
                ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function badgeColor(s: Severity): 'danger' | 'warning' | 'informative' {
  return s === 'error' ? 'danger' : s === 'warning' ? 'warning' : 'informative';
}

function FindingRow(props: { lang: Lang; finding: Finding; onSelect: (loc: CellLoc) => void }) {
  const { lang, finding: f, onSelect } = props;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const ref = cellRef(f.sheet, f.cell);
  const loc = f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : null;
  const body = (
    <>
      <span className={styles.cell}>{ref ?? t(lang, 'workbookLevel')}</span>
      <span>{f.message}</span>
      {f.expected !== undefined && <span className={styles.detail}>{t(lang, 'expected', { value: formatValue(f.expected) })}</span>}
      {f.advice && <span className={styles.detail}>{t(lang, 'fix', { text: f.advice })}</span>}
    </>
  );
  return (
    <li className={mergeClasses(styles.item, styles[f.severity])} data-rule={f.rule} data-cell={ref ?? ''}>
      {loc ? (
        <button type="button" className={styles.main} onClick={() => onSelect(loc)} title={t(lang, 'goToCell', { cell: ref! })}>
          {body}
        </button>
      ) : (
        <div className={mergeClasses(styles.main, styles.static)}>{body}</div>
      )}
      {f.citation && (
        <div className={styles.footer}>
          <Button size="small" appearance="transparent" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t(lang, 'citationHide') : t(lang, 'citationShow')}
          </Button>
          {open && (
            <blockquote className={styles.citation} data-testid="citation">
              「{f.citation.quote}」
              <br />
              {t(lang, 'citationSource', { seed: f.citation.seed })}
            </blockquote>
          )}
        </div>
      )}
    </li>
  );
}
