/**
 * Replaying a stored exercise for its report: the same reducer as live play and restart
 * (exercise/apply.ts), over the logged events with their logged times, noting what the report
 * needs and the state does not keep: when play started and ended, when each player last voted,
 * and whether the hash chain still verifies. Unlike a restart, a log whose chain is broken is
 * still replayed, so the report can say plainly that it no longer verifies.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { applyEvent, createState } from '../exercise/apply.ts';
import type { EventBody } from '../exercise/events.ts';
import type { ScenarioCatalog, ScenarioEntry } from '../exercise/scenarios.ts';
import type { ExerciseState } from '../exercise/state.ts';
import type { ExerciseRow, Store } from '../exercise/store/types.ts';

/** A stored exercise replayed to its last event. */
export interface StoredRun {
  row: ExerciseRow;
  scenario: ScenarioEntry;
  state: ExerciseState;
  /** The `created` event's body (mode at creation, anonymity choice). */
  created: Extract<EventBody, { type: 'created' }>;
  /** Epoch ms when play started (the `start` command; creation for solo runs), or null. */
  startedAt: number | null;
  /** Epoch ms when play finished (the exercise entered the debrief), or null. */
  endedAt: number | null;
  /** Per team and decision (in order), the epoch ms of each voter's last vote. */
  voteTimes: Map<string, Array<Map<string, number>>>;
  integrity: { events: number; head: string; verified: boolean };
}

/** Thrown when the exercise or what it needs is not stored. */
export class StoredRunError extends Error {
  constructor(
    readonly reason: 'not-found' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The longest stretch a replay runs before it lets the event loop serve live play: a long log
 * replayed in one go (the report summary written as an exercise ends) stalled every other
 * exercise for tens of milliseconds.
 */
const SLICE_MS = 8;

/** Replays one stored exercise, in slices; throws StoredRunError when it is missing or cannot be read. */
export async function replayStored(store: Store, catalog: ScenarioCatalog, exerciseId: string): Promise<StoredRun> {
  const row = await store.exercise(exerciseId);
  if (!row) throw new StoredRunError('not-found', `no exercise "${exerciseId}" in the database`);
  const scenario = await catalog.resolveStored(row, store);
  if (!scenario)
    throw new StoredRunError(
      'unreadable',
      `exercise ${exerciseId}: its scenario text (${row.scenarioHash.slice(0, 12)}) is missing from the database`,
    );
  const events = await store.events(exerciseId);
  const first = events[0];
  if (!first || first.body.type !== 'created')
    throw new StoredRunError('unreadable', `exercise ${exerciseId}: the log does not start with a "created" event`);
  const created = first.body;
  const state = createState(exerciseId, first, scenario);
  let startedAt: number | null = state.status === 'running' ? first.at : null;
  let endedAt: number | null = null;
  const lastVote = new Map<string, number>(); // player id → epoch ms of their last vote
  const voteTimes = new Map<string, Array<Map<string, number>>>(state.teams.map((t) => [t.id, []]));
  let slice = performance.now();
  for (const event of events.slice(1)) {
    if (performance.now() - slice > SLICE_MS) {
      await nextTurn();
      slice = performance.now();
    }
    const logged = {
      version: event.version,
      at: event.at,
      actor: event.actor,
      commandId: event.commandId,
      body: event.body,
    };
    if (event.body.type === 'command' && event.body.command.type === 'vote' && event.actor?.playerId)
      lastVote.set(event.actor.playerId, event.at);
    const change = applyEvent(state, logged);
    for (const record of change.records) {
      if (record.kind === 'status' && record.status === 'running' && startedAt === null) startedAt = event.at;
      if (record.kind === 'status' && (record.status === 'debrief' || record.status === 'ended') && endedAt === null)
        endedAt = event.at;
      if (record.kind === 'decision') {
        const times = new Map(record.decision.votes.map((v) => [v.playerId, lastVote.get(v.playerId) ?? event.at]));
        const list = voteTimes.get(record.teamId) ?? [];
        list.push(times);
        voteTimes.set(record.teamId, list);
      }
    }
  }
  const chain = await store.verifyChain(exerciseId);
  return {
    row,
    scenario,
    state,
    created,
    startedAt,
    endedAt,
    voteTimes,
    integrity: { events: events.length, head: events.at(-1)!.hash, verified: chain.ok },
  };
}

/**
 * The name a team goes by across exercises: its own name in team play, the trainee's name in
 * a solo run (every solo team is called "Solo", which would mix trainees up).
 */
export function teamNameOf(state: ExerciseState, team: { id: string; name: string }): string {
  if (!state.solo) return team.name;
  const trainee = [...state.players.values()].find((p) => p.teamId === team.id);
  return trainee?.name ?? team.name;
}

/** Team names compare trimmed and case-insensitively ("Blue team" is "blue team"). */
export function sameTeamName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
