import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { Topics } from '@housef3/contracts';
import { testKafka } from './kafka-observer';
import { ownerOf, partitionOf, ReplicaSet, waitForGroup } from './replicas';
import { linesMatching } from './service-logs';

/** The replica harness on the real stack: two file-service processes in one consumer group. */
describe('ReplicaSet (against the local stack)', () => {
  const group = `file-service-replicas-${randomUUID()}`;
  let set: ReplicaSet;

  afterAll(async () => {
    await set?.stop('SIGKILL');
  });

  it('starts identifiable replicas that share one consumer group, each with partitions', async () => {
    set = await ReplicaSet.start({ replicas: { 'file-service': 2 }, env: () => ({ KAFKA_GROUP_ID: group }) });
    expect(set.of('file-service').map((r) => r.id)).toEqual(['file-service-1', 'file-service-2']);
    const { 'file-service': assignment } = await set.waitForGroups(() => group);
    expect(Object.keys(assignment).sort()).toEqual(['file-service-1', 'file-service-2']);
    // three partitions per topic: both replicas own some of the file commands
    const owned = Object.values(assignment).map((topics) => topics[Topics.FileCommands] ?? []);
    expect(owned.flat().sort()).toEqual([0, 1, 2]);
    for (const partitions of owned) expect(partitions.length).toBeGreaterThan(0);
    // the replicas log at info, one JSON line each: the harness can tell them apart
    for (const r of set.all) expect(linesMatching(r.output(), 'file-service listening')).toHaveLength(1);
  }, 300000);

  it('computes the partition of a key exactly as our publisher\'s partitioner does', async () => {
    const topic = `partition-probe-${randomUUID()}`;
    const admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
    const producer = testKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let i = 0; i < 12; i++) {
        const key = randomUUID();
        const [meta] = await producer.send({ topic, messages: [{ key, value: 'partition probe' }] });
        expect({ key, partition: partitionOf(key, 3) }).toEqual({ key, partition: meta.partition });
      }
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
    const assignment = await waitForGroup(group, ['file-service-1', 'file-service-2']);
    expect(['file-service-1', 'file-service-2']).toContain(ownerOf(assignment, Topics.FileCommands, randomUUID(), 3));
  });

  it('tells a crash from a requested stop, and restarts a replica under the same identity', async () => {
    const [first, second] = set.of('file-service');
    process.kill(first.pid!, 'SIGKILL');
    const deadline = Date.now() + 30000;
    while (first.isUp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setImmediate(r));
    expect(set.unexpectedExits()).toEqual([expect.objectContaining({ replica: 'file-service-1', signal: 'SIGKILL' })]);

    await second.stop('SIGKILL');
    expect(set.unexpectedExits()).toHaveLength(1);

    await Promise.all([first.start(), second.start()]);
    expect([first.starts, second.starts]).toEqual([2, 2]);
    // the output of every life is kept
    expect(linesMatching(first.output(), 'file-service listening')).toHaveLength(2);
    await set.waitForGroups(() => group);
  }, 300000);
});
