import { hostname } from 'node:os';
import { Admin, Consumer, EachMessagePayload, Kafka, KafkaConfig, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import {
  AnyMessage, decodeMessage, DecodeFailureReason, ReadMode, deadLetterTopicOf, encodeMessage, MessageOf, MessageType, topicOf, TopicName,
} from '@housef3/contracts';
import { AppLogger } from '../logging/logger';
import { withRetry } from '../retry/retry-policy';
import { errorMessage } from './errors';
import { MessagingMetrics } from './messaging.metrics';

export type Handler<T extends MessageType> = (message: MessageOf<T>) => Promise<void>;
export type DeadLetterHook = (message: AnyMessage, error: unknown) => Promise<void>;
export type ConsumerState = 'idle' | 'starting' | 'running' | 'crashed' | 'stopped';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** consumer group: one per service, so every service gets its own copy of a topic */
  groupId: string;
  logger: AppLogger;
  metrics: MessagingMetrics;
  /** in-process attempts for transient handler errors before dead-lettering */
  handlerAttempts?: number;
  /** consumer session timeout; a dead consumer's partitions move after it */
  sessionTimeoutMs?: number;
  handlerBackoffMs?: number;
  /** `tolerant` for consumers of public events: unknown fields are ignored (default `strict`) */
  readMode?: ReadMode;
  /** TLS and SASL (kafkaSecurityOptions); none: plaintext */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

type DeadLetterReason = DecodeFailureReason | 'handler_failed';

/**
 * The only place that talks to kafkajs. Publishes typed messages (key = job id) and runs one
 * consumer group per service over the topics of the handlers registered with on(). Every
 * incoming message is validated; a message that cannot be decoded or keeps failing goes to
 * `<topic>.dlq` with the reason in its headers, and the consumer moves on.
 */
export class KafkaBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private consumer?: Consumer;
  private readonly handlers = new Map<MessageType, Handler<MessageType>>();
  private deadLetterHook?: DeadLetterHook;
  private connected = false;
  state: ConsumerState = 'idle';

  constructor(private readonly opts: KafkaBusOptions) {
    const log = opts.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      ...opts.security,
      retry: { initialRetryTime: 200, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        const fn = entry.level <= logLevel.ERROR ? log.error.bind(log) : entry.level === logLevel.WARN ? log.warn.bind(log) : log.debug.bind(log);
        fn({ namespace: entry.namespace, ...extra }, message);
      },
    });
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = this.kafka.admin();
  }

  /** Registers the handler of one message type. Call before start(). */
  on<T extends MessageType>(type: T, handler: Handler<T>): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler as unknown as Handler<MessageType>);
  }

  /** Called after a message was dead-lettered for a handler failure (e.g. to fail its job). */
  onDeadLetter(hook: DeadLetterHook): void {
    this.deadLetterHook = hook;
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    this.connected = true;
  }

  /** Starts consuming the topics of the registered handlers (no-op when there are none). */
  async start(): Promise<void> {
    await this.connect();
    const topics = [...new Set([...this.handlers.keys()].map(topicOf))];
    if (topics.length === 0) return;
    this.state = 'starting';
    const sessionTimeout = this.opts.sessionTimeoutMs ?? 10000;
    const consumer = this.kafka.consumer({ groupId: this.opts.groupId, sessionTimeout, heartbeatInterval: Math.floor(sessionTimeout / 4), allowAutoTopicCreation: false });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => (this.state = 'running'));
    consumer.on(consumer.events.CRASH, (e) => {
      this.state = e.payload.restart ? 'starting' : 'crashed';
      this.opts.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'kafka consumer crashed');
    });
    await consumer.connect();
    // Commands published before this group first joined must not be lost: start from the
    // beginning for a new group (handlers are idempotent, so a replay is harmless).
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ autoCommit: true, eachMessage: (p) => this.dispatch(p) });
  }

  async publish(message: AnyMessage): Promise<void> {
    const topic = topicOf(message.type);
    await this.producer.send({
      topic,
      messages: [{ key: message.correlationId, value: encodeMessage(message), headers: { type: message.type, version: String(message.version), messageId: message.messageId } }],
    });
    this.opts.metrics.published.inc({ topic, type: message.type });
  }

  /** Readiness: the broker answers and, when this service consumes, the consumer is not dead. */
  async check(): Promise<{ brokers: number; consumer: ConsumerState }> {
    await this.connect();
    const cluster = await this.admin.describeCluster();
    if (this.state === 'crashed') throw new Error('kafka consumer crashed and will not restart');
    if (this.state === 'starting') throw new Error('kafka consumer is joining its group');
    return { brokers: cluster.brokers.length, consumer: this.state };
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    await this.consumer?.disconnect().catch(() => undefined);
    if (this.connected) await Promise.all([this.producer.disconnect(), this.admin.disconnect()]).catch(() => undefined);
    this.connected = false;
  }

  /** Keeps the consumer's group membership alive while a handler works (kafkajs only heartbeats between messages). */
  private async dispatch(payload: EachMessagePayload): Promise<void> {
    const every = Math.max(1000, Math.floor((this.opts.sessionTimeoutMs ?? 10000) / 3));
    const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), every);
    try {
      await this.handle(payload);
    } finally {
      clearInterval(timer);
    }
  }

  private async handle({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const decoded = decodeMessage(message.value, this.opts.readMode ?? 'strict');
    if (!decoded.ok) {
      await this.deadLetter(topic, partition, message.offset, message.key, message.value, decoded.reason, decoded.detail);
      return;
    }
    const msg = decoded.message;
    const handler = this.handlers.get(msg.type);
    if (!handler) {
      this.opts.metrics.consumed.inc({ topic, type: msg.type, outcome: 'ignored' });
      return;
    }
    const log = this.opts.logger.child({ jobId: msg.correlationId, messageType: msg.type, messageId: msg.messageId });
    const policy = { attempts: this.opts.handlerAttempts ?? 5, baseDelayMs: this.opts.handlerBackoffMs ?? 200, maxDelayMs: 10000 };
    try {
      await withRetry(() => handler(msg), policy, { onRetry: (error, attempt) => log.warn({ err: error, attempt, retry: true }, 'message handler failed') });
      this.opts.metrics.consumed.inc({ topic, type: msg.type, outcome: 'handled' });
    } catch (error) {
      log.warn({ err: error, retry: false }, 'message handler failed');
      await this.deadLetter(topic, partition, message.offset, message.key, message.value, 'handler_failed', errorMessage(error));
      await this.deadLetterHook?.(msg, error).catch((e) => log.error({ err: e }, 'dead-letter hook failed'));
    }
  }

  private async deadLetter(
    topic: string, partition: number, offset: string, key: Buffer | null, value: Buffer | null, reason: DeadLetterReason, detail: string,
  ): Promise<void> {
    this.opts.metrics.consumerErrors.inc({ topic, reason });
    this.opts.metrics.consumed.inc({ topic, type: 'unknown', outcome: 'dead_lettered' });
    this.opts.logger.warn({ topic, partition, offset, reason, detail: detail.slice(0, 1000) }, 'message dead-lettered');
    // If this publish fails the error propagates: kafkajs retries the message, it is not lost.
    await this.producer.send({
      topic: deadLetterTopicOf(topic as TopicName),
      messages: [{
        key, value,
        headers: {
          'x-dlq-reason': reason,
          'x-dlq-detail': detail.slice(0, 1000),
          'x-dlq-source-topic': topic,
          'x-dlq-source-partition': String(partition),
          'x-dlq-source-offset': offset,
          'x-dlq-consumer-group': this.opts.groupId,
          'x-dlq-host': hostname(),
          'x-dlq-failed-at': new Date().toISOString(),
        },
      }],
    });
  }
}

