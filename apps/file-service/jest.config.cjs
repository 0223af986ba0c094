// Unit tests of file-service (integration tests run from the root: npm test).
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'file-service', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
