// Unit tests of contracts (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'contracts', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
