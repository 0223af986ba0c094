import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { bucketNames } from '@housef3/data-model';
import { computeTransactionHash, EntityName, entityIdOf, EntityRecordOf } from '@housef3/package-format';
import { newIdFor, newRuleIdFor } from '@housef3/import-domain';
import { GatewayClient, REPO_ROOT, RunningService, startService, stackEnv, uploadAndStartImport, waitForImport } from '@housef3/testing';
import { Decimal } from 'decimal.js';
import { createBuckets } from '../stack/s3.server';
import { createTables } from '../stack/dynamodb.server';
import { purgeUser } from '../seed/purge-user';
import { destroyClients, localStackTarget, SeedClients, SeedNames } from '../seed/seed-target';
import { fieldTexts, PackageContents, readPackageContents, storedRecordObjects } from './package-contents';

const GOLDEN_DIR = join(REPO_ROOT, 'libs', 'package-format', 'test', 'golden');
/** The committed goldens of this system's own format (see that folder's README.md). */
const GOLDENS = readdirSync(GOLDEN_DIR).filter((name) => /^v1\.0-.+\.zip$/.test(name) || name === 'v1.1-complete.zip').sort();
/** The entities of formats 1.0 and 1.1. */
const ENTITIES: EntityName[] = ['categories', 'file_maps', 'accounts', 'transaction_files', 'transactions', 'analytics'];
/**
 * Fields the reader fills in when a package leaves them out (docs/package-format-entities.md):
 * HouseF3's defaults, the derived statusDate, a computed transactionHash. Nothing else may appear.
 */
const FILLED_IN = new Set(['isActive', 'inheritParentRules', 'reverseAmounts', 'statusDate', 'transactionHash']);
/**
 * Decimals HouseF3 stores as DynamoDB numbers (N): DynamoDB keeps their value, not their text
 * (docs/dynamodb-codec.md: "100.00" reads back "100", "1E+3" "1000", "-0.00" "0"). Every other
 * decimal (S) must come back with the package's very text.
 */
const NUMBER_DECIMALS: Partial<Record<EntityName, string[]>> = { transactions: ['amount', 'balance'], transaction_files: ['closingBalance'] };
/** Every ID field and the entity it names (the documented remap). */
const ID_FIELDS: Partial<Record<EntityName, Record<string, EntityName>>> = {
  categories: { categoryId: 'categories', parentCategoryId: 'categories' },
  file_maps: { fileMapId: 'file_maps', accountId: 'accounts' },
  accounts: { accountId: 'accounts', defaultFileMapId: 'file_maps' },
  transaction_files: { fileId: 'transaction_files', accountId: 'accounts', fileMapId: 'file_maps' },
  transactions: { transactionId: 'transactions', accountId: 'accounts', fileId: 'transaction_files', primaryCategoryId: 'categories' },
  analytics: { accountId: 'accounts' },
};

type Plain = Record<string, unknown>;

/** The text DynamoDB gives back for a number written as `text`: its value in plain notation, no trailing zeros, no negative zero. */
function asDynamoNumber(text: string): string {
  const value = new Decimal(text);
  return value.isZero() ? '0' : value.toFixed();
}

/**
 * A package record as the importing user must hold it: the package's own record, owned by the
 * user (no userId field: the owner is the item's key), s3Key under the user's prefix, N decimals by
 * DynamoDB's reading of them; with remapIds every id, reference and rule id replaced by the
 * documented function of the import id and the transactionHash recomputed from the new accountId.
 */
function restoredForm(entity: EntityName, record: EntityRecordOf<EntityName>, user: string, importId: string, remapIds: boolean): { id: string; fields: Record<string, string> } {
  const id = (target: EntityName, old: unknown) => (remapIds && typeof old === 'string' ? newIdFor(importId, target, old) : old);
  const rule = (old: unknown) => (remapIds && typeof old === 'string' ? newRuleIdFor(importId, old) : old);
  const { userId: _owner, ...out } = record as unknown as Plain;
  for (const [field, target] of Object.entries(ID_FIELDS[entity] ?? {})) if (field in out) out[field] = id(target, out[field]);
  if (entity === 'categories') out['rules'] = (out['rules'] as Plain[]).map((r) => ({ ...r, ruleId: rule(r['ruleId']) }));
  if (entity === 'transactions') {
    out['categories'] = (out['categories'] as Plain[]).map((a) => ({ ...a, categoryId: id('categories', a['categoryId']), ...('ruleId' in a && a['ruleId'] !== undefined ? { ruleId: rule(a['ruleId']) } : {}) }));
    if (remapIds) out['transactionHash'] = computeTransactionHash(out['accountId'] as string, out['date'] as number, out['amount'] as string, out['description'] as string);
  }
  if (entity === 'transaction_files') out['s3Key'] = `${user}/${out['fileId'] as string}/${out['fileName'] as string}`;
  const key = entityIdOf(entity, out as unknown as EntityRecordOf<EntityName>);
  for (const field of NUMBER_DECIMALS[entity] ?? []) if (typeof out[field] === 'string') out[field] = asDynamoNumber(out[field] as string);
  return { id: key, fields: fieldTexts(out) };
}

/**
 * The committed golden packages (libs/package-format/test/golden: format 1.0 written by Python and
 * Info-ZIP, format 1.1 by this library) uploaded through the gateway and imported on the real
 * stack, with their ids into an empty user and with remapIds into another. What the user then
 * holds is compared field by field with the package's own records, read with libs/package-format's
 * reader (and those with the entity files' text): decimals as exact strings, transactionHash
 * exact to the last digit, every statement file by sha256.
 */
describe('golden packages restored through the API (e2e)', () => {
  const prefix = `housef3-g${Date.now().toString(36)}`;
  const env = { ...stackEnv(), TABLE_PREFIX: prefix, FILE_STORAGE_BUCKET: bucketNames(prefix).fileStorage, PACKAGES_BUCKET: bucketNames(prefix).packages };
  const deployment = (service: string) => ({ TABLE_PREFIX: env.TABLE_PREFIX, FILE_STORAGE_BUCKET: env.FILE_STORAGE_BUCKET, PACKAGES_BUCKET: env.PACKAGES_BUCKET, KAFKA_GROUP_ID: `${service}-${prefix}` });
  let clients: SeedClients;
  let names: SeedNames;
  let services: RunningService[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    ({ clients, names } = localStackTarget(env));
    await createTables(clients.dynamo, prefix);
    await createBuckets(clients.s3, [env.FILE_STORAGE_BUCKET, env.PACKAGES_BUCKET]);
    services = await Promise.all([
      startService('gateway', deployment('gateway'), 240000),
      startService('import-service', deployment('import-service'), 240000),
      startService('file-service', deployment('file-service'), 240000),
    ]);
    gatewayUrl = services[0]!.url;
  }, 300000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (clients) destroyClients(clients);
  });

  it('finds the goldens', () => {
    expect(GOLDENS).toEqual(['v1.0-design-example.zip', 'v1.0-infozip-directories.zip', 'v1.0-stored-with-analytics.zip', 'v1.1-complete.zip']);
  });

  async function sha256OfObject(key: string): Promise<string> {
    const body = await clients.s3.send(new GetObjectCommand({ Bucket: env.FILE_STORAGE_BUCKET, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of body.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    return `sha256:${hash.digest('hex')}`;
  }

  /** Imports the golden as `user`, expects it completed, and compares everything the user then holds with the package. */
  async function importAndCompare(bytes: Buffer, contents: PackageContents, user: string, remapIds: boolean): Promise<void> {
    const client = await GatewayClient.forUser(gatewayUrl, user);
    const importId = await uploadAndStartImport(client, bytes, { remapIds });
    const done = await waitForImport(client, importId);
    expect({ status: done.status, error: done.error, errorCode: done.errorCode, errors: done.errors }).toEqual({ status: 'completed', error: undefined, errorCode: undefined, errors: [] });
    expect(done.sourceFormat).toBe(`housef3-backup-${contents.formatVersion}`);
    for (const [entity, records] of contents.records) expect({ entity, created: done.summary[`${entity}_created`] }).toEqual({ entity, created: records.length });
    expect(done.summary['files_restored']).toBe(contents.files.length);
    // a file the export declared missing: its record is restored, with a warning naming it; no bytes
    const declared = done.warnings.filter((w) => w.code === 'FILE_MISSING_DECLARED').map((w) => w.id);
    expect(declared.sort()).toEqual(contents.missingFiles.map((m) => m.file_id).sort());

    // every record, field by field
    for (const entity of ENTITIES) {
      const want = new Map((contents.records.get(entity) ?? []).map(({ record }) => restoredForm(entity, record, user, importId, remapIds)).map((r) => [r.id, r.fields]));
      const stored = await storedRecordObjects(clients.dynamo, prefix, user, entity);
      const got = new Map([...stored].map(([id, record]) => [id, fieldTexts(record)]));
      expect({ entity, ids: [...got.keys()].sort() }).toEqual({ entity, ids: [...want.keys()].sort() });
      for (const [id, fields] of want) expect({ entity, id, fields: got.get(id) }).toEqual({ entity, id, fields });
    }

    // every original file byte for byte where the transaction file record says, nothing else under the user's prefix
    const fileRecords = new Map((contents.records.get('transaction_files') ?? []).map(({ record }) => [(record as EntityRecordOf<'transaction_files'>).fileId, record as EntityRecordOf<'transaction_files'>]));
    const expectedKeys: string[] = [];
    for (const file of contents.files) {
      const record = fileRecords.get(file.fileId)!;
      expect(record.fileName).toBe(file.name);
      const key = `${user}/${remapIds ? newIdFor(importId, 'transaction_files', file.fileId) : file.fileId}/${record.fileName}`;
      expectedKeys.push(key);
      expect({ key, sha256: await sha256OfObject(key) }).toEqual({ key, sha256: file.sha256 });
      expect((await clients.s3.send(new HeadObjectCommand({ Bucket: env.FILE_STORAGE_BUCKET, Key: key }))).Metadata?.fileid).toBeUndefined();
    }
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: clients.s3 }, { Bucket: env.FILE_STORAGE_BUCKET, Prefix: `${user}/` })) keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    expect(keys.sort()).toEqual(expectedKeys.sort());
  }

  describe.each(GOLDENS)('%s', (name) => {
    const bytes = readFileSync(join(GOLDEN_DIR, name));
    let contents: PackageContents;

    beforeAll(async () => {
      contents = await readPackageContents(bytes, name, ENTITIES);
    });

    it('the reader gives every record as the entity file states it (only documented defaults filled in)', () => {
      expect(contents.records.get('transactions')?.length).toBeGreaterThan(0);
      expect(contents.files.length).toBeGreaterThan(0);
      for (const [entity, records] of contents.records) {
        records.forEach(({ stated, record }, index) => {
          const statedFields = fieldTexts(stated);
          const readFields = fieldTexts(record);
          const filledIn = Object.keys(readFields).filter((field) => !(field in statedFields));
          expect({ entity, index, fields: Object.fromEntries(Object.keys(statedFields).map((f) => [f, readFields[f]])) }).toEqual({ entity, index, fields: statedFields });
          expect({ entity, index, filledIn: filledIn.filter((f) => !FILLED_IN.has(f)) }).toEqual({ entity, index, filledIn: [] });
        });
      }
    });

    it('restores with its ids into an empty user: every record as the package states it, every statement file byte-identical', async () => {
      const user = `golden-${randomUUID()}`;
      try {
        await importAndCompare(bytes, contents, user, false);
      } finally {
        // the next golden carries the same ids: they must be free again (ids another user holds are refused)
        await purgeUser(clients, names, user);
      }
    });

    it('restores with remapIds into another empty user: new ids everywhere, hashes recomputed, everything else as the package states it', async () => {
      await importAndCompare(bytes, contents, `golden-remap-${randomUUID()}`, true);
    });
  });
});
