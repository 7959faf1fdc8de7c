import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  // A native select is as wide as its longest option unless told otherwise; long program names must not widen the pane.
  root: { position: 'relative', display: 'flex', minWidth: 0, maxWidth: '100%' },
  select: {
    flexGrow: 1,
    minWidth: 0,
    width: '100%',
    height: '32px',
    padding: `0 calc(${tokens.spacingHorizontalM} + 20px) 0 ${tokens.spacingHorizontalMNudge}`,
    appearance: 'none',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    textOverflow: 'ellipsis',
    cursor: 'pointer',
    ':hover': { border: `1px solid ${tokens.colorNeutralStroke1Hover}`, borderBottomColor: tokens.colorNeutralStrokeAccessibleHover },
    ':focus-visible': { outline: 'none', borderBottomColor: tokens.colorCompoundBrandStroke, boxShadow: `inset 0 -1px 0 ${tokens.colorCompoundBrandStroke}` },
    ':disabled': { cursor: 'not-allowed', color: tokens.colorNeutralForegroundDisabled, border: `1px solid ${tokens.colorNeutralStrokeDisabled}` },
  },
  chevron: {
    position: 'absolute',
    insetInlineEnd: tokens.spacingHorizontalS,
    top: '50%',
    transform: 'translateY(-50%)',
    pointerEvents: 'none',
    color: tokens.colorNeutralForeground3,
  },
});

/**
 * A native drop-down in Fluent's Select look (outline, accessible bottom border, chevron). The pane's two pickers need
 * nothing more; Fluent's Select stays in the benefits tab, which loads on demand.
 */
export function PaneSelect(props: {
  id?: string;
  describedBy?: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.root, props.className)}>
      <select
        id={props.id}
        aria-describedby={props.describedBy}
        className={styles.select}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        disabled={props.disabled}
        data-testid={props.testId}
      >
        {props.children}
      </select>
      <svg className={styles.chevron} width={16} height={16} viewBox="0 0 16 16" fill="currentColor" aria-hidden focusable="false">
        <path d="M3.2 5.7a.7.7 0 0 1 1 0L8 9.5l3.8-3.8a.7.7 0 1 1 1 1L8.5 11a.7.7 0 0 1-1 0L3.2 6.7a.7.7 0 0 1 0-1Z" />
      </svg>
    </span>
  );
}
