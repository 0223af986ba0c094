// Unit tests of platform (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'platform', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
