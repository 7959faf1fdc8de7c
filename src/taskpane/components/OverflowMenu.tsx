import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { MoreIcon } from './icons';

const useStyles = makeStyles({
  root: { position: 'relative' },
  list: {
    position: 'absolute',
    insetInlineEnd: 0,
    top: '100%',
    zIndex: 10,
    minWidth: '11em',
    margin: `${tokens.spacingVerticalXXS} 0 0`,
    padding: tokens.spacingVerticalXS,
    listStyleType: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  item: {
    display: 'block',
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusSmall,
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    ':disabled': { color: tokens.colorNeutralForegroundDisabled, cursor: 'default', backgroundColor: 'transparent' },
  },
  divider: { height: '1px', margin: `${tokens.spacingVerticalXS} 0`, backgroundColor: tokens.colorNeutralStroke2 },
});

export interface MenuEntry {
  id: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  lang?: string;
  /** A divider above this entry. */
  separated?: boolean;
}

/**
 * The "⋯" menu for secondary actions: a button and a list of menu items (arrow keys move, Escape or a click outside
 * closes). Written for the pane rather than taken from Fluent's Menu, whose positioning engine would cost more of the
 * bundle budget than the whole menu.
 */
export function OverflowMenu(props: { label: string; entries: MenuEntry[] }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    document.addEventListener('mousedown', outside);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    // Focus goes back to the button just used, without moving the pane: focus() alone scrolls a partly hidden button
    // to the top edge, which shifted the whole pane by its 8 px padding.
    trigger.current?.focus({ preventScroll: true });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') return close();
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };

  const items: ReactNode[] = [];
  for (const entry of props.entries) {
    if (entry.separated) items.push(<li key={`${entry.id}-divider`} role="separator" className={styles.divider} />);
    items.push(
      <li key={entry.id} role="none">
        <button
          type="button"
          role="menuitem"
          className={styles.item}
          disabled={entry.disabled}
          lang={entry.lang}
          data-testid={entry.id}
          onClick={() => {
            close();
            entry.onSelect();
          }}
        >
          {entry.label}
        </button>
      </li>,
    );
  }

  return (
    <div className={styles.root} ref={root} onKeyDown={onKeyDown}>
      <Button
        ref={trigger}
        appearance="subtle"
        icon={<MoreIcon />}
        aria-label={props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="more"
      />
      {open && (
        <ul role="menu" aria-label={props.label} className={styles.list}>
          {items}
        </ul>
      )}
    </div>
  );
}
