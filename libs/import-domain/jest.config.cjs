// Unit tests of import-domain (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'import-domain', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
