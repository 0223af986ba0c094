import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

export interface LoadResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * `warmupSeconds` of the same load first, not counted (a gateway just started compiles its hot
 * paths and loads modules lazily during its first seconds; production gateways are warm), then
 * the measured load.
 */
export async function loadGetWarm(url: string, headers: Record<string, string>, rate: number, seconds: number, warmupSeconds = 5): Promise<LoadResult> {
  if (warmupSeconds > 0) await loadGet(url, headers, rate, warmupSeconds);
  return loadGet(url, headers, rate, seconds);
}

/** `loadGetWarm` in a fresh process of its own (status-load.main.ts), so that nothing else shares its event loop. */
export function loadGetInChild(repoRoot: string, url: string, headers: Record<string, string>, rate: number, seconds: number, warmupSeconds = 5): Promise<LoadResult> {
  const args = [join(repoRoot, 'tools/run-ts.cjs'), join(repoRoot, 'tools/bench/status-load.main.ts'), url, String(rate), String(seconds), String(warmupSeconds)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, env: { ...process.env, STATUS_LOAD_HEADERS: JSON.stringify(headers) }, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the status load failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

/**
 * A bounded open-loop load on one GET route of a server on 127.0.0.1: `rate` requests a second
 * for `seconds`, at most `maxInFlight` at once (keep-alive connections). Latency is measured from
 * when a request was due, not when it was sent, so a client falling behind shows up as latency.
 */
export async function loadGet(url: string, headers: Record<string, string>, rate: number, seconds: number, maxInFlight = 64): Promise<LoadResult> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`the load script only targets 127.0.0.1, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (due: number) => new Promise<void>((done) => {
    inFlight++;
    const req = request(target, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        latencies.push(performance.now() - due);
        if (res.statusCode === 200) ok++;
        else failed++;
        done();
      });
    });
    req.on('error', () => {
      inFlight--;
      failed++;
      done();
    });
    req.end();
  });
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      failed++;
      continue;
    }
    pending.push(one(due));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => +(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1);
  return { rate, seconds, sent: total, ok, failed, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: +(latencies.at(-1) ?? NaN).toFixed(1) };
}
