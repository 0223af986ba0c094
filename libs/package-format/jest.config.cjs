// Unit tests of package-format (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'package-format', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
