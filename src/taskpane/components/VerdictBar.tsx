import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Lang } from '../../domain/findings';
import { t } from '../i18n';
import { StatusIcon } from './icons';
import type { Verdict } from '../verdict';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'none',
    color: 'inherit',
    minWidth: 0,
  },
  errors: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  warnings: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1 },
  ok: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  neutral: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, boxShadow: tokens.shadow2 },
  icon: { flexShrink: 0 },
});

/** The verdict's element id: the pane brings it into view when an action the person asked for has ended. */
export const VERDICT_ID = 'pane-verdict';

/**
 * Brings the verdict (and the notice right under it) into view if it is scrolled away: the answer to what the person
 * asked for (a check, a fix, marks) is at the top of the pane, while they may have scrolled down to a finding's fix.
 */
export function revealVerdict(): void {
  document.getElementById(VERDICT_ID)?.scrollIntoView({ block: 'nearest' });
}

/** Where the budget stands, in one line right under the header; a link down to the findings. */
export function VerdictBar(props: { lang: Lang; verdict: Verdict | null }) {
  const { lang, verdict } = props;
  const styles = useStyles();
  if (!verdict) return null;
  const [tone, icon, text] =
    verdict.kind === 'errors'
      ? (['errors', <StatusIcon key="i" kind="error" />, t(lang, 'verdictErrors', { count: verdict.count })] as const)
      : verdict.kind === 'warnings'
        ? (['warnings', <StatusIcon key="i" kind="warning" />, t(lang, 'verdictWarnings', { count: verdict.count })] as const)
        : verdict.kind === 'ok'
          ? (['ok', <StatusIcon key="i" kind="success" />, t(lang, 'verdictOk')] as const)
          : (['neutral', <StatusIcon key="i" kind="info" />, t(lang, verdict.kind === 'empty' ? 'verdictEmpty' : 'verdictStart')] as const);
  const linked = verdict.kind === 'errors' || verdict.kind === 'warnings';
  const className = mergeClasses(styles.bar, styles[tone]);
  const content = (
    <>
      <span className={styles.icon} aria-hidden>
        {icon}
      </span>
      <span>{text}</span>
    </>
  );
  return linked ? (
    <a href="#findings" id={VERDICT_ID} className={className} data-testid="verdict" data-verdict={verdict.kind} title={t(lang, 'verdictJump')} role="status">
      {content}
    </a>
  ) : (
    <div id={VERDICT_ID} className={className} data-testid="verdict" data-verdict={verdict.kind} role="status">
      {content}
    </div>
  );
}
