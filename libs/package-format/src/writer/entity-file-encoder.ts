/** Text is handed to the ZIP writer in chunks of about this many UTF-16 units. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The bytes of an entity file, `{"<entity>":[` + one record per line + `]}` and a newline,
 * produced record by record: memory holds one chunk, never the file. `encode` turns one record
 * into its canonical JSON text; `onRecord` counts.
 */
export async function* encodeEntityFile<T>(
  entity: string,
  records: AsyncIterable<T> | Iterable<T>,
  encode: (record: T, index: number) => string,
): AsyncGenerator<Buffer, number, undefined> {
  let text = `{${JSON.stringify(entity)}:[`;
  let count = 0;
  for await (const record of records) {
    text += (count === 0 ? '\n' : ',\n') + encode(record, count);
    count += 1;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  text += count === 0 ? ']}\n' : '\n]}\n';
  yield Buffer.from(text, 'utf8');
  return count;
}
