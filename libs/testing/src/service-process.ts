import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { REPO_ROOT, stackEnv } from './stack-env';

export const SERVICE_ENTRYPOINTS = {
  gateway: 'apps/gateway/src/main.ts',
  'export-service': 'apps/export-service/src/main.ts',
  'import-service': 'apps/import-service/src/main.ts',
  'file-service': 'apps/file-service/src/main.ts',
  'analytics-trigger': 'apps/analytics-trigger/src/main.ts',
} as const;
export type ServiceKey = keyof typeof SERVICE_ENTRYPOINTS;

export interface RunningService {
  name: ServiceKey;
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  /** Signals the process and waits for it to exit (SIGKILL simulates a crash). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How long a service may take to answer /health: 60 s, or SERVICE_READY_TIMEOUT_MS on a slow or busy machine. */
export function defaultReadyTimeoutMs(): number {
  const given = Number(process.env.SERVICE_READY_TIMEOUT_MS);
  return Number.isSafeInteger(given) && given > 0 ? given : 60000;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * Compiles one service as the production image does (tsc, then tsc-alias) into dist/, for
 * `startService(..., { compiled: true })`: figures of memory are only meaningful without a
 * TypeScript compiler in the process.
 */
export function buildService(name: ServiceKey): void {
  const project = SERVICE_ENTRYPOINTS[name].replace(/^(apps\/[^/]+)\/.*$/, '$1');
  const config = join(project, 'tsconfig.build.json');
  for (const [tool, script] of [['tsc', 'typescript/bin/tsc'], ['tsc-alias', 'tsc-alias/dist/bin/index.js']] as const) {
    const out = spawnSync(process.execPath, [resolve(REPO_ROOT, 'node_modules', script), '-p', config], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${tool} of ${name} failed:\n${out.stdout}${out.stderr}`);
  }
}

/**
 * How the service image (Dockerfile) runs node; compiled services started here run the same way
 * (docs/operations.md, "Runtime settings"):
 * - a 128 MiB old generation and 4 MiB semi-spaces (V8's default young generation would take up to
 *   48 MiB of its own under a high allocation rate);
 * - glibc's malloc keeps at most two arenas instead of eight per core, so memory freed by short-lived
 *   threads (the import-service's validation workers) is reused, not kept per thread;
 * - and serves every allocation of 128 KiB or more by its own mmap, returned to the system when
 *   freed (ADR 117), instead of raising that threshold as large buffers are freed.
 */
export const PRODUCTION_NODE_ARGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=4'];

/**
 * What a service's command adds to the image's node options (docker-compose.yml): the export-service
 * and the file-service stream bytes fast with little else alive, and a young generation of 1 MiB
 * semi-spaces lets go of used network chunks and pages sooner (ADR 0119). The last flag given wins.
 */
export const SERVICE_NODE_ARGS: Readonly<Partial<Record<ServiceKey, readonly string[]>>> = {
  'export-service': ['--max-semi-space-size=1'],
  'file-service': ['--max-semi-space-size=1'],
};

/** The node options a compiled service runs with in production: the image's, then its command's. */
export function productionNodeArgs(name: ServiceKey): string[] {
  return [...PRODUCTION_NODE_ARGS, ...(SERVICE_NODE_ARGS[name] ?? [])];
}
export const PRODUCTION_RUNTIME_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * Starts one of our services as a real OS process against the local stack and waits until
 * GET /health answers 200. Tests can kill it like an operator (or a crash) would.
 */
export async function startService(name: ServiceKey, env: Record<string, string> = {}, readyTimeoutMs = defaultReadyTimeoutMs(), options: { compiled?: boolean; nodeArgs?: string[]; root?: string } = {}): Promise<RunningService> {
  const port = await freePort();
  let output = '';
  // compiled: the tsc build in dist/ (as production runs it: no compiler in memory), of this
  // checkout or of `root` (another checkout's build, e.g. an older commit measured side by side)
  const root = options.root ?? REPO_ROOT;
  const args = options.compiled
    ? [...(options.nodeArgs ?? []), resolve(root, 'dist', SERVICE_ENTRYPOINTS[name].replace(/^apps\/([^/]+)\//, 'apps/$1/apps/$1/').replace(/\.ts$/, '.js'))]
    : [resolve(REPO_ROOT, 'tools/run-ts.cjs'), SERVICE_ENTRYPOINTS[name]];
  const child = spawn(process.execPath, args, {
    cwd: options.compiled ? root : REPO_ROOT,
    env: { ...process.env, ...stackEnv(), ...(options.compiled && PRODUCTION_RUNTIME_ENV), LOG_LEVEL: 'warn', HTTP_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    name, url, port, process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return service;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await service.stop('SIGKILL');
      throw new Error(`${name} was not ready within ${readyTimeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs a service to its exit (e.g. a boot that must fail) and returns code and output. */
export function runServiceToExit(name: ServiceKey, env: Record<string, string | undefined>, timeoutMs = 30000): Promise<{ code: number | null; output: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'tools/run-ts.cjs'), SERVICE_ENTRYPOINTS[name]], {
      cwd: REPO_ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`${name} did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      res({ code, output });
    });
  });
}

/**
 * Gateway limits for suites that drive one user far harder than a person would (dozens of
 * uploads a minute, five exports at once) to prove something else. The production defaults and
 * the limits themselves are proven by tools/e2e/security.e2e-spec.ts.
 */
export const WORKLOAD_LIMITS: Readonly<Record<string, string>> = Object.freeze({
  GATEWAY_RATE_LIMIT_POSTS: '100000', GATEWAY_MAX_ACTIVE_EXPORTS: '20', GATEWAY_MAX_ACTIVE_IMPORTS: '20',
});
