import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs, so the gateway (or a proxy) may serve the board under any path.
  base: './',
  resolve: {
    // `source` first: @slawatch/core and @slawatch/wire are bundled from their TypeScript, so
    // no build of either is needed first and tree-shaking sees their real modules.
    conditions: ['source', 'module', 'browser', 'development|production'],
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
