import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { IdGenerator, MessagePublisher } from '@housef3/platform';
import { CurrentUser } from '../auth/current-user.decorator';

@Controller()
export class DiagnosticsController {
  constructor(@Inject(MessagePublisher) private readonly publisher: MessagePublisher, @Inject(IdGenerator) private readonly ids: IdGenerator) {}

  /** Who the bearer token says you are. */
  @Get('me')
  me(@CurrentUser() userId: string): { userId: string } {
    return { userId };
  }

  /** Publishes system.ping; every worker answers with system.pong on housef3.system.events. */
  @Post('diagnostics/ping')
  @HttpCode(202)
  async ping(@CurrentUser() userId: string): Promise<{ pingId: string; messageId: string }> {
    const pingId = this.ids.newId();
    const message = await this.publisher.publish('system.ping', { nonce: pingId }, { correlationId: pingId, userId });
    return { pingId, messageId: message.messageId };
  }
}
