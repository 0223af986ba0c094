// Tiers 2 and 3: integration (*.integration-spec.ts) and end-to-end (*.e2e-spec.ts) tests
// against the real local stack (Kafka, DynamoDB Local, S3 server) started by tools/stack.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
  testTimeout: 120000,
  // One file at a time: tests start real service processes that share consumer groups on one broker.
  maxWorkers: 1,
};
