/**
 * Headless play: a drill run through its compiled xstate machine with a choice strategy
 * (best, worst, seeded random, or a list of option ids). Used by `breachdrill run`, the tests
 * and the engine benchmark.
 */
import type { Drill } from './drill.ts';
import { choicesAt, type ExploreResult } from './explore.ts';
import { compileDrill, type DrillMachine } from './machine.ts';
import { stepperOf } from './machine-step.ts';
import type { TeamEvent, TeamState } from './team-state.ts';

export type Strategy =
  { kind: 'best' } | { kind: 'worst' } | { kind: 'random'; seed: number } | { kind: 'ids'; ids: string[] };

/** Parses `best`, `worst`, `random`, `random:SEED` or `ID,ID,...` (`-` for no decision). */
export function parseStrategy(text: string): Strategy {
  if (text === 'best' || text === 'worst') return { kind: text };
  const random = /^random(?::(\d+))?$/.exec(text);
  if (random) return { kind: 'random', seed: Number(random[1] ?? 1) };
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new Error(`--choices: expected best, worst, random[:SEED] or a list of option ids, found "${text}"`);
  return { kind: 'ids', ids };
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Playthrough {
  state: TeamState;
  events: TeamEvent[];
}

/** Plays a drill to its end on the compiled machine. Throws on an id that does not fit. */
export function play(
  drill: Drill,
  stats: ExploreResult,
  strategy: Strategy,
  machine: DrillMachine = compileDrill(drill),
): Playthrough {
  // Pure steps on the machine, as the server takes them for every team.
  const stepper = stepperOf(machine);
  let snapshot = stepper.initial();
  const events: TeamEvent[] = [];
  const planned = strategy.kind === 'best' ? stats.bestPath : strategy.kind === 'worst' ? stats.worstPath : undefined;
  const random = strategy.kind === 'random' ? seededRandom(strategy.seed) : undefined;
  const ids = strategy.kind === 'ids' ? [...strategy.ids] : [];
  for (let guard = 0; snapshot.status === 'active' && guard < 10_000; guard++) {
    const state = snapshot.context;
    const options = choicesAt(drill, state);
    let event: TeamEvent | undefined;
    if (planned) event = planned[events.length];
    else if (random) event = options[Math.floor(random() * options.length)];
    else if (options[0]?.type === 'CONTINUE') event = options[0];
    else {
      const id = ids.shift();
      const inject = state.cursor.inject!;
      if (id === undefined)
        throw new Error(
          `ran out of choices at inject "${inject}"; expected one of ${options.map(describe).join(', ')}`,
        );
      event = id === '-' ? { type: 'NO_DECISION' } : { type: 'CHOOSE', option: id };
      if (!options.some((o) => describe(o) === describe(event!))) {
        throw new Error(
          `"${id}" is not an option at inject "${inject}"; expected one of ${options.map(describe).join(', ')}`,
        );
      }
    }
    if (!event) throw new Error(`no choice available at "${state.cursor.inject}"`);
    events.push(event);
    snapshot = stepper.next(snapshot, event);
  }
  if (ids.length) throw new Error(`the drill ended with ${ids.length} choice(s) unused: ${ids.join(',')}`);
  return { state: snapshot.context, events };
}

function describe(event: TeamEvent): string {
  return event.type === 'CHOOSE' ? event.option : event.type === 'NO_DECISION' ? '-' : event.type.toLowerCase();
}
