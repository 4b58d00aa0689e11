/**
 * server/engine/machine-step.ts steps drill machines by writing xstate's private `_snapshot`
 * field of an inert actor. That is safe only for the xstate version it was checked against, so
 * package.json pins xstate exactly, and this file fails when the pin is loosened or the private
 * field moves. machine-agreement.test.ts then checks every step against getNextSnapshot.
 */
import { readFileSync } from 'node:fs';
import { createActor, getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { choicesAt } from '../../server/engine/explore.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { stepperOf } from '../../server/engine/machine-step.ts';
import { startState } from '../../server/engine/team-state.ts';
import { loadClean, MINI } from './helpers.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const installed = (
  JSON.parse(readFileSync(new URL('../../node_modules/xstate/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('xstate pin (machine-step.ts writes a private field)', () => {
  it('package.json names one exact xstate version, and it is the one installed', () => {
    expect(pkg.dependencies.xstate).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pkg.dependencies.xstate);
  });

  it('an actor still keeps its snapshot in `_snapshot`, and the stepper gives what getNextSnapshot gives', () => {
    const { drill } = loadClean(MINI);
    const machine = compileDrill(drill);
    expect(Object.hasOwn(createActor(machine), '_snapshot')).toBe(true);
    const stepper = stepperOf(machine);
    const event = choicesAt(drill, startState(drill))[0]!;
    const stepped = stepper.next(stepper.initial(), event);
    const expected = getNextSnapshot(machine, getInitialSnapshot(machine), event);
    expect(stepped.value).not.toEqual(getInitialSnapshot(machine).value);
    expect([stepped.value, stepped.context]).toEqual([expected.value, expected.context]);
  });
});
