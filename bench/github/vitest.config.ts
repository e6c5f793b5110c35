import { defineConfig } from 'vitest/config';

/** `node bench/github-requests.js`: the GitHub request counts (not part of the test suite). */
export default defineConfig({
  test: {
    include: ['bench/github/*.run.ts'],
    testTimeout: 1_800_000,
    pool: 'forks',
  },
});
