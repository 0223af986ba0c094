import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { EntityName, writePackage } from '@housef3/package-format';
import {
  amplificationPackage, archiveCommentBombPackage, buildAccount, buildTransaction, buildTransactionFile, centralDirectoryBombPackage, deepCategoryCyclePackage, entryCommentBombPackage,
  extraFieldBombPackage, oversizedItemPackage, recordSizeBombPackage,
} from '@housef3/package-format/testing';
import { buildService, GatewayClient, productionNodeArgs, RunningService, stackEnv, startService, uploadAndStartImport, userRecords, waitForImport } from '@housef3/testing';

const ENTITIES: EntityName[] = [
  'accounts', 'transactions', 'categories', 'file_maps', 'transaction_files', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback',
];
const MiB = 1024 * 1024;
const BYSTANDER_TRANSACTIONS = 3000;
let compiledImportService = false;

/**
 * Packages built to exhaust memory or work, through the API on the real stack, while another
 * user's ordinary import runs: each is refused with its own code in the import's status, nothing
 * is written for its user, the import-service stays under 200 MB resident, and the other user's
 * import completes exact.
 */
describe('hostile packages: resource bombs (e2e)', () => {
  const env = stackEnv();
  const dep = importDeployment({});
  const { s3, dynamo } = dep;
  const api = (user: string) => GatewayClient.forUser(dep.gateway.url, user);

  const rssKiB = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

  async function nothingWrittenFor(user: string): Promise<void> {
    for (const entity of ENTITIES) expect({ entity, records: (await userRecords(dynamo, user, entity)).size }).toEqual({ entity, records: 0 });
    const files = await s3.send(new ListObjectsV2Command({ Bucket: env.FILE_STORAGE_BUCKET, Prefix: `${user}/` }));
    expect(files.KeyCount ?? 0).toBe(0);
  }

  // Memory is held to the production bound (peak resident under 200 MiB, the kernel's high-water
  // mark) and, more finely, as growth over the process's own RSS before any import: the
  // package-format bombs are refused by caps and must cost next to nothing; the import-validation
  // ones (a 20,000-category cycle) are read in full by design and cost more.
  it('refuses every resource bomb with its code and writes nothing, with little memory, while another user\'s import completes exact', async () => {
    const capped: Bomb[] = [
      ['record-size bomb (1.2 MB record)', 'LIMIT_RECORD_SIZE', () => recordSizeBombPackage()],
      ['central directory declared as 2 GiB', 'LIMIT_CENTRAL_DIRECTORY_SIZE', () => centralDirectoryBombPackage()],
      ['60,000-byte extra field', 'LIMIT_EXTRA_FIELD_SIZE', () => extraFieldBombPackage()],
      ['60,000-byte entry comment', 'LIMIT_COMMENT_SIZE', () => entryCommentBombPackage()],
      ['60,000-byte archive comment', 'LIMIT_COMMENT_SIZE', () => archiveCommentBombPackage()],
      ['5,000 all-zero entries (5 GB from ~5 MB)', 'LIMIT_EXPANSION', () => amplificationPackage(5_000)],
    ];
    const validated: Bomb[] = [
      ['20,000-deep category chain closed into a cycle', 'CATEGORY_CYCLE', () => deepCategoryCyclePackage(20_000)],
      ['a category over 400 KB as a DynamoDB item', 'ITEM_TOO_LARGE', () => oversizedItemPackage()],
    ];
    const bystanderUser = `bystander-${randomUUID()}`;
    const bystander = await statementPackage(randomUUID(), BYSTANDER_TRANSACTIONS);
    const pid = dep.importer.process.pid as number;
    const bootKiB = rssKiB(pid, 'VmRSS');
    let peakKiB = bootKiB;
    const sampler = setInterval(() => (peakKiB = Math.max(peakKiB, rssKiB(pid, 'VmRSS'))), 100);
    const growthMiB = () => (Math.max(peakKiB, rssKiB(pid, 'VmRSS')) - bootKiB) / 1024;
    try {
      const other = await api(bystanderUser);
      const bystanderImport = uploadAndStartImport(other, bystander.bytes, {}).then((id) => waitForImport(other, id, 300000));
      // every capped bomb at once, each from its own user, while the bystander's import runs
      await Promise.all(capped.map(refusedWithNothingWritten));
      const cappedGrowth = growthMiB();
      const finished = await bystanderImport;
      expect({ status: finished.status, error: finished.error }).toEqual({ status: 'completed', error: undefined });
      const stored = [...(await userRecords(dynamo, bystanderUser, 'transactions')).values()].map((json) => (JSON.parse(json) as { transactionId: string }).transactionId);
      expect(stored.sort()).toEqual([...bystander.transactionIds].sort());
      expect((await userRecords(dynamo, bystanderUser, 'accounts')).size).toBe(1);
      expect((await userRecords(dynamo, bystanderUser, 'transaction_files')).size).toBe(1);
      expect((await s3.send(new ListObjectsV2Command({ Bucket: env.FILE_STORAGE_BUCKET, Prefix: `${bystanderUser}/` }))).KeyCount).toBe(1);
      const bystanderGrowth = growthMiB();
      for (const bomb of validated) await refusedWithNothingWritten(bomb);
      const allGrowth = growthMiB();
      process.stdout.write(
        `import-service RSS ${(bootKiB / 1024).toFixed(0)} MiB before; peak growth: ${cappedGrowth.toFixed(0)} MiB with the capped bombs, ` +
          `${bystanderGrowth.toFixed(0)} MiB once the bystander completed, ${allGrowth.toFixed(0)} MiB after the import-validation bombs\n`,
      );
      const peakMiB = rssKiB(pid, 'VmHWM') / 1024;
      process.stdout.write(`import-service peak RSS (VmHWM) ${peakMiB.toFixed(0)} MiB\n`);
      expect(peakMiB).toBeLessThan(200);
      expect(cappedGrowth).toBeLessThan(64);
      expect(bystanderGrowth).toBeLessThan(64);
      expect(allGrowth).toBeLessThan(160);
    } finally {
      clearInterval(sampler);
    }
  }, 600000);

  type Bomb = [name: string, code: string, build: () => Buffer | Promise<Buffer>];

  async function refusedWithNothingWritten([name, code, build]: Bomb): Promise<void> {
    const bytes = await build();
    expect({ name, small: bytes.length < 8 * MiB }).toEqual({ name, small: true });
    const user = `hostile-${randomUUID()}`;
    const client = await api(user);
    const done = await waitForImport(client, await uploadAndStartImport(client, bytes, { remapIds: true }), 300000);
    expect({ name, status: done.status }).toEqual({ name, status: 'validation_failed' });
    expect({ name, codes: done.errors.map((e) => e.code) }).toEqual({ name, codes: expect.arrayContaining([code]) });
    await nothingWrittenFor(user);
  }
});

/**
 * Untrusted parsing that still runs out of memory costs one import, not the service: validation
 * runs in a worker thread with a capped heap (ADR 0113). The compiled import-service here gives
 * its validation workers the smallest heap allowed (16 MiB), which a 100,000-category package needs
 * more than and an ordinary package does not.
 */
describe('hostile packages: a validation that runs out of its memory (e2e)', () => {
  const dep = importDeployment({ IMPORT_VALIDATION_HEAP_MB: '16' });
  const { dynamo } = dep;

  async function importsExact(user: string, pkg: { bytes: Buffer; transactionIds: string[] }, started?: Promise<string>): Promise<void> {
    const client = await GatewayClient.forUser(dep.gateway.url, user);
    const done = await waitForImport(client, await (started ?? uploadAndStartImport(client, pkg.bytes, {})), 300000);
    expect({ user, status: done.status, error: done.error, errors: done.errors }).toEqual({ user, status: 'completed', error: undefined, errors: [] });
    const stored = [...(await userRecords(dynamo, user, 'transactions')).values()].map((json) => (JSON.parse(json) as { transactionId: string }).transactionId);
    expect(stored.sort()).toEqual([...pkg.transactionIds].sort());
  }

  it('fails that import with VALIDATION_MEMORY_EXCEEDED, writes nothing, and the service, the import beside it and the next one go on', async () => {
    const pid = dep.importer.process.pid as number;
    const bystanderUser = `bystander-${randomUUID()}`;
    const bystander = await statementPackage(randomUUID(), 200);
    const bystanderClient = await GatewayClient.forUser(dep.gateway.url, bystanderUser);
    const bystanderStarted = uploadAndStartImport(bystanderClient, bystander.bytes, {});

    const user = `hog-${randomUUID()}`;
    const client = await GatewayClient.forUser(dep.gateway.url, user);
    const done = await waitForImport(client, await uploadAndStartImport(client, await deepCategoryCyclePackage(100_000), { remapIds: true }), 300000);
    expect({ status: done.status, errorCode: done.errorCode, codes: [...new Set(done.errors.map((e) => e.code))] }).toEqual({ status: 'failed', errorCode: 'VALIDATION_MEMORY_EXCEEDED', codes: [] });
    expect(done.error).toContain('memory');
    for (const entity of ENTITIES) expect({ entity, records: (await userRecords(dynamo, user, entity)).size }).toEqual({ entity, records: 0 });
    // counted as a refusal: the hostile-package alert fires on it
    const refusals = async () => Number(/housef3_security_refusals_total\{[^}]*code="VALIDATION_MEMORY_EXCEEDED"[^}]*\} (\d+)/.exec(await (await fetch(`${dep.importer.url}/metrics`)).text())?.[1] ?? 0);
    for (const until = Date.now() + 30000; (await refusals()) < 1 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 250));
    expect(await refusals()).toBe(1);

    await importsExact(bystanderUser, bystander, bystanderStarted);
    // the same process, alive, still serving: a new import after the failed one completes
    expect({ pid: dep.importer.process.pid, exitCode: dep.importer.process.exitCode, signal: dep.importer.process.signalCode }).toEqual({ pid, exitCode: null, signal: null });
    expect((await fetch(`${dep.importer.url}/health`)).status).toBe(200);
    await importsExact(`after-${randomUUID()}`, await statementPackage(randomUUID(), 200));
  }, 600000);
});

/**
 * The API, the import-service compiled and run as production runs it (so that its resident memory
 * can be held to an absolute bound, not only to growth) with `importEnv`, and the file-service, on
 * the local stack; and clients to read what they wrote. Started before the describe's tests,
 * stopped after them.
 */
function importDeployment(importEnv: Record<string, string>) {
  const env = stackEnv();
  const aws = { region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } };
  let services: RunningService[] = [];
  const dep = {
    s3: new S3Client({ ...aws, endpoint: env.S3_ENDPOINT, forcePathStyle: true }),
    dynamo: new DynamoDBClient({ ...aws, endpoint: env.DYNAMODB_ENDPOINT }),
    get gateway(): RunningService {
      return services[0] as RunningService;
    },
    get importer(): RunningService {
      return services[1] as RunningService;
    },
  };
  beforeAll(async () => {
    if (!compiledImportService) buildService('import-service');
    compiledImportService = true;
    services = await Promise.all([
      startService('gateway', {}, 240000),
      startService('import-service', importEnv, 240000, { compiled: true, nodeArgs: productionNodeArgs('import-service') }),
      startService('file-service', {}, 240000),
    ]);
  }, 300000);
  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    dep.s3.destroy();
    dep.dynamo.destroy();
  });
  return dep;
}

/** An ordinary package: one account, `count` transactions, one statement file. */
async function statementPackage(accountId: string, count: number): Promise<{ bytes: Buffer; transactionIds: string[] }> {
  const file = buildTransactionFile({ fileName: 'statement.csv' });
  const statement = Buffer.from('date,description,amount\n2024-01-15,COFFEE SHOP,-3.50\n');
  const transactions = Array.from({ length: count }, (_, i) => buildTransaction({ accountId, fileId: file.fileId, description: `PAYMENT ${i}`, importOrder: i + 1 }));
  const handle = writePackage({
    userId: 'source-user', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.5.0',
    records: { accounts: [buildAccount({ accountId })], transactions, categories: [], file_maps: [], transaction_files: [file] },
    files: [{ fileId: file.fileId, fileName: file.fileName, size: statement.length, open: () => [statement] }],
  });
  const parts: Buffer[] = [];
  handle.stream.on('data', (c: Buffer) => parts.push(c));
  await handle.done;
  return { bytes: Buffer.concat(parts), transactionIds: transactions.map((t) => t.transactionId) };
}
