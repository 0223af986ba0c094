// Unit tests of import-service (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'import-service', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
