/** HSEEP ratings at the documented thresholds (outcome.ts): P >= 0.8 and none missed, S >= 0.55 and <= 1 missed, M >= 0.25 or something met, else U. */
import { describe, expect, it } from 'vitest';
import { hseepRating, outcomeOf } from '../../server/engine/outcome.ts';
import { reduce, loadClean, MINI, choose } from './helpers.ts';

describe('HSEEP rating', () => {
  it('P needs a ratio of at least 0.8 and no missed expectation', () => {
    expect(hseepRating(8, 10, 2, 0)).toBe('P');
    expect(hseepRating(10, 10, 0, 0)).toBe('P');
    expect(hseepRating(79, 100, 2, 0)).toBe('S');
    expect(hseepRating(10, 10, 3, 1)).toBe('S');
  });

  it('S needs a ratio of at least 0.55 and at most one missed', () => {
    expect(hseepRating(11, 20, 0, 1)).toBe('S');
    expect(hseepRating(54, 100, 0, 1)).toBe('M');
    expect(hseepRating(10, 10, 0, 2)).toBe('M');
  });

  it('M needs a ratio of at least 0.25, or at least one expectation met', () => {
    expect(hseepRating(1, 4, 0, 3)).toBe('M');
    expect(hseepRating(24, 100, 0, 3)).toBe('U');
    expect(hseepRating(24, 100, 1, 3)).toBe('M');
    expect(hseepRating(0, 10, 1, 5)).toBe('M');
  });

  it('a negative score counts as zero; with nothing to score, missing an expectation is U', () => {
    expect(hseepRating(-5, 10, 0, 1)).toBe('U');
    expect(hseepRating(-5, 10, 1, 1)).toBe('M');
    expect(hseepRating(0, 0, 1, 0)).toBe('P');
    expect(hseepRating(0, 0, 0, 1)).toBe('U');
  });

  it('an outcome rates only the capabilities the drill exercises', () => {
    const { drill, stats } = loadClean(MINI);
    const states = reduce(drill, [choose('delete'), choose('pause'), { type: 'CONTINUE' }]);
    const outcome = outcomeOf(drill, stats, states[states.length - 1]!);
    const rating = Object.fromEntries(outcome.capabilities.map((c) => [c.id, c.rating]));
    // containment 2 of 3 (0.67), contain-fast met; evidence -3 of 3, two expectations missed.
    expect(rating).toEqual({
      detection: null,
      containment: 'S',
      evidence: 'U',
      recovery: 'P',
      communication: null,
      coordination: null,
    });
  });
});
