import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { decodeCursor, encodeCursor, InvalidCursorError } from '@housef3/jobs';
import { AuditLog } from '@housef3/platform';
import { CurrentUser } from '../auth/current-user.decorator';

class AuditQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 50;
  @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

/** `GET /audit`: the caller's own audit trail, newest first, paginated with a cursor bound to the caller. */
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  async list(@CurrentUser() userId: string, @Query() query: AuditQuery) {
    let after: string | undefined;
    if (query.cursor) {
      try {
        const key = decodeCursor(query.cursor, userId);
        if (typeof key.eventKey !== 'string') throw new InvalidCursorError('cursor is not valid');
        after = key.eventKey;
      } catch (e) {
        if (e instanceof InvalidCursorError) throw new BadRequestException({ code: 'INVALID_CURSOR', message: 'cursor is not valid' });
        throw e;
      }
    }
    const page = await this.audit.listForUser(userId, query.limit, after);
    return { events: page.records, nextCursor: page.lastKey ? encodeCursor({ userId, eventKey: page.lastKey }, userId) : undefined };
  }
}
