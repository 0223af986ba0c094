import { transformFileSync } from '@swc/core';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Transpiles the library and the benchmark to plain CommonJS in `outDir`, so the measured child
 * processes run compiled JavaScript like production does, without the ~90 MB a TypeScript
 * runtime hook (swc-node) adds to RSS. Returns the path of the compiled benchmark script.
 */
export function compileForBench(libRoot: string, outDir: string): string {
  for (const dir of ['src', 'bench']) {
    for (const file of walk(join(libRoot, dir))) {
      const out = join(outDir, relative(libRoot, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(out), { recursive: true });
      const { code } = transformFileSync(file, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: false,
      });
      writeFileSync(out, code);
    }
  }
  return join(outDir, 'bench', 'package.bench.js');
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__') yield* walk(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}
