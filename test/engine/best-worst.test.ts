/** The best path reaches the maximum the search reports and meets every expectation; the worst misses some. */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { CAPABILITIES } from '../../server/engine/vocabulary.ts';
import { allPaths, loadClean, MINI, scenarioFiles, type Loaded } from './helpers.ts';

function bestAndWorst({ drill, stats }: Loaded) {
  const best = outcomeOf(drill, stats, play(drill, stats, { kind: 'best' }).state);
  const worst = outcomeOf(drill, stats, play(drill, stats, { kind: 'worst' }).state);
  return { best, worst, stats };
}

describe('best and worst paths', () => {
  it('mini drill: the best and worst totals are the true extremes over all 12 paths', () => {
    const loaded = loadClean(MINI);
    const totals = allPaths(loaded.drill).map(({ state }) => CAPABILITIES.reduce((s, c) => s + state.score[c], 0));
    const { best, worst, stats } = bestAndWorst(loaded);
    expect(stats.bestTotal).toBe(Math.max(...totals));
    expect(stats.worstTotal).toBe(Math.min(...totals));
    expect(best.total).toEqual({ score: 8, max: 8 });
    expect(worst.total.score).toBe(-5);
    expect(best.expectations.every((e) => e.met)).toBe(true);
    expect(best.ending?.id).toBe('good-end');
    expect(worst.expectations.filter((e) => !e.met).map((e) => e.id)).toContain('pause-it');
  });

  it('mini drill: per-capability maxima are the best any single path reaches', () => {
    const loaded = loadClean(MINI);
    const paths = allPaths(loaded.drill);
    for (const c of CAPABILITIES) {
      expect(loaded.stats.maxScore[c], c).toBe(Math.max(...paths.map((p) => p.state.score[c])));
      expect(loaded.stats.minScore[c], c).toBe(Math.min(...paths.map((p) => p.state.score[c])));
    }
  });

  for (const file of scenarioFiles()) {
    it(`${file}: best path scores the maximum and meets every expectation; worst path misses some`, () => {
      const { best, worst, stats } = bestAndWorst(loadClean(file));
      expect(best.finished).toBe(true);
      expect(best.total.score).toBe(stats.bestTotal);
      expect(best.total.max).toBe(stats.bestTotal);
      expect(best.expectations.filter((e) => !e.met).map((e) => e.id)).toEqual([]);
      expect(worst.finished).toBe(true);
      expect(worst.total.score).toBe(stats.worstTotal);
      expect(worst.total.score).toBeLessThan(best.total.score);
      expect(worst.expectations.filter((e) => !e.met).length).toBeGreaterThan(0);
    });
  }
});
