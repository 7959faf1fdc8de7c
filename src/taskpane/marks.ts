/** Performance marks the pane sets, read by the preview's measurement and `npm run bench`. */
export const FIRST_RENDER_MARK = 'subsidy-budget:first-render';
export const FIRST_CHECK_MARK = 'subsidy-budget:first-check';
