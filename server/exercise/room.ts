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
    this.acks = new CommandMemory((key) => store.commandVersion(this.id, key));
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

  /** Queues a schema-checked command from an authenticated sender; resolves with its ack. */
  handle(actor: Actor, credentialKey: string, envelope: CommandEnvelope): Promise<Ack> {
    return this.run(async (): Promise<Ack> => {
      if (this.closed) return { ok: false, code: 'INTERNAL', message: MOVED };
      const key = `${credentialKey}:${envelope.id}`;
      const first = await this.acks.get(key);
      if (first) return first;
      const refusal = authorize(this.state, actor, envelope.command) ?? accept(this.state, actor, envelope.command);
      const ack: Ack = refusal
        ? { ok: false, ...refusal }
        : await this.commit({ type: 'command', command: logCommandOf(envelope.command) }, actor, key);
      this.acks.remember(key, ack);
      return ack;
    });
  }

  /**
   * Appends a server-made or HTTP-made event (join, deadline, restart) through the same path.
   * Call it only inside `run` (or `handle`): it is one step of the queue, not a queued task.
   */
  async commit(
    body: EventBody,
    actor: Actor | null,
    commandId: string | null,
    extra: Omit<AppendRequest, 'exerciseId' | 'event'> = {},
  ): Promise<Ack> {
    const event: LoggedEvent = { version: this.state.version + 1, at: this.now(), actor, commandId, body };
    try {
      this.store.writable(); // refuse before applying when nothing could be saved (S8, S9)
    } catch (error) {
      return {
        ok: false,
        code: 'INTERNAL',
        message: `the server cannot save anything right now, so "${body.type}" was not applied: ${(error as Error).message}`,
      };
    }
    let stored: StoredEvent;
    let published = false;
    try {
      const change = applyEvent(this.state, event);
      // the other players see the event once it is committed; the ack waits until it is on disk (S8)
      const publish = (committed: StoredEvent) => {
        if (published) return;
        published = true;
        this.armDeadlines();
        this.listener(this, committed, change);
      };
      const status = change.records.findLast((r) => r.kind === 'status');
      stored = await this.store.append(
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
      );
      publish(stored);
    } catch (error) {
      if (error instanceof LeaseLost) {
        // another node serves the exercise now: this copy of its state must not be used again
        this.close();
        this.onLost?.(this);
        return { ok: false, code: 'INTERNAL', message: MOVED };
      }
      // Applied but not stored, stored but not flushed, or a reducer bug: rebuild from the log so
      // memory matches disk. The event may be in the log without an ack: a retry must find it there.
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
    return { ok: true, version: stored.version };
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
