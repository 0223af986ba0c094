import { AssignerProtocol, Partitioners } from 'kafkajs';
import { RunningService, ServiceKey, startService } from './service-process';
import { jobsWorkedOn, WORK_LINES, WorkerKey } from './service-logs';
import { testKafka } from './kafka-observer';

export const WORKERS: readonly WorkerKey[] = ['export-service', 'import-service', 'file-service'];

/**
 * One replica of a service: a real OS process that can be killed and started again under the
 * same identity. INSTANCE_ID (and KAFKA_CLIENT_ID, so the broker's group view names it too)
 * is `<service>-<n>`; its output is kept across restarts.
 */
export class Replica {
  private process?: RunningService;
  private readonly outputs: string[] = [];
  private stopping = false;
  /** exits nobody asked for (a crash, an unhandled rejection), with the output tail */
  readonly unexpectedExits: Array<{ code: number | null; signal: NodeJS.Signals | null; tail: string }> = [];
  starts = 0;

  constructor(readonly service: ServiceKey, readonly index: number, private readonly env: () => Record<string, string>, private readonly readyTimeoutMs: number) {}

  get id(): string {
    return `${this.service}-${this.index}`;
  }

  get running(): RunningService {
    if (!this.process) throw new Error(`${this.id} is not running`);
    return this.process;
  }

  get url(): string {
    return this.running.url;
  }

  get pid(): number | undefined {
    return this.process?.process.pid;
  }

  isUp(): boolean {
    const child = this.process?.process;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.isUp()) throw new Error(`${this.id} is already running`);
    this.stopping = false;
    const service = await startService(this.service, { ...this.env(), INSTANCE_ID: this.id, KAFKA_CLIENT_ID: this.id, LOG_LEVEL: 'info' }, this.readyTimeoutMs);
    this.starts++;
    this.process = service;
    service.process.once('exit', (code, signal) => {
      this.outputs.push(service.output());
      if (!this.stopping) this.unexpectedExits.push({ code, signal, tail: service.output().slice(-3000) });
    });
  }

  /** Stops the process (SIGKILL: as a crash would) and waits for its exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.process) return;
    this.stopping = true;
    await this.process.stop(signal);
  }

  /** Everything the replica printed, over all its lives. */
  output(): string {
    const current = this.process && this.isUp() ? this.process.output() : '';
    return this.outputs.join('') + current;
  }
}

export interface ReplicaSetOptions {
  /** how many replicas of each service (a gateway is one of them if wanted) */
  replicas: Partial<Record<ServiceKey, number>>;
  /** environment of every replica of a service (table prefix, buckets, group, endpoints, ...) */
  env?: (service: ServiceKey, index: number) => Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * N replicas of each service against the local stack, started together. `waitForGroups()`
 * waits until every worker's consumer group holds all its replicas, so work is spread before
 * the test acts.
 */
export class ReplicaSet {
  readonly all: Replica[];

  private constructor(options: ReplicaSetOptions) {
    this.all = [];
    for (const [service, count] of Object.entries(options.replicas) as Array<[ServiceKey, number]>) {
      for (let i = 1; i <= count; i++) this.all.push(new Replica(service, i, () => options.env?.(service, i) ?? {}, options.readyTimeoutMs ?? 180000));
    }
  }

  static async start(options: ReplicaSetOptions): Promise<ReplicaSet> {
    const set = new ReplicaSet(options);
    try {
      await Promise.all(set.all.map((r) => r.start()));
    } catch (e) {
      await set.stop('SIGKILL');
      throw e;
    }
    return set;
  }

  of(service: ServiceKey): Replica[] {
    return this.all.filter((r) => r.service === service);
  }

  /** The replicas of the worker services (not the gateway). */
  workers(): Replica[] {
    return this.all.filter((r) => (WORKERS as readonly string[]).includes(r.service));
  }

  get gatewayUrl(): string {
    const [gateway] = this.of('gateway');
    if (!gateway) throw new Error('this replica set has no gateway');
    return gateway.url;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await Promise.all(this.all.map((r) => r.stop(signal)));
  }

  /** Replicas that exited without being asked to, with how (for a clear failure message). */
  unexpectedExits(): Array<{ replica: string; code: number | null; signal: NodeJS.Signals | null; tail: string }> {
    return this.all.flatMap((r) => r.unexpectedExits.map((e) => ({ replica: r.id, ...e })));
  }

  /** For each replica of a worker: the jobs its logs show it worked on (see WORK_LINES). */
  workByReplica(service: WorkerKey, messages: readonly string[] = WORK_LINES[service]): Record<string, string[]> {
    return Object.fromEntries(this.of(service).map((r) => [r.id, [...jobsWorkedOn(r.output(), messages)].sort()]));
  }

  /** Fails, naming the idle replicas and what each did, unless every replica of `service` worked. */
  expectEveryReplicaWorked(service: WorkerKey, messages: readonly string[] = WORK_LINES[service]): void {
    const work = this.workByReplica(service, messages);
    const idle = Object.entries(work).filter(([, jobs]) => jobs.length === 0).map(([id]) => id);
    if (idle.length) {
      throw new Error(`${idle.join(', ')} logged no work (lines "${messages.join('" / "')}" with a jobId); jobs per replica: ${JSON.stringify(work)}`);
    }
  }

  /** Waits until the consumer group of every worker holds all its live replicas, each with partitions. */
  async waitForGroups(groupOf: (service: WorkerKey) => string, timeoutMs = 120000): Promise<Record<string, GroupAssignment>> {
    const out: Record<string, GroupAssignment> = {};
    for (const service of WORKERS) {
      const live = this.of(service).filter((r) => r.isUp()).map((r) => r.id);
      if (live.length) out[service] = await waitForGroup(groupOf(service), live, timeoutMs);
    }
    return out;
  }
}

/** Per member (by client id): the partitions it holds, per topic. */
export type GroupAssignment = Record<string, Record<string, number[]>>;

/** The current assignment of a consumer group, or undefined while it is rebalancing. */
export async function groupAssignment(groupId: string): Promise<GroupAssignment | undefined> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    if (!group || group.state !== 'Stable') return undefined;
    const out: GroupAssignment = {};
    for (const m of group.members) {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      out[m.clientId] = { ...(out[m.clientId] ?? {}), ...(decoded?.assignment ?? {}) };
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Waits until exactly `clientIds` are the group's members and each holds at least one partition. */
export async function waitForGroup(groupId: string, clientIds: string[], timeoutMs = 120000): Promise<GroupAssignment> {
  const deadline = Date.now() + timeoutMs;
  let last: GroupAssignment | undefined;
  for (;;) {
    last = await groupAssignment(groupId).catch(() => undefined);
    const members = Object.keys(last ?? {}).sort();
    const ready = last && members.join() === [...clientIds].sort().join() && members.every((m) => Object.values(last![m]).some((p) => p.length > 0));
    if (ready) return last!;
    if (Date.now() > deadline) throw new Error(`consumer group ${groupId} did not settle on ${clientIds.join(', ')} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const partitioner = Partitioners.DefaultPartitioner();

/** The partition our publisher sends a message keyed `key` to (kafkajs's default partitioner). */
export function partitionOf(key: string, partitions: number, topic = 'any'): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  return partitioner({ topic, partitionMetadata, message: { key, value: null } });
}

/** The member of `assignment` that holds the partition `key` goes to on `topic`. */
export function ownerOf(assignment: GroupAssignment, topic: string, key: string, partitions: number): string | undefined {
  const p = partitionOf(key, partitions, topic);
  return Object.entries(assignment).find(([, topics]) => topics[topic]?.includes(p))?.[0];
}
