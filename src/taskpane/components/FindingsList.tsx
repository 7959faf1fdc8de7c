import { useState } from 'react';
import { Button, Text, makeStyles, tokens, createFocusOutlineStyle, mergeClasses } from '@fluentui/react-components';
import type { CellLoc, Finding, Lang, RuleId, Severity } from '../../domain/findings';
import { documentTitle, quoteWithoutNoteNumber } from '../../domain/programs';
import { cellRef, formatValue } from '../format';
import { severityWord, t } from '../i18n';
import { fixRoutes } from '../verdict';
import { StatusIcon, type StatusKind } from './icons';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: '4px',
    minWidth: 0,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
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
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  static: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  errorText: { color: tokens.colorPaletteRedForeground1 },
  warningText: { color: tokens.colorPaletteDarkOrangeForeground1 },
  infoText: { color: tokens.colorNeutralForeground2 },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  detail: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  footer: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}` },
  fixAll: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  citation: {
    flexBasis: '100%',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `2px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Rules whose cell takes a typed value, so "should be" names something the user can type. */
const TYPED_VALUE_RULES = new Set<RuleId>(['number-as-text', 'fractional-amount', 'self-only-item', 'negative-amount']);

/** The findings, root causes first; each says its severity in an icon and a word, not in colour alone. */
export function FindingsList(props: {
  lang: Lang;
  findings: Finding[];
  /** The budget table's sheet: its cells are named without the sheet. */
  sheet: string | null;
  emptyTable: boolean;
  busy: boolean;
  onSelect: (loc: CellLoc) => void;
  /** Absent in reviewer mode: no fix is offered. */
  onFix?: (finding: Finding, route: number) => void;
  /** Several limits broken that the largest legal subsidy clears together: how many (0: no such action). */
  fixAll?: number;
  onFixAll?: () => void;
}) {
  const { lang } = props;
  // Display only: the program picker above already says when the program was assumed.
  const findings = props.findings.filter((f) => f.rule !== 'program-assumed');
  const styles = useStyles();
  const cards = useCardStyles();
  return (
    <section id="findings" className={cards.card} aria-labelledby="findings-title" data-testid="findings" tabIndex={-1}>
      <h2 id="findings-title" className={cards.title}>
        {t(lang, 'findingsTitle')}
      </h2>
      {(props.fixAll ?? 0) >= 2 && props.onFixAll && (
        <div className={styles.fixAll}>
          <Button appearance="primary" disabled={props.busy} onClick={props.onFixAll} data-testid="fix-all">
            {t(lang, 'fixAll', { count: props.fixAll! })}
          </Button>
          <span className={styles.detail}>{t(lang, 'fixAllHint')}</span>
        </div>
      )}
      {findings.length === 0 ? (
        <Text>{props.emptyTable ? t(lang, 'emptyHint') : t(lang, 'findingsNone')}</Text>
      ) : (
        <ul className={styles.list}>
          {findings.map((f, i) => (
            <FindingRow key={`${f.rule}-${f.sheet ?? ''}-${f.cell ?? ''}-${i}`} {...props} finding={f} />
          ))}
        </ul>
      )}
    </section>
  );
}

const ICONS: Record<Severity, StatusKind> = { error: 'error', warning: 'warning', info: 'info' };

function FindingRow(props: {
  lang: Lang;
  finding: Finding;
  sheet: string | null;
  busy: boolean;
  onSelect: (loc: CellLoc) => void;
  onFix?: (finding: Finding, route: number) => void;
}) {
  const { lang, finding: f, onSelect, onFix } = props;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const ref = cellRef(f.sheet, f.cell);
  const shortRef = f.cell && f.sheet === props.sheet ? f.cell : ref;
  const loc = f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : null;
  const routes = onFix ? fixRoutes(f) : [];
  const title = f.citation ? documentTitle(f.citation.seed, lang) : null;
  const body = (
    <>
      <span className={mergeClasses(styles.head, styles[`${f.severity}Text`])}>
        <StatusIcon kind={ICONS[f.severity]} size={16} />
        <span>{severityWord(lang, f.severity)}</span>
        {shortRef && <span className={styles.cell}>· {shortRef}</span>}
      </span>
      <span data-testid="finding-message">{f.message}</span>
      {f.expected !== undefined && TYPED_VALUE_RULES.has(f.rule) && (
        <span className={styles.detail}>{t(lang, 'expected', { value: formatValue(f.expected) })}</span>
      )}
      {f.advice && routes.length === 0 && <span className={styles.detail}>{t(lang, 'fix', { text: f.advice })}</span>}
    </>
  );
  return (
    <li className={mergeClasses(styles.item, styles[f.severity])} data-rule={f.rule} data-cell={ref ?? ''} data-severity={f.severity}>
      {loc ? (
        <button type="button" className={styles.main} onClick={() => onSelect(loc)} title={t(lang, 'goToCell', { cell: ref! })}>
          {body}
        </button>
      ) : (
        <div className={mergeClasses(styles.main, styles.static)}>{body}</div>
      )}
      {(routes.length > 0 || f.citation) && (
        <div className={styles.footer}>
          {routes.map((route, index) => (
            <Button
              key={index}
              size="small"
              appearance={index === 0 ? 'primary' : 'secondary'}
              disabled={props.busy}
              onClick={() => onFix?.(f, index)}
              data-testid="fix"
            >
              {route.advice ?? t(lang, 'fixButton')}
            </Button>
          ))}
          {f.citation && (
            <Button size="small" appearance="transparent" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? t(lang, 'citationHide') : t(lang, 'citationShow')}
            </Button>
          )}
          {open && f.citation && (
            <blockquote className={styles.citation} data-testid="citation">
              「{quoteWithoutNoteNumber(f.citation.quote)}」
              {title && (
                <>
                  <br />
                  {t(lang, 'citationSource', { title })}
                </>
              )}
            </blockquote>
          )}
        </div>
      )}
    </li>
  );
}
