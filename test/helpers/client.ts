/**
 * The tests' protocol client: the shared one (protocol/client) over a real socket.io-client
 * websocket, plus what tests inspect (every welcome, patch, presence and bye) and waits on.
 *
 *   const c = await connectClient(server.url, joined);        // joined: {exerciseId, token}
 *   const ack = await c.command({ type: 'vote', option: 'snapshot' });
 *   await c.waitFor((s) => s.exercise.status === 'debrief');
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  ProtocolClient,
  type ClientToServerEvents,
  type Command,
  type CommandResult,
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
  readonly protocol: ProtocolClient;
  /** Every welcome received, newest last (to see whether patches or a snapshot came back). */
  readonly welcomes: Welcome[] = [];
  /** Patches received, in order (including ones skipped as already applied). */
  readonly patches: Patch[] = [];
  readonly presence: Array<{ playerId: string; online: boolean; typing: boolean }> = [];
  byes: Array<{ code: string; message: string }> = [];
  private listeners = new Set<() => void>();

  constructor(
    readonly socket: ClientSocket,
    readonly exerciseId: string,
    readonly token: string,
    ackTimeout: number,
    autoHello = true,
  ) {
    this.protocol = new ProtocolClient(
      socket,
      { exerciseId, token },
      { ackTimeoutMs: ackTimeout, helloTimeoutMs: ackTimeout, retryDelayMs: 100, autoHello, newCommandId: randomUUID },
    );
    this.protocol.on('welcome', (welcome) => this.welcomes.push(welcome));
    this.protocol.on('patch', (patch) => this.patches.push(patch));
    this.protocol.on('presence', (p) => this.presence.push(p));
    this.protocol.on('state', () => this.notify());
    socket.on('bye', (reason) => this.byes.push(reason));
  }

  /** The projected state, or null before the first welcome. */
  get state(): Snapshot | null {
    return this.protocol.snapshot;
  }

  /** Settles with the first welcome (a refusal included). */
  get ready(): Promise<Welcome> {
    return this.protocol.ready;
  }

  /** The version the client has applied, or null. */
  get version(): number | null {
    return this.protocol.version;
  }

  /** The client's own team view (players), or undefined. */
  get myTeam() {
    return this.state?.teams.find((t) => t.id === this.state?.me.teamId);
  }

  /**
   * Sends a command with a fresh (or given) id and waits for its result. Made while the socket
   * is down, it waits in the outbox and goes out after the reconnect's hello (A8).
   */
  command(command: Command, id: string = randomUUID()): Promise<CommandResult> {
    return this.protocol.send(command, id);
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
        fail(
          new Error(
            `timed out after ${ms} ms waiting for ${what}; at version ${this.version}, status ${this.state?.exercise.status}`,
          ),
        );
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
    this.protocol.close();
    this.socket.disconnect();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Connects, says hello and resolves once the first welcome is applied; rejects on a refusal. */
export async function connectClient(
  url: string,
  joined: { exerciseId: string; token: string },
  options: ConnectOptions = {},
): Promise<TestClient> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    autoConnect: false,
  });
  const client = new TestClient(
    socket,
    joined.exerciseId,
    joined.token,
    options.ackTimeout ?? 5000,
    options.hello ?? true,
  );
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
