import { randomUUID } from 'node:crypto';
import { buildEnvelope, MessageMeta } from '../build';
import { MessageOf, MessageType, PayloadOf } from '../registry';
import { SAMPLE_PAYLOADS } from './sample-payloads';

export { SAMPLE_PAYLOADS } from './sample-payloads';

/** Test builder: a valid message of `type`, payload fields and envelope fields overridable. */
export function buildMessage<T extends MessageType>(
  type: T,
  payload: Partial<PayloadOf<T>> = {},
  meta: Partial<MessageMeta> = {},
): MessageOf<T> {
  return buildEnvelope(type, { ...SAMPLE_PAYLOADS[type](), ...payload } as PayloadOf<T>, {
    messageId: randomUUID(),
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    userId: 'test-user',
    ...meta,
  });
}
