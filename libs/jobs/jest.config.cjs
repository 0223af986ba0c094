// Unit tests of jobs (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'jobs', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
