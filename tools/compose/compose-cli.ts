import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const COMPOSE_VERSION = 'v2.40.3';

const has = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', env: env ?? process.env });
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes `docker compose` usable with the docker client of this machine: the plugin is used as
 * installed, or else built once from the docker/compose Go module (Go module proxy, cached under
 * the stack cache) and exposed through DOCKER_CONFIG. Returns the environment to run docker with,
 * or the reason it cannot be had here.
 */
export function composeEnv(cacheDir: string): { env: NodeJS.ProcessEnv } | { unavailable: string } {
  if (!has('docker', ['--version'])) return { unavailable: 'no docker client on this machine' };
  if (has('docker', ['compose', 'version'])) return { env: process.env };
  const dockerConfig = join(cacheDir, `docker-compose-${COMPOSE_VERSION}`);
  const plugin = join(dockerConfig, 'cli-plugins', 'docker-compose');
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
  if (existsSync(plugin) && has('docker', ['compose', 'version'], env)) return { env };
  if (!has('go', ['version'])) return { unavailable: 'the docker client has no compose plugin, and no Go toolchain is here to build it' };
  const work = mkdtempSync(join(tmpdir(), 'compose-build-'));
  try {
    const goEnv = { ...process.env, GOFLAGS: '-mod=mod' };
    const dir = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `github.com/docker/compose/v2@${COMPOSE_VERSION}`], { env: goEnv, cwd: work }).toString()).Dir as string;
    const src = join(work, 'src');
    cpSync(dir, src, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', src]);
    mkdirSync(join(dockerConfig, 'cli-plugins'), { recursive: true });
    execFileSync('go', ['build', '-trimpath', '-o', plugin, './cmd'], { cwd: src, env: goEnv, stdio: 'inherit' });
    chmodSync(plugin, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { env };
}
