// The pane's few icons as plain SVG in the shapes of Fluent's filled status icons (a circle with "!", "i" or a check
// cut out, a triangle with "!"), drawn here rather than imported: @fluentui/react-icons wraps every icon in its own
// component and styles, which cost more of the up-front bundle than these paths. They take the text colour.

export type StatusKind = 'error' | 'warning' | 'info' | 'success';

const CIRCLE = 'M10 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16Z';
const PATHS: Record<StatusKind, string> = {
  // Holes cut by the even-odd rule: the bar and dot of "!" / "i", the check.
  error: `${CIRCLE}M9.1 5.6h1.8v6h-1.8ZM10 12.9a1.1 1.1 0 1 1 0 2.2a1.1 1.1 0 1 1 0-2.2Z`,
  info: `${CIRCLE}M9.1 8.6h1.8v6h-1.8ZM10 5.1a1.1 1.1 0 1 1 0 2.2a1.1 1.1 0 1 1 0-2.2Z`,
  success: `${CIRCLE}M5.9 10.1l1.3-1.3 1.9 1.9 3.9-3.9 1.3 1.3-5.2 5.2Z`,
  warning: 'M8.7 2.8a1.5 1.5 0 0 1 2.6 0l7 12.5a1.5 1.5 0 0 1-1.3 2.2H3a1.5 1.5 0 0 1-1.3-2.2ZM9.1 7h1.8v5.3h-1.8ZM10 13.3a1.1 1.1 0 1 1 0 2.2a1.1 1.1 0 1 1 0-2.2Z',
};

export function StatusIcon(props: { kind: StatusKind; size?: 16 | 20; className?: string }) {
  const size = props.size ?? 20;
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" fill="currentColor" aria-hidden focusable="false" className={props.className}>
      <path fillRule="evenodd" d={PATHS[props.kind]} />
    </svg>
  );
}

/** "More" (⋯), for the overflow menu's button. */
export function MoreIcon() {
  return (
    <svg width={20} height={20} viewBox="0 0 20 20" fill="currentColor" aria-hidden focusable="false">
      <circle cx="4.5" cy="10" r="1.3" />
      <circle cx="10" cy="10" r="1.3" />
      <circle cx="15.5" cy="10" r="1.3" />
    </svg>
  );
}
