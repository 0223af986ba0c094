// Unit tests of api-client.
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'api-client', rootDir: __dirname, testMatch: ['**/*.spec.ts'] };
