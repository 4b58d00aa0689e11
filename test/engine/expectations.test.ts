/** Expectation kinds: flag (optionally by a sim time), before, never, chose. */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { choose, loadText, reduce, TIMELINE } from './helpers.ts';

const { drill, stats } = loadText(TIMELINE);
const CONTINUE = { type: 'CONTINUE' } as const;
const results = (...events: Parameters<typeof reduce>[1]) => {
  const states = reduce(drill, events);
  const outcome = outcomeOf(drill, stats, states[states.length - 1]!);
  return Object.fromEntries(outcome.expectations.map((e) => [e.id, { met: e.met, at: e.at }]));
};

describe('expectations', () => {
  it('flag by: met when set in time, missed when late or never', () => {
    expect(results(choose('contain'), CONTINUE).fast).toEqual({ met: true, at: 30 });
    expect(results(choose('slow'), CONTINUE).fast).toEqual({ met: false, at: 90 });
    expect(results(choose('leak'), choose('sit'), CONTINUE).fast).toEqual({ met: false, at: null });
  });

  it('before: the first flag set, and earlier than the second if that is ever set', () => {
    expect(results(choose('contain'), CONTINUE).order).toEqual({ met: true, at: 30 });
    // notify sets [notified, contained] in that order: contained came second.
    expect(results(choose('leak'), choose('notify'), CONTINUE).order).toEqual({ met: false, at: 70 });
    expect(results(choose('leak'), choose('sit'), CONTINUE).order).toEqual({ met: false, at: null });
  });

  it('never: met only at the end of a drill in which the flag was never set', () => {
    expect(results(choose('contain'), CONTINUE)['no-leak']).toEqual({ met: true, at: null });
    expect(results(choose('contain'))['no-leak']).toEqual({ met: false, at: null });
    expect(results(choose('leak'), choose('notify'), CONTINUE)['no-leak']).toEqual({ met: false, at: 10 });
  });

  it('chose: met when that option was chosen, at the sim time its action is done', () => {
    expect(results(choose('leak'), choose('notify'), CONTINUE).told).toEqual({ met: true, at: 70 });
    expect(results(choose('leak'), choose('sit'), CONTINUE).told).toEqual({ met: false, at: null });
    expect(results(choose('leak'), { type: 'NO_DECISION' }, CONTINUE).told).toEqual({ met: false, at: null });
  });

  it('the path search knows which expectations some path can meet', () => {
    expect([...stats.meetable].sort()).toEqual(['fast', 'no-leak', 'order', 'told']);
    expect(stats.earliestFlag).toEqual({ contained: 30, exposed: 10, notified: 70 });
  });
});
