import { defineConfig } from 'vitest/config';

// DATABASE_URL and REDIS_URL name the services for the tests that use them (test/helpers/services.ts).
// The servers tests spawn inherit the environment and must not pick them up (they would all share
// one database), so they move to names only those helpers read.
for (const name of ['DATABASE_URL', 'REDIS_URL']) {
  if (!process.env[name]) continue;
  process.env[`BREACHDRILL_TEST_${name}`] = process.env[name];
  delete process.env[name];
}

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
