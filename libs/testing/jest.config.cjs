// Unit tests of testing (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'testing', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
