/**
 * Commands not yet acknowledged, in the order they were sent, with their ids. While the client
 * is offline they wait here; after the next accepted `hello` they are sent again with the same
 * ids, which the server's idempotency (A5) makes safe (A8).
 */
import type { Ack, Command } from '../messages.ts';

/** Outcomes the client decides itself, without an answer from the server. */
export type LocalCode = 'NO_ANSWER' | 'CLOSED' | 'OUTBOX_FULL';

/** A server ack, or a local failure when no ack can come. */
export type CommandResult = Ack | { ok: false; code: LocalCode; message: string };

export interface OutboxEntry {
  readonly id: string;
  readonly command: Command;
  /** How many times it went out (more than 1: it was resent after a reconnect). */
  sends: number;
  /** Sent on the current connection and waiting for its ack. */
  inFlight: boolean;
}

interface Held extends OutboxEntry {
  result: Promise<CommandResult>;
  resolve: (result: CommandResult) => void;
}

export class Outbox {
  private readonly entries = new Map<string, Held>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The result of a command still waiting under this id. */
  waitingFor(id: string): Promise<CommandResult> | undefined {
    return this.entries.get(id)?.result;
  }

  /** Keeps a command until it settles; null when the outbox is full. */
  add(id: string, command: Command): { entry: OutboxEntry; result: Promise<CommandResult> } | null {
    if (this.entries.size >= this.limit) return null;
    let resolve!: (result: CommandResult) => void;
    const result = new Promise<CommandResult>((done) => (resolve = done));
    const entry: Held = { id, command, sends: 0, inFlight: false, result, resolve };
    this.entries.set(id, entry);
    return { entry, result };
  }

  /** Entries waiting to be sent on the current connection, oldest first. */
  waiting(): OutboxEntry[] {
    return [...this.entries.values()].filter((e) => !e.inFlight);
  }

  /** The connection dropped: nothing is in flight any more. */
  requeueAll(): void {
    for (const entry of this.entries.values()) entry.inFlight = false;
  }

  /** Removes and resolves an entry; returns it, or undefined when it was already settled (a repeated ack). */
  settle(id: string, result: CommandResult): OutboxEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    entry.resolve(result);
    return entry;
  }

  /** Settles every entry with the same local result (the client closed for good). */
  settleAll(result: CommandResult): OutboxEntry[] {
    return [...this.entries.keys()].map((id) => this.settle(id, result)!);
  }
}
