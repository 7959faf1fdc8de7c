import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The pane's English strings load on demand in the bundle; tests render both languages, so they load them first.
    setupFiles: ['test/setup-messages.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
