import { getInitialSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileDrill, machineConfig, referencedNames } from '../../server/engine/machine.ts';
import { loadClean, loadText, MINI, scenarioFiles, TIMELINE, TIMELINE_WAITING_WHEN } from './helpers.ts';

describe('compiling a drill to an xstate machine', () => {
  const drills = () => [loadClean(MINI), loadText(TIMELINE), ...scenarioFiles().map(loadClean)];

  it('every guard and action the config names is implemented in setup()', () => {
    for (const { drill } of drills()) {
      const machine = compileDrill(drill);
      const { guards, actions } = referencedNames(machineConfig(drill));
      expect(actions.size).toBeGreaterThan(0);
      for (const name of guards) expect(Object.keys(machine.implementations.guards), name).toContain(name);
      for (const name of actions) expect(Object.keys(machine.implementations.actions), name).toContain(name);
    }
  });

  it('finds names wherever the config uses them (transition actions and guards)', () => {
    const { guards, actions } = referencedNames(machineConfig(loadText(TIMELINE_WAITING_WHEN).drill));
    expect([...guards].sort()).toEqual(['leadsTo']);
    expect([...actions].sort()).toEqual(['advance']);
  });

  it('refuses a config naming an unknown action or guard', () => {
    const { drill } = loadClean(MINI);
    const withAction = machineConfig(drill);
    (withAction.states.alert as { entry: unknown }).entry = { type: 'markInject', params: { inject: 'alert' } };
    expect(() => compileDrill(drill, withAction)).toThrow('machine refers to unknown action "markInject"');
    const onWrap = machineConfig(drill);
    (onWrap.states.wrap as { on: { CONTINUE: Array<{ actions: { type: string } }> } }).on.CONTINUE[0]!.actions.type =
      'advanc';
    expect(() => compileDrill(drill, onWrap)).toThrow('machine refers to unknown action "advanc"');

    const withGuard = machineConfig(drill);
    const choose = (withGuard.states.alert as { on: { CHOOSE: Array<{ guard: { type: string } }> } }).on.CHOOSE;
    choose[0]!.guard.type = 'leadTo';
    expect(() => compileDrill(drill, withGuard)).toThrow('machine refers to unknown guard "leadTo"');
  });

  it('has one state per inject and ending and starts on the first inject', () => {
    const { drill } = loadClean(MINI);
    const machine = compileDrill(drill);
    const stories = Object.keys(machine.states).filter((id) => !id.startsWith('~'));
    expect(stories.sort()).toEqual(['alert', 'bad-end', 'good-end', 'pipeline', 'wrap']);
    const snapshot = getInitialSnapshot(machine);
    expect(snapshot.value).toBe('alert');
    expect(snapshot.context.cursor).toEqual({ inject: 'alert' });
    expect(machine.states['good-end']!.type).toBe('final');
  });

  it('gives a move that can end in more than one place one guarded transition per place, and no eventless ones', () => {
    const config = machineConfig(loadText(TIMELINE).drill);
    expect(JSON.stringify(config)).not.toContain('"always"');
    expect(Object.keys(config.states).filter((id) => id.startsWith('~'))).toEqual([]);
    // "exposure" has a `when`: a move towards it ends there or, passed over, at "later".
    type Move = { target: string; guard: { params: { option?: string; target: string } } };
    const first = config.states.first as { on: { CHOOSE: Move[] } };
    expect(first.on.CHOOSE.map((t) => t.target)).toEqual([
      'exposure',
      'later',
      'exposure',
      'later',
      'exposure',
      'later',
    ]);
    for (const move of first.on.CHOOSE) expect(move.guard.params.target).toBe(move.target);
    const exposure = config.states.exposure as { on: { CHOOSE: Move[] } };
    expect(exposure.on.CHOOSE.map((t) => t.target)).toEqual(['later', 'later']);
  });

  it('uses no delayed (after) transitions: deadlines are events', () => {
    for (const { drill } of drills()) expect(JSON.stringify(machineConfig(drill))).not.toContain('"after"');
  });
});
