import { deadLetterTopicOf, encodeMessage, SystemPongV1, Topics } from '@housef3/contracts';
import { buildMessage } from '@housef3/contracts/testing';
import { KafkaObserver, localAuthFromEnv, mintToken, rawProducer, RunningService, startService } from '@housef3/testing';
import type { Producer } from 'kafkajs';

const WORKERS = ['export-service', 'import-service', 'file-service'] as const;
const DLQ = deadLetterTopicOf(Topics.SystemCommands);

interface Pong { correlationId: string; causationId: string; userId: string; payload: SystemPongV1 }

/**
 * Proof of the wiring through the real broker: the gateway publishes a command, every worker
 * consumes it and answers with an event; malformed messages land on the dead-letter topic
 * with their reason, and no consumer or partition gets stuck on them.
 */
describe('Kafka wiring across the four services (e2e)', () => {
  let services: RunningService[] = [];
  let observer: KafkaObserver;
  let producer: Producer;
  let gateway: RunningService;

  beforeAll(async () => {
    services = await Promise.all((['gateway', ...WORKERS] as const).map((s) => startService(s)));
    gateway = services[0];
    observer = await KafkaObserver.watch([Topics.SystemEvents, DLQ]);
    producer = await rawProducer();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await observer?.close();
    await Promise.all(services.map((s) => s.stop()));
  });

  const pongsFor = (nonce: string) => (m: { topic: string; json: <T>() => T }) =>
    m.topic === Topics.SystemEvents && m.json<Pong>().payload.nonce === nonce;

  it('a command published by the gateway is consumed by every worker, each answering with an event', async () => {
    const token = await mintToken(localAuthFromEnv(), 'wiring-user');
    const res = await fetch(`${gateway.url}/diagnostics/ping`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(202);
    const { pingId, messageId } = (await res.json()) as { pingId: string; messageId: string };

    const pongs = (await observer.waitFor(pongsFor(pingId), 3)).map((m) => m.json<Pong>());
    expect(pongs.map((p) => p.payload.service).sort()).toEqual([...WORKERS].sort());
    for (const pong of pongs) {
      expect(pong).toMatchObject({ correlationId: pingId, causationId: messageId, userId: 'wiring-user' });
    }
  });

  it('dead-letters malformed messages on every partition and keeps consuming the same partitions', async () => {
    const partitions = [0, 1, 2];
    await producer.send({
      topic: Topics.SystemCommands,
      messages: partitions.map((partition) => ({ partition, key: `garbage-${partition}`, value: '{this is not json' })),
    });
    const invalid = buildMessage('system.ping', { nonce: 'x'.repeat(500) });
    await producer.send({ topic: Topics.SystemCommands, messages: [{ partition: 0, key: 'invalid-payload', value: encodeMessage(invalid) }] });
    const unknown = { ...buildMessage('system.ping'), type: 'system.selfdestruct' };
    await producer.send({ topic: Topics.SystemCommands, messages: [{ partition: 1, key: 'unknown-type', value: JSON.stringify(unknown) }] });

    // after the poison, a valid ping on each partition: all three workers must still answer each
    const pings = partitions.map((partition) => ({ partition, msg: buildMessage('system.ping', { nonce: `after-poison-${partition}-${Date.now()}` }) }));
    await producer.send({ topic: Topics.SystemCommands, messages: pings.map(({ partition, msg }) => ({ partition, key: msg.correlationId, value: encodeMessage(msg) })) });

    for (const { msg } of pings) await observer.waitFor(pongsFor(msg.payload.nonce), 3);

    for (const partition of partitions) {
      const dead = await observer.waitFor((m) => m.topic === DLQ && m.key === `garbage-${partition}`, 3);
      expect(dead.map((m) => m.headers['x-dlq-consumer-group']).sort()).toEqual([...WORKERS].sort());
      for (const m of dead) {
        expect(m.value).toBe('{this is not json');
        expect(m.headers).toMatchObject({ 'x-dlq-reason': 'malformed_json', 'x-dlq-source-topic': Topics.SystemCommands, 'x-dlq-source-partition': String(partition) });
      }
    }
    const [badPayload] = await observer.waitFor((m) => m.topic === DLQ && m.key === 'invalid-payload', 3);
    expect(badPayload.headers['x-dlq-reason']).toBe('invalid_payload');
    expect(badPayload.headers['x-dlq-detail']).toContain('nonce');
    const [badType] = await observer.waitFor((m) => m.topic === DLQ && m.key === 'unknown-type', 3);
    expect(badType.headers['x-dlq-reason']).toBe('unknown_type');
  });

  it('counts dead-lettered messages in each worker\'s consumer-error metric and stays healthy', async () => {
    for (const svc of services.slice(1)) {
      const metrics = await (await fetch(`${svc.url}/metrics`)).text();
      const line = metrics.split('\n').find((l) => l.startsWith('housef3_kafka_consumer_errors_total{') && l.includes('reason="malformed_json"'));
      expect(line).toBeDefined();
      expect(Number(line!.split(' ').pop())).toBeGreaterThanOrEqual(3);
      const health = await fetch(`${svc.url}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { checks: { kafka: { detail: { consumer: string } } } }).checks.kafka.detail.consumer).toBe('running');
    }
  });
});
