import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and process tests start servers; keep files from fighting over the two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
