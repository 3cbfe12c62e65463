// `npm run test:k8s` (scripts/test-k8s.js): the chart's tests, apart from `npm test`'s suite.
const base = require('../../jest.config');

module.exports = {
  testEnvironment: 'node',
  rootDir: `${__dirname}/../..`,
  transform: base.transform,
  modulePathIgnorePatterns: base.modulePathIgnorePatterns,
  testMatch: ['<rootDir>/infra/k8s/test/**/*.spec.ts'],
  // Static tier first: a chart that does not render is not worth a cluster.
  testSequencer: `${__dirname}/test/sequencer.js`,
  testTimeout: 600_000,
};
