/**
 * Format 1 keeps playing exactly as before format 2: both bundled drills as they were (copies in
 * test/fixtures/format1/) replay best, worst, 50 seeded random paths and 10 paths with skips, and
 * the events, final team states and outcomes match the goldens captured from the engine before
 * format 2, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT1_DRILLS, goldenFile, replay, type Replay } from './format1-replay.ts';

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
        expect(path.outcome, `${id} ${path.name} outcome`).toBe(before.outcome);
      });
    });
  }
});
