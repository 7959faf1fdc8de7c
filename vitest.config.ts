import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The pane's English strings load on demand in the bundle; tests render both languages, so they load them first.
    setupFiles: ['test/setup-messages.ts'],
    // The CLI's tests run the compiled CLI (bin → dist-cli): bundled once from the current sources before any test.
    globalSetup: ['test/build-cli.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
