import { randomUUID } from 'node:crypto';
import { Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { stackEnv } from './stack-env';

export interface ObservedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  json<T = unknown>(): T;
}

const headersOf = (h: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')]));

/**
 * Watches topics from "now" with a throw-away consumer group, so a test can wait for the
 * messages it caused (with a timeout, never a fixed sleep).
 */
export class KafkaObserver {
  private readonly seen: ObservedMessage[] = [];
  private waiters: Array<() => void> = [];
  private consumer?: Consumer;

  private constructor(private readonly kafka: Kafka) {}

  static async watch(topics: string[]): Promise<KafkaObserver> {
    const kafka = testKafka();
    const observer = new KafkaObserver(kafka);
    const consumer = kafka.consumer({ groupId: `test-observer-${randomUUID()}`, allowAutoTopicCreation: false });
    observer.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? null;
        observer.seen.push({ topic, key: message.key?.toString() ?? null, value, headers: headersOf(message.headers), json: () => JSON.parse(value ?? 'null') });
        observer.waiters.forEach((w) => w());
      },
    });
    await joined;
    // "from now": make sure the group's offsets are at the end before the test acts.
    await new Promise((r) => setTimeout(r, 500));
    return observer;
  }

  /** Resolves with the matching messages once `count` of them were seen; rejects on timeout. */
  async waitFor(predicate: (m: ObservedMessage) => boolean, count = 1, timeoutMs = 30000): Promise<ObservedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matches = this.seen.filter(predicate);
      if (matches.length >= count) return matches;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} matching message(s) within ${timeoutMs} ms, saw ${matches.length} (of ${this.seen.length} on the watched topics)`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 1000));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
      this.waiters = [];
    }
  }

  all(): readonly ObservedMessage[] {
    return this.seen;
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: 'tests', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
}

/** A raw producer for tests that must send what our publisher never would (garbage, bad schemas). */
export async function rawProducer(): Promise<Producer> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}
