/** `breachdrill run … --fork N:OPTION --then P` as an author runs it: a real process. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compareFork } from '../../server/engine/fork-compare.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean } from './helpers.ts';

const FILE = 'scenarios/poisoned-fraud-detector.yaml';

function cli(...args: string[]) {
  const result = spawnSync('node', ['bin/breachdrill.js', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Each run is a process that compiles the drill: allow for a loaded machine.
describe('breachdrill run --fork', { timeout: 180_000 }, () => {
  const { drill, stats } = loadClean(FILE);
  const worst = play(drill, stats, { kind: 'worst' }).events;
  const best = play(drill, stats, { kind: 'best' }).events;
  const bestFirst = best.find((e) => e.type === 'CHOOSE');
  const option = bestFirst?.type === 'CHOOSE' ? bestFirst.option : '';

  it('--json gives exactly the comparison the engine computes for the same fork', () => {
    const { code, out, err } = cli(
      'run',
      FILE,
      '--choices',
      'worst',
      '--fork',
      `1:${option}`,
      '--then',
      'best',
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(
      JSON.parse(JSON.stringify(compareFork(drill, stats, worst, { decision: 1, option, policy: 'best' }))),
    );
  });

  it('prints both timelines in words: the fork, ending, score, capabilities, decisions that differ and flipped expectations', () => {
    const { code, out } = cli('run', FILE, '--choices', 'worst', '--fork', `1:${option}`, '--then', 'best');
    expect(code).toBe(0);
    const label = drill.injects[
      Object.keys(drill.injects).find((id) => drill.injects[id]!.inject.decision?.options.some((o) => o.id === option))!
    ]!.inject.decision!.options.find((o) => o.id === option)!.label;
    expect(out).toContain(`What if, at decision 1 (`);
    expect(out).toContain(`"${label}"`);
    expect(out).toContain('then the best option at every later decision?');
    expect(out).toMatch(/^Ending +.+ +.+$/m);
    expect(out).toMatch(/^Score +-?\d+ of \d+ +-?\d+ of \d+$/m);
    expect(out).toMatch(/^ {2}Containment +-?\d+ \([PSMU]\) +-?\d+ \([PSMU]\)$/m);
    expect(out).toContain('Decisions that differ');
    expect(out).toMatch(/(met → missed|missed → met) /);
    expect(out).not.toMatch(/\b\d+ ?min\b/); // durations in the one format (e.g. 1h 20m)
  });

  it('says what was wrong with a fork that does not fit', () => {
    const outOfRange = cli('run', FILE, '--choices', 'worst', '--fork', '99:x');
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.err).toMatch(/decision 99 does not exist: this story has \d+ decisions/);
    const malformed = cli('run', FILE, '--choices', 'worst', '--fork', 'first');
    expect(malformed.err).toContain('--fork: expected DECISION:OPTION');
    const policy = cli('run', FILE, '--choices', 'worst', '--fork', `1:${option}`, '--then', 'luck');
    expect(policy.err).toContain('--then: expected one of same, best, worst, found "luck"');
    const lonely = cli('run', FILE, '--choices', 'worst', '--then', 'best');
    expect(lonely.code).toBe(2);
    expect(lonely.err).toContain('--then goes with --fork');
  });

  it('takes a choice list that starts with "-" (the first decision lapses) as a separate argument too', () => {
    const joined = cli('run', 'test/fixtures/valid/mini.yaml', '--choices=-,pause', '--json');
    const separate = cli('run', 'test/fixtures/valid/mini.yaml', '--choices', '-,pause', '--json');
    expect(separate.err).toBe('');
    expect(separate.code).toBe(0);
    expect(separate.out).toBe(joined.out);
  });
});
