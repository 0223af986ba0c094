import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { SERVICE_NAMES, ServiceName } from './common';

/** Diagnostic command: every worker service answers with a pong (proves the wiring end to end). */
export class SystemPingV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) nonce!: string;
}

export class SystemPongV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) nonce!: string;
  @IsIn(SERVICE_NAMES) service!: ServiceName;
  @IsString() @IsNotEmpty() @MaxLength(200) instanceId!: string;
  @IsUUID() pingMessageId!: string;
}
