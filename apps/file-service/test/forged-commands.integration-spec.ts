import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Producer } from 'kafkajs';
import { deadLetterTopicOf, encodeMessage, MessageType, PayloadOf, Topics } from '@housef3/contracts';
import { buildMessage } from '@housef3/contracts/testing';
import { tableNames } from '@housef3/data-model';
import { ExportJob, ExportJobRepository, ImportJob, ImportJobRepository, importUploadKey } from '@housef3/jobs';
import { KafkaObserver, ObservedMessage, rawProducer, RunningService, stackEnv, startService, testKafka } from '@housef3/testing';

/**
 * Commands on housef3.file.commands are believed only as far as the job table backs them:
 * well-formed commands naming another user's package, a live package, or an import that is not
 * running are dead-lettered with their reason, and nothing is deleted, read or written.
 */
describe('file-service: forged commands are refused against the job table', () => {
  const env = stackEnv();
  const s3 = new S3Client({
    region: env.AWS_REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const dynamo = new DynamoDBClient({
    region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  const tables = tableNames(env.TABLE_PREFIX);
  const exportJobs = new ExportJobRepository(dynamo, tables.exportJobs);
  const importJobs = new ImportJobRepository(dynamo, tables.importJobs);
  const PACKAGES = env.PACKAGES_BUCKET;
  const FILES = env.FILE_STORAGE_BUCKET;
  let service: RunningService;
  let observer: KafkaObserver;
  let producer: Producer;

  beforeAll(async () => {
    const group = `file-service-forged-test-${randomUUID()}`;
    const admin = testKafka().admin();
    await admin.connect();
    for (const topic of [Topics.FileCommands, Topics.SystemCommands]) await admin.resetOffsets({ groupId: group, topic, earliest: false });
    await admin.disconnect();
    [service, observer, producer] = await Promise.all([
      startService('file-service', { KAFKA_GROUP_ID: group }), KafkaObserver.watch([Topics.FileEvents, deadLetterTopicOf(Topics.FileCommands)]), rawProducer(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([service?.stop(), observer?.close(), producer?.disconnect()]);
    s3.destroy();
    dynamo.destroy();
  });

  const exists = async (bucket: string, key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, (e: { $metadata?: { httpStatusCode?: number } }) => (e.$metadata?.httpStatusCode === 404 ? false : Promise.reject(e)));

  async function send<T extends MessageType>(type: T, userId: string, jobId: string, payload: PayloadOf<T>): Promise<string> {
    const message = buildMessage(type, payload, { userId, correlationId: jobId });
    await producer.send({ topic: Topics.FileCommands, messages: [{ key: jobId, value: encodeMessage(message as never) }] });
    return message.messageId;
  }

  const deadLetterOf = async (messageId: string): Promise<ObservedMessage> =>
    (await observer.waitFor((m) => m.topic === deadLetterTopicOf(Topics.FileCommands) && m.value?.includes(messageId) === true, 1, 60000))[0];

  async function completedExport(userId: string, over: Partial<ExportJob> = {}): Promise<ExportJob> {
    const exportId = randomUUID();
    const now = Date.now();
    const job: ExportJob = {
      exportId, userId, status: 'completed', exportType: 'complete', requestedAt: now, completedAt: now, parameters: { includeAnalytics: false } as ExportJob['parameters'],
      estimate: { records: 0, bytes: 0 }, progress: { phase: 'done', recordsDone: 0, bytesDone: 0 },
      packageKey: `exports/${userId}/${exportId}/export.zip`, expiresAt: now + 3_600_000, attempt: 1, ...over,
    };
    await exportJobs.create(job);
    await s3.send(new PutObjectCommand({ Bucket: PACKAGES, Key: job.packageKey, Body: 'the victim backup' }));
    return job;
  }

  it('a delete of another user\'s package, or of a live package in its owner\'s name, is dead-lettered and deletes nothing', async () => {
    const victim = `victim-${randomUUID()}`;
    const job = await completedExport(victim);

    const asMallory = await send('file.package_delete_requested', `mallory-${randomUUID()}`, job.exportId, { exportId: job.exportId, packageKey: job.packageKey, reason: 'expired' });
    expect((await deadLetterOf(asMallory)).headers['x-dlq-detail']).toMatch(/^OWNER_MISMATCH: /);
    const asVictim = await send('file.package_delete_requested', victim, job.exportId, { exportId: job.exportId, packageKey: job.packageKey, reason: 'expired' });
    expect((await deadLetterOf(asVictim)).headers['x-dlq-detail']).toMatch(/^JOB_STATE_REFUSED: /);
    const otherKey = await send('file.package_delete_requested', victim, job.exportId, { exportId: job.exportId, packageKey: `exports/${victim}/x/export.zip`, reason: 'deleted_by_user' });
    expect((await deadLetterOf(otherKey)).headers['x-dlq-detail']).toMatch(/^KEY_MISMATCH: /);
    const unknown = randomUUID();
    const noJob = await send('file.package_delete_requested', victim, unknown, { exportId: unknown, packageKey: job.packageKey, reason: 'deleted_by_user' });
    expect((await deadLetterOf(noJob)).headers['x-dlq-detail']).toMatch(/^JOB_NOT_FOUND: /);

    expect(await exists(PACKAGES, job.packageKey)).toBe(true);
    expect((await exportJobs.get(job.exportId))?.status).toBe('completed');
    expect(observer.all().filter((m) => m.headers.type === 'file.package_deleted' && m.key === job.exportId)).toHaveLength(0);

    // the same command, once the job backs it, is carried out: the refusals above were not a dead service
    await exportJobs.requestDelete(job.exportId, victim, Date.now());
    await send('file.package_delete_requested', victim, job.exportId, { exportId: job.exportId, packageKey: job.packageKey, reason: 'deleted_by_user' });
    await observer.waitFor((m) => m.headers.type === 'file.package_deleted' && m.key === job.exportId, 1, 60000);
    expect(await exists(PACKAGES, job.packageKey)).toBe(false);
  });

  it('restore and compensation commands for an import that is not running, or not the sender\'s, are dead-lettered and touch no file', async () => {
    const victim = `victim-${randomUUID()}`;
    const importId = randomUUID();
    const now = Date.now();
    const job: ImportJob = {
      importId, userId: victim, status: 'completed', uploadedAt: now, uploadKey: importUploadKey(victim, importId), uploadExpiresAt: now, maxPackageBytes: 1024, attempt: 1,
    };
    await importJobs.create(job);
    const fileId = randomUUID();
    const targetKey = `${victim}/${fileId}/statement.csv`;
    await s3.send(new PutObjectCommand({ Bucket: FILES, Key: targetKey, Body: 'the victim original' }));
    const files = [{ fileId, entryName: `files/${fileId}/statement.csv`, targetKey, sha256: `sha256:${'0'.repeat(64)}`, size: 3 }];

    const restore = await send('file.restore_requested', victim, importId, { importId, packageKey: job.uploadKey, chunk: 0, files });
    expect((await deadLetterOf(restore)).headers['x-dlq-detail']).toMatch(/^JOB_STATE_REFUSED: import .* is completed/);
    const compensate = await send('file.restore_compensate_requested', victim, importId, { importId, chunk: 0, targetKeys: [targetKey] });
    expect((await deadLetterOf(compensate)).headers['x-dlq-detail']).toMatch(/^JOB_STATE_REFUSED: /);
    const asMallory = await send('file.restore_compensate_requested', `mallory-${randomUUID()}`, importId, { importId, chunk: 0, targetKeys: [targetKey] });
    expect((await deadLetterOf(asMallory)).headers['x-dlq-detail']).toMatch(/^OWNER_MISMATCH: /);

    expect(await exists(FILES, targetKey)).toBe(true);
    expect(observer.all().filter((m) => m.key === importId && m.topic === Topics.FileEvents)).toHaveLength(0);
  });
});
