/**
 * Engine benchmark: full playthroughs per second of each drill on one core, with seeded random
 * choices, counted against the process's CPU time (so other work on the machine does not
 * count against it). Three paths:
 *  - machine: the compiled xstate machine stepped purely (machine-step.ts), as the server steps
 *    every team and as playthrough.play (the CLI) runs a drill;
 *  - actor: the same machine in a live actor (createActor + send);
 *  - reducer: the pure functions in team-state.ts (what the path search runs).
 * Goal from issue 2: at least 5,000 playthroughs per second on one core; judged on the machine
 * path, since that is what the server runs.
 */
import { readdirSync } from 'node:fs';
import { createActor } from 'xstate';
import { loadDrill } from '../server/engine/check.ts';
import type { Drill } from '../server/engine/drill.ts';
import { choicesAt } from '../server/engine/explore.ts';
import { compileDrill } from '../server/engine/machine.ts';
import { stepperOf } from '../server/engine/machine-step.ts';
import { seededRandom } from '../server/engine/playthrough.ts';
import { startState, step } from '../server/engine/team-state.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

export const GOAL_PER_SECOND = 5_000;

interface Measure {
  playthroughs: number;
  steps: number;
  seconds: number;
  perSecond: number;
  microsPerStep: number;
}

/** CPU seconds this process has used. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Runs `once(seed)` (returning its step count) for about `seconds` of CPU time, after a warm-up
 * of `warmup` CPU seconds (by time, not by count: a short count left the JIT cold in quick runs).
 */
function measure(once: (seed: number) => number, seconds: number, warmup: number): Measure {
  const warmStart = cpuSeconds();
  for (let seed = 1; cpuSeconds() - warmStart < warmup; seed++) once(seed);
  let playthroughs = 0;
  let steps = 0;
  const start = cpuSeconds();
  let secs = 0;
  while (secs < seconds) {
    for (let i = 0; i < 20; i++) steps += once(1000 + playthroughs++);
    secs = cpuSeconds() - start;
  }
  return { playthroughs, steps, seconds: secs, perSecond: playthroughs / secs, microsPerStep: (secs * 1e6) / steps };
}

/** One full playthrough on the compiled machine; returns the number of events sent. */
export function machinePlaythrough(drill: Drill, machine: ReturnType<typeof compileDrill>, seed: number): number {
  const random = seededRandom(seed);
  const stepper = stepperOf(machine);
  let snapshot = stepper.initial();
  let steps = 0;
  while (snapshot.status === 'active') {
    const options = choicesAt(drill, snapshot.context);
    snapshot = stepper.next(snapshot, options[Math.floor(random() * options.length)]!);
    steps++;
  }
  return steps;
}

/** The same playthrough in a live actor (createActor + send). */
export function actorPlaythrough(drill: Drill, machine: ReturnType<typeof compileDrill>, seed: number): number {
  const random = seededRandom(seed);
  const actor = createActor(machine).start();
  let steps = 0;
  for (let snapshot = actor.getSnapshot(); snapshot.status === 'active'; snapshot = actor.getSnapshot()) {
    const options = choicesAt(drill, snapshot.context);
    actor.send(options[Math.floor(random() * options.length)]!);
    steps++;
  }
  actor.stop();
  return steps;
}

/** The same playthrough on the pure reducer. */
export function reducerPlaythrough(drill: Drill, seed: number): number {
  const random = seededRandom(seed);
  let state = startState(drill);
  let steps = 0;
  while (state.cursor.inject !== undefined) {
    const options = choicesAt(drill, state);
    state = step(drill, state, options[Math.floor(random() * options.length)]!)!;
    steps++;
  }
  return steps;
}

function drillFiles(): string[] {
  const scenarios = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `scenarios/${f}`);
  return ['test/fixtures/valid/mini.yaml', ...scenarios];
}

export const engineBench: BenchPart = {
  name: 'engine',
  description: 'full playthroughs per second per drill, one core, seeded random choices',
  async run(options: BenchOptions): Promise<BenchResult> {
    const seconds = options.quick ? 0.5 : 2;
    const warmup = options.quick ? 0.3 : 0.5;
    const rows: BenchResult['tables'][number]['rows'] = [];
    const drills: unknown[] = [];
    const notes: string[] = [];
    for (const file of drillFiles()) {
      const { drill } = loadDrill(file);
      const machine = compileDrill(drill);
      const viaMachine = measure((seed) => machinePlaythrough(drill, machine, seed), seconds, warmup);
      const viaActor = measure((seed) => actorPlaythrough(drill, machine, seed), seconds, warmup);
      const viaReducer = measure((seed) => reducerPlaythrough(drill, seed), seconds, warmup);
      const meets = viaMachine.perSecond >= GOAL_PER_SECOND;
      rows.push([
        file,
        drill.order.length,
        Math.round(viaMachine.steps / viaMachine.playthroughs),
        Math.round(viaMachine.perSecond),
        Math.round(viaMachine.microsPerStep * 10) / 10,
        Math.round(viaActor.perSecond),
        Math.round(viaActor.microsPerStep * 10) / 10,
        Math.round(viaReducer.perSecond),
        Math.round(viaReducer.microsPerStep * 10) / 10,
        meets ? 'yes' : 'NO',
      ]);
      drills.push({
        file,
        id: drill.scenario.id,
        injects: drill.order.length,
        machine: viaMachine,
        actor: viaActor,
        reducer: viaReducer,
        meetsGoal: meets,
      });
      if (!meets)
        notes.push(
          `${file}: machine path ${Math.round(viaMachine.perSecond)}/s is below the goal of ${GOAL_PER_SECOND}/s (reducer ${Math.round(viaReducer.perSecond)}/s)`,
        );
    }
    return {
      tables: [
        {
          title: `Playthroughs per second (goal: ${GOAL_PER_SECOND.toLocaleString('en-US')}/s on one core; goal column: the machine path, which the server runs)`,
          columns: [
            'drill',
            'injects',
            'steps/run',
            'machine/s',
            'µs/step',
            'actor/s',
            'µs/step',
            'reducer/s',
            'µs/step',
            'goal',
          ],
          rows,
        },
      ],
      notes: [
        'machine = pure xstate steps with one inert scope (server, CLI); actor = createActor + send; reducer = team-state.step.',
        'Rates are per CPU-second of this process, so they hold for one core even on a busy machine.',
        ...notes,
      ],
      data: { goalPerSecond: GOAL_PER_SECOND, secondsPerMeasure: seconds, drills },
      summary: (drills as Array<{ file: string; machine: Measure; actor: Measure; reducer: Measure }>).flatMap((d) => {
        const name = d.file.replace(/^.*\//, '');
        const row = (path: string, m: Measure) => ({
          metric: `playthroughs/s, ${name} (${path})`,
          value: Math.round(m.perSecond),
        });
        // Judged on the path the server runs; the other two are for comparison.
        const judged = {
          ...row('xstate machine, as the server runs it', d.machine),
          goal: `≥ ${GOAL_PER_SECOND.toLocaleString('en-US')}`,
          met: d.machine.perSecond >= GOAL_PER_SECOND,
        };
        return [judged, row('xstate live actor', d.actor), row('pure reducer', d.reducer)];
      }),
    };
  },
};
