import { IsISO8601, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/**
 * The one envelope every Kafka message travels in.
 * - type/version select the payload schema (a breaking change is a new version);
 * - correlationId is the job id (export or import id) and the Kafka message key;
 * - causationId is the messageId of the message that caused this one (absent for the first);
 * - userId is the user the job belongs to (Cognito `sub`).
 */
export interface Envelope<TType extends string = string, TVersion extends number = number, TPayload = unknown> {
  type: TType;
  version: TVersion;
  messageId: string;
  correlationId: string;
  causationId?: string;
  userId: string;
  occurredAt: string;
  payload: TPayload;
}

/** Runtime schema of the envelope (payload checked separately by its own class). */
export class EnvelopeSchema {
  @IsString() @IsNotEmpty() @MaxLength(100) type!: string;
  @IsInt() @Min(1) version!: number;
  @IsUUID() messageId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) correlationId!: string;
  @IsOptional() @IsString() @MaxLength(200) causationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(200) userId!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsObject() payload!: Record<string, unknown>;
}
