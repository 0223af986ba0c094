import { resolve } from 'node:path';
import { isOurs, readPid, startDetached, waitFor } from '../lib/processes';
import { readStackEnv, stackUp } from '../stack/stack';
import { stackConfig } from '../stack/stack-config';
import { SERVICE_ENTRYPOINTS } from '@housef3/testing';
import { SERVICES, servicePort, serviceProcess } from './services';

/** `npm start`: the local stack, the four services, and how to try them. */
async function main() {
  const cfg = stackConfig();
  await stackUp(cfg);
  const env = readStackEnv(cfg)!;
  for (const name of SERVICES) {
    const proc = serviceProcess(cfg, name);
    if (isOurs(proc)) {
      console.log(`[start] ${name}: already running (pid ${readPid(proc)})`);
      continue;
    }
    startDetached(proc, process.execPath, [resolve(cfg.root, 'tools/run-ts.cjs'), SERVICE_ENTRYPOINTS[name]], {
      cwd: cfg.root,
      env: { ...process.env, ...env, HTTP_PORT: String(servicePort(name)) },
    });
    console.log(`[start] ${name}: started (pid ${readPid(proc)}) on http://127.0.0.1:${servicePort(name)}, log ${proc.logFile}`);
  }
  await Promise.all(SERVICES.map((name) =>
    waitFor(`${name} /health`, async () => (await fetch(`http://127.0.0.1:${servicePort(name)}/health`)).status === 200, 120000, serviceProcess(cfg, name).logFile)));

  const gw = `http://127.0.0.1:${servicePort('gateway')}`;
  console.log(`
HouseF3 backup & restore is running.

  gateway         ${gw}          (REST API; every route but /health and /metrics needs a bearer token)
  export-service  http://127.0.0.1:${servicePort('export-service')}/health
  import-service  http://127.0.0.1:${servicePort('import-service')}/health
  file-service    http://127.0.0.1:${servicePort('file-service')}/health
  Kafka ${env.KAFKA_BROKERS} · DynamoDB Local ${env.DYNAMODB_ENDPOINT} · S3 ${env.S3_ENDPOINT} (tables/buckets prefixed ${env.TABLE_PREFIX})

Try it:
  TOKEN=$(npm run -s token -- alice)
  curl -s -H "Authorization: Bearer $TOKEN" ${gw}/me
  curl -s -X POST -H "Authorization: Bearer $TOKEN" ${gw}/diagnostics/ping     # every worker answers on housef3.system.events
  curl -s ${gw}/health
  curl -s http://127.0.0.1:${servicePort('export-service')}/metrics | grep housef3_

Logs in ${cfg.logDir}. Stop everything with: npm run stop
`);
}

main().catch((e) => {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
});
