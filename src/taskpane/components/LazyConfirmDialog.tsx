import { useState, type ComponentProps } from 'react';
import type { ConfirmDialog as ConfirmDialogView } from './ConfirmDialog';
import { lazyView } from './lazy-view';

type Props = ComponentProps<typeof ConfirmDialogView>;

// Fluent's Dialog (portal, motion, focus trap) loads with the first write that needs confirming, not with the pane.
const LoadedConfirmDialog = lazyView<Props>(
  () => import(/* webpackChunkName: "dialog" */ './ConfirmDialog').then((m) => m.ConfirmDialog),
  null,
);

/** ConfirmDialog, fetched the first time something is pending; once loaded it stays mounted so it can animate out. */
export function ConfirmDialog(props: Props) {
  const [needed, setNeeded] = useState(false);
  if (props.pending !== null && !needed) setNeeded(true);
  return needed ? <LoadedConfirmDialog {...props} /> : null;
}
