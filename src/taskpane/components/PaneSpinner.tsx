import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  ring: {
    display: 'inline-block',
    flexShrink: 0,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    animationName: { to: { transform: 'rotate(360deg)' } },
    animationDuration: '0.9s',
    animationTimingFunction: 'linear',
    animationIterationCount: 'infinite',
    '@media (prefers-reduced-motion: reduce)': { animationDuration: '3s' },
  },
  small: { width: '16px', height: '16px', border: `2px solid ${tokens.colorBrandStroke2}`, borderTopColor: tokens.colorBrandStroke1 },
  medium: { width: '24px', height: '24px', border: `3px solid ${tokens.colorBrandStroke2}`, borderTopColor: tokens.colorBrandStroke1 },
});

/**
 * "Working…": a ring in the theme's brand colours with an accessible name, in place of Fluent's Spinner (whose
 * animation and label machinery the pane does not need) — the same look as the page's loading placeholder.
 */
export function PaneSpinner(props: { label: string; size?: 'small' | 'medium'; testId?: string }) {
  const styles = useStyles();
  return (
    <span
      role="progressbar"
      aria-label={props.label}
      data-testid={props.testId}
      className={mergeClasses(styles.ring, props.size === 'medium' ? styles.medium : styles.small)}
    />
  );
}
