/**
 * One exercise's authority (rule 1). Every command, join and deadline goes through the room's
 * queue (queue.ts) and runs to completion there: idempotency → who is asking → does the state
 * accept it → apply → persist → broadcast once committed → ack once on disk (S8; awaited: the
 * store may answer over the network). So commands for an exercise are applied one at a time in
 * arrival order, and a command is acknowledged only once its event is durable. Discussion
 * deadlines are server timers re-armed from the state after every event (rule 6); a firing is
 * queued and logged like a command.
 */
import type { Ack, CommandEnvelope } from '../../protocol/index.ts';
import { accept, authorize } from './accept.ts';
import { applyEvent } from './apply.ts';
import { CommandMemory } from './command-memory.ts';
import { SerialQueue } from './queue.ts';
import { logCommandOf } from './log-command.ts';
import type { Change } from './change.ts';
import type { Actor, EventBody, LoggedEvent, StoredEvent } from './events.ts';
import { currentInject, type ExerciseState } from './state.ts';
import { LeaseLost, type AppendRequest, type Fence, type Store } from './store/types.ts';

/** Receives every persisted event with what it changed (the net layer broadcasts it). */
export type RoomListener = (room: ExerciseRoom, event: StoredEvent, change: Change) => void;

export class ExerciseRoom {
  /** Acks by "<credential>:<command id>" (A5). */
  private readonly acks: CommandMemory;
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly queue = new SerialQueue();
  /** Acks of commands committed and waiting for their flush, by "<credential>:<command id>". */
  private readonly flushing = new Map<string, Promise<Ack>>();
  private closed = false;
  /** In a cluster, this node's lease on the exercise: every append carries it (store/types.ts AppendRequest.fence). */
  fence: Fence | undefined;
  /** Called once when an append finds the exercise taken over by another node; the room is closed by then. */
  onLost: ((room: ExerciseRoom) => void) | undefined;

  constructor(
    public state: ExerciseState,
    private readonly store: Store,
    private readonly listener: RoomListener,
    private readonly rebuild: () => Promise<ExerciseState>,
    private readonly now: () => number = Date.now,
  ) {
    this.acks = new CommandMemory(async (key) => {
      const version = await store.commandVersion(this.id, key);
      if (version === undefined) return undefined;
      try {
        // its event may be one whose flush failed: only a store that can still save vouches for it (S9)
        store.writable();
      } catch (error) {
        return {
          ok: false,
          code: 'INTERNAL',
          message: `the server cannot confirm that this command was saved: ${(error as Error).message}`,
        };
      }
      return { ok: true, version };
    });
  }

  get id(): string {
    return this.state.id;
  }

  /** Remembers the ack of a command found in the log (after a restart). */
  rememberAck(key: string, ack: Ack): void {
    this.acks.remember(key, ack);
  }

  /**
   * Runs `task` after every earlier task of this exercise has finished, alone (rule 1). Whatever
   * reads the state and then commits (a join picking a team) or must not see an event whose
   * append is still pending (a hello's snapshot) runs here.
   */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    return this.queue.run(task);
  }

  /** Tasks queued or running (a room with work pending is not evicted). */
  get busy(): boolean {
    return this.queue.size > 0;
  }

  /**
   * Queues a schema-checked command from an authenticated sender; resolves with its ack once its
   * event is on disk. The queue moves on as soon as the event is committed (S8): the exercise's
   * next command does not wait for this one's flush, and the acks still come in order, since a
   * flush covers every commit before it.
   */
  handle(actor: Actor, credentialKey: string, envelope: CommandEnvelope): Promise<Ack> {
    const key = `${credentialKey}:${envelope.id}`;
    const staged = this.run(async (): Promise<{ ack: Promise<Ack> }> => {
      if (this.closed) return { ack: Promise.resolve({ ok: false, code: 'INTERNAL', message: MOVED }) };
      const pending = this.flushing.get(key); // the same command again while its flush runs
      if (pending) return { ack: pending };
      const first = await this.acks.get(key);
      if (first) return { ack: Promise.resolve(first) };
      const refusal = authorize(this.state, actor, envelope.command) ?? accept(this.state, actor, envelope.command);
      if (refusal) {
        const ack: Ack = { ok: false, ...refusal };
        this.acks.remember(key, ack);
        return { ack: Promise.resolve(ack) };
      }
      const { durable } = await this.stage({ type: 'command', command: logCommandOf(envelope.command) }, actor, key);
      const ack = durable.then((result) => {
        this.flushing.delete(key);
        this.acks.remember(key, result);
        return result;
      });
      this.flushing.set(key, ack);
      return { ack };
    });
    return staged.then(({ ack }) => ack);
  }

  /**
   * Appends a server-made or HTTP-made event (join, deadline, restart) through the same path,
   * and resolves once it is on disk. Call it only inside `run` (or `handle`): it is one step of
   * the queue, not a queued task.
   */
  async commit(
    body: EventBody,
    actor: Actor | null,
    commandId: string | null,
    extra: Omit<AppendRequest, 'exerciseId' | 'event'> = {},
  ): Promise<Ack> {
    return (await this.stage(body, actor, commandId, extra)).durable;
  }

  /**
   * Applies and appends an event; resolves once it is committed (and broadcast), with its ack to
   * come once it is on disk. A store whose commit is durable when it resolves (PostgreSQL)
   * resolves both together.
   */
  private async stage(
    body: EventBody,
    actor: Actor | null,
    commandId: string | null,
    extra: Omit<AppendRequest, 'exerciseId' | 'event'> = {},
  ): Promise<{ durable: Promise<Ack> }> {
    const done = (ack: Ack) => ({ durable: Promise.resolve(ack) });
    const event: LoggedEvent = { version: this.state.version + 1, at: this.now(), actor, commandId, body };
    try {
      this.store.writable(); // refuse before applying when nothing could be saved (S8, S9)
    } catch (error) {
      return done({
        ok: false,
        code: 'INTERNAL',
        message: `the server cannot save anything right now, so "${body.type}" was not applied: ${(error as Error).message}`,
      });
    }
    let appended: Promise<StoredEvent>;
    let published = false;
    let onCommitted = () => {};
    const committed = new Promise<'committed'>((resolve) => (onCommitted = () => resolve('committed')));
    try {
      const change = applyEvent(this.state, event);
      // the other players see the event once it is committed; the ack waits until it is on disk (S8)
      const publish = (stored: StoredEvent) => {
        if (published) return;
        published = true;
        this.armDeadlines();
        this.listener(this, stored, change);
        onCommitted();
      };
      const status = change.records.findLast((r) => r.kind === 'status');
      appended = Promise.resolve(
        this.store.append(
          {
            ...extra,
            exerciseId: this.id,
            event,
            records: change.records,
            ...(status?.kind === 'status' ? { status: status.status } : {}),
            ...(teamsAdded(body)
              ? { teams: [{ id: this.state.teams.at(-1)!.id, name: this.state.teams.at(-1)!.name }] }
              : {}),
            ...(this.fence ? { fence: this.fence } : {}),
          },
          publish,
        ),
      ).then((stored) => {
        publish(stored);
        return stored;
      });
    } catch (error) {
      return done(await this.failed(body, error));
    }
    const settled = appended.then(
      () => 'stored' as const,
      () => 'failed' as const,
    );
    if ((await Promise.race([committed, settled])) === 'committed') {
      // the queue moves on; the flush's outcome is this event's ack
      return {
        durable: appended.then(
          (stored): Ack => ({ ok: true, version: stored.version }),
          (error: unknown): Ack => {
            // committed, so memory matches the log; only its durability is in doubt
            this.acks.consultLog();
            return {
              ok: false,
              code: 'INTERNAL',
              message: `the server could not save "${body.type}": ${(error as Error).message}`,
            };
          },
        ),
      };
    }
    try {
      const stored = await appended;
      return done({ ok: true, version: stored.version });
    } catch (error) {
      return done(await this.failed(body, error));
    }
  }

  /** An event applied but not stored (or a reducer bug): memory is made to match the log again. */
  private async failed(body: EventBody, error: unknown): Promise<Ack> {
    if (error instanceof LeaseLost) {
      // another node serves the exercise now: this copy of its state must not be used again
      this.close();
      this.onLost?.(this);
      return { ok: false, code: 'INTERNAL', message: MOVED };
    }
    // Rebuild from the log so memory matches disk. The event may be in the log without an ack:
    // a retry must find it there.
    const failure = (error as Error).message;
    this.acks.consultLog();
    try {
      this.state = await this.rebuild();
    } catch (rebuildError) {
      // the log cannot be read either: stop serving from a state that may be ahead of it
      this.close();
      return {
        ok: false,
        code: 'INTERNAL',
        message: `the server could not save "${body.type}" (${failure}) nor reread the exercise: ${(rebuildError as Error).message}`,
      };
    }
    this.armDeadlines();
    return { ok: false, code: 'INTERNAL', message: `the server could not save "${body.type}": ${failure}` };
  }

  /** Sets, moves or clears one timer per team to match the deadlines in the state. */
  armDeadlines(): void {
    if (this.closed) return;
    for (const team of this.state.teams) {
      const existing = this.timers.get(team.id);
      const at = this.state.status === 'running' ? team.deadline : null;
      if (existing && existing.at === at) continue;
      if (existing) clearTimeout(existing.timer);
      this.timers.delete(team.id);
      if (at === null) continue;
      const timer = setTimeout(() => this.fireDeadline(team.id, at), Math.max(0, at - this.now()));
      this.timers.set(team.id, { at, timer });
    }
  }

  /** A discussion deadline passed: resolve the team's decision as a logged event. */
  private fireDeadline(teamId: string, at: number): void {
    this.timers.delete(teamId);
    const team = this.state.teams.find((t) => t.id === teamId);
    if (!team || this.state.status !== 'running' || team.deadline !== at) return;
    const injectId = currentInject(team);
    if (injectId === undefined) return;
    if (this.now() < at) {
      this.armDeadlines();
      return;
    }
    void this.run(() => this.fireQueued(teamId, at));
  }

  /** The deadline's turn in the queue: still due (no command moved it meanwhile), log it. */
  private async fireQueued(teamId: string, at: number): Promise<void> {
    const team = this.state.teams.find((t) => t.id === teamId);
    if (this.closed || !team || this.state.status !== 'running' || team.deadline !== at) return;
    const injectId = currentInject(team);
    if (injectId === undefined) return;
    await this.commit({ type: 'deadline', teamId, injectId }, null, null);
  }

  /** Stops the timers (server shutdown). */
  close(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** The refusal of a command whose exercise moved to another node while it waited (the net layer sends it on). */
export const MOVED = 'this exercise moved to another server while the command waited; it was not applied';

function teamsAdded(body: EventBody): boolean {
  return body.type === 'command' && body.command.type === 'add-team';
}
