import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileSource, verifyPackage } from '@housef3/package-format';
import { GatewayClient, productionNodeArgs, RunningService, startService } from '@housef3/testing';
import { destroyClients, localStackTarget } from '../seed/seed-target';
import { seedUser } from '../seed/seed-user';
import { downloadExport } from '../e2e/package-download';
import { peakRssKb, rssKb } from './rss-sampler';

/**
 * Export benchmark (not a test): seeds a user with N transactions, exports it through the gateway
 * with the compiled services (run `npx nx run-many -t build` first), and reports wall time per
 * phase, throughput and every service's peak RSS. Needs the local stack (npm run stack:up).
 *   node tools/run-ts.cjs tools/bench/export.bench.ts --transactions 100000 [--files 12] [--user ID] [VAR=value ...]
 * (VAR=value pairs go to the services' environment, e.g. PACKAGE_PART_SIZE_MB=5)
 */
async function main() {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const transactions = arg('transactions', 100000);
  const files = arg('files', 12);
  const reuse = process.argv.indexOf('--user');
  const user = reuse >= 0 ? process.argv[reuse + 1] : `bench-${randomUUID()}`;
  const serviceEnv: Record<string, string> = { LOG_LEVEL: 'warn' };
  for (const a of process.argv.filter((x) => /^[A-Z_]+=/.test(x))) serviceEnv[a.split('=')[0]] = a.slice(a.indexOf('=') + 1);
  const { clients, names } = localStackTarget();
  const services: RunningService[] = [];
  try {
    let t = Date.now();
    // seeding is deterministic: with --user of an already seeded user this rewrites the same records
    const seed = process.argv.includes('--no-seed')
      ? { counts: { transactions }, files: Array.from({ length: files }), bytes: 0 }
      : await seedUser(clients, names, { userId: user, transactions, files });
    const seedMs = Date.now() - t;
    console.error(`user ${user}`);
    console.error(`seeded ${seed.counts.transactions} transactions, ${seed.files.length} files (${(seed.bytes / 1048576).toFixed(1)} MiB) in ${(seedMs / 1000).toFixed(1)} s`);

    // as the production image runs them (Dockerfile): compiled, with the same heap ceiling
    const given = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--node' ? [a] : []));
    for (const name of ['gateway', 'export-service', 'file-service'] as const) services.push(await startService(name, serviceEnv, 60000, { compiled: true, nodeArgs: given.length ? given : productionNodeArgs(name) }));
    const idle = Object.fromEntries(services.map((s) => [s.name, rssKb(s.process.pid!)]));
    const api = await GatewayClient.forUser(services[0].url, user);

    t = Date.now();
    const { body } = await api.request<{ exportId: string }>('POST', '/export', {});
    const phases: Record<string, number> = {};
    const status = await api.waitForExport(body.exportId, (s) => {
      phases[s.phase] ??= Date.now() - t;
      return s.status === 'completed' || s.status === 'failed';
    }, 1800000);
    const totalMs = Date.now() - t;
    if (status.status !== 'completed') throw new Error(`export failed: ${status.error}`);
    const peaks = Object.fromEntries(services.map((s) => [s.name, peakRssKb(s.process.pid!)]));

    t = Date.now();
    const { path } = await downloadExport(api, body.exportId);
    const report = await verifyPackage(await fileSource(path));
    const verifyMs = Date.now() - t;
    const size = statSync(path).size;
    const result = {
      transactions: seed.counts.transactions, files: seed.files.length, fileMiB: +(seed.bytes / 1048576).toFixed(1),
      seedSeconds: +(seedMs / 1000).toFixed(1), exportSeconds: +(totalMs / 1000).toFixed(1),
      assemblingStartedAtSeconds: phases.assembling !== undefined ? +(phases.assembling / 1000).toFixed(1) : null,
      transactionsPerSecond: Math.round(seed.counts.transactions / (totalMs / 1000)),
      packageMiB: +(size / 1048576).toFixed(1), downloadAndVerifySeconds: +(verifyMs / 1000).toFixed(1), verified: report.ok,
      idleRssMiB: mapValues(idle, (kb) => +(kb / 1024).toFixed(0)), peakRssMiB: mapValues(peaks, (kb) => +(kb / 1024).toFixed(0)),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    destroyClients(clients);
  }
}

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
