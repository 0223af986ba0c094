import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=&cursor=` of every list: pass back `nextCursor` unchanged for the next page. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;

  @ApiPropertyOptional({ maxLength: 2000, description: 'the nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}
