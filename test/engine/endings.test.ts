/** Every path plays to an ending: exhaustively for the mini drill, by search plus many seeded runs for the real drills. */
import { describe, expect, it } from 'vitest';
import { play } from '../../server/engine/playthrough.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { allPaths, loadClean, MINI, random, scenarioFiles } from './helpers.ts';

const RANDOM_RUNS = 2_000;

describe('every path ends', () => {
  it('mini drill: every one of its paths, enumerated by brute force, reaches an ending', () => {
    const { drill, stats } = loadClean(MINI);
    const paths = allPaths(drill);
    expect(paths.length).toBe(12);
    expect(stats.paths).toBe(paths.length);
    for (const { state } of paths) expect(Object.keys(drill.endings)).toContain(state.cursor.ending);
    const endings = new Set(paths.map((p) => p.state.cursor.ending));
    expect([...endings].sort()).toEqual(['bad-end', 'good-end']);
  });

  it('the issue asks for the two drills: scenarios/ holds at least two', () => {
    expect(scenarioFiles().length).toBeGreaterThanOrEqual(2);
  });

  for (const file of scenarioFiles()) {
    describe(file, () => {
      it('the path search finds no loop or dead end, shows every inject and reaches every ending', () => {
        const { drill, stats } = loadClean(file);
        expect(stats.problems).toEqual([]);
        expect(stats.paths).toBeGreaterThan(1);
        expect([...stats.shown].sort()).toEqual([...drill.order].sort());
        expect([...stats.endingsReached].sort()).toEqual(Object.keys(drill.endings).sort());
      });

      it(`${RANDOM_RUNS} seeded random playthroughs on the machine all reach an ending`, () => {
        const { drill, stats } = loadClean(file);
        const machine = compileDrill(drill);
        const reached = new Set<string>();
        for (let seed = 1; seed <= RANDOM_RUNS; seed++) {
          const { state } = play(drill, stats, random(seed), machine);
          expect(state.cursor.ending, `seed ${seed}`).toBeDefined();
          reached.add(state.cursor.ending!);
        }
        expect(reached.size).toBeGreaterThan(1);
      });
    });
  }
});
