/**
 * One exercise's authority (rule 1). A command runs to completion synchronously: idempotency →
 * who is asking → does the state accept it → apply → persist (one SQLite transaction) →
 * broadcast. Since nothing in that path awaits, commands for an exercise are applied one at
 * a time in arrival order. Discussion deadlines are server timers re-armed from the state
 * after every event (rule 6); a firing is logged like a command.
 */
import type { Ack, CommandEnvelope } from '../../protocol/index.ts';
import { accept, authorize } from './accept.ts';
import { applyEvent } from './apply.ts';
import { CommandMemory } from './command-memory.ts';
import { logCommandOf } from './log-command.ts';
import type { Change } from './change.ts';
import type { Actor, EventBody, LoggedEvent, StoredEvent } from './events.ts';
import { currentInject, type ExerciseState } from './state.ts';
import type { AppendRequest, Store } from './store/types.ts';

/** Receives every persisted event with what it changed (the net layer broadcasts it). */
export type RoomListener = (room: ExerciseRoom, event: StoredEvent, change: Change) => void;

export class ExerciseRoom {
  /** Acks by "<credential>:<command id>" (A5). */
  private readonly acks: CommandMemory;
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    public state: ExerciseState,
    private readonly store: Store,
    private readonly listener: RoomListener,
    private readonly rebuild: () => ExerciseState,
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

  /** Handles a schema-checked command from an authenticated sender. */
  handle(actor: Actor, credentialKey: string, envelope: CommandEnvelope): Ack {
    const key = `${credentialKey}:${envelope.id}`;
    const first = this.acks.get(key);
    if (first) return first;
    const refusal = authorize(this.state, actor, envelope.command) ?? accept(this.state, actor, envelope.command);
    const ack: Ack = refusal
      ? { ok: false, ...refusal }
      : this.commit({ type: 'command', command: logCommandOf(envelope.command) }, actor, key);
    this.acks.remember(key, ack);
    return ack;
  }

  /** Appends a server-made or HTTP-made event (join, deadline, restart) through the same path. */
  commit(body: EventBody, actor: Actor | null, commandId: string | null, extra: Omit<AppendRequest, 'exerciseId' | 'event'> = {}): Ack {
    const event: LoggedEvent = { version: this.state.version + 1, at: this.now(), actor, commandId, body };
    let change: Change;
    let stored: StoredEvent;
    try {
      this.store.writable(); // refuse before applying when nothing could be saved (S8, S9)
    } catch (error) {
      return { ok: false, code: 'INTERNAL', message: `the server cannot save anything right now, so "${body.type}" was not applied: ${(error as Error).message}` };
    }
    try {
      change = applyEvent(this.state, event);
      const status = change.records.findLast((r) => r.kind === 'status');
      stored = this.store.append({
        ...extra,
        exerciseId: this.id,
        event,
        records: change.records,
        ...(status?.kind === 'status' ? { status: status.status } : {}),
        ...(teamsAdded(body) ? { teams: [{ id: this.state.teams.at(-1)!.id, name: this.state.teams.at(-1)!.name }] } : {}),
      });
    } catch (error) {
      // Applied but not stored (or a reducer bug): rebuild from the log so memory matches disk.
      this.state = this.rebuild();
      this.armDeadlines();
      return { ok: false, code: 'INTERNAL', message: `the server could not save "${body.type}": ${(error as Error).message}` };
    }
    this.armDeadlines();
    this.listener(this, stored, change);
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
    this.commit({ type: 'deadline', teamId, injectId }, null, null);
  }

  /** Stops the timers (server shutdown). */
  close(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function teamsAdded(body: EventBody): boolean {
  return body.type === 'command' && body.command.type === 'add-team';
}
