/**
 * Replays of the format-1 drills (copies of the two bundled drills as they were before format 2,
 * in test/fixtures/format1/): best, worst, 50 seeded random paths and 10 random paths with
 * facilitator skips, each through the compiled machine and the pure reducer. The goldens in
 * test/engine/goldens/ were captured from the engine before format 2 changed it
 * (`npx tsx test/engine/format1-replay.ts --write`); format1-golden.test.ts compares byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkDrillFile } from '../../server/engine/check.ts';
import type { Drill } from '../../server/engine/drill.ts';
import { choicesAt, type ExploreResult } from '../../server/engine/explore.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { stepperOf } from '../../server/engine/machine-step.ts';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play, seededRandom, type Strategy } from '../../server/engine/playthrough.ts';
import { startState, step, type TeamEvent, type TeamState } from '../../server/engine/team-state.ts';

export const FORMAT1_DRILLS = ['backdoored-registry-model', 'poisoned-fraud-detector'];
export const goldenFile = (id: string) => `test/engine/goldens/${id}.json`;

/** One replayed path as lines of JSON text, compared byte for byte. */
export interface ReplayedPath {
  name: string;
  events: string;
  state: string;
  outcome: string;
}

export interface Replay {
  /** What the path search says about the drill (node counts excluded: merging may change them). */
  stats: string;
  paths: ReplayedPath[];
}

function statsText(stats: ExploreResult): string {
  return JSON.stringify({
    paths: stats.paths,
    bestTotal: stats.bestTotal,
    worstTotal: stats.worstTotal,
    minScore: stats.minScore,
    bestPath: stats.bestPath,
    worstPath: stats.worstPath,
    shown: [...stats.shown].sort(),
    endingsReached: [...stats.endingsReached].sort(),
    earliestFlag: stats.earliestFlag,
    meetable: [...stats.meetable].sort(),
    problems: stats.problems,
  });
}

/** A random path with facilitator skips (5 % of steps) through the reducer, checked on the machine. */
function skippingPath(drill: Drill, seed: number): { events: TeamEvent[]; state: TeamState } {
  const random = seededRandom(seed);
  const stepper = stepperOf(compileDrill(drill));
  let snapshot = stepper.initial();
  let state = startState(drill);
  const events: TeamEvent[] = [];
  while (state.cursor.inject !== undefined) {
    const options = choicesAt(drill, state);
    const event: TeamEvent = random() < 0.05 ? { type: 'SKIP' } : options[Math.floor(random() * options.length)]!;
    events.push(event);
    state = step(drill, state, event)!;
    snapshot = stepper.next(snapshot, event);
    if (JSON.stringify(snapshot.context) !== JSON.stringify(state))
      throw new Error(`machine and reducer differ at seed ${seed}`);
  }
  return { events, state };
}

/** Replays one format-1 drill. */
export function replay(id: string): Replay {
  const result = checkDrillFile(`test/fixtures/format1/${id}.yaml`);
  if (!result.drill || !result.stats) throw new Error(`${id} does not check clean`);
  const { drill, stats } = result;
  const record = (name: string, events: TeamEvent[], state: TeamState): ReplayedPath => {
    const outcome = outcomeOf(drill, stats, state);
    return { name, events: JSON.stringify(events), state: JSON.stringify(state), outcome: JSON.stringify(outcome) };
  };
  const strategies: Array<[string, Strategy]> = [
    ['best', { kind: 'best' }],
    ['worst', { kind: 'worst' }],
    ...Array.from({ length: 50 }, (_, i): [string, Strategy] => [`random:${i + 1}`, { kind: 'random', seed: i + 1 }]),
  ];
  const paths = strategies.map(([name, strategy]) => {
    const { events, state } = play(drill, stats, strategy);
    let reduced = startState(drill);
    for (const event of events) reduced = step(drill, reduced, event)!;
    if (JSON.stringify(reduced) !== JSON.stringify(state)) throw new Error(`${id} ${name}: machine and reducer differ`);
    return record(name, events, state);
  });
  for (let seed = 1; seed <= 10; seed++) {
    const { events, state } = skippingPath(drill, 500 + seed);
    paths.push(record(`skips:${500 + seed}`, events, state));
  }
  return { stats: statsText(stats), paths };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--write')) {
  for (const id of FORMAT1_DRILLS) {
    writeFileSync(goldenFile(id), `${JSON.stringify(replay(id), null, 1)}\n`);
    console.log(`wrote ${goldenFile(id)}`);
  }
}
