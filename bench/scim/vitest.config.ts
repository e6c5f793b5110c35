import { defineConfig } from 'vitest/config';

/** `npx vitest run -c bench/scim/vitest.config.ts`: the SCIM apply benchmark (not part of the test suite). */
export default defineConfig({
  test: {
    include: ['bench/scim/*.run.ts'],
    testTimeout: 1_800_000,
    pool: 'forks',
  },
});
