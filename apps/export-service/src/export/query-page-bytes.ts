import { DynamoDBClient, QueryCommand, QueryCommandInput } from '@aws-sdk/client-dynamodb';

/** The SDK is handed this in place of a page it does not need to parse: a response with no items. */
const NO_ITEMS = new TextEncoder().encode('{}');

/**
 * One Query page as DynamoDB sent it: the response body's bytes, unparsed, in a buffer of their own
 * (so it can be moved to another thread). The AWS SDK still signs, sends, retries and reads
 * errors; only the parsing of a successful response is left to the caller, who parses it once,
 * where the records are decoded (the page encoder's thread), instead of the SDK parsing it into
 * AttributeValues here to be serialised again for that thread. A middleware at the end of the
 * deserialize step (between the SDK's deserializer and the HTTP handler) takes the body of a
 * successful response and gives the SDK's deserializer `{}` instead.
 */
export async function queryPageBytes(dynamo: DynamoDBClient, input: QueryCommandInput, signal?: AbortSignal): Promise<Uint8Array> {
  const command = new QueryCommand(input);
  let body: Uint8Array | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { statusCode?: number; body?: unknown };
      if (response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300) {
        body = await bytesOf(response.body);
        response.body = NO_ITEMS;
      }
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'housef3QueryPageBytes' },
  );
  await dynamo.send(command, { abortSignal: signal });
  if (body === undefined) throw new Error('DynamoDB answered the query without a body');
  return body;
}

/** A response body (a stream, or bytes already read) as bytes in an ArrayBuffer of their own. */
async function bytesOf(body: unknown): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  if (body instanceof Uint8Array) chunks.push(body);
  else if (body && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  else if (body !== undefined) throw new Error('DynamoDB answered the query with a body that cannot be read');
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  // never a slice of Node's shared buffer pool: the bytes are moved to another thread
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
