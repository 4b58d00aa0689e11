/**
 * `breachdrill new NAME [--quick]` as an author runs it: a real process in a fresh folder. The
 * drill it writes has the schema line, passes check (the quick one --strict too) and plays to an
 * ending on the best, the worst and random paths.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillIdOf } from '../../server/cli-new.ts';
import { checkDrillFile } from '../../server/engine/check.ts';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';

const BIN = resolve('bin/breachdrill.js');

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync('node', [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function playsToEndings(file: string): void {
  const result = checkDrillFile(file, { strict: false });
  expect(result.errors).toBe(0);
  const { drill, stats } = result;
  for (const strategy of [
    { kind: 'best' } as const,
    { kind: 'worst' } as const,
    ...[1, 2, 3, 4, 5].map((seed) => ({ kind: 'random', seed }) as const),
  ]) {
    const outcome = outcomeOf(drill!, stats!, play(drill!, stats!, strategy).state);
    expect(outcome.finished, `${strategy.kind} reaches an ending`).toBe(true);
  }
  const best = outcomeOf(drill!, stats!, play(drill!, stats!, { kind: 'best' }).state);
  expect(best.expectations.every((e) => e.met)).toBe(true);
  expect(best.ending?.kind).toBe('good');
}

// Each test starts several real processes; on a busy two-core machine they take seconds each.
describe('breachdrill new', { timeout: 120_000 }, () => {
  it('--quick writes a drill into ./scenarios that passes check --strict and plays to an ending', () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-'));
    mkdirSync(join(dir, 'scenarios'));
    const r = cli(dir, 'new', 'Deepfake CFO call', '--quick');
    expect(r.code).toBe(0);
    const file = join(dir, 'scenarios', 'deepfake-cfo-call.yaml');
    expect(r.out).toContain(
      'wrote scenarios/deepfake-cfo-call.yaml: a quick drill of 20 minutes with 5 decisions; it passes check --strict as it stands.',
    );
    expect(r.out).toContain('Edit first');
    expect(r.out).toContain('npx breachdrill check --strict scenarios/deepfake-cfo-call.yaml');
    const text = readFileSync(file, 'utf8');
    const schemaLine = text.split('\n')[0]!;
    expect(schemaLine).toMatch(/^# yaml-language-server: \$schema=(\S+)$/);
    // The schema line points at the project's schema from where the file is.
    expect(existsSync(resolve(dir, 'scenarios', schemaLine.split('=')[1]!))).toBe(true);
    expect(text).toContain('id: deepfake-cfo-call\n');
    expect(text).toContain('title: Deepfake CFO call\n');
    const strict = cli(dir, 'check', '--strict', 'scenarios/deepfake-cfo-call.yaml');
    expect(strict.code).toBe(0);
    playsToEndings(file);
  });

  it('without --quick writes a four-phase drill into the current folder that passes check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-'));
    const r = cli(dir, 'new', 'model-theft');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'wrote model-theft.yaml: a full drill of 75 minutes with 7 decisions; it passes check; check --strict lists what a full-length drill still needs.',
    );
    const file = join(dir, 'model-theft.yaml');
    expect(readFileSync(file, 'utf8')).toContain('title: Model theft\n');
    expect(cli(dir, 'check', 'model-theft.yaml').code).toBe(0);
    const strict = cli(dir, 'check', '--strict', 'model-theft.yaml');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('[strict: decisions]');
    playsToEndings(file);
  });

  it('never overwrites a drill, and refuses a name without letters or digits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-'));
    expect(cli(dir, 'new', 'twice', '--quick').code).toBe(0);
    const before = readFileSync(join(dir, 'twice.yaml'), 'utf8');
    const again = cli(dir, 'new', 'twice');
    expect(again.code).toBe(1);
    expect(again.err).toContain('twice.yaml already exists; choose another name or move that file first');
    expect(readFileSync(join(dir, 'twice.yaml'), 'utf8')).toBe(before);
    const empty = cli(dir, 'new', '!!!');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('has no letters or digits to make a drill id from');
    const none = cli(dir, 'new');
    expect(none.code).toBe(2);
  });

  it('makes ids of lower-case letters, digits and dashes', () => {
    expect(drillIdOf('Deepfake CFO call!')).toBe('deepfake-cfo-call');
    expect(drillIdOf('Übernahme 2026')).toBe('ubernahme-2026');
  });
});
