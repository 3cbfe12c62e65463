// Lint rules for the whole repository (flat config). Layer rules live in .dependency-cruiser.js.
const tseslint = require('typescript-eslint');
const jest = require('eslint-plugin-jest');

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'infra/kafka/lib/**', 'libs/contracts/src/gen/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Pool']",
          message: 'Make pools with createPool() from @serang/db: every pool has an acquire timeout and the nested-acquire guard.',
        },
      ],
    },
  },
  {
    files: ['libs/db/src/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The one write path (docs/write-path.md): events are appended by libs/eventstore's
    // CommandHandler and nowhere else in production code.
    files: ['services/*/src/**/*.ts', 'gateway/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['libs/eventstore/src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Pool']",
          message: 'Make pools with createPool() from @serang/db: every pool has an acquire timeout and the nested-acquire guard.',
        },
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='append']",
          message: 'Events are appended only by the CommandHandler of @serang/eventstore (docs/write-path.md).',
        },
      ],
    },
  },
  {
    // Command-line entry points and benchmarks print to the terminal.
    files: ['bench/**/*.ts', 'scripts/**/*.ts', '**/*-cli.ts', 'load-tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'libs/testing/src/**/*.ts'],
    plugins: { jest },
    rules: {
      // No focused or skipped test is ever committed; describeWhen is the one announced exception.
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
