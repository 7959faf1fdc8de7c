import type { tokens as fluentTokens } from '@fluentui/tokens';

// Webpack resolves Fluent's own `@fluentui/tokens` imports to this module (webpack.config.js). Fluent ships its styles
// precompiled, and after the build moves them into CSS the only thing left of its `tokens` imports is dead property
// reads like `tokens.spacingHorizontalS`, which the minifier must keep (a read could be a getter) — and with them
// Fluent's 467-entry token object. Every token is `var(--name)` (the z-index ones with a fallback), so a Proxy gives
// the same strings from a few lines; test/taskpane/fluent-tokens.test.ts compares it with Fluent's object entry by entry.
export * from '@fluentui/tokens';

const FALLBACKS: Readonly<Record<string, string>> = {
  zIndexBackground: '0',
  zIndexContent: '1',
  zIndexOverlay: '1000',
  zIndexPopup: '2000',
  zIndexMessages: '3000',
  zIndexFloating: '4000',
  zIndexPriority: '5000',
  zIndexDebug: '6000',
};

export const tokens = new Proxy({} as typeof fluentTokens, {
  get: (_target, name) =>
    typeof name === 'string' ? (name in FALLBACKS ? `var(--${name}, ${FALLBACKS[name]})` : `var(--${name})`) : undefined,
});
