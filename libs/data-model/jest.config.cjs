// Unit tests of data-model (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'data-model', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
