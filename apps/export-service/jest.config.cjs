// Unit tests of export-service (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'export-service', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
