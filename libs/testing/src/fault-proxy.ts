import { randomUUID } from 'node:crypto';
import { Agent, createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What a faulted request is answered with. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * DynamoDB's throttling answer (HTTP 400, awsJson1.0 error body): the AWS SDK reads the error
 * code from `__type` and classifies `ProvisionedThroughputExceededException` as throttling.
 */
export function dynamoThrottling(): FaultAnswer {
  return {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    }),
  };
}

/** S3's "slow down" answer (HTTP 503 with the XML error document S3 sends). */
export function s3SlowDown(): FaultAnswer {
  const requestId = randomUUID();
  return {
    status: 503,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

/** Which requests a fault applies to; every given field must hold (none given: every request). */
export interface FaultMatch {
  /** DynamoDB operation, from the X-Amz-Target header (`PutItem`, `TransactWriteItems`, ...) */
  operation?: string | string[];
  /** HTTP method (S3: GET, PUT, HEAD, DELETE, POST) */
  method?: string | string[];
  /** S3 bucket (path-style requests: the first path segment) */
  bucket?: string;
  /** S3 object key prefix (path-style: what follows the bucket, decoded) */
  keyPrefix?: string;
}

export interface FaultSpec {
  /** the answer, built afresh for every faulted request (none: the request is only delayed) */
  answer?: () => FaultAnswer;
  /** hold matching requests this long before answering or forwarding them (a slow dependency) */
  delayMs?: number;
  match?: FaultMatch;
  /** active for this long from now (ms) */
  forMs?: number;
  /** active for this many matching requests */
  times?: number;
}

/** A fault in force: how many requests it answered; `clear()` ends it early. */
export interface ActiveFault {
  readonly hits: number;
  readonly active: boolean;
  readonly endsAt?: number;
  clear(): void;
}

/** What went through the proxy, as `operation` (DynamoDB) or `METHOD bucket` (S3) counts. */
export interface ProxyStats {
  forwarded: number;
  faulted: number;
  byRequest: Record<string, { forwarded: number; faulted: number }>;
}

interface Fault extends ActiveFault {
  spec: FaultSpec;
  hit(): void;
}

/** What the proxy knows of a request before it reads the body (nothing is buffered). */
export interface RequestInfo {
  method: string;
  operation?: string;
  bucket?: string;
  key?: string;
}

export function describeRequest(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): RequestInfo {
  const target = req.headers['x-amz-target'];
  const operation = typeof target === 'string' ? target.slice(target.lastIndexOf('.') + 1) : undefined;
  const info: RequestInfo = { method: (req.method ?? 'GET').toUpperCase(), operation };
  if (!operation) {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const [, bucket, ...rest] = path.split('/');
    if (bucket) info.bucket = decodeURIComponent(bucket);
    if (rest.length) info.key = decodeURIComponent(rest.join('/'));
  }
  return info;
}

export function matches(match: FaultMatch | undefined, info: RequestInfo): boolean {
  if (!match) return true;
  const oneOf = (want: string | string[] | undefined, got: string | undefined) => want === undefined || (got !== undefined && (Array.isArray(want) ? want : [want]).includes(got));
  if (!oneOf(match.operation, info.operation)) return false;
  const methods = match.method === undefined ? undefined : (Array.isArray(match.method) ? match.method : [match.method]).map((m) => m.toUpperCase());
  if (!oneOf(methods, info.method)) return false;
  if (match.bucket !== undefined && match.bucket !== info.bucket) return false;
  if (match.keyPrefix !== undefined && !(info.key ?? '').startsWith(match.keyPrefix)) return false;
  return true;
}

/**
 * A fault-injecting HTTP proxy in front of DynamoDB Local or the S3 server. Transparent by
 * default: requests and answers stream through unchanged (the Host header too, so signatures
 * stay valid). A test injects faults: for a time window and/or N requests, optionally only for
 * matching requests, the proxy answers itself (throttling, 503 SlowDown, ...) and the upstream
 * server never sees the request. Point a service at it through DYNAMODB_ENDPOINT / S3_ENDPOINT.
 */
export class FaultProxy {
  private readonly faults: Fault[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly counts: ProxyStats = { forwarded: 0, faulted: 0, byRequest: {} };

  private readonly server: Server;
  private address = '';

  private constructor(readonly upstream: URL) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 65000;
  }

  /** http://127.0.0.1:<port>: what the services get as their endpoint */
  get url(): string {
    return this.address;
  }

  /** Starts a proxy to `upstream` (e.g. http://127.0.0.1:8000) on a free port (or `port`). */
  static async start(upstream: string, options: { port?: number } = {}): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(upstream));
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    proxy.address = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Puts a fault in force; faults are tried in the order they were injected. */
  inject(spec: FaultSpec): ActiveFault {
    const endsAt = spec.forMs === undefined ? undefined : Date.now() + spec.forMs;
    let hits = 0;
    let cleared = false;
    const fault: Fault = {
      spec,
      endsAt,
      get hits() {
        return hits;
      },
      get active() {
        return !cleared && (endsAt === undefined || Date.now() < endsAt) && (spec.times === undefined || hits < spec.times);
      },
      hit: () => void hits++,
      clear: () => void (cleared = true),
    };
    this.faults.push(fault);
    return fault;
  }

  /** DynamoDB throttling (ProvisionedThroughputExceededException) for matching requests. */
  throttle(options: Omit<FaultSpec, 'answer'> = {}): ActiveFault {
    return this.inject({ ...options, answer: dynamoThrottling });
  }

  /** Matching requests still go through, each held `delayMs` first (a slow server). */
  slow(delayMs: number, options: Omit<FaultSpec, 'answer' | 'delayMs'> = {}): ActiveFault {
    return this.inject({ ...options, delayMs });
  }

  /** S3 503 SlowDown for matching requests. */
  slowDown(options: Omit<FaultSpec, 'answer'> = {}): ActiveFault {
    return this.inject({ ...options, answer: s3SlowDown });
  }

  /** Ends every fault: transparent again. */
  clearFaults(): void {
    for (const f of this.faults) f.clear();
    this.faults.length = 0;
  }

  stats(): ProxyStats {
    return structuredClone(this.counts);
  }

  async close(): Promise<void> {
    this.clearFaults();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const info = describeRequest(req);
    const label = info.operation ?? `${info.method} ${info.bucket ?? '/'}`;
    const count = (this.counts.byRequest[label] ??= { forwarded: 0, faulted: 0 });
    const fault = this.faults.find((f) => f.active && matches(f.spec.match, info));
    if (fault) fault.hit();
    const answer = fault?.spec.answer?.();
    if (fault && answer) {
      this.counts.faulted++;
      count.faulted++;
      // read (and drop) the request body first, so the client sees an answer, not a reset
      req.resume();
      req.once('end', () => {
        const body = info.method === 'HEAD' ? '' : answer.body;
        const send = () => {
          res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
          res.end(body);
        };
        if (fault.spec.delayMs) setTimeout(send, fault.spec.delayMs);
        else send();
      });
      return;
    }
    if (fault?.spec.delayMs) {
      req.pause();
      setTimeout(() => this.forward(req, res, count), fault.spec.delayMs);
      return;
    }
    this.forward(req, res, count);
  }

  private forward(req: IncomingMessage, res: ServerResponse, count: { forwarded: number }): void {
    this.counts.forwarded++;
    count.forwarded++;
    const upstream = httpRequest(
      { protocol: this.upstream.protocol, hostname: this.upstream.hostname, port: this.upstream.port, method: req.method, path: req.url, headers: req.headers, agent: this.agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('error', (e) => {
      if (res.headersSent) return void res.destroy(e);
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: upstream ${this.upstream.origin} failed: ${e.message}`);
    });
    req.once('error', () => upstream.destroy());
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}
