import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { decodeCursor, encodeCursor, InvalidCursorError } from '@housef3/jobs';
import { AUDIT_ACTIONS, AuditLog } from '@housef3/platform';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiAuthenticated, ApiErrors } from '../http/api-docs.decorators';
import { invalidCursor } from '../http/api-error';

class AuditQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 50;

  @ApiPropertyOptional({ maxLength: 2000, description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

export class AuditRecordResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ enum: ['success', 'refused', 'failed'] }) outcome!: 'success' | 'refused' | 'failed';
  @ApiPropertyOptional() jobId?: string;
  @ApiPropertyOptional({ description: 'the stable code of a refusal or failure' }) code?: string;
  @ApiPropertyOptional() sourceIp?: string;
  @ApiPropertyOptional() userAgent?: string;
  @ApiPropertyOptional({ description: 'the HTTP route or the event that caused it' }) origin?: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditRecordResponse] }) events!: AuditRecordResponse[];
  @ApiPropertyOptional() nextCursor?: string;
}

/** `GET /audit`: the caller's own audit trail, newest first, paginated with a cursor bound to the caller. */
@ApiTags('audit')
@ApiAuthenticated()
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'Your own audit trail: every export and import action and refusal, newest first' })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors(400)
  async list(@CurrentUser() userId: string, @Query() query: AuditQuery): Promise<AuditPageResponse> {
    let after: string | undefined;
    if (query.cursor) {
      try {
        const key = decodeCursor(query.cursor, userId);
        if (typeof key.eventKey !== 'string') throw new InvalidCursorError('cursor is not valid');
        after = key.eventKey;
      } catch (e) {
        if (e instanceof InvalidCursorError) throw invalidCursor();
        throw e;
      }
    }
    const page = await this.audit.listForUser(userId, query.limit, after);
    return { events: page.records, ...(page.lastKey && { nextCursor: encodeCursor({ userId, eventKey: page.lastKey }, userId) }) };
  }
}
