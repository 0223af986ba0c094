import { buildEnvelope, MessageOf, MessageType, PayloadOf } from '@housef3/contracts';
import { Clock, IdGenerator } from '../clock/clock';
import { KafkaBus } from './kafka-bus';

export interface PublishContext {
  /** the job id: export or import id */
  correlationId: string;
  userId: string;
  /** messageId of the message being handled, when publishing in reaction to one */
  causationId?: string;
  /** a fixed id and time (an outbox entry re-published after a crash keeps both, so consumers dedupe it) */
  messageId?: string;
  occurredAt?: string;
}

/** Builds envelopes (ids and time from our adapters) and publishes them. */
export class MessagePublisher {
  constructor(private readonly bus: KafkaBus, private readonly clock: Clock, private readonly ids: IdGenerator) {}

  async publish<T extends MessageType>(type: T, payload: PayloadOf<T>, ctx: PublishContext): Promise<MessageOf<T>> {
    const { messageId, occurredAt, ...meta } = ctx;
    const message = buildEnvelope(type, payload, { ...meta, messageId: messageId ?? this.ids.newId(), occurredAt: occurredAt ?? this.clock.now().toISOString() });
    await this.bus.publish(message as never);
    return message;
  }

  /** Context for a message published in reaction to `cause`. */
  /** A fresh message id (for an outbox entry recorded before its publish). */
  newMessageId(): string {
    return this.ids.newId();
  }

  static causedBy(cause: { correlationId: string; userId: string; messageId: string }): PublishContext {
    return { correlationId: cause.correlationId, userId: cause.userId, causationId: cause.messageId };
  }
}
