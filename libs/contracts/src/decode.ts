import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EnvelopeSchema } from './envelope';
import { AnyMessage, isMessageType, MESSAGES } from './registry';

/** Raw messages above this size are refused before parsing. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export type DecodeFailureReason = 'too_large' | 'malformed_json' | 'invalid_envelope' | 'unknown_type' | 'unsupported_version' | 'invalid_payload';

export type DecodeResult =
  | { ok: true; message: AnyMessage }
  | { ok: false; reason: DecodeFailureReason; detail: string };

/**
 * How strictly a message is read. `strict` (our own services talking to each other): a field
 * the schema does not know is an error. `tolerant` (consumers of public events): unknown fields
 * are ignored, known ones are still checked (see tolerant-reader.ts).
 */
export type ReadMode = 'strict' | 'tolerant';

const VALIDATE = {
  strict: { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true },
  tolerant: { whitelist: true, forbidNonWhitelisted: false, forbidUnknownValues: true },
} as const;

/** Flattens class-validator errors into `path: constraint` lines. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((c) => `${path}: ${c}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

function check(schema: new () => object, plain: unknown, mode: ReadMode): string[] {
  const instance = plainToInstance(schema, plain, { enableImplicitConversion: false });
  return describeValidationErrors(validateSync(instance as object, VALIDATE[mode]));
}

/**
 * Decodes and validates one raw Kafka message value. Never throws: every way a message can be
 * wrong is a typed failure the consumer sends to the dead-letter topic with this detail.
 */
export function decodeMessage(raw: Buffer | string | null | undefined, mode: ReadMode = 'strict'): DecodeResult {
  if (raw == null) return { ok: false, reason: 'malformed_json', detail: 'empty message value' };
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_MESSAGE_BYTES) return { ok: false, reason: 'too_large', detail: `message is ${size} bytes; limit ${MAX_MESSAGE_BYTES}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString());
  } catch (e) {
    return { ok: false, reason: 'malformed_json', detail: (e as Error).message };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'invalid_envelope', detail: 'message is not a JSON object' };
  }
  const envelopeErrors = check(EnvelopeSchema, parsed, mode);
  if (envelopeErrors.length) return { ok: false, reason: 'invalid_envelope', detail: envelopeErrors.join('; ') };

  const env = parsed as { type: string; version: number; payload: unknown };
  if (!isMessageType(env.type)) return { ok: false, reason: 'unknown_type', detail: `unknown message type "${env.type}"` };
  const versions: Record<number, new () => object> = MESSAGES[env.type].versions;
  const schema = versions[env.version];
  if (!schema) {
    return { ok: false, reason: 'unsupported_version', detail: `${env.type} v${env.version} is not readable (readable: ${Object.keys(versions).join(', ')})` };
  }
  const payloadErrors = check(schema, env.payload, mode);
  if (payloadErrors.length) return { ok: false, reason: 'invalid_payload', detail: payloadErrors.join('; ') };
  return { ok: true, message: parsed as AnyMessage };
}

export function encodeMessage(message: AnyMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}
