// Unit tests of gateway (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'gateway', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
