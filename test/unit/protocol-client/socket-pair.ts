/**
 * An in-memory connection for the protocol client's own tests: `pair.client` is a transport
 * with socket.io's semantics (events delivered asynchronously, in order; acks with a timeout
 * that fail at once when the connection drops; nothing crosses a dropped connection), and the
 * test plays the server through `onHello`, `onCommand`, `push`, `drop` and `restore`.
 */
import type {
  Ack,
  CommandEnvelope,
  Hello,
  Patch,
  Snapshot,
  Welcome,
  WhatIfAnswer,
  WhatIfRequest,
} from '../../../protocol/index.ts';
import type { Farewell, Presence, ProtocolTransport, TimedEmitter } from '../../../protocol/client/index.ts';

type Listener = (...args: never[]) => void;
type AckCallback = (err: Error | null, value: never) => void;

/** What the scripted server does with a command: answer (once or more), or keep silent. */
export type CommandReply = Ack | { silent: true } | { twice: Ack };

export class TestSocketPair {
  /** What the client sent, in arrival order. */
  readonly hellos: Hello[] = [];
  readonly commands: CommandEnvelope[] = [];
  readonly typing: boolean[] = [];
  onHello: (hello: Hello) => Welcome = () => {
    throw new Error('the test did not set onHello');
  };
  onCommand: (envelope: CommandEnvelope) => CommandReply = () => ({ silent: true });
  readonly whatIfs: WhatIfRequest[] = [];
  onWhatIf: (request: WhatIfRequest) => WhatIfAnswer = () => {
    throw new Error('the test did not set onWhatIf');
  };

  private up = false;
  /** Bumped on every drop: deliveries queued for an older connection are lost. */
  private epoch = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pendingAcks = new Set<{ fail: () => void }>();
  readonly client: ProtocolTransport;

  constructor() {
    const emitter = (ms: number): TimedEmitter => ({
      emit: (event: 'hello' | 'command' | 'whatif', payload: unknown, ack: AckCallback) =>
        this.fromClient(event, payload, ack, ms),
    });
    const isUp = () => this.up;
    this.client = {
      get connected() {
        return isUp();
      },
      connect: () => this.restore(),
      disconnect: () => this.drop('io client disconnect'),
      timeout: emitter,
      emit: (_event: 'typing', typing: boolean) => {
        if (this.up) this.typing.push(typing);
      },
      on: (event: string, listener: Listener) => {
        let set = this.listeners.get(event);
        if (!set) this.listeners.set(event, (set = new Set()));
        set.add(listener);
      },
      off: (event: string, listener: Listener) => this.listeners.get(event)?.delete(listener),
    } as ProtocolTransport;
  }

  get connected(): boolean {
    return this.up;
  }

  /** The network comes (back): the client sees `connect`. */
  restore(): void {
    if (this.up) return;
    this.up = true;
    this.deliver('connect');
  }

  /** The connection drops: acks waiting fail at once (as socket.io's do) and the client sees `disconnect`. */
  drop(reason = 'transport close'): void {
    if (!this.up) return;
    this.up = false;
    this.epoch++;
    this.fire('disconnect', reason);
    for (const ack of [...this.pendingAcks]) ack.fail();
  }

  push(patch: Patch): void {
    this.deliver('patch', patch);
  }

  pushSnapshot(snapshot: Snapshot): void {
    this.deliver('snapshot', snapshot);
  }

  presence(presence: Presence): void {
    this.deliver('presence', presence);
  }

  bye(farewell: Farewell): void {
    this.deliver('bye', farewell);
    queueMicrotask(() => this.drop('io server disconnect'));
  }

  /** Lets every queued delivery run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 0));
  }

  private fromClient(event: 'hello' | 'command' | 'whatif', payload: unknown, ack: AckCallback, ms: number): void {
    if (!this.up)
      throw new Error(
        `the client emitted "${event}" while disconnected; the protocol client must wait for the connection`,
      );
    const epoch = this.epoch;
    let answered = false;
    const entry = {
      fail: () => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        this.pendingAcks.delete(entry);
        ack(new Error('socket has been disconnected'), undefined as never);
      },
    };
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      this.pendingAcks.delete(entry);
      ack(new Error('operation has timed out'), undefined as never);
    }, ms);
    this.pendingAcks.add(entry);
    const answer = (value: unknown) => {
      queueMicrotask(() => {
        if (epoch !== this.epoch) return; // lost with the connection
        answered = true;
        clearTimeout(timer);
        this.pendingAcks.delete(entry);
        ack(null, value as never);
      });
    };
    queueMicrotask(() => {
      if (epoch !== this.epoch) return; // the request itself was lost
      if (event === 'hello') {
        const hello = payload as Hello;
        this.hellos.push(hello);
        answer(this.onHello(hello));
        return;
      }
      if (event === 'whatif') {
        const request = payload as WhatIfRequest;
        this.whatIfs.push(request);
        answer(this.onWhatIf(request));
        return;
      }
      const envelope = payload as CommandEnvelope;
      this.commands.push(envelope);
      const reply = this.onCommand(envelope);
      if ('silent' in reply) return;
      if ('twice' in reply) {
        answer(reply.twice);
        queueMicrotask(() => ack(null, reply.twice as never)); // a transport bug delivering the ack again
        return;
      }
      answer(reply);
    });
  }

  private deliver(event: string, ...args: unknown[]): void {
    if (!this.up) return; // nothing reaches a client that is not connected
    const epoch = this.epoch;
    queueMicrotask(() => {
      if (epoch === this.epoch) this.fire(event, ...args);
    });
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }
}
