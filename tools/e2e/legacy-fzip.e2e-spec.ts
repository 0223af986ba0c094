import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bucketNames } from '@housef3/data-model';
import { Decimal } from 'decimal.js';
import { bufferSource, canonicalJson, computeTransactionHash, EntityName, openPackage, recordKeyOrder } from '@housef3/package-format';
import { fzipExpectedRecords, fzipFiles, fzipVariant, type PlainRecord } from '@housef3/package-format/testing';
import { GatewayClient, REPO_ROOT, RunningService, startService, stackEnv, uploadAndStartImport, userRecords, waitForImport } from '@housef3/testing';
import { newIdFor, newRuleIdFor, transformForImport } from '@housef3/import-domain';
import { createBuckets } from '../stack/s3.server';
import { createTables } from '../stack/dynamodb.server';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { seedUser } from '../seed/seed-user';
import { sha256Of } from './package-download';
import { snapshot } from './snapshot';

const GOLDENS = join(REPO_ROOT, 'libs', 'package-format', 'test', 'golden');
const FZIP_GOLDENS = ['fzip-1.0-complete.fzip', 'fzip-1.0-small.fzip'];
const WRITER_GOLDENS = ['python-writestr.zip', 'python-write.zip', 'infozip-directories.zip', 'jdk-jar.zip', 'go-archive-zip.zip'];
const ENTITIES = ['accounts', 'transactions', 'categories', 'file_maps', 'transaction_files'] as const;
/** Every ID field and the entity it names, per entity (the documented remap). */
const ID_FIELDS: Record<(typeof ENTITIES)[number], Record<string, EntityName>> = {
  accounts: { accountId: 'accounts', defaultFileMapId: 'file_maps' },
  transactions: { transactionId: 'transactions', accountId: 'accounts', fileId: 'transaction_files', primaryCategoryId: 'categories' },
  categories: { categoryId: 'categories', parentCategoryId: 'categories' },
  file_maps: { fileMapId: 'file_maps', accountId: 'accounts' },
  transaction_files: { fileId: 'transaction_files', accountId: 'accounts', fileMapId: 'file_maps' },
};

/** Decimal fields HouseF3 stores as DynamoDB numbers (N): DynamoDB keeps their value, not their text ("1E+3" reads back "1000", "-0.00" reads back "0"). */
const NUMBER_DECIMALS: Partial<Record<EntityName, string[]>> = { transactions: ['amount', 'balance'], transaction_files: ['closingBalance'] };

/** A record as compared: the owner is the query's (userId aside), N decimals by value. */
function comparable(entity: EntityName, record: PlainRecord): PlainRecord {
  const { userId: _owner, ...out } = record;
  for (const field of NUMBER_DECIMALS[entity] ?? []) {
    if (typeof out[field] !== 'string') continue;
    const value = new Decimal(out[field] as string);
    out[field] = value.isZero() ? '0' : value.toFixed();
  }
  return out;
}

/**
 * HouseF3's own backups (.fzip) and packages of five standard ZIP writers, restored end to end
 * through the gateway on the real stack. The expected records come from the golden's JSON
 * (fzipExpectedRecords), not from the reader under test, converted as docs/legacy-restore.md says.
 */
describe('legacy .fzip restore and standard ZIP writers (e2e)', () => {
  const prefix = `housef3-l${Date.now().toString(36)}`;
  const env = { ...stackEnv(), TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: bucketNames(prefix).fileStorage, PACKAGES_BUCKET: bucketNames(prefix).packages };
  const deployment = (service: string) => ({ TABLE_PREFIX: env.TABLE_PREFIX, FILE_STORAGE_BUCKET: env.FILE_STORAGE_BUCKET, PACKAGES_BUCKET: env.PACKAGES_BUCKET, KAFKA_GROUP_ID: `${service}-${prefix}` });
  const packages = bucketNames(prefix);
  let clients: SeedClients;
  let names: SeedNames;
  let services: RunningService[] = [];
  let gatewayUrl: string;

  const api = (user: string) => GatewayClient.forUser(gatewayUrl, user);
  const snap = () => snapshot(clients.dynamo, clients.s3, prefix, [packages.fileStorage, packages.packages], { tables: ['export-jobs', 'import-jobs'], keyPrefixes: ['imports/'] });

  beforeAll(async () => {
    ({ clients, names } = localStackTarget(env));
    await createTables(clients.dynamo, prefix);
    await createBuckets(clients.s3, [env.FILE_STORAGE_BUCKET, env.PACKAGES_BUCKET]);
    services = await Promise.all([
      startService('gateway', deployment('gateway'), 180000),
      startService('import-service', { ...deployment('import-service'), IMPORT_CHUNK_RECORDS: '100' }, 180000),
      startService('file-service', deployment('file-service'), 180000),
    ]);
    gatewayUrl = (services[0] as RunningService).url;
  }, 300000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  /** The user's stored records of an entity (queried by their userId) as plain comparable objects (transactionHash as its digits), by ID. */
  async function stored(user: string, entity: EntityName): Promise<Map<string, PlainRecord>> {
    const out = new Map<string, PlainRecord>();
    for (const [id, json] of await userRecords(clients.dynamo, user, entity, prefix)) out.set(id, comparable(entity, JSON.parse(json.replace(/"transactionHash":(\d+)/, '"transactionHash":"$1"')) as PlainRecord));
    return out;
  }

  /** A golden record as the importing user must hold it (found under their userId), s3Key under their prefix, and with remapIds every ID and the hash remapped. */
  function converted(entity: (typeof ENTITIES)[number], record: PlainRecord, user: string, importId: string, remapIds: boolean): PlainRecord {
    const id = (target: EntityName, old: unknown) => (remapIds && typeof old === 'string' ? newIdFor(importId, target, old) : old);
    const rule = (old: unknown) => (remapIds && typeof old === 'string' ? newRuleIdFor(importId, old) : old);
    const out: PlainRecord = { ...record, userId: user };
    for (const [field, target] of Object.entries(ID_FIELDS[entity])) if (field in out) out[field] = id(target, out[field]);
    if (entity === 'categories') out['rules'] = (record['rules'] as PlainRecord[]).map((r) => ({ ...r, ruleId: rule(r['ruleId']) }));
    if (entity === 'transactions') {
      out['categories'] = (record['categories'] as PlainRecord[]).map((a) => ({ ...a, categoryId: id('categories', a['categoryId']), ...('ruleId' in a ? { ruleId: rule(a['ruleId']) } : {}) }));
      if (remapIds) out['transactionHash'] = computeTransactionHash(out['accountId'] as string, record['date'] as number, record['amount'] as string, record['description'] as string).toString();
    }
    if (entity === 'transaction_files') out['s3Key'] = `${user}/${out['fileId'] as string}/${record['fileName'] as string}`;
    return comparable(entity, out);
  }

  async function expectRestored(golden: Buffer, user: string, importId: string, remapIds: boolean, before: Map<EntityName, Map<string, PlainRecord>> = new Map()): Promise<void> {
    const expected = await fzipExpectedRecords(golden);
    for (const entity of ENTITIES) {
      const want = new Map(before.get(entity) ?? []);
      for (const record of expected[entity] ?? []) {
        const c = converted(entity, record, user, importId, remapIds);
        want.set(c[Object.keys(ID_FIELDS[entity])[0] as string] as string, c);
      }
      const got = await stored(user, entity);
      expect({ entity, ids: [...got.keys()].sort() }).toEqual({ entity, ids: [...want.keys()].sort() });
      for (const [recordId, record] of want) expect({ entity, recordId, record: got.get(recordId) }).toEqual({ entity, recordId, record });
    }
    // Statement files: byte-identical, under the importing user's prefix.
    const files = await fzipFiles(golden);
    for (const record of expected['transaction_files'] ?? []) {
      const fileId = remapIds ? newIdFor(importId, 'transaction_files', record['fileId'] as string) : (record['fileId'] as string);
      const body = await clients.s3.send(new GetObjectCommand({ Bucket: packages.fileStorage, Key: `${user}/${fileId}/${record['fileName'] as string}` }));
      const bytes = files.get(`files/${record['fileId'] as string}/${record['fileName'] as string}`) as Buffer;
      expect(await sha256Of(body.Body as AsyncIterable<Uint8Array>)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  }

  describe.each(FZIP_GOLDENS)('HouseF3 backup %s', (name) => {
    const golden = readFileSync(join(GOLDENS, 'fzip', name));

    it('restores into an empty user, IDs kept: every record equal after the documented conversions, every statement file byte-identical', async () => {
      const user = `fzip-empty-${randomUUID()}`;
      const client = await api(user);
      const importId = await uploadAndStartImport(client, golden, {});
      const done = await waitForImport(client, importId);
      expect({ status: done.status, error: done.error, errors: done.errors }).toEqual({ status: 'completed', error: undefined, errors: [] });
      expect(done.sourceFormat).toBe('housef3-fzip-1.0');
      expect(done.warnings?.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/this backup carries no checksums/)]));
      await expectRestored(golden, user, importId, false);
    });

    it('restores into a user with data, with remapIds: their records untouched, the backup added under new IDs and recomputed hashes', async () => {
      const user = `fzip-data-${randomUUID()}`;
      await seedUser(clients, names, { userId: user, transactions: 20, files: 2 });
      const before = new Map<EntityName, Map<string, PlainRecord>>();
      for (const entity of ENTITIES) before.set(entity, await stored(user, entity));
      const client = await api(user);
      const importId = await uploadAndStartImport(client, golden, { remapIds: true });
      const done = await waitForImport(client, importId);
      expect({ status: done.status, error: done.error, errors: done.errors }).toEqual({ status: 'completed', error: undefined, errors: [] });
      expect(done.sourceFormat).toBe('housef3-fzip-1.0');
      await expectRestored(golden, user, importId, true, before);
    });
  });

  describe('damaged HouseF3 backups', () => {
    const golden = readFileSync(join(GOLDENS, 'fzip', 'fzip-1.0-complete.fzip'));

    it.each([
      ['corrupt-gzip', /data\/transactions\.json\.gz.*is not valid gzip data/],
      ['gzip-bomb', /data\/transactions\.json\.gz.*gzip bombs/],
    ] as const)('%s is refused with its reason and nothing is written', async (variant, reason) => {
      const client = await api(`fzip-bad-${randomUUID()}`);
      const before = await snap();
      const done = await waitForImport(client, await uploadAndStartImport(client, await fzipVariant(golden, variant), {}));
      expect(done.status).toBe('validation_failed');
      expect(done.sourceFormat).toBe('housef3-fzip-1.0');
      expect(done.errors.map((e) => e.message)).toEqual([expect.stringMatching(reason)]);
      expect(await snap()).toEqual(before);
    });

    it('a count that disagrees with its array is restored, with a warning naming both counts', async () => {
      const bytes = await fzipVariant(golden, 'count-mismatch');
      const user = `fzip-count-${randomUUID()}`;
      const client = await api(user);
      const importId = await uploadAndStartImport(client, bytes, { remapIds: true });
      const done = await waitForImport(client, importId);
      expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: undefined });
      expect(done.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'package', message: expect.stringMatching(/holds 3 accounts but manifest\.json's dataSummary\.accountsCount says 4/) })]));
      await expectRestored(bytes, user, importId, true);
    });
  });

  it('a backup without one of its statement files (HouseF3 left it out) restores every record, with a warning, and the other files', async () => {
    const bytes = await fzipVariant(readFileSync(join(GOLDENS, 'fzip', 'fzip-1.0-complete.fzip')), 'file-left-out');
    const user = `fzip-left-out-${randomUUID()}`;
    const client = await api(user);
    const done = await waitForImport(client, await uploadAndStartImport(client, bytes, { remapIds: true }));
    expect({ status: done.status, error: done.error, errors: done.errors }).toEqual({ status: 'completed', error: undefined, errors: [] });
    expect(done.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/HouseF3 left this original file out/) })]));
    expect(done.summary['transaction_files_created']).toBe(3);
    expect(done.summary['files_restored']).toBe(2);
  });

  describe.each(WRITER_GOLDENS)('package written by another ZIP writer: %s', (name) => {
    it('imports exact', async () => {
      const bytes = readFileSync(join(GOLDENS, 'writers', name));
      const user = `writer-${randomUUID()}`;
      const client = await api(user);
      const importId = await uploadAndStartImport(client, bytes, { remapIds: true });
      const done = await waitForImport(client, importId);
      expect({ status: done.status, error: done.error, errors: done.errors }).toEqual({ status: 'completed', error: undefined, errors: [] });
      expect(done.sourceFormat).toBe('housef3-backup-1.0');
      const reader = await openPackage(bufferSource(bytes, name));
      try {
        for (const entity of ENTITIES) {
          const want = new Map<string, PlainRecord>();
          for await (const { record } of reader.records(entity)) {
            const json = canonicalJson(transformForImport(entity, record!, { importId, userId: user, remapIds: true }), recordKeyOrder(entity));
            const plain = comparable(entity, JSON.parse(json.replace(/"transactionHash":(\d+)/, '"transactionHash":"$1"')) as PlainRecord);
            want.set(plain[Object.keys(ID_FIELDS[entity])[0] as string] as string, plain);
          }
          const got = await stored(user, entity);
          expect({ entity, ids: [...got.keys()].sort() }).toEqual({ entity, ids: [...want.keys()].sort() });
          for (const [recordId, record] of want) expect({ entity, recordId, record: got.get(recordId) }).toEqual({ entity, recordId, record });
        }
        const files = await stored(user, 'transaction_files');
        for (const file of reader.files) {
          const key = files.get(newIdFor(importId, 'transaction_files', file.fileId))?.['s3Key'] as string;
          expect(key.startsWith(`${user}/`)).toBe(true);
          const body = await clients.s3.send(new GetObjectCommand({ Bucket: packages.fileStorage, Key: key }));
          expect(`sha256:${await sha256Of(body.Body as AsyncIterable<Uint8Array>)}`).toBe(file.checksum);
        }
      } finally {
        await reader.close();
      }
    });
  });
});
