import { hostname } from 'node:os';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceName } from '@housef3/contracts';
import { KafkaBus } from '../messaging/kafka-bus';
import { MessagePublisher } from '../messaging/message-publisher';
import { SERVICE_NAME } from './tokens';

/** Worker services answer system.ping with system.pong: the wiring proof SREs can run any time. */
@Injectable()
export class PingResponder implements OnModuleInit {
  private readonly instanceId = `${hostname()}:${process.pid}`;

  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  onModuleInit(): void {
    this.bus.on('system.ping', async (ping) => {
      await this.publisher.publish(
        'system.pong',
        { nonce: ping.payload.nonce, service: this.service, instanceId: this.instanceId, pingMessageId: ping.messageId },
        MessagePublisher.causedBy(ping),
      );
    });
  }
}
