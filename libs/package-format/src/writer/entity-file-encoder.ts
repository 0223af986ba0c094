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

/** Records already encoded elsewhere: their canonical JSON texts joined by `,\n`, as UTF-8. */
export interface EncodedRecords {
  /** the records' texts, `,\n` between two records, nothing before the first or after the last */
  readonly bytes: Uint8Array;
  /** how many records `bytes` holds (0: `bytes` is empty) */
  readonly count: number;
}

/**
 * The same bytes as encodeEntityFile, from runs of records encoded elsewhere (another thread, a
 * page at a time): each run is passed through as it is, between the file's opening and closing
 * and the `,\n` that separates two records. Empty runs add nothing.
 */
export async function* frameEntityFile(entity: string, runs: AsyncIterable<EncodedRecords>): AsyncGenerator<Uint8Array, number, undefined> {
  let count = 0;
  yield Buffer.from(`{${JSON.stringify(entity)}:[`, 'utf8');
  for await (const run of runs) {
    if (run.count === 0) continue;
    yield count === 0 ? NEWLINE : SEPARATOR;
    yield run.bytes;
    count += run.count;
  }
  yield Buffer.from(count === 0 ? ']}\n' : '\n]}\n', 'utf8');
  return count;
}

const NEWLINE = Buffer.from('\n', 'utf8');
const SEPARATOR = Buffer.from(',\n', 'utf8');
