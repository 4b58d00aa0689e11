/**
 * The one protocol client (docs/protocol.md P1–P9, A1, A5, A8), used by the web client, the
 * tests and the benchmarks. It owns the conversation with the server for one seat:
 *
 * - `hello` with the last version after every (re)connect, and again on a version gap;
 * - the welcome (missing patches or a snapshot), live patches, `snapshot` and `bye`;
 * - commands with client-made ids and acks; an outbox keeps unacknowledged ones while offline
 *   and resends them after the next accepted `hello`.
 *
 * No DOM, no zod: the transport is injected (socket.io-client's Socket fits, see transport.ts)
 * and every change is reported through `on(...)` listeners.
 */
import type { Command, Patch, Snapshot, Welcome } from '../messages.ts';
import { PROTOCOL_VERSION } from '../version.ts';
import type { WhatIfAnswer, WhatIfRequest } from '../whatif.ts';
import { Listeners } from './listeners.ts';
import { Outbox, type CommandResult, type OutboxEntry } from './outbox.ts';
import { receivePatch, receiveWelcome } from './sync.ts';
import type { Farewell, Presence, ProtocolTransport } from './transport.ts';

export type ClientStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** A settled command: its result, and whether it went out again after a reconnect. */
export interface CommandOutcome {
  id: string;
  command: Command;
  result: CommandResult;
  resent: boolean;
}

/** Why the client stopped for good: a refused hello, a `bye`, the server closing the socket, or `close()`. */
export type ClosedReason =
  | { kind: 'refused'; welcome: Extract<Welcome, { ok: false }> }
  | { kind: 'bye'; farewell: Farewell }
  | { kind: 'server-closed' }
  | { kind: 'closed-here' };

export type ProtocolClientEvents = {
  /** The snapshot changed (welcome, patch or a `snapshot` event). */
  state: (snapshot: Snapshot) => void;
  status: (status: ClientStatus) => void;
  welcome: (welcome: Welcome) => void;
  /** Every live patch as received, applied or not (tests inspect the wire with it). */
  patch: (patch: Patch) => void;
  presence: (presence: Presence) => void;
  /** Every command once it settles; `resent` outcomes are the ones a person may not expect. */
  outcome: (outcome: CommandOutcome) => void;
  /** How many commands wait for an ack (the outbox), after every change. */
  outbox: (waiting: number) => void;
};

export interface ProtocolClientOptions {
  exerciseId: string;
  token: string;
  /** How long a command waits for its ack on a live connection (default 20 s); then NO_ANSWER. */
  ackTimeoutMs?: number;
  /** How long a hello waits for its welcome before it is asked again (default 15 s). */
  helloTimeoutMs?: number;
  /** Pause before asking again after a hello went unanswered or was rate limited (default 1 s). */
  retryDelayMs?: number;
  /** At most this many unacknowledged commands are kept (default 100). */
  outboxLimit?: number;
  /** Makes command ids (8–64 characters, A5); default: 128 random bits in hex. */
  newCommandId?: () => string;
  /** Say hello on connect (default true); false leaves the socket unauthenticated, for bad-input tests. */
  autoHello?: boolean;
}

/** 128 random bits in hex; crypto.getRandomValues exists in Node and in every browser context. */
function randomCommandId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Refusals of hello that may pass by themselves; any other refusal closes the client. */
const RETRY_HELLO = new Set(['RATE_LIMITED', 'INTERNAL']);

export class ProtocolClient {
  snapshot: Snapshot | null = null;
  status: ClientStatus = 'connecting';
  closedReason: ClosedReason | null = null;
  /** Settles with the first welcome, a refusal included. */
  readonly ready: Promise<Welcome>;

  private readonly listeners = new Listeners<ProtocolClientEvents>();
  private readonly outbox: Outbox;
  private readonly options: Required<Omit<ProtocolClientOptions, 'exerciseId' | 'token'>>;
  private resolveReady!: (welcome: Welcome) => void;
  /** Bumped on every disconnect, so answers meant for an older connection are recognised. */
  private connection = 0;
  /** The hello waiting for its welcome, if any. */
  private helloInFlight: Promise<Welcome | null> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly detach: Array<() => void> = [];

  constructor(
    readonly transport: ProtocolTransport,
    readonly seat: Pick<ProtocolClientOptions, 'exerciseId' | 'token'>,
    options: Omit<ProtocolClientOptions, 'exerciseId' | 'token'> = {},
  ) {
    this.options = {
      ackTimeoutMs: options.ackTimeoutMs ?? 20_000,
      helloTimeoutMs: options.helloTimeoutMs ?? 15_000,
      retryDelayMs: options.retryDelayMs ?? 1000,
      outboxLimit: options.outboxLimit ?? 100,
      newCommandId: options.newCommandId ?? randomCommandId,
      autoHello: options.autoHello ?? true,
    };
    this.outbox = new Outbox(this.options.outboxLimit);
    this.ready = new Promise((done) => (this.resolveReady = done));
    this.listen('connect', () => {
      if (this.options.autoHello) void this.hello();
    });
    this.listen('disconnect', (reason: string) => this.onDisconnect(reason));
    this.listen('patch', (patch: Patch) => this.onPatch(patch));
    this.listen('snapshot', (snapshot: Snapshot) => this.replace(snapshot));
    this.listen('presence', (presence: Presence) => this.listeners.emit('presence', presence));
    this.listen('bye', (farewell: Farewell) => this.close({ kind: 'bye', farewell }));
    if (transport.connected && this.options.autoHello) void this.hello();
  }

  on<E extends keyof ProtocolClientEvents>(event: E, listener: ProtocolClientEvents[E]): () => void {
    return this.listeners.on(event, listener);
  }

  /** The version held, or null before the first welcome. */
  get version(): number | null {
    return this.snapshot?.version ?? null;
  }

  /** Commands sent and not yet settled. */
  get waiting(): number {
    return this.outbox.size;
  }

  /**
   * Sends a command (with a fresh id unless one is given) and resolves with its result. Offline,
   * it waits in the outbox and goes out after the next accepted hello. An id already waiting
   * gets that command's result.
   */
  send(command: Command, id: string = this.options.newCommandId()): Promise<CommandResult> {
    if (this.status === 'closed')
      return Promise.resolve({ ok: false, code: 'CLOSED', message: 'the connection to the exercise is closed' });
    const waiting = this.outbox.waitingFor(id);
    if (waiting) return waiting; // the same command again: it is already on its way
    const added = this.outbox.add(id, command);
    if (!added)
      return Promise.resolve({
        ok: false,
        code: 'OUTBOX_FULL',
        message: `${this.options.outboxLimit} commands are already waiting for the server`,
      });
    this.listeners.emit('outbox', this.outbox.size);
    if (this.status === 'online') this.transmit(added.entry);
    return added.result;
  }

  /**
   * Says hello with the last version held (P1, P7); `fresh` asks for a full snapshot. Resolves
   * with the welcome once it is applied, or null when none came (offline, closed, dropped, timed
   * out); a hello already on its way is not sent twice.
   */
  hello(fresh = false): Promise<Welcome | null> {
    if (this.status === 'closed' || !this.transport.connected) return Promise.resolve(null);
    if (this.helloInFlight) return this.helloInFlight;
    const connection = this.connection;
    const lastVersion = fresh ? null : this.version;
    const { exerciseId, token } = this.seat;
    this.helloInFlight = new Promise((done) => {
      this.transport
        .timeout(this.options.helloTimeoutMs)
        .emit('hello', { protocol: PROTOCOL_VERSION, exerciseId, token, lastVersion }, (err, welcome) => {
          if (connection !== this.connection) return done(null); // meant for a connection that has dropped; the next connect says hello again
          this.helloInFlight = null;
          if (err) {
            this.retryHello();
            return done(null);
          }
          this.onWelcome(welcome);
          done(welcome);
        });
    });
    return this.helloInFlight;
  }

  /**
   * Asks the server what if (W1–W4). Read-only, so it never waits in the outbox: offline or
   * unanswered, it resolves with a refusal the caller can show and offer to retry.
   */
  whatIf(request: WhatIfRequest): Promise<WhatIfAnswer> {
    if (this.status !== 'online') return Promise.resolve({ ok: false, code: 'NOT_NOW', message: 'not connected' });
    return new Promise((resolve) => {
      this.transport.timeout(this.options.ackTimeoutMs).emit('whatif', request, (err, answer) => {
        resolve(err ? { ok: false, code: 'INTERNAL', message: 'no answer in time' } : answer);
      });
    });
  }

  /** A volatile typing hint (P9), dropped while offline. */
  typing(typing: boolean): void {
    if (this.status === 'online') this.transport.emit('typing', typing);
  }

  /**
   * Stops using the transport without disconnecting it, so that another client can say hello on
   * the same socket for another seat (the load benchmark moves players to a fresh exercise).
   */
  release(): void {
    this.close({ kind: 'closed-here' }, false);
  }

  /** Stops for good: commands still waiting settle as CLOSED and the transport disconnects. */
  close(reason: ClosedReason = { kind: 'closed-here' }, disconnect = true): void {
    if (this.status === 'closed') return;
    this.closedReason = reason;
    this.setStatus('closed');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const result: CommandResult = {
      ok: false,
      code: 'CLOSED',
      message: 'the connection to the exercise closed before the server answered',
    };
    for (const entry of this.outbox.settleAll(result)) this.report(entry, result);
    if (disconnect && reason.kind !== 'server-closed') this.transport.disconnect();
    for (const off of this.detach.splice(0)) off();
  }

  /** Listens on the transport until close(); one untyped path instead of one per overload. */
  private listen(
    event: 'connect' | 'disconnect' | 'patch' | 'snapshot' | 'presence' | 'bye',
    listener: (...args: never[]) => void,
  ): void {
    const transport = this.transport as unknown as {
      on(e: string, l: unknown): unknown;
      off(e: string, l: unknown): unknown;
    };
    transport.on(event, listener);
    this.detach.push(() => transport.off(event, listener));
  }

  private onWelcome(welcome: Welcome): void {
    this.resolveReady(welcome);
    this.listeners.emit('welcome', welcome);
    if (!welcome.ok) {
      if (RETRY_HELLO.has(welcome.code)) this.retryHello();
      else this.close({ kind: 'refused', welcome });
      return;
    }
    const next = receiveWelcome(this.snapshot, welcome);
    if (!next) {
      void this.hello(true); // the patches did not bring us up to date: ask for everything
      return;
    }
    this.replace(next);
    this.setStatus('online');
    for (const entry of this.outbox.waiting()) this.transmit(entry);
  }

  private onPatch(patch: Patch): void {
    this.listeners.emit('patch', patch);
    if (this.helloInFlight) return; // the welcome on its way covers it
    const received = receivePatch(this.snapshot, patch);
    if (received.kind === 'applied') this.replace(received.snapshot);
    else if (received.kind === 'gap') void this.hello();
    else if (received.kind === 'misfit') void this.hello(true);
  }

  private onDisconnect(reason: string): void {
    this.connection++;
    this.helloInFlight = null;
    this.outbox.requeueAll();
    if (this.status === 'closed') return;
    // socket.io does not reconnect after the server closed the socket on purpose
    if (reason === 'io server disconnect') this.close({ kind: 'server-closed' });
    else this.setStatus('reconnecting');
  }

  private transmit(entry: OutboxEntry): void {
    const connection = this.connection;
    entry.inFlight = true;
    entry.sends++;
    this.transport
      .timeout(this.options.ackTimeoutMs)
      .emit('command', { id: entry.id, command: entry.command }, (err, ack) => {
        if (!err) {
          // a real ack settles the command even when it comes from a connection that has dropped
          const settled = this.outbox.settle(entry.id, ack);
          if (settled) this.report(settled, ack);
          return;
        }
        if (connection !== this.connection || !this.transport.connected) return; // dropped: resent after the next hello
        const result: CommandResult = {
          ok: false,
          code: 'NO_ANSWER',
          message: `no answer from the server within ${Math.round(this.options.ackTimeoutMs / 1000)} s`,
        };
        const settled = this.outbox.settle(entry.id, result);
        if (settled) this.report(settled, result);
      });
  }

  private report(entry: OutboxEntry, result: CommandResult): void {
    this.listeners.emit('outcome', { id: entry.id, command: entry.command, result, resent: entry.sends > 1 });
    this.listeners.emit('outbox', this.outbox.size);
  }

  private retryHello(): void {
    if (this.retryTimer || this.status === 'closed') return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.hello();
    }, this.options.retryDelayMs);
  }

  private replace(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.listeners.emit('state', snapshot);
  }

  private setStatus(status: ClientStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.listeners.emit('status', status);
  }
}
