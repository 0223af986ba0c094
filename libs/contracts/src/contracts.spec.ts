import { buildMessage, SAMPLE_PAYLOADS } from './testing';
import { decodeMessage, encodeMessage } from './decode';
import { AnyMessage, MESSAGE_TYPES, MESSAGES, messageTypesOnTopic, topicOf } from './registry';
import { ALL_TOPICS, allTopicsWithDeadLetters, Topics } from './topics';

describe('message registry', () => {
  it.each(MESSAGE_TYPES)('%s: the sample message round-trips through encode/decode', (type) => {
    const message = buildMessage(type);
    const decoded = decodeMessage(encodeMessage(message as AnyMessage));
    expect(decoded).toEqual({ ok: true, message });
  });

  it('puts every message on a declared topic and every topic carries messages', () => {
    for (const type of MESSAGE_TYPES) expect(ALL_TOPICS).toContain(topicOf(type));
    for (const topic of ALL_TOPICS) expect(messageTypesOnTopic(topic).length).toBeGreaterThan(0);
  });

  it('commands go to command topics and events to event topics', () => {
    for (const type of MESSAGE_TYPES) {
      const { kind, topic } = MESSAGES[type];
      expect(topic.endsWith(kind === 'command' ? '.commands' : '.events')).toBe(true);
    }
  });

  it('has a dead-letter topic for every topic', () => {
    expect(allTopicsWithDeadLetters()).toEqual(expect.arrayContaining(ALL_TOPICS.map((t) => `${t}.dlq`)));
  });

  it('has a sample payload for every type', () => {
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual([...MESSAGE_TYPES].sort());
  });
});

describe('decodeMessage refuses, with a precise reason,', () => {
  const valid = () => buildMessage('export.requested');

  it('non-JSON bytes', () => {
    expect(decodeMessage(Buffer.from('{not json'))).toMatchObject({ ok: false, reason: 'malformed_json' });
  });

  it('an empty value', () => {
    expect(decodeMessage(null)).toMatchObject({ ok: false, reason: 'malformed_json' });
  });

  it('JSON that is not an object', () => {
    expect(decodeMessage('[1,2]')).toMatchObject({ ok: false, reason: 'invalid_envelope' });
  });

  it('an oversized value', () => {
    expect(decodeMessage(Buffer.alloc(1024 * 1024 + 1, 32))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('a missing envelope field, naming it', () => {
    const { messageId: _drop, ...rest } = valid();
    const result = decodeMessage(JSON.stringify(rest));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_envelope' });
    expect(result.ok || result.detail).toContain('messageId');
  });

  it('an unknown type', () => {
    expect(decodeMessage(JSON.stringify({ ...valid(), type: 'export.teleport' }))).toMatchObject({ ok: false, reason: 'unknown_type' });
  });

  it('an unreadable version', () => {
    const result = decodeMessage(JSON.stringify({ ...valid(), version: 7 }));
    expect(result).toMatchObject({ ok: false, reason: 'unsupported_version' });
  });

  it('a payload of the wrong shape, naming the nested field', () => {
    const bad = valid();
    (bad.payload.options as { format: string }).format = 'everything';
    const result = decodeMessage(JSON.stringify(bad));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(result.ok || result.detail).toContain('options.format');
  });

  it('a payload with an unknown field', () => {
    const bad = { ...valid(), payload: { ...valid().payload, sneaky: true } };
    const result = decodeMessage(JSON.stringify(bad));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(result.ok || result.detail).toContain('sneaky');
  });

  it('a job id that is not a UUIDv4', () => {
    const result = decodeMessage(JSON.stringify(buildMessage('import.cancel_requested', { importId: '../etc' })));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });

  it('an S3 key with a parent segment', () => {
    const result = decodeMessage(JSON.stringify(buildMessage('file.package_deleted', { packageKey: 'packages/../other-user/x.zip' })));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });

  it('keeps topic names stable (they are a public contract)', () => {
    expect(Topics.ImportEvents).toBe('housef3.import.events');
  });
});
