/**
 * A protocol client for tests (and a reference for the web client's socket layer): connects with
 * socket.io-client over websocket, says `hello` with its last version on every (re)connect,
 * applies patches in order, resyncs on a gap, and exposes the current projected snapshot.
 *
 *   const c = await connectClient(server.url, joined);        // joined: {exerciseId, token}
 *   const ack = await c.command({ type: 'vote', option: 'snapshot' });
 *   await c.waitFor((s) => s.exercise.status === 'debrief');
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  applyPatch,
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type Command,
  type Patch,
  type ServerToClientEvents,
  type Snapshot,
  type Welcome,
} from '../../protocol/index.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  /** Reconnect automatically (default true, with short delays for tests). */
  reconnection?: boolean;
  /** Ack timeout for commands in ms (default 5000). */
  ackTimeout?: number;
  /** Say hello on connect (default true); false gives an unauthenticated socket for bad-input tests. */
  hello?: boolean;
}

export class TestClient {
  /** The projected state, or null before the first welcome. */
  state: Snapshot | null = null;
  /** Every welcome received, newest last (to see whether patches or a snapshot came back). */
  readonly welcomes: Welcome[] = [];
  /** Patches received, in order (including ones skipped as already applied). */
  readonly patches: Patch[] = [];
  readonly presence: Array<{ playerId: string; online: boolean; typing: boolean }> = [];
  byes: Array<{ code: string; message: string }> = [];
  private listeners = new Set<() => void>();
  private resolveReady!: (welcome: Welcome) => void;
  /** Settles with the first welcome (a refusal included). */
  readonly ready: Promise<Welcome> = new Promise((done) => (this.resolveReady = done));

  constructor(
    readonly socket: ClientSocket,
    readonly exerciseId: string,
    readonly token: string,
    private readonly ackTimeout: number,
    autoHello = true,
  ) {
    if (autoHello) socket.on('connect', () => this.hello().catch(() => {})); // a dropped socket says hello again on reconnect
    socket.on('patch', (patch) => this.onPatch(patch));
    socket.on('snapshot', (snapshot) => this.replace(snapshot));
    socket.on('presence', (p) => this.presence.push(p));
    socket.on('bye', (reason) => this.byes.push(reason));
  }

  /** The version the client has applied, or null. */
  get version(): number | null {
    return this.state?.version ?? null;
  }

  /** The client's own team view (players), or undefined. */
  get myTeam() {
    return this.state?.teams.find((t) => t.id === this.state?.me.teamId);
  }

  /** Sends `hello` with the last version; applies the welcome. */
  async hello(): Promise<Welcome> {
    const welcome = await this.socket.timeout(this.ackTimeout).emitWithAck('hello', {
      protocol: PROTOCOL_VERSION,
      exerciseId: this.exerciseId,
      token: this.token,
      lastVersion: this.version,
    });
    this.welcomes.push(welcome);
    this.resolveReady(welcome);
    if (welcome.ok && 'snapshot' in welcome) this.replace(welcome.snapshot);
    else if (welcome.ok) for (const patch of welcome.patches) this.onPatch(patch);
    this.notify();
    return welcome;
  }

  /** Sends a command with a fresh (or given) id and waits for its ack. */
  async command(command: Command, id: string = randomUUID()): Promise<Ack> {
    return this.socket.timeout(this.ackTimeout).emitWithAck('command', { id, command });
  }

  /** Sends raw data on any event (for bad-input tests); resolves with the ack or undefined after `ms`. */
  async raw(event: string, payload: unknown, ms = 1000): Promise<unknown> {
    try {
      return await (this.socket as unknown as Socket).timeout(ms).emitWithAck(event, payload);
    } catch {
      return undefined;
    }
  }

  /** Resolves with the state once `predicate` holds (checked on every change). */
  waitFor(predicate: (state: Snapshot) => boolean, ms = 5000, what = 'condition'): Promise<Snapshot> {
    return new Promise((done, fail) => {
      const check = () => {
        if (this.state && predicate(this.state)) {
          cleanup();
          done(this.state);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`timed out after ${ms} ms waiting for ${what}; at version ${this.version}, status ${this.state?.exercise.status}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves once the client has applied `version`. */
  waitForVersion(version: number, ms = 5000): Promise<Snapshot> {
    return this.waitFor((s) => s.version >= version, ms, `version ${version}`);
  }

  /** Disconnects for good. */
  close(): void {
    this.socket.io.reconnection(false);
    this.socket.disconnect();
  }

  private onPatch(patch: Patch): void {
    this.patches.push(patch);
    if (!this.state || patch.version <= this.state.version) return;
    if (patch.version !== this.state.version + 1) {
      this.hello().catch(() => {}); // a gap: ask for what is missing
      return;
    }
    this.state = applyPatch(this.state, patch);
    this.notify();
  }

  private replace(snapshot: Snapshot): void {
    this.state = snapshot;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Connects, says hello and resolves once the first welcome is applied; rejects on a refusal. */
export async function connectClient(url: string, joined: { exerciseId: string; token: string }, options: ConnectOptions = {}): Promise<TestClient> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    autoConnect: false,
  });
  const client = new TestClient(socket, joined.exerciseId, joined.token, options.ackTimeout ?? 5000, options.hello ?? true);
  const failed = new Promise<never>((_, fail) => socket.once('connect_error', fail));
  socket.connect();
  if (options.hello === false) {
    await Promise.race([new Promise<void>((done) => socket.once('connect', () => done())), failed]);
    return client;
  }
  const welcome = await Promise.race([client.ready, failed]);
  if (!welcome.ok) {
    client.close();
    throw new Error(`hello refused: ${welcome.code} ${welcome.message}`);
  }
  return client;
}
