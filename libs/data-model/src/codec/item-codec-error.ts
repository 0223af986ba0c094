/**
 * A record the codec cannot turn into an item: a value of the wrong JS type, a missing required
 * field, an invalid decimal, ... (toItem is given validated records; this is a programming error,
 * never a retriable one). `path` is the field inside the record, e.g. `categories[1].assignedAt`.
 */
export class ItemCodecError extends Error {
  constructor(
    readonly typeName: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${typeName}${path ? `.${path}` : ''}: ${detail}`);
    this.name = 'ItemCodecError';
  }
}
