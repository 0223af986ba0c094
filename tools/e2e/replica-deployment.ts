import { paginateScan } from '@aws-sdk/client-dynamodb';
import { bucketNames, tableNames } from '@housef3/data-model';
import { FaultProxy, GatewayClient, ImportStatusView, ReplicaSet, ServiceKey, stackEnv, WorkerKey, WORKLOAD_LIMITS } from '@housef3/testing';
import { createBuckets } from '../stack/s3.server';
import { createTables } from '../stack/dynamodb.server';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { Deployed } from './import-exactness';

/**
 * Settings every replica test runs with: one original file per file-service command, and
 * leases, sweeps and waits short enough that a crashed worker's job is taken over within
 * seconds (the defaults are for production: 30 s leases, 10 s sweeps, 5 min file waits).
 */
export const REPLICA_TEST_SETTINGS = {
  IMPORT_FILES_PER_CHUNK: '1',
  IMPORT_LEASE_MS: '15000',
  IMPORT_SWEEP_INTERVAL_MS: '2000',
  IMPORT_FILE_STEP_TIMEOUT_MS: '60000',
  EXPORT_LEASE_MS: '15000',
  EXPORT_SWEEP_INTERVAL_MS: '2000',
  FILE_LEASE_MS: '15000',
  FILE_SWEEP_INTERVAL_MS: '2000',
};

/**
 * A deployment of its own on the local stack (table prefix, buckets, consumer groups) with one
 * gateway and N replicas of each worker. The workers reach DynamoDB and S3 through fault
 * proxies the test controls; the gateway (what the test observes through) goes direct.
 */
export class ReplicaDeployment implements Deployed {
  private constructor(
    readonly prefix: string,
    readonly clients: SeedClients,
    readonly names: SeedNames,
    readonly dynamoProxy: FaultProxy,
    readonly s3Proxy: FaultProxy,
    readonly replicas: ReplicaSet,
  ) {}

  get dynamo() {
    return this.clients.dynamo;
  }
  get s3() {
    return this.clients.s3;
  }
  get tablePrefix() {
    return this.prefix;
  }
  get fileBucket() {
    return bucketNames(this.prefix).fileStorage;
  }

  static groupOf(service: string, prefix: string): string {
    return `${service}-${prefix}`;
  }

  static async start(options: { replicasPerWorker?: number; env?: Record<string, string> } = {}): Promise<ReplicaDeployment> {
    const base = stackEnv();
    const prefix = `housef3-r${Date.now().toString(36)}`;
    const buckets = bucketNames(prefix);
    const env = { ...base, TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: buckets.fileStorage, PACKAGES_BUCKET: buckets.packages };
    const { clients, names } = localStackTarget(env);
    await createTables(clients.dynamo, prefix);
    await createBuckets(clients.s3, [buckets.fileStorage, buckets.packages]);
    const [dynamoProxy, s3Proxy] = await Promise.all([FaultProxy.start(base.DYNAMODB_ENDPOINT), FaultProxy.start(base.S3_ENDPOINT)]);
    const n = options.replicasPerWorker ?? 2;
    const serviceEnv = (service: ServiceKey) => ({
      TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: buckets.fileStorage, PACKAGES_BUCKET: buckets.packages, KAFKA_GROUP_ID: ReplicaDeployment.groupOf(service, prefix),
      ...REPLICA_TEST_SETTINGS, ...(service === 'gateway' && WORKLOAD_LIMITS), ...options.env,
      ...(service !== 'gateway' && { DYNAMODB_ENDPOINT: dynamoProxy.url, S3_ENDPOINT: s3Proxy.url }),
    });
    let replicas: ReplicaSet;
    try {
      replicas = await ReplicaSet.start({ replicas: { gateway: 1, 'export-service': n, 'import-service': n, 'file-service': n }, env: serviceEnv });
      await replicas.waitForGroups((s) => ReplicaDeployment.groupOf(s, prefix));
    } catch (e) {
      destroyClients(clients);
      await Promise.all([dynamoProxy.close(), s3Proxy.close()]);
      throw e;
    }
    return new ReplicaDeployment(prefix, clients, names, dynamoProxy, s3Proxy, replicas);
  }

  api(user: string): Promise<GatewayClient> {
    return GatewayClient.forUser(this.replicas.gatewayUrl, user);
  }

  /** The group's current assignment for a worker (to spread jobs over every replica). */
  async assignment(service: WorkerKey) {
    return (await this.replicas.waitForGroups((s) => ReplicaDeployment.groupOf(s, this.prefix)))[service];
  }

  /** Import jobs of this deployment that are not in a final state (awaiting_upload aside). */
  async unfinishedImports(): Promise<Array<{ importId: string; status: string }>> {
    const out: Array<{ importId: string; status: string }> = [];
    for await (const page of paginateScan({ client: this.dynamo }, { TableName: tableNames(this.prefix).importJobs, ConsistentRead: true })) {
      for (const item of page.Items ?? []) {
        const status = item.status?.S ?? '?';
        if (!['awaiting_upload', ...FINAL_IMPORT_STATUSES].includes(status)) out.push({ importId: item.importId?.S ?? '?', status });
      }
    }
    return out;
  }

  /** Starts again every replica that is down (after a test that made one exit). */
  async restartDown(): Promise<void> {
    await Promise.all(this.replicas.all.filter((r) => !r.isUp()).map((r) => r.start()));
  }

  async stop(): Promise<void> {
    await this.replicas.stop();
    await Promise.all([this.dynamoProxy.close(), this.s3Proxy.close()]);
    destroyClients(this.clients);
  }
}

export const FINAL_IMPORT_STATUSES = ['validation_passed', 'validation_failed', 'completed', 'failed', 'cancelled', 'compensation_failed'];

/**
 * Polls an import's status until `until` holds (or it is final), recording every status and
 * phase seen on the way (to prove, e.g., that it never compensated).
 */
export async function followImport(
  client: GatewayClient,
  importId: string,
  options: { until?: (s: ImportStatusView) => boolean; timeoutMs?: number; seen?: Set<string>; failIf?: () => string | undefined } = {},
): Promise<ImportStatusView> {
  const until = options.until ?? ((s) => FINAL_IMPORT_STATUSES.includes(s.status));
  const timeoutMs = options.timeoutMs ?? 240000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const res = await client.request<ImportStatusView>('GET', `/import/${importId}/status`).catch((e: Error) => ({ status: 0, body: { error: e.message } }));
    last = res.body;
    if (res.status === 200) {
      const view = res.body as ImportStatusView;
      options.seen?.add(`${view.status}/${view.currentPhase}`);
      if (until(view)) return view;
      if (FINAL_IMPORT_STATUSES.includes(view.status)) throw new Error(`import ${importId} ended ${view.status} (${view.errorCode ?? ''} ${view.error ?? ''}) before the awaited state; seen: ${[...(options.seen ?? [])].join(' > ')}`);
    }
    const broken = options.failIf?.();
    if (broken) throw new Error(`import ${importId}: ${broken}; last status: ${JSON.stringify(last).slice(0, 300)}; seen: ${[...(options.seen ?? [])].join(' > ')}`);
    if (Date.now() > deadline) throw new Error(`import ${importId} did not reach the awaited state within ${timeoutMs} ms; last: ${JSON.stringify(last).slice(0, 500)}; seen: ${[...(options.seen ?? [])].join(' > ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
