import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IdGenerator, MessagePublisher } from '@housef3/platform';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiAuthenticated } from '../http/api-docs.decorators';

export class MeResponse {
  @ApiProperty({ description: "the token's subject" }) userId!: string;
}

export class PingResponse {
  @ApiProperty({ format: 'uuid' }) pingId!: string;
  @ApiProperty({ format: 'uuid' }) messageId!: string;
}

@ApiTags('account')
@ApiAuthenticated()
@Controller()
export class DiagnosticsController {
  constructor(@Inject(MessagePublisher) private readonly publisher: MessagePublisher, @Inject(IdGenerator) private readonly ids: IdGenerator) {}

  /** Who the bearer token says you are. */
  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'Who the bearer token says you are' })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() userId: string): MeResponse {
    return { userId };
  }

  /** Publishes system.ping; every worker answers with system.pong on housef3.system.events. */
  @Post('diagnostics/ping')
  @HttpCode(202)
  @ApiOperation({ operationId: 'ping', summary: 'Round trip through the workers (each answers on the events topic)' })
  @ApiAcceptedResponse({ type: PingResponse })
  async ping(@CurrentUser() userId: string): Promise<PingResponse> {
    const pingId = this.ids.newId();
    const message = await this.publisher.publish('system.ping', { nonce: pingId }, { correlationId: pingId, userId });
    return { pingId, messageId: message.messageId };
  }
}
