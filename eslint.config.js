// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** The core decides and the traffic model simulates: neither does I/O, reads a clock, or draws a random number. */
const corePurity = {
  files: ['packages/core/src/**/*.ts', 'packages/traffic/src/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: nodeBuiltins.map((name) => ({
          name,
          message: 'The core and traffic packages are pure: no Node built-ins.',
        })),
        patterns: [
          {
            group: ['node:*'],
            message: 'The core and traffic packages are pure: no Node built-ins.',
          },
          {
            group: [
              'ioredis',
              'redis',
              'kafkajs',
              'bullmq',
              'fastify',
              'fastify-*',
              '@fastify/*',
              'ws',
              'pino',
              'pino-*',
              'prom-client',
              'undici',
              'axios',
              'nodemailer',
              'dotenv',
            ],
            message:
              'The core and traffic packages are pure: I/O belongs in an adapter or a service.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      ...[
        'process',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'clearTimeout',
        'clearInterval',
        'clearImmediate',
        'queueMicrotask',
        'fetch',
        'require',
        'performance',
        'crypto',
        'console',
      ].map((name) => ({
        name,
        message: `The core and traffic packages are pure: no ${name}. Pass what you need in as an argument.`,
      })),
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'The core and traffic packages are pure: take `now` as an argument.',
      },
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The core and traffic packages are pure: take `now` as an argument.',
      },
      {
        selector: "CallExpression[callee.name='Date'][arguments.length=0]",
        message: 'The core and traffic packages are pure: take `now` as an argument.',
      },
      {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: 'The core and traffic packages are pure: no randomness.',
      },
      {
        selector:
          "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local|utc)$/][arguments.length=0]",
        message: 'The core and traffic packages are pure: take `now` as an argument.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '**/*.cjs', '.tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['vitest.config.ts', 'vitest.faults.config.ts'],
          // NodeNext, so vitest.faults.config.ts's import of './vitest.config.js' resolves.
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain scripts run by Node itself (the demo's bootstrap).
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/test/**/*.ts', 'test/**/*.ts', 'vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The wallboard runs in the browser (its own tsconfig brings the DOM types).
    files: ['services/wallboard/**/*.ts', 'services/wallboard/**/*.tsx'],
    languageOptions: { globals: globals.browser },
  },
  corePurity,
  prettier,
);
