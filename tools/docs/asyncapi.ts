import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { stringify } from 'yaml';
import { ALL_TOPICS, deadLetterTopicOf, MESSAGE_TYPES, MESSAGES, MessageType, TopicName } from '@housef3/contracts';
import { SAMPLE_PAYLOADS } from '@housef3/contracts/testing';
// class-transformer's metadata (nested @Type) is only reachable through its storage module
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage');

export const ASYNCAPI_FILE = resolve(__dirname, '..', '..', 'docs', 'asyncapi.yaml');

const channelId = (topic: string) => topic.replace(/^housef3\./, '').replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\./g, '');
const schemaName = (type: MessageType) => MESSAGES[type].versions[MESSAGES[type].current].name;

/** The AsyncAPI 3.0 document of every topic and message, generated from libs/contracts. */
export function buildAsyncApi(): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/' });
  const messages: Record<string, unknown> = {};
  for (const type of MESSAGE_TYPES) {
    const spec = MESSAGES[type];
    messages[type] = {
      name: type,
      title: `${type} v${spec.current}`,
      summary: spec.summary,
      'x-kind': spec.kind,
      'x-producer': spec.producer,
      'x-consumers': [...spec.consumers],
      headers: { $ref: '#/components/schemas/KafkaHeaders' },
      correlationId: { description: 'The job id (export or import id); also the Kafka message key.', location: '$message.payload#/correlationId' },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/Envelope' },
          { type: 'object', properties: { type: { const: type }, version: { const: spec.current }, payload: { $ref: `#/components/schemas/${schemaName(type)}` } } },
        ],
      },
      examples: [{ name: 'sample', payload: { type, version: spec.current, payload: SAMPLE_PAYLOADS[type]() } }],
    };
  }
  messages.deadLetter = {
    name: 'dead-letter',
    title: 'A message a consumer could not process',
    summary: 'The original key and bytes, unchanged, with the reason in headers. Consumers move on; SREs replay or discard.',
    headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
    payload: { type: 'string', description: 'the original message value, byte for byte' },
  };

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of ALL_TOPICS as readonly TopicName[]) {
    const types = MESSAGE_TYPES.filter((t) => MESSAGES[t].topic === topic);
    const id = channelId(topic);
    channels[id] = {
      address: topic,
      description: `${types.every((t) => MESSAGES[t].kind === 'command') ? 'Commands' : 'Events'}; key = job id; 3 partitions.`,
      messages: Object.fromEntries(types.map((t) => [t.replace(/\./g, '_'), { $ref: `#/components/messages/${t}` }])),
    };
    channels[`${id}Dlq`] = {
      address: deadLetterTopicOf(topic),
      description: `Dead letters of ${topic}.`,
      messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
    };
    operations[`publish_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `Published by ${[...new Set(types.map((t) => MESSAGES[t].producer))].join('; ')}`,
      messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${t.replace(/\./g, '_')}` })),
    };
    operations[`consume_${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `Consumed by ${[...new Set(types.flatMap((t) => MESSAGES[t].consumers))].join(', ')}`,
      messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${t.replace(/\./g, '_')}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'HouseF3 backup & restore: Kafka contracts',
      version: '1.0.0',
      description: [
        'Generated from libs/contracts by `npm run docs:asyncapi`; a unit test fails when this file is stale.',
        'Every message travels in one envelope (type, version, messageId, correlationId = job id, causationId, userId, occurredAt, payload).',
        'Delivery is at least once: consumers are idempotent. Messages that cannot be processed go to `<topic>.dlq`.',
        '`import.completed` is a public contract for other services (analytics): breaking changes ship as a new version, old versions stay readable.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'npm start / npm run stack:up' } },
    channels,
    operations,
    components: {
      messages,
      schemas: {
        Envelope: {
          type: 'object',
          required: ['type', 'version', 'messageId', 'correlationId', 'userId', 'occurredAt', 'payload'],
          properties: {
            type: { type: 'string' },
            version: { type: 'integer', minimum: 1 },
            messageId: { type: 'string', format: 'uuid' },
            correlationId: { type: 'string', description: 'job id; Kafka key' },
            causationId: { type: 'string', description: 'messageId of the message that caused this one' },
            userId: { type: 'string', description: 'Cognito sub of the job owner' },
            occurredAt: { type: 'string', format: 'date-time' },
            payload: { type: 'object' },
          },
          additionalProperties: false,
        },
        KafkaHeaders: { type: 'object', properties: { type: { type: 'string' }, version: { type: 'string' }, messageId: { type: 'string' } } },
        DeadLetterHeaders: {
          type: 'object',
          properties: Object.fromEntries(['x-dlq-reason', 'x-dlq-detail', 'x-dlq-source-topic', 'x-dlq-source-partition', 'x-dlq-source-offset', 'x-dlq-consumer-group', 'x-dlq-host', 'x-dlq-failed-at'].map((h) => [h, { type: 'string' }])),
        },
        ...Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      },
    },
  };
}

export function renderAsyncApi(): string {
  return `# GENERATED by \`npm run docs:asyncapi\` from libs/contracts. Do not edit by hand.\n${stringify(buildAsyncApi(), { lineWidth: 0 })}`;
}

if (process.argv[1] === __filename) {
  writeFileSync(ASYNCAPI_FILE, renderAsyncApi());
  console.log(`wrote ${join('docs', 'asyncapi.yaml')}`);
}
