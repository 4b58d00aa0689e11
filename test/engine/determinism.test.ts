/** The same drill and the same choices give the same outcome, byte for byte, in this process and a fresh one. */
// `run --json` prints the outcome, the final estate and the events; this builds the same object.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play, type Strategy } from '../../server/engine/playthrough.ts';
import { choiceIds, loadClean, MINI, random, scenarioFiles } from './helpers.ts';

function outcomeJson(file: string, strategy: Strategy): string {
  const { drill, stats } = loadClean(file);
  const { state, events } = play(drill, stats, strategy);
  return JSON.stringify({ ...outcomeOf(drill, stats, state), estate: state.estate, events }, null, 2);
}

describe('determinism', { timeout: 120_000 }, () => {
  for (const file of [MINI, ...scenarioFiles()]) {
    it(`${file}: the same choices twice give identical outcome JSON`, () => {
      for (const seed of [1, 7, 42, 2024]) {
        const first = outcomeJson(file, random(seed));
        expect(outcomeJson(file, random(seed))).toBe(first);
        // Replaying the choices as explicit ids gives the same bytes again.
        const { drill, stats } = loadClean(file);
        const ids = choiceIds(play(drill, stats, random(seed)).events);
        expect(outcomeJson(file, { kind: 'ids', ids })).toBe(first);
      }
    });
  }

  it('a fresh process prints the same bytes as this one, twice', { timeout: 120_000 }, () => {
    const file = scenarioFiles()[0] ?? MINI;
    const run = () =>
      execFileSync('node', ['bin/breachdrill.js', 'run', file, '--choices', 'random:7', '--json'], {
        encoding: 'utf8',
      });
    const first = run();
    expect(run()).toBe(first);
    expect(first).toBe(`${outcomeJson(file, random(7))}\n`);
  });
});
