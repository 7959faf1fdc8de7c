import { tokens } from '@fluentui/react-components';

/** The pane's cards (summary, findings, benefit sections): one look everywhere. */
export const CARD_STYLE = {
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalS,
  padding: tokens.spacingHorizontalM,
  borderRadius: tokens.borderRadiusLarge,
  backgroundColor: tokens.colorNeutralBackground1,
  boxShadow: tokens.shadow4,
  minWidth: 0,
} as const;

export const CARD_TITLE_STYLE = { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold } as const;
