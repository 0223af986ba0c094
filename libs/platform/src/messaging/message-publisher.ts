import { buildEnvelope, MessageOf, MessageType, PayloadOf } from '@housef3/contracts';
import { Clock, IdGenerator } from '../clock/clock';
import { KafkaBus } from './kafka-bus';

export interface PublishContext {
  /** the job id: export or import id */
  correlationId: string;
  userId: string;
  /** messageId of the message being handled, when publishing in reaction to one */
  causationId?: string;
}

/** Builds envelopes (ids and time from our adapters) and publishes them. */
export class MessagePublisher {
  constructor(private readonly bus: KafkaBus, private readonly clock: Clock, private readonly ids: IdGenerator) {}

  async publish<T extends MessageType>(type: T, payload: PayloadOf<T>, ctx: PublishContext): Promise<MessageOf<T>> {
    const message = buildEnvelope(type, payload, { ...ctx, messageId: this.ids.newId(), occurredAt: this.clock.now().toISOString() });
    await this.bus.publish(message as never);
    return message;
  }

  /** Context for a message published in reaction to `cause`. */
  static causedBy(cause: { correlationId: string; userId: string; messageId: string }): PublishContext {
    return { correlationId: cause.correlationId, userId: cause.userId, causationId: cause.messageId };
  }
}
