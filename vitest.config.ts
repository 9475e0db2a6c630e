import { defineConfig } from 'vitest/config';

// Workspace packages export a "source" condition pointing at their TypeScript, so tests
// run against the sources of every package without a build step in between. The rest are
// Vite's server defaults; `import` is not listed, because Vitest also hands these to Node
// (`--conditions`), where it would make a CommonJS `require()` of a dual package (helmet,
// under @fastify/helmet) load the package's ES module build.
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: [
      'apps/*/test/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The fault suite runs on its own (npm run test:faults): long, and process-killing.
    exclude: ['**/node_modules/**', '**/dist/**', 'test/faults/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
