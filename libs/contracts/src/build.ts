import { MESSAGES, MessageOf, MessageType, PayloadOf } from './registry';

export interface MessageMeta {
  messageId: string;
  occurredAt: string;
  correlationId: string;
  userId: string;
  causationId?: string;
}

/** Wraps a payload in the envelope. Pure: ids and time come from the caller's adapters. */
export function buildEnvelope<T extends MessageType>(type: T, payload: PayloadOf<T>, meta: MessageMeta): MessageOf<T> {
  const message = {
    type,
    version: MESSAGES[type].current,
    messageId: meta.messageId,
    correlationId: meta.correlationId,
    userId: meta.userId,
    occurredAt: meta.occurredAt,
    payload,
  } as MessageOf<T>;
  if (meta.causationId) message.causationId = meta.causationId;
  return message;
}
