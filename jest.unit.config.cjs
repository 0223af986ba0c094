// Tier 1: unit tests (*.spec.ts), pure logic, no servers.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  // the web page's tests run in vitest (jsdom): tools/test/run-all.ts adds them
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
};
