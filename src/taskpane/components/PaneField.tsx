import { useId, type ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  label: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, color: tokens.colorNeutralForeground1 },
  hint: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
});

/**
 * A labelled control with an optional hint, laid out as Fluent's Field. The pane's pickers need only this, and Fluent's
 * Field (with its Label and validation states) is kept for the benefits tab, which loads on demand.
 */
export function PaneField(props: { label: string; hint?: string; children: (ids: { id: string; describedBy?: string }) => ReactNode }) {
  const styles = useStyles();
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={styles.root}>
      <label htmlFor={id} className={styles.label}>
        {props.label}
      </label>
      {props.children({ id, describedBy: props.hint ? hintId : undefined })}
      {props.hint && (
        <div id={hintId} className={styles.hint}>
          {props.hint}
        </div>
      )}
    </div>
  );
}
