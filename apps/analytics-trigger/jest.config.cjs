// Unit tests of analytics-trigger (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'analytics-trigger', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
