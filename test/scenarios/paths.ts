/**
 * Path sampling for the bundled drills' quality tests: near-ideal walks (the greedy choice most
 * of the time, a seeded random one otherwise), every single deviation from the greedy path, and
 * uniform random walks. Near-ideal paths are the ones that can reach a good ending with one
 * task quietly left undone, so they get most of the samples.
 */
import type { Drill } from '../../server/engine/drill.ts';
import { choicesAt } from '../../server/engine/explore.ts';
import { seededRandom } from '../../server/engine/playthrough.ts';
import { startState, step, type TeamEvent, type TeamState } from '../../server/engine/team-state.ts';
import { CAPABILITIES } from '../../server/engine/vocabulary.ts';

export interface SampledPath {
  label: string;
  events: TeamEvent[];
  state: TeamState;
}

/** The offered option with the highest summed score delta at the current decision (the first on a tie). */
function greedy(drill: Drill, state: TeamState, options: TeamEvent[]): TeamEvent {
  const decision = drill.injects[state.cursor.inject!]!.inject.decision;
  if (!decision) return options[0]!;
  const offered = new Set(options.map((e) => (e.type === 'CHOOSE' ? e.option : null)));
  let best = options[0]!;
  let bestSum = -Infinity;
  for (const option of decision.options.filter((o) => offered.has(o.id))) {
    const sum = CAPABILITIES.reduce((s, c) => s + (option.score[c] ?? 0), 0);
    if (sum > bestSum) [best, bestSum] = [{ type: 'CHOOSE', option: option.id }, sum];
  }
  return best;
}

/** Walks to an ending; `pick` chooses at every step (given the step index and the options). */
function walk(drill: Drill, pick: (state: TeamState, options: TeamEvent[], index: number) => TeamEvent): { events: TeamEvent[]; state: TeamState } {
  let state = startState(drill);
  const events: TeamEvent[] = [];
  for (let guard = 0; state.cursor.ending === undefined && guard < 1_000; guard++) {
    const options = choicesAt(drill, state);
    const event = pick(state, options, events.length);
    const next = step(drill, state, event);
    if (!next) throw new Error(`event ${JSON.stringify(event)} refused at ${state.cursor.inject}`);
    events.push(event);
    state = next;
  }
  return { events, state };
}

/** Greedy most of the time (probability `bias`), seeded random otherwise. */
export function biasedPath(drill: Drill, seed: number, bias: number): SampledPath {
  const random = seededRandom(seed);
  const path = walk(drill, (state, options) => (random() < bias ? greedy(drill, state, options) : options[Math.floor(random() * options.length)]!));
  return { label: `bias ${bias} seed ${seed}`, ...path };
}

/** The greedy path with one decision replaced by each of its alternatives (greedy again after it). */
export function singleDeviations(drill: Drill): SampledPath[] {
  const ideal = walk(drill, (state, options) => greedy(drill, state, options));
  const paths: SampledPath[] = [];
  let state = startState(drill);
  ideal.events.forEach((chosen, index) => {
    for (const alternative of choicesAt(drill, state)) {
      if (JSON.stringify(alternative) === JSON.stringify(chosen)) continue;
      const path = walk(drill, (s, options, i) => (i === index ? alternative : i < index ? ideal.events[i]! : greedy(drill, s, options)));
      paths.push({ label: `deviate at ${state.cursor.inject} with ${JSON.stringify(alternative)}`, ...path });
    }
    state = step(drill, state, chosen)!;
  });
  return paths;
}
