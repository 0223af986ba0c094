import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Producer } from 'kafkajs';
import { deadLetterTopicOf, encodeMessage, MessageOf, MessageType, PayloadOf, Topics } from '@housef3/contracts';
import { buildMessage } from '@housef3/contracts/testing';
import { tableNames } from '@housef3/data-model';
import { ImportJob, ImportJobRepository } from '@housef3/jobs';
import { writePackage } from '@housef3/package-format';
import { buildTransactionFile } from '@housef3/package-format/testing';
import { KafkaObserver, ObservedMessage, rawProducer, RunningService, stackEnv, startService, testKafka } from '@housef3/testing';

/**
 * The file step of the import saga against the real stack: a real file-service process, driven
 * through Kafka, restoring from packages in the packages bucket into file storage.
 */
describe('file-service: restoring original files (import saga file step)', () => {
  const env = stackEnv();
  const s3 = new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const dynamo = new DynamoDBClient({
    region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  const importJobs = new ImportJobRepository(dynamo, tableNames(env.TABLE_PREFIX).importJobs);
  const FILES = env.FILE_STORAGE_BUCKET;
  const PACKAGES = env.PACKAGES_BUCKET;
  let service: RunningService;
  let observer: KafkaObserver;
  let producer: Producer;

  beforeAll(async () => {
    // A group of its own, positioned at the end of the topics: this process sees only this file's
    // commands (no replay of older ones, no other file-service taking them).
    const group = `file-service-restore-test-${randomUUID()}`;
    const admin = testKafka().admin();
    await admin.connect();
    for (const topic of [Topics.FileCommands, Topics.SystemCommands]) await admin.resetOffsets({ groupId: group, topic, earliest: false });
    await admin.disconnect();
    [service, observer, producer] = await Promise.all([startService('file-service', { KAFKA_GROUP_ID: group }), KafkaObserver.watch([Topics.FileEvents, deadLetterTopicOf(Topics.FileCommands)]), rawProducer()]);
  });

  afterAll(async () => {
    await Promise.all([service?.stop(), observer?.close(), producer?.disconnect()]);
    s3.destroy();
    dynamo.destroy();
  });

  interface TestFile {
    fileId: string;
    fileName: string;
    bytes: Buffer;
  }
  const testFile = (fileName: string, bytes: Buffer): TestFile => ({ fileId: randomUUID(), fileName, bytes });
  const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const newJob = () => ({ user: `restore-user-${randomUUID()}`, importId: randomUUID() });
  const importPrefix = (user: string, importId: string) => `imports/${encodeURIComponent(user)}/${importId}/`;

  async function uploadPackage(user: string, importId: string, files: TestFile[], tamper?: (zip: Buffer) => void): Promise<string> {
    const handle = writePackage({
      userId: 'source-user', exportTimestamp: new Date('2024-01-15T10:30:00Z'), housef3Version: '2.4.0', compressionLevel: 0,
      records: {
        accounts: [], transactions: [], categories: [], file_maps: [],
        transaction_files: files.map((f) => buildTransactionFile({ fileId: f.fileId, fileName: f.fileName, fileSize: f.bytes.length })),
      },
      files: files.map((f) => ({ fileId: f.fileId, fileName: f.fileName, size: f.bytes.length, open: () => [f.bytes] })),
    });
    const parts: Buffer[] = [];
    handle.stream.on('data', (c: Buffer) => parts.push(c));
    await handle.done;
    const zip = Buffer.concat(parts);
    tamper?.(zip);
    const key = `${importPrefix(user, importId)}package.zip`;
    await s3.send(new PutObjectCommand({ Bucket: PACKAGES, Key: key, Body: zip }));
    return key;
  }

  const restoreFiles = (user: string, files: TestFile[]) =>
    files.map((f) => ({ fileId: f.fileId, entryName: `files/${f.fileId}/${f.fileName}`, targetKey: `${user}/${f.fileId}/${f.fileName}`, sha256: sha(f.bytes), size: f.bytes.length }));

  /**
   * The file-service believes a command only as far as the import's job backs it: the first
   * restore of an import creates its job (processing, reading that package), a compensation
   * request moves it to compensating, as the saga does.
   */
  async function backByJob(type: MessageType, user: string, importId: string, payload: unknown): Promise<void> {
    if (type === 'file.restore_requested' && !(await importJobs.get(importId))) {
      const now = Date.now();
      const uploadKey = (payload as PayloadOf<'file.restore_requested'>).packageKey;
      await importJobs.create({ importId, userId: user, status: 'processing', uploadedAt: now, uploadKey, uploadExpiresAt: now, maxPackageBytes: 1 << 30, attempt: 1 } as ImportJob);
    }
    if (type === 'file.restore_compensate_requested') await importJobs.transition(importId, ['processing', 'compensating'], 'compensating');
  }

  async function send<T extends MessageType>(type: T, user: string, importId: string, payload: PayloadOf<T>): Promise<string> {
    await backByJob(type, user, importId, payload);
    const message = buildMessage(type, payload, { userId: user, correlationId: importId });
    await producer.send({ topic: Topics.FileCommands, messages: [{ key: importId, value: encodeMessage(message as never) }] });
    return message.messageId;
  }

  async function answer<T extends MessageType>(importId: string, types: T[], nth = 1): Promise<MessageOf<T>> {
    const seen = await observer.waitFor((m: ObservedMessage) => m.key === importId && types.includes(m.headers.type as T), nth, 60000);
    return seen[nth - 1].json<MessageOf<T>>();
  }

  async function object(bucket: string, key: string): Promise<{ bytes: Buffer; metadata: Record<string, string>; contentType?: string; sse?: string } | undefined> {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { bytes: Buffer.from((await out.Body?.transformToByteArray()) ?? []), metadata: out.Metadata ?? {}, contentType: out.ContentType, sse: out.ServerSideEncryption };
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw e;
    }
  }

  async function journalOf(user: string, importId: string, chunk: number) {
    const stored = await object(PACKAGES, `${importPrefix(user, importId)}file-journal/chunk-${chunk}.json`);
    if (!stored) throw new Error(`no journal for chunk ${chunk}`);
    return JSON.parse(stored.bytes.toString('utf8'));
  }

  const exists = async (bucket: string, key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, (e: { $metadata?: { httpStatusCode?: number } }) => (e.$metadata?.httpStatusCode === 404 ? false : Promise.reject(e)));

  it('restores a chunk byte for byte, without HouseF3 upload metadata; a redelivered chunk rewrites the same objects', async () => {
    const { user, importId } = newJob();
    const files = [
      testFile('statement-2024-01.csv', Buffer.from('date,description,amount\n2024-01-02,COFFEE SHOP,-3.50\n')),
      testFile('empty.ofx', Buffer.alloc(0)),
      testFile('Kontoauszug März €.pdf', randomBytes(4096)),
      testFile('large.qif', randomBytes(5 * 1024 * 1024 + 123)), // more than one 5 MiB part
    ];
    const packageKey = await uploadPackage(user, importId, files);
    const payload = { importId, packageKey, chunk: 0, files: restoreFiles(user, files) };
    await send('file.restore_requested', user, importId, payload);
    const restored = await answer(importId, ['file.restored', 'file.restore_failed']);
    expect(restored.type).toBe('file.restored');
    expect(restored.payload).toEqual({ importId, chunk: 0, restored: payload.files.map(({ fileId, targetKey, sha256, size }) => ({ fileId, targetKey, sha256, size })) });

    for (const f of files) {
      const stored = await object(FILES, `${user}/${f.fileId}/${f.fileName}`);
      expect(stored?.bytes.equals(f.bytes)).toBe(true);
      expect(stored?.metadata).toEqual({ 'housef3-import-id': importId });
      expect(stored?.sse).toBe('AES256');
    }
    expect((await object(FILES, `${user}/${files[0].fileId}/${files[0].fileName}`))?.contentType).toBe('text/csv');
    const journal = await journalOf(user, importId, 0);
    expect(journal).toMatchObject({ version: 1, importId, userId: user, chunk: 0 });
    expect(journal.files.map((f: { targetKey: string; prior: unknown }) => [f.targetKey, f.prior])).toEqual(payload.files.map((f) => [f.targetKey, null]));

    await send('file.restore_requested', user, importId, payload);
    expect((await answer(importId, ['file.restored', 'file.restore_failed'], 2)).payload).toEqual(restored.payload);
    for (const f of files) expect((await object(FILES, `${user}/${f.fileId}/${f.fileName}`))?.bytes.equals(f.bytes)).toBe(true);
    expect(await exists(PACKAGES, `${importPrefix(user, importId)}file-backups/${files[0].fileId}`)).toBe(false);

    await send('file.restore_compensate_requested', user, importId, { importId, chunk: 0, targetKeys: [] });
    expect((await answer(importId, ['file.restore_compensated'])).payload).toEqual({ importId, chunk: 0, deleted: files.length, restored: 0 });
    for (const f of files) expect(await exists(FILES, `${user}/${f.fileId}/${f.fileName}`)).toBe(false);
  });

  it('backs up what is at a target key first; compensation deletes what the import created and puts the prior version back, harmlessly twice', async () => {
    const { user, importId } = newJob();
    const files = [testFile('Relevé été 2024.csv', Buffer.from('new,bytes\n')), testFile('created.csv', Buffer.from('created by the import\n'))];
    const existingKey = `${user}/${files[0].fileId}/${files[0].fileName}`;
    const original = Buffer.from('the user own original,\n1,2\n');
    await s3.send(new PutObjectCommand({ Bucket: FILES, Key: existingKey, Body: original, ContentType: 'text/csv', Metadata: { fileid: files[0].fileId, note: 'uploaded by HouseF3' } }));
    const packageKey = await uploadPackage(user, importId, files);
    const payload = { importId, packageKey, chunk: 2, files: restoreFiles(user, files) };

    await send('file.restore_requested', user, importId, payload);
    expect((await answer(importId, ['file.restored', 'file.restore_failed'])).type).toBe('file.restored');
    expect((await object(FILES, existingKey))?.bytes.equals(files[0].bytes)).toBe(true);
    const backupKey = `${importPrefix(user, importId)}file-backups/${files[0].fileId}`;
    expect((await object(PACKAGES, backupKey))?.bytes.equals(original)).toBe(true);
    const journal = await journalOf(user, importId, 2);
    expect(journal.files.map((f: { prior: { backupKey: string } | null }) => f.prior?.backupKey ?? null)).toEqual([backupKey, null]);

    // a redelivery does not back up the import's own write over the user's original
    await send('file.restore_requested', user, importId, payload);
    await answer(importId, ['file.restored', 'file.restore_failed'], 2);
    expect((await object(PACKAGES, backupKey))?.bytes.equals(original)).toBe(true);

    await send('file.restore_compensate_requested', user, importId, { importId, chunk: 2, targetKeys: payload.files.map((f) => f.targetKey) });
    expect((await answer(importId, ['file.restore_compensated'])).payload).toEqual({ importId, chunk: 2, deleted: 1, restored: 1 });
    const back = await object(FILES, existingKey);
    expect(back?.bytes.equals(original)).toBe(true);
    expect(back?.metadata).toEqual({ note: 'uploaded by HouseF3' }); // put back without `fileid`: not parsed again
    expect(back?.contentType).toBe('text/csv');
    expect(await exists(FILES, payload.files[1].targetKey)).toBe(false);
    expect(await exists(PACKAGES, backupKey)).toBe(false);
    expect((await journalOf(user, importId, 2)).compensatedAt).toEqual(expect.any(String));

    // a late redelivery of the restore writes nothing; compensating again changes nothing
    await send('file.restore_requested', user, importId, payload);
    await send('file.restore_compensate_requested', user, importId, { importId, chunk: 2, targetKeys: [] });
    expect((await answer(importId, ['file.restore_compensated'], 2)).payload).toEqual({ importId, chunk: 2, deleted: 0, restored: 0 });
    expect(observer.all().filter((m) => m.key === importId && m.headers.type === 'file.restored')).toHaveLength(2);
    expect((await object(FILES, existingKey))?.bytes.equals(original)).toBe(true);
    expect(await exists(FILES, payload.files[1].targetKey)).toBe(false);
  });

  it('a package entry whose bytes do not match its checksum fails the chunk and leaves nothing written', async () => {
    const { user, importId } = newJob();
    const good = testFile('good.csv', Buffer.from('fine\n'));
    const bad = testFile('tampered.csv', randomBytes(1000));
    // stored (level 0) bytes altered in place with the ZIP CRC-32 kept: only the manifest's sha256 can tell
    const packageKey = await uploadPackage(user, importId, [good, bad], (zip) => {
      const at = zip.indexOf(bad.bytes);
      expect(at).toBeGreaterThan(0);
      forgeKeepingCrc(bad.bytes).copy(zip, at);
    });
    await send('file.restore_requested', user, importId, { importId, packageKey, chunk: 0, files: restoreFiles(user, [good, bad]) });
    const failed = await answer(importId, ['file.restored', 'file.restore_failed']);
    expect(failed.type).toBe('file.restore_failed');
    expect(failed.payload).toMatchObject({ importId, chunk: 0, error: { code: 'CHECKSUM_MISMATCH', retriable: false } });
    expect((failed as MessageOf<'file.restore_failed'>).payload.error.message).toContain(`files/${bad.fileId}/tampered.csv`);
    expect(await exists(FILES, `${user}/${bad.fileId}/tampered.csv`)).toBe(false);
    expect(await exists(FILES, `${user}/${good.fileId}/good.csv`)).toBe(false); // undone with its chunk
  });

  it('reads the package only as it was pinned: an object under the pinned key with another ETag fails the chunk with PACKAGE_CHANGED, writing nothing', async () => {
    const { user, importId } = newJob();
    const file = testFile('swapped.csv', Buffer.from('swapped after start\n'));
    const packageKey = await uploadPackage(user, importId, [file]);
    const now = Date.now();
    // the job pinned another object (its ETag) at start; what the key holds now is not it
    await importJobs.create({
      importId, userId: user, status: 'processing', uploadedAt: now, uploadKey: packageKey, packageKey, packageEtag: '"0123456789abcdef0123456789abcdef"',
      uploadExpiresAt: now, maxPackageBytes: 1 << 30, attempt: 1,
    } as ImportJob);
    await send('file.restore_requested', user, importId, { importId, packageKey, chunk: 0, files: restoreFiles(user, [file]) });
    const failed = await answer(importId, ['file.restored', 'file.restore_failed']);
    expect(failed.type).toBe('file.restore_failed');
    expect(failed.payload).toMatchObject({ importId, chunk: 0, error: { code: 'PACKAGE_CHANGED', retriable: false } });
    expect(await exists(FILES, `${user}/${file.fileId}/swapped.csv`)).toBe(false);
  });

  it('refuses a target key outside the user prefix and a package outside the user imports, writing nothing; compensating such a chunk leaves the user\'s objects alone', async () => {
    const { user, importId } = newJob();
    const f = testFile('statement.csv', Buffer.from('a,b\n'));
    const packageKey = await uploadPackage(user, importId, [f]);
    const victim = `other-user-${randomUUID()}`;
    const [file] = restoreFiles(user, [f]);
    await send('file.restore_requested', user, importId, { importId, packageKey, chunk: 0, files: [{ ...file, targetKey: `${victim}/${f.fileId}/statement.csv` }] });
    const refused = await answer(importId, ['file.restored', 'file.restore_failed']);
    expect(refused.payload).toMatchObject({ error: { code: 'TARGET_KEY_REFUSED', retriable: false } });
    expect(await exists(FILES, `${victim}/${f.fileId}/statement.csv`)).toBe(false);

    const foreignPackage = await uploadPackage(victim, importId, [f]);
    // the import's job reads the user's own upload: a command naming another package is not believed
    const foreign = await send('file.restore_requested', user, importId, { importId, packageKey: foreignPackage, chunk: 1, files: [file] });
    const dead = await observer.waitFor((m) => m.topic === deadLetterTopicOf(Topics.FileCommands) && m.value?.includes(foreign) === true, 1, 60000);
    expect(dead[0].headers['x-dlq-detail']).toMatch(/^KEY_MISMATCH: /);
    expect(await exists(FILES, file.targetKey)).toBe(false);

    // no journal (nothing was written): the message's keys are looked at, and only this import's objects would go
    await s3.send(new PutObjectCommand({ Bucket: FILES, Key: file.targetKey, Body: 'the user own' }));
    await send('file.restore_compensate_requested', user, importId, { importId, chunk: 1, targetKeys: [file.targetKey, `${victim}/${f.fileId}/statement.csv`] });
    expect((await answer(importId, ['file.restore_compensated'])).payload).toEqual({ importId, chunk: 1, deleted: 0, restored: 0 });
    expect((await object(FILES, file.targetKey))?.bytes.toString()).toBe('the user own');
  });
});

/**
 * `bytes` with two places changed so that the CRC-32 stays the same: byte 0 flipped, then four
 * bytes at 8..11 chosen (CRC-32 is affine over GF(2)) to cancel the flip's effect on the CRC.
 */
function forgeKeepingCrc(bytes: Buffer): Buffer {
  const zero = crc32(Buffer.alloc(bytes.length));
  const effect = (diff: Buffer) => (crc32(diff) ^ zero) >>> 0; // linear in diff
  const flip = Buffer.alloc(bytes.length);
  flip[0] = 0xff;
  const target = effect(flip);
  // solve sum(x_i * column_i) = target over the 32 bits of bytes 8..11
  const columns = Array.from({ length: 32 }, (_, i) => {
    const d = Buffer.alloc(bytes.length);
    d[8 + (i >> 3)] = 1 << (i & 7);
    return effect(d);
  });
  const rows = columns.map((value, i) => ({ value, pick: 1 << i }));
  const solution = gaussSolve(rows, target);
  const out = Buffer.from(bytes);
  out[0] ^= 0xff;
  for (let i = 0; i < 32; i++) if ((solution >>> i) & 1) out[8 + (i >> 3)] ^= 1 << (i & 7);
  if (crc32(out) !== crc32(bytes) || out.equals(bytes)) throw new Error('could not forge the CRC');
  return out;
}

/** Which combination (bit mask of rows) of the 32-bit row values XORs to `target`. */
function gaussSolve(rows: Array<{ value: number; pick: number }>, target: number): number {
  const basis: Array<{ value: number; pick: number } | undefined> = new Array(32);
  for (const row of rows) {
    let { value, pick } = row;
    for (let bit = 31; bit >= 0 && value; bit--) {
      if (!((value >>> bit) & 1)) continue;
      const b = basis[bit];
      if (!b) {
        basis[bit] = { value, pick };
        value = 0;
        break;
      }
      value = (value ^ b.value) >>> 0;
      pick ^= b.pick;
    }
  }
  let value = target >>> 0;
  let pick = 0;
  for (let bit = 31; bit >= 0; bit--) {
    if (!((value >>> bit) & 1)) continue;
    const b = basis[bit];
    if (!b) throw new Error('no solution');
    value = (value ^ b.value) >>> 0;
    pick ^= b.pick;
  }
  return pick >>> 0;
}
