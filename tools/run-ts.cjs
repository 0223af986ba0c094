// Runs a TypeScript entry point with swc (tsconfig paths and decorator metadata honoured):
//   node tools/run-ts.cjs path/to/file.ts [args...]
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
// The AWS SDK warns on every process that releases after January 2027 need Node 22 (see
// docs/operations.md); keep that out of every log line of every tool and service.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
  const text = typeof warning === 'string' ? warning : warning && warning.message;
  if (type === 'NodeVersionSupportWarning' || String(text).includes('NodeVersionSupportWarning')) return;
  return emitWarning.call(process, warning, ...rest);
};
const [, , script, ...rest] = process.argv;
if (!script) {
  console.error('usage: node tools/run-ts.cjs <file.ts> [args...]');
  process.exit(2);
}
const entry = path.resolve(script);
process.argv = [process.argv[0], entry, ...rest];
require(entry);
