import { PackageError } from '../errors';
import type { PackageLimits } from '../limits';
import { JsonTextFeeder } from './json-text';
import type { JsonValue } from './json-value';
import { ValueAssembler } from './value-assembler';

/**
 * Reads one whole JSON document (manifest.json) from a byte stream, with the caps of `limits`.
 * The caller caps the byte size; numbers come back as JsonNumber, never as JS numbers.
 */
export async function readJsonValue(bytes: AsyncIterable<Uint8Array>, entry: string, limits: PackageLimits): Promise<JsonValue> {
  const assembler = new ValueAssembler(limits, { entry, baseDepth: 0, describe: () => entry });
  const feeder = new JsonTextFeeder(entry, (token) => {
    assembler.consume(token);
  });
  for await (const chunk of bytes) feeder.write(chunk);
  feeder.end();
  if (!assembler.done) {
    throw new PackageError('JSON_SYNTAX', `${entry} is not a complete JSON document`, { entry });
  }
  return assembler.value;
}
