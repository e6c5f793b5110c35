import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Bounds against hangs only: no test's outcome may depend on how loaded the machine is.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
