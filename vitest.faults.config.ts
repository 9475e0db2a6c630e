import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The fault suite (`npm run test:faults`): real tracker and alerter processes killed,
 * Redis restarted, wiped or full, receivers down. The same resolve conditions and global
 * setup as the main run (spread, not mergeConfig, which would concatenate the main run's
 * exclude of test/faults), its own files, and the time a recovery takes: the longest case
 * waits out a 5-minute receiver outage, so files run side by side.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/faults/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // Mostly waiting (on a 5-minute outage, on rebalances): more files than cores at once,
    // so the suite takes about as long as its longest file.
    maxWorkers: 3,
  },
});
