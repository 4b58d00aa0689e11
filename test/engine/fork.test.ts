/**
 * What if (issue 17): a fork at any decision, under each policy, reaches an ending and is exactly
 * the run a team would get by playing the spliced choices on the compiled machine.
 */
import { describe, expect, it } from 'vitest';
import { compareFork } from '../../server/engine/fork-compare.ts';
import { decisionSteps, forkTimeline, FORK_POLICIES, replayTimeline } from '../../server/engine/fork.ts';
import { offeredOptions, type TeamEvent } from '../../server/engine/team-state.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean, scenarioFiles, type Loaded } from './helpers.ts';

const BUNDLED = ['scenarios/poisoned-fraud-detector.yaml', 'scenarios/backdoored-registry-model.yaml'];

/** The spliced choices as `run --choices` ids (informing injects continue by themselves). */
const asIds = (events: TeamEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'CHOOSE' ? [e.option] : e.type === 'NO_DECISION' ? ['-'] : []));

function basePaths({ drill, stats }: Loaded): Array<{ name: string; events: TeamEvent[] }> {
  return [
    { name: 'best', events: play(drill, stats, { kind: 'best' }).events },
    { name: 'worst', events: play(drill, stats, { kind: 'worst' }).events },
    { name: 'random:7', events: play(drill, stats, { kind: 'random', seed: 7 }).events },
  ];
}

describe.each(BUNDLED)('what if on %s', { timeout: 120_000 }, (file) => {
  const loaded = loadClean(file);
  const { drill, stats } = loaded;

  it(
    'every decision of the best, worst and a random path forks, under every policy, into an ending equal to a fresh run of the spliced choices',
    { timeout: 180_000 },
    () => {
      const machine = compileDrill(drill);
      let forks = 0;
      for (const base of basePaths(loaded)) {
        const real = replayTimeline(drill, base.events);
        const decisions = decisionSteps(drill, real.steps);
        expect(decisions.length, base.name).toBeGreaterThan(5);
        decisions.forEach((decision, index) => {
          const cut = real.steps.indexOf(decision);
          const before = replayTimeline(drill, base.events.slice(0, cut)).state;
          const taken = decision.event.type === 'CHOOSE' ? decision.event.option : null;
          const others = offeredOptions(drill, decision.inject, before).filter((o) => o.id !== taken);
          for (const other of others) {
            for (const then of FORK_POLICIES) {
              const alt = forkTimeline(drill, base.events, { decision: index + 1, option: other.id, policy: then });
              const events = alt.steps.map((s) => s.event);
              expect(alt.state.cursor.ending, `${base.name} fork ${index + 1}:${other.id} ${then}`).toBeDefined();
              // the story before the fork is the team's own
              expect(events.slice(0, cut)).toEqual(base.events.slice(0, cut));
              expect(events[cut]).toEqual({ type: 'CHOOSE', option: other.id });
              // the same choices played afresh on the compiled xstate machine give the same state
              const fresh = play(drill, stats, { kind: 'ids', ids: asIds(events) }, machine);
              expect(JSON.stringify(fresh.state)).toBe(JSON.stringify(alt.state));
              forks++;
            }
          }
        });
      }
      expect(forks).toBeGreaterThan(100);
    },
  );

  it('the same fork gives the same timeline every time (deterministic)', () => {
    const events = play(drill, stats, { kind: 'random', seed: 11 }).events;
    const real = replayTimeline(drill, events);
    const first = decisionSteps(drill, real.steps)[0]!;
    const option = drill.injects[first.inject]!.inject.decision!.options.find(
      (o) => first.event.type !== 'CHOOSE' || o.id !== first.event.option,
    )!;
    const a = compareFork(drill, stats, events, { decision: 1, option: option.id, policy: 'same' });
    const b = compareFork(drill, stats, events, { decision: 1, option: option.id, policy: 'same' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('the same policy', { timeout: 120_000 }, () => {
  it("keeps the team's own later choices where the story comes to the same inject, so re-taking the played option changes nothing", () => {
    for (const file of BUNDLED) {
      const { drill, stats } = loadClean(file);
      const events = play(drill, stats, { kind: 'random', seed: 3 }).events;
      const decisions = decisionSteps(drill, replayTimeline(drill, events).steps);
      decisions.forEach((d, i) => {
        if (d.event.type !== 'CHOOSE') return;
        const same = compareFork(drill, stats, events, { decision: i + 1, option: d.event.option, policy: 'same' });
        expect(same.differences, `${file} decision ${i + 1}`).toEqual([]);
        expect(same.flipped).toEqual([]);
        expect(same.alternative).toEqual(same.real);
      });
    }
  });
});

describe('comparison', { timeout: 120_000 }, () => {
  it('names the decisions that differ and the expectations that flip, both ways', () => {
    const { drill, stats } = loadClean(BUNDLED[0]!);
    const worst = play(drill, stats, { kind: 'worst' }).events;
    const first = decisionSteps(drill, replayTimeline(drill, worst).steps)[0]!;
    const best = play(drill, stats, { kind: 'best' }).events;
    const bestFirst = decisionSteps(drill, replayTimeline(drill, best).steps)[0]!;
    const option = bestFirst.event.type === 'CHOOSE' ? bestFirst.event.option : '';
    const result = compareFork(drill, stats, worst, { decision: 1, option, policy: 'best' });
    expect(result.fork.inject).toBe(first.inject);
    expect(result.differences[0]).toMatchObject({ inject: first.inject, alternative: { option, kind: 'chosen' } });
    expect(result.alternative.total.score).toBeGreaterThan(result.real.total.score);
    expect(result.flipped.length).toBeGreaterThan(0);
    for (const f of result.flipped) {
      expect(result.real.expectations.find((e) => e.id === f.id)!.met).toBe(f.real);
      expect(result.alternative.expectations.find((e) => e.id === f.id)!.met).toBe(f.alternative);
    }
  });

  it('refuses a decision that does not exist and an option not on offer, saying what was expected', () => {
    const { drill, stats } = loadClean(BUNDLED[1]!);
    const events = play(drill, stats, { kind: 'best' }).events;
    const count = decisionSteps(drill, replayTimeline(drill, events).steps).length;
    expect(() => forkTimeline(drill, events, { decision: count + 1, option: 'x', policy: 'same' })).toThrow(
      `this story has ${count} decisions (1 to ${count})`,
    );
    expect(() => forkTimeline(drill, events, { decision: 0, option: 'x', policy: 'same' })).toThrow(/does not exist/);
    expect(() => forkTimeline(drill, events, { decision: 1, option: 'no-such-option', policy: 'same' })).toThrow(
      /"no-such-option" is not an option at decision 1 \(".+"\); expected one of /,
    );
  });
});

describe('every bundled drill forks', { timeout: 120_000 }, () => {
  it.each(scenarioFiles())(
    '%s: a fork at each decision of the best path reaches an ending under the worst policy',
    (file) => {
      const { drill, stats } = loadClean(file);
      const events = play(drill, stats, { kind: 'best' }).events;
      const real = replayTimeline(drill, events);
      const decisions = decisionSteps(drill, real.steps);
      decisions.forEach((d, i) => {
        const options = drill.injects[d.inject]!.inject.decision!.options;
        const before = replayTimeline(drill, events.slice(0, real.steps.indexOf(d))).state;
        const other =
          offeredOptions(drill, d.inject, before).find((o) => d.event.type !== 'CHOOSE' || o.id !== d.event.option) ??
          options[0]!;
        expect(
          forkTimeline(drill, events, { decision: i + 1, option: other.id, policy: 'worst' }).state.cursor.ending,
        ).toBeDefined();
      });
    },
  );
});
