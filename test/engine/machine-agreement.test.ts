/**
 * The xstate machine (the runtime path) and the pure reducer in team-state.ts (used by the path
 * search) must agree exactly: same state after every event, on many seeded random paths that
 * include no-decisions and facilitator skips. The server's cached-scope stepper (machine-step.ts)
 * must give what xstate's own getNextSnapshot gives.
 */
import { readFileSync } from 'node:fs';
import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Drill } from '../../server/engine/drill.ts';
import { choicesAt } from '../../server/engine/explore.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { stepperOf } from '../../server/engine/machine-step.ts';
import { seededRandom } from '../../server/engine/playthrough.ts';
import { startState, step, type TeamEvent } from '../../server/engine/team-state.ts';
import { loadClean, loadText, MINI, scenarioFiles, TIMELINE, TIMELINE_WAITING_WHEN } from './helpers.ts';

const PATHS = 300;

function agreeOnRandomPaths(drill: Drill, paths: number): number {
  const machine = compileDrill(drill);
  const stepper = stepperOf(machine);
  let steps = 0;
  for (let seed = 1; seed <= paths; seed++) {
    const random = seededRandom(seed);
    let snapshot = getInitialSnapshot(machine);
    let stepped = stepper.initial();
    let state = startState(drill);
    expect(JSON.stringify(snapshot.context)).toBe(JSON.stringify(state));
    expect(JSON.stringify(stepped.context)).toBe(JSON.stringify(state));
    while (snapshot.status === 'active') {
      const options: TeamEvent[] = [...choicesAt(drill, state), { type: 'SKIP' }];
      // Skips are rare in play; give them a small share so long drills still reach late injects.
      const event =
        random() < 0.05 ? options[options.length - 1]! : options[Math.floor(random() * (options.length - 1))]!;
      const next = step(drill, state, event);
      expect(next, `${drill.scenario.id} seed ${seed}: ${JSON.stringify(event)}`).toBeDefined();
      snapshot = getNextSnapshot(machine, snapshot, event);
      stepped = stepper.next(stepped, event);
      state = next!;
      expect(JSON.stringify(snapshot.context), `${drill.scenario.id} seed ${seed} step ${steps}`).toBe(
        JSON.stringify(state),
      );
      expect(snapshot.value).toBe(state.cursor.inject ?? state.cursor.ending);
      // the server's pure stepper gives what xstate's getNextSnapshot gives
      expect(JSON.stringify(stepped.context)).toBe(JSON.stringify(snapshot.context));
      expect([stepped.value, stepped.status]).toEqual([snapshot.value, snapshot.status]);
      steps++;
    }
    expect(state.cursor.ending).toBeDefined();
  }
  return steps;
}

describe('machine and reducer agree', () => {
  it(`mini drill: ${PATHS} seeded random paths, identical state after every event`, () => {
    expect(agreeOnRandomPaths(loadClean(MINI).drill, PATHS)).toBeGreaterThan(PATHS);
  });

  it(`timeline drill (when, at, clocks): ${PATHS} seeded random paths`, () => {
    expect(agreeOnRandomPaths(loadText(TIMELINE).drill, PATHS)).toBeGreaterThan(PATHS);
  });

  it(`timeline drill with an inject that has both when and at: ${PATHS} seeded random paths`, () => {
    expect(agreeOnRandomPaths(loadText(TIMELINE_WAITING_WHEN).drill, PATHS)).toBeGreaterThan(PATHS);
  });

  for (const file of scenarioFiles()) {
    it(`${file}: ${PATHS} seeded random paths`, () => {
      expect(agreeOnRandomPaths(loadClean(file).drill, PATHS)).toBeGreaterThan(PATHS);
    });
  }

  it('both refuse an event the current inject does not offer', () => {
    const { drill } = loadClean(MINI);
    const machine = compileDrill(drill);
    const start = getInitialSnapshot(machine);
    for (const event of [{ type: 'CHOOSE', option: 'pause' }, { type: 'CONTINUE' }] as TeamEvent[]) {
      expect(step(drill, startState(drill), event)).toBeUndefined();
      const after = getNextSnapshot(machine, start, event);
      expect(after.value).toBe('alert');
      expect(after.context).toEqual(start.context);
    }
  });

  it('a skip of a last inject whose options each name their ending goes where no decision leads', () => {
    const text = readFileSync(MINI, 'utf8').replace(
      '        next: good-end\n',
      '        decision:\n          prompt: Sign off?\n          deciders: [ir-lead]\n          discuss: 1m\n          options:\n            - { id: sign, label: Sign, next: good-end }\n            - { id: refuse, label: Refuse, next: bad-end }\n          no_decision: { next: bad-end }\n',
    );
    const { drill } = loadText(text);
    const machine = compileDrill(drill);
    let snapshot = getInitialSnapshot(machine);
    let state = startState(drill);
    for (const event of [
      { type: 'CHOOSE', option: 'snapshot' },
      { type: 'CHOOSE', option: 'pause' },
      { type: 'SKIP' },
    ] as TeamEvent[]) {
      snapshot = getNextSnapshot(machine, snapshot, event);
      state = step(drill, state, event)!;
    }
    expect(state.cursor).toEqual({ ending: 'bad-end' });
    expect(snapshot.value).toBe('bad-end');
    expect(JSON.stringify(snapshot.context)).toBe(JSON.stringify(state));
  });
});
