/**
 * Layering rules (docs/development.md, "Layout"). Dependencies point inward:
 * services → adapters (packages other than core) → core. No service imports another,
 * nothing imports a service, and the core imports only its declared pure libraries.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile and layering meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'packages/core decides and never does I/O: only these pure libraries.',
      from: { path: '^packages/core/src' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'core'],
        pathNot: ['node_modules/(luxon|yaml|zod|@types/luxon)/'],
      },
    },
    {
      name: 'core-imports-no-workspace',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { path: '^(packages/(?!core/)|services/|test/|bench/)' },
    },
    {
      name: 'wire-imports-nothing',
      severity: 'error',
      comment:
        'packages/wire is the shapes both ends of the wire share (the wallboard bundles it): no npm or node imports, nothing from the workspace.',
      from: { path: '^packages/wire/src' },
      to: {
        pathNot: '^packages/wire/src',
      },
    },
    {
      name: 'no-service-to-service',
      severity: 'error',
      comment: 'Services talk through Kafka, BullMQ and Redis, never by importing each other.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'adapters-do-not-import-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'undeclared-dependency',
      severity: 'error',
      comment: 'Import only what your package.json declares.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-test-helpers-at-runtime',
      severity: 'error',
      comment: 'Test helpers are never runtime dependencies of the product.',
      from: { path: '^(apps|packages|services)/[^/]+/src' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
