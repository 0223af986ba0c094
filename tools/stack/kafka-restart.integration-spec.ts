import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { stackEnv } from '@housef3/testing';
import { isOurs, readPid } from '../lib/processes';
import { kafkaProcess, restartKafka } from './kafka.server';
import { stackConfig } from './stack-config';

/** The broker restart the fault tests use: same port, same data, a new process. */
describe('restartKafka', () => {
  const cfg = stackConfig();
  const topic = `restart-${randomUUID()}`;
  const kafka = (retries?: number) => new Kafka({ clientId: 'restart-test', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING, ...(retries !== undefined && { retry: { retries } }) });

  afterAll(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('stops the broker and starts it again on the same port with its data', async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
    await admin.disconnect();
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'before' }] });
    await producer.disconnect();

    const before = readPid(kafkaProcess(cfg));
    let downChecked = false;
    const { downMs } = await restartKafka(cfg, {
      whileDown: async () => {
        // really down: no process of ours and nobody answering on the port
        expect(isOurs(kafkaProcess(cfg), before)).toBe(false);
        await expect(kafka(0).admin().connect()).rejects.toThrow();
        downChecked = true;
      },
    });
    expect(downChecked).toBe(true);
    expect(downMs).toBeGreaterThan(0);
    const after = readPid(kafkaProcess(cfg));
    expect(after).not.toBe(before);
    expect(isOurs(kafkaProcess(cfg), after)).toBe(true);

    // same data: the message written before the restart is read back after it, then a new one
    const again = kafka().producer();
    await again.connect();
    await again.send({ topic, messages: [{ key: 'k', value: 'after' }] });
    await again.disconnect();
    const consumer = kafka().consumer({ groupId: `restart-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen: string[] = [];
    const both = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message.value!.toString());
          if (seen.length === 2) resolve();
        },
      });
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`read back ${JSON.stringify(seen)} only`)), 60000).unref());
    try {
      await Promise.race([both, timeout]);
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual(['before', 'after']);
  }, 240000);
});
