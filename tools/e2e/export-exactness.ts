import { GetObjectCommand } from '@aws-sdk/client-s3';
import { canonicalJson, entityIdOf, fileSource, openPackage, recordKeyOrder, verifyPackage } from '@housef3/package-format';
import { GatewayClient, userRecords } from '@housef3/testing';
import { SeededFile } from '../seed/seed-user';
import { Deployed, ENTITIES } from './import-exactness';
import { downloadExport, sha256Of } from './package-download';

/**
 * Differences between a completed export of `user` and what DynamoDB and S3 hold for them:
 * the package verifies, every record equals the stored one, every original file is byte-equal.
 * Empty when exact. Returns the downloaded package's path too.
 */
export async function exportDifferences(client: GatewayClient, exportId: string, at: Deployed, files: SeededFile[]): Promise<{ problems: string[]; path: string }> {
  const problems: string[] = [];
  const { path } = await downloadExport(client, exportId);
  const report = await verifyPackage(await fileSource(path));
  if (!report.ok) problems.push(`package does not verify: ${JSON.stringify(report.problems).slice(0, 500)}`);
  const reader = await openPackage(await fileSource(path));
  try {
    for (const entity of ENTITIES) {
      const stored = await userRecords(at.dynamo, client.userId, entity, at.tablePrefix);
      const packaged = new Map<string, string>();
      for await (const { record } of reader.records(entity)) packaged.set(entityIdOf(entity, record!), canonicalJson(record, recordKeyOrder(entity)));
      const differing = [...stored].filter(([id, json]) => packaged.get(id) !== json).map(([id]) => id);
      const extra = [...packaged.keys()].filter((id) => !stored.has(id));
      if (differing.length || extra.length) problems.push(`${entity}: ${packaged.size} packaged, ${stored.size} stored; ${differing.length} missing or different (e.g. ${differing[0]}), ${extra.length} not stored (e.g. ${extra[0]})`);
    }
    const packagedFiles = reader.files.map((f) => f.fileId).sort();
    const seeded = files.map((f) => f.fileId).sort();
    if (packagedFiles.join() !== seeded.join()) problems.push(`files: packaged ${packagedFiles.join(',')}, stored ${seeded.join(',')}`);
    for (const file of files.filter((f) => packagedFiles.includes(f.fileId))) {
      const original = await at.s3.send(new GetObjectCommand({ Bucket: at.fileBucket, Key: file.s3Key }));
      const [inPackage, inS3] = [await sha256Of(await reader.openFile(file.fileId)), await sha256Of(original.Body as AsyncIterable<Uint8Array>)];
      if (inPackage !== inS3) problems.push(`file ${file.fileId}: packaged sha256 ${inPackage}, stored ${inS3}`);
    }
  } finally {
    await reader.close();
  }
  return { problems, path };
}
