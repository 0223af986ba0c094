import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isOurs, readPid, startDetached, waitFor } from '../lib/processes';
import { readStackEnv, stackUp } from '../stack/stack';
import { stackConfig } from '../stack/stack-config';
import { SERVICE_ENTRYPOINTS } from '@housef3/testing';
import { SERVICES, servicePort, serviceProcess } from './services';
import { destroyClients, localStackTarget } from '../seed/seed-target';
import { seedUser } from '../seed/seed-user';

const DEMO_USER = process.env.DEMO_USER ?? 'demo';

/** `npm start`: the local stack, the five services, and how to try them. */
async function main() {
  const cfg = stackConfig();
  await stackUp(cfg);
  const env = readStackEnv(cfg)!;
  // A demo user, as HouseF3 stores one (deterministic: running again rewrites the same records).
  const target = localStackTarget(env);
  try {
    const seeded = await seedUser(target.clients, target.names, { userId: DEMO_USER, transactions: 500, files: 6, awkward: true });
    console.log(`[start] demo user "${DEMO_USER}": ${seeded.counts.accounts} accounts, ${seeded.counts.transactions} transactions, ${seeded.files.length} statement files (${(seeded.bytes / 1048576).toFixed(1)} MiB)`);
  } finally {
    destroyClients(target.clients);
  }
  // the web page, built for the local stack (with its local sign-in); the gateway serves it at /
  console.log('[start] building the web page (apps/web)');
  execFileSync(process.execPath, [resolve(cfg.root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'apps/web/vite.config.mts', '--mode', 'stack', '--logLevel', 'warn'], { cwd: cfg.root, stdio: 'inherit' });
  const web: Record<string, string> = { WEB_ROOT: resolve(cfg.root, 'dist/apps/web-stack'), LOCAL_SIGN_IN: 'true', LOCAL_SIGN_IN_KEY_FILE: join(cfg.auth.dir, 'private.jwk.json') };
  for (const name of SERVICES) {
    const proc = serviceProcess(cfg, name);
    if (isOurs(proc)) {
      console.log(`[start] ${name}: already running (pid ${readPid(proc)})`);
      continue;
    }
    startDetached(proc, process.execPath, [resolve(cfg.root, 'tools/run-ts.cjs'), SERVICE_ENTRYPOINTS[name]], {
      cwd: cfg.root,
      env: { ...process.env, ...env, ...(name === 'gateway' && web), HTTP_PORT: String(servicePort(name)) },
    });
    console.log(`[start] ${name}: started (pid ${readPid(proc)}) on http://127.0.0.1:${servicePort(name)}, log ${proc.logFile}`);
  }
  await Promise.all(SERVICES.map((name) =>
    waitFor(`${name} /health`, async () => (await fetch(`http://127.0.0.1:${servicePort(name)}/health`)).status === 200, 120000, serviceProcess(cfg, name).logFile)));

  const gw = `http://127.0.0.1:${servicePort('gateway')}`;
  console.log(`
HouseF3 backup & restore is running.

Try it:
open ${gw}/ and sign in as "${DEMO_USER}" (the local sign-in asks only for a user name); back up, download,
then sign in as someone else and restore the downloaded file as a copy (docs/web.md).

  gateway         ${gw}          (the web page at /, and the REST API: every route but /health, /metrics and the page needs a bearer token)
  export-service  http://127.0.0.1:${servicePort('export-service')}/health
  import-service  http://127.0.0.1:${servicePort('import-service')}/health
  file-service    http://127.0.0.1:${servicePort('file-service')}/health
  analytics-trigger http://127.0.0.1:${servicePort('analytics-trigger')}/health  (marks analytics for HouseF3 to compute after an import)
  Kafka ${env.KAFKA_BROKERS} · DynamoDB Local ${env.DYNAMODB_ENDPOINT} · S3 ${env.S3_ENDPOINT} (tables/buckets prefixed ${env.TABLE_PREFIX})

Or through the API (the demo user "${DEMO_USER}" has accounts, transactions, categories and statement files):
  TOKEN=$(npm run -s token -- ${DEMO_USER})
  curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"includeAnalytics":true,"description":"my backup"}' ${gw}/export
  curl -s -H "Authorization: Bearer $TOKEN" ${gw}/export/<exportId>/status
  curl -sL -H "Authorization: Bearer $TOKEN" -o backup.zip ${gw}/export/<exportId>/download
  npm run package -- inspect backup.zip
  # import it into another user with new ids (docs/import.md): POST /import/upload, PUT the file to uploadUrl with uploadHeaders,
  # then POST /import/<importId>/start {"remapIds":true} and GET /import/<importId>/status
  curl -s -H "Authorization: Bearer $TOKEN" ${gw}/export                            # your export history
  curl -s -X POST -H "Authorization: Bearer $TOKEN" ${gw}/diagnostics/ping          # every worker answers on housef3.system.events
  npm run seed -- --user someone-else --transactions 2000                            # another user, more data

Logs in ${cfg.logDir}. Stop everything with: npm run stop
`);
}

main().catch((e) => {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
});
