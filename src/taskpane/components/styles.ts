import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * The pane's cards (summary, findings, benefit sections): one look everywhere. A makeStyles hook rather than shared
 * style objects, so that the build precompiles it into class names like every other style and no token object is left
 * in the bundle.
 */
export const useCardStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});
