/**
 * Rebuilds an exercise from its event log (rule 9): the first event creates the state, the
 * rest go through the same reducer as live play, with their logged times. The hash chain is
 * checked on the way; a broken chain refuses to load.
 */
import type { Ack } from '../../protocol/index.ts';
import { applyEvent, createState } from './apply.ts';
import { chainHash, GENESIS_HASH } from './canonical.ts';
import type { ScenarioCatalog } from './scenarios.ts';
import type { ExerciseState } from './state.ts';
import type { Store } from './store/types.ts';

export interface Replayed {
  state: ExerciseState;
  /** Acks of the logged commands, by their idempotency key. */
  acks: Array<[string, Ack]>;
  /** Wall time of the last logged event. */
  lastAt: number;
}

/** Replays one exercise; throws with the exercise id and the reason when it cannot. */
export async function replayExercise(store: Store, catalog: ScenarioCatalog, exerciseId: string): Promise<Replayed> {
  const row = await store.exercise(exerciseId);
  if (!row) throw new Error(`exercise ${exerciseId} is not in the database`);
  const scenario = await catalog.resolveStored(row, store);
  if (!scenario)
    throw new Error(`exercise ${exerciseId}: its scenario text (${row.scenarioHash.slice(0, 12)}) is missing`);
  const events = await store.eventsWithCanonical(exerciseId);
  let previous = GENESIS_HASH;
  let state: ExerciseState | undefined;
  const acks: Array<[string, Ack]> = [];
  let lastAt = 0;
  for (const { event, canonical } of events) {
    const logged = {
      version: event.version,
      at: event.at,
      actor: event.actor,
      commandId: event.commandId,
      body: event.body,
    };
    if (event.prevHash !== previous || event.hash !== chainHash(previous, canonical)) {
      throw new Error(
        `exercise ${exerciseId}: event ${event.version} does not match its hash chain (tampered or corrupt)`,
      );
    }
    previous = event.hash;
    if (!state) {
      state = createState(exerciseId, logged, scenario);
    } else {
      if (event.version !== state.version + 1)
        throw new Error(`exercise ${exerciseId}: version ${event.version} follows ${state.version}`);
      applyEvent(state, logged);
    }
    if (event.commandId) acks.push([event.commandId, { ok: true, version: event.version }]);
    lastAt = event.at;
  }
  if (!state) throw new Error(`exercise ${exerciseId} has no events`);
  return { state, acks, lastAt };
}
