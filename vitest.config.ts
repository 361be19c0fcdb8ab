import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    setupFiles: ['test/support/print-on-failure.ts'],
    // The in-process suites run on both run engines: BullMQ on Redis (production with REDIS_URL) and the in-process
    // default (no Redis).
    projects: [
      { extends: true, test: { name: 'bullmq', include: ['test/**/*.test.ts'], env: { BOT_ENGINE: 'bullmq' } } },
      { extends: true, test: { name: 'local', include: ['test/e2e/**/*.test.ts', 'test/faults/**/*.test.ts'], exclude: ['test/e2e/restart.test.ts', 'test/e2e/replicas/**'], env: { BOT_ENGINE: 'local' } } },
    ],
  },
});
