/**
 * Format 1 keeps playing exactly as before format 2: both bundled drills as they were (copies in
 * test/fixtures/format1/) replay best, worst, 50 seeded random paths and 10 paths with skips, and
 * the events, final team states and outcomes match the goldens captured from the engine before
 * format 2, byte for byte.
 *
 * One deliberate change (issue 12, item 9): a capability's "best possible" (`max`, and with it the
 * HSEEP rating computed from it) is now the capability's score on the best path, which one path
 * really reaches, rather than the highest score any path reaches in that capability. Outcomes are
 * compared byte for byte with those two fields set aside, and the new `max` is checked on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../server/engine/outcome.ts';
import { FORMAT1_DRILLS, goldenFile, replay, type Replay } from './format1-replay.ts';

/** An outcome's JSON without the capability maxima and ratings (see the header). */
function withoutMaxima(text: string): string {
  const outcome = JSON.parse(text) as Outcome;
  return JSON.stringify({
    ...outcome,
    capabilities: outcome.capabilities.map(({ max: _max, rating: _rating, ...rest }) => rest),
  });
}

describe('format-1 drills replay byte for byte', () => {
  for (const id of FORMAT1_DRILLS) {
    it(`${id}: best, worst, 50 random and 10 skipping paths`, () => {
      const golden = JSON.parse(readFileSync(goldenFile(id), 'utf8')) as Replay;
      const now = replay(id);
      expect(now.stats).toBe(golden.stats);
      expect(now.paths.map((p) => p.name)).toEqual(golden.paths.map((p) => p.name));
      now.paths.forEach((path, i) => {
        const before = golden.paths[i]!;
        expect(path.events, `${id} ${path.name} events`).toBe(before.events);
        expect(path.state, `${id} ${path.name} state`).toBe(before.state);
        expect(withoutMaxima(path.outcome), `${id} ${path.name} outcome`).toBe(withoutMaxima(before.outcome));
      });
      // The best path's capability scores are the maxima every outcome shows.
      const best = JSON.parse(now.paths[0]!.outcome) as Outcome;
      for (const path of now.paths) {
        const outcome = JSON.parse(path.outcome) as Outcome;
        expect(outcome.capabilities.map((c) => c.max)).toEqual(best.capabilities.map((c) => c.score));
      }
    });
  }
});
