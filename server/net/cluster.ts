/**
 * Several server nodes on one PostgreSQL database and one Redis (issue 16). Each exercise is
 * served by one node at a time: the one holding its lease (a row with a fencing token, see
 * PostgresStore.claim). A request for an exercise this node does not serve is forwarded to the
 * node that does, over Redis (one channel per node, a reply per request), and answered end to
 * end. A node that no longer answers loses its exercises: when Redis says nobody listens on its
 * channel (the process is gone) at once, otherwise when its leases expire (a paused or cut-off
 * node); the next node that gets a request claims the exercise and replays it from the log, and
 * every node sweeps up exercises in play whose lease expired, so deadlines keep firing. Socket
 * broadcasts go through the socket.io Redis streams adapter (start.ts).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClientType } from 'redis';
import { OwnedElsewhere, type ExerciseRegistry, type Ownership } from '../exercise/registry.ts';
import type { PostgresStore } from '../exercise/store/postgres.ts';

/** How long a lease lasts without renewal, and how often a node renews and sweeps. */
export const LEASE = { ttlMs: 3000, renewMs: 1000, sweepMs: 1500, callTimeoutMs: 2000, deadNodeMs: 10_000 };

/** A request forwarded to another node could not be answered by it. */
export class NodeUnreachable extends Error {
  constructor(
    readonly node: string,
    readonly gone: boolean,
  ) {
    super(gone ? `server node ${node} is gone` : `server node ${node} did not answer in time`);
  }
}

type Handler = (payload: unknown) => Promise<unknown>;

interface Message {
  /** A request: its id, the node to answer, the method and its payload. */
  id?: string;
  from?: string;
  method?: string;
  payload?: unknown;
  /** A reply: the request id, and the result or the error message. */
  reply?: string;
  result?: unknown;
  error?: string;
}

/** Requests between nodes over Redis pub/sub: each node listens on its own channel. */
export class ClusterBus {
  private readonly handlers = new Map<string, Handler>();
  private readonly waiting = new Map<
    string,
    { done: (value: unknown) => void; fail: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  private sequence = 0;

  constructor(
    readonly node: string,
    private readonly pub: RedisClientType,
    private readonly sub: RedisClientType,
  ) {}

  static channel(node: string): string {
    return `breachdrill:node:${node}`;
  }

  async start(): Promise<void> {
    await this.sub.subscribe(ClusterBus.channel(this.node), (text) => void this.receive(text));
  }

  handle(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  /** Calls `method` on `node`; rejects with NodeUnreachable when nobody listens there or no answer comes in time. */
  async call<T>(node: string, method: string, payload: unknown, timeoutMs = LEASE.callTimeoutMs): Promise<T> {
    const id = `${this.node}:${++this.sequence}`;
    const answer = new Promise<T>((done, fail) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        fail(new NodeUnreachable(node, false));
      }, timeoutMs);
      this.waiting.set(id, { done: done as (value: unknown) => void, fail, timer });
    });
    const listeners = await this.pub.publish(
      ClusterBus.channel(node),
      JSON.stringify({ id, from: this.node, method, payload } satisfies Message),
    );
    if (listeners === 0) {
      const pending = this.waiting.get(id);
      this.waiting.delete(id);
      if (pending) {
        clearTimeout(pending.timer);
        pending.fail(new NodeUnreachable(node, true));
      }
    }
    return answer;
  }

  private async receive(text: string): Promise<void> {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (message.reply !== undefined) {
      const pending = this.waiting.get(message.reply);
      if (!pending) return;
      this.waiting.delete(message.reply);
      clearTimeout(pending.timer);
      if (message.error !== undefined) pending.fail(new Error(message.error));
      else pending.done(message.result);
      return;
    }
    if (!message.id || !message.from || !message.method) return;
    const handler = this.handlers.get(message.method);
    let reply: Message;
    try {
      if (!handler) throw new Error(`no method "${message.method}"`);
      reply = { reply: message.id, result: await handler(message.payload) };
    } catch (error) {
      reply = { reply: message.id, error: (error as Error).message };
    }
    await this.pub.publish(ClusterBus.channel(message.from), JSON.stringify(reply)).catch(() => {});
  }

  stop(): void {
    for (const pending of this.waiting.values()) clearTimeout(pending.timer);
    this.waiting.clear();
  }
}

/** A name for this node: host, process and a random part (a restarted process is a new node). */
export function newNodeId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The leases of this node: claiming, renewing, sweeping up orphans, and the nodes known to be gone. */
export class ClusterLeases implements Ownership {
  /** Nodes found gone (nobody listens on their channel), with when: their leases may be taken at once. */
  private readonly gone = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];
  registry: ExerciseRegistry | undefined;

  constructor(
    readonly node: string,
    private readonly store: PostgresStore,
    private readonly warn: (message: string) => void,
  ) {}

  async claim(exerciseId: string) {
    const now = Date.now();
    for (const [node, at] of this.gone) if (now - at > LEASE.deadNodeMs) this.gone.delete(node);
    const claim = await this.store.claim(exerciseId, this.node, LEASE.ttlMs, [...this.gone.keys()]);
    if (!claim.held) return { node: claim.node };
    return {
      fence: claim.fence,
      previousAliveAt: claim.previous ? Math.min(Date.now(), claim.previous.expiresAt - LEASE.ttlMs) : null,
    };
  }

  /** Notes that a node is gone: its exercises may be claimed without waiting for its leases to expire. */
  markGone(node: string): void {
    this.gone.set(node, Date.now());
  }

  /** Renews this node's leases every second and sweeps up orphaned exercises. */
  start(registry: ExerciseRegistry): void {
    this.registry = registry;
    const renew = setInterval(() => void this.renew(), LEASE.renewMs);
    const sweep = setInterval(() => void this.sweep(), LEASE.sweepMs);
    renew.unref();
    sweep.unref();
    this.timers = [renew, sweep];
  }

  private async renew(): Promise<void> {
    const registry = this.registry;
    if (!registry) return;
    const fences = registry.fences();
    try {
      const kept = await this.store.renew(this.node, fences, LEASE.ttlMs);
      for (const { exerciseId } of fences) {
        if (kept.has(exerciseId)) continue;
        this.warn(`exercise ${exerciseId}: another server node took it over; this node stops serving it`);
        registry.drop(exerciseId);
      }
    } catch {
      // the store logged why; an unrenewed lease expires and another node takes the exercise over
    }
  }

  /** Claims exercises in play that no live node serves, so their deadlines keep firing. */
  private async sweep(): Promise<void> {
    const registry = this.registry;
    if (!registry) return;
    try {
      for (const exerciseId of await this.store.orphans()) {
        if (registry.loaded(exerciseId)) continue;
        // room() claims it; another node may win the race, which is fine
        await registry.room(exerciseId).catch(() => undefined);
      }
    } catch {
      // the next sweep tries again
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.store.release(this.node).catch(() => {});
  }
}

/** Thrown by an operation whose room was taken over while it waited: the request is sent on. */
export class Moved extends Error {}

/**
 * The operations a node may forward (commands, what-ifs, hellos' welcomes, joins): each runs
 * where its exercise is served. `call` runs it here when this node serves (or can claim) the
 * exercise, else on the node that does, retrying while a gone or paused owner's lease runs out.
 */
export class Cluster {
  private readonly operations = new Map<string, (payload: never, fromAfar: boolean) => Promise<unknown>>();

  constructor(
    readonly bus: ClusterBus,
    readonly leases: ClusterLeases,
  ) {}

  /**
   * Registers an operation; other nodes may call it. `fromAfar` is true when another node sent
   * the call (its own checks ran there, against that node's share of the limits).
   */
  serve<P, R>(method: string, run: (payload: P, fromAfar: boolean) => Promise<R>): void {
    this.operations.set(method, run as (payload: never, fromAfar: boolean) => Promise<unknown>);
    this.bus.handle(method, (payload) => this.call(method, payload as P, true));
  }

  async call<R>(method: string, payload: unknown, fromAfar = false): Promise<R> {
    const run = this.operations.get(method);
    if (!run) throw new Error(`no operation "${method}"`);
    const deadline = Date.now() + LEASE.ttlMs + LEASE.callTimeoutMs + 2000;
    for (;;) {
      try {
        return (await run(payload as never, fromAfar)) as R;
      } catch (error) {
        if (error instanceof Moved && Date.now() < deadline) continue;
        if (!(error instanceof OwnedElsewhere)) throw error;
        try {
          return await this.bus.call<R>(error.node, method, payload);
        } catch (callError) {
          // the owner changed between the lease read and the call: ask again where it is served
          const raced =
            !(callError instanceof NodeUnreachable) &&
            /is served by node|moved to another server/.test((callError as Error).message);
          if ((!(callError instanceof NodeUnreachable) && !raced) || Date.now() >= deadline) throw callError;
          if (callError instanceof NodeUnreachable && callError.gone) this.leases.markGone(callError.node);
          else await new Promise((done) => setTimeout(done, 200));
        }
      }
    }
  }
}
