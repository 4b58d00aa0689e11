/** The breachdrill command as a user runs it: a real `node bin/breachdrill.js` process. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean, MINI, scenarioFiles } from './helpers.ts';

function cli(...args: string[]) {
  const result = spawnSync('node', ['bin/breachdrill.js', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const BROKEN = 'test/fixtures/broken/unknown-next.yaml';
const SYNTAX = 'test/fixtures/broken/yaml-syntax.yaml';

// Each test spawns the CLI (tsx) once or more: on a loaded 2-core CI that takes far longer than the default 30 s.
describe('breachdrill check', { timeout: 120_000 }, () => {
  it('exits 0 on valid drills and prints injects, decisions, endings, paths and best score for each', () => {
    const files = [MINI, ...scenarioFiles()];
    const { code, out } = cli('check', ...files);
    expect(code).toBe(0);
    expect(out).toContain(`✓ ${MINI}: Mini drill v1`);
    expect(out).toContain('2 phases, 3 injects, 2 decisions, 2 endings, 4 expectations');
    expect(out).toMatch(/12 paths \(\d+ distinct states searched\); best score 8, worst -5/);
    for (const file of files) expect(out).toContain(`✓ ${file}: `);
  });

  it('exits 1 on a broken drill and prints file:line:col, the path, the message, found and expected', () => {
    const { code, out } = cli('check', BROKEN);
    expect(code).toBe(1);
    expect(out.split('\n')).toContain(
      `${BROKEN}:81:15  error  phases[1].injects[1].next: unknown inject or ending ` +
        '(found "good-ending"; did you mean "good-end"?; expected one of "alert", "pipeline", "wrap", "good-end", "bad-end")',
    );
    expect(out).toContain(`✗ ${BROKEN}: 1 error`);
  });

  it('reports every error of every file named, and still checks the valid ones', () => {
    const many = 'test/fixtures/broken/many-schema-errors.yaml';
    const { code, out } = cli('check', many, MINI, SYNTAX, 'test/fixtures/broken/no-such-file.yaml');
    expect(code).toBe(1);
    const locations = out
      .split('\n')
      .filter((l) => /^\S+:\d+:\d+ {2}error/.test(l))
      .map((l) => l.split('  ')[0]);
    expect(locations).toEqual([
      `${many}:7:10`,
      `${many}:34:9`,
      `${many}:42:21`,
      `${many}:57:19`,
      `${many}:77:9`,
      `${SYNTAX}:78:16`,
      'test/fixtures/broken/no-such-file.yaml:0:0',
    ]);
    expect(out).toContain(`✗ ${many}: 5 errors`);
    expect(out).toContain(`✓ ${MINI}: Mini drill v1`);
    expect(out).toContain('file not found');
  });
});

describe('breachdrill run', { timeout: 120_000 }, () => {
  const { drill, stats } = loadClean(MINI);
  const inProcess = (kind: Parameters<typeof play>[2]) => {
    const { state, events } = play(drill, stats, kind);
    return JSON.parse(JSON.stringify({ ...outcomeOf(drill, stats, state), estate: state.estate, events })) as unknown;
  };

  it('--choices best prints the outcome as text', () => {
    const { code, out } = cli('run', MINI, '--choices', 'best');
    expect(code).toBe(0);
    expect(out).toMatch(/^Ending\s+Contained \[good\]$/m);
    expect(out).toMatch(/^Score\s+8 of 8 achievable$/m);
    expect(out).toMatch(/^Containment\s+3\s+3\s+P\s+1\/0$/m);
    expect(out).toContain('✓ Contain within the SLA (20m)');
    expect(out).toContain('Containment SLA: met, 20m of 1h');
  });

  it('--json includes the final estate', () => {
    const { out } = cli('run', MINI, '--choices', 'delete,pause', '--json');
    const run = JSON.parse(out) as {
      estate: { models: Array<{ id: string; status: string }>; pipelines: Array<{ status: string }> };
    };
    expect(run.estate.models.find((m) => m.id === 'm2')?.status).toBe('deleted');
    expect(run.estate.pipelines[0]?.status).toBe('paused');
  });

  it('--json prints the same outcome the engine computes in process', () => {
    for (const choices of ['best', 'worst', 'random:7', 'delete,pause']) {
      const { code, out } = cli('run', MINI, '--choices', choices, '--json');
      expect(code, choices).toBe(0);
      const strategy = choices === 'delete,pause' ? { kind: 'ids' as const, ids: ['delete', 'pause'] } : undefined;
      const expected = inProcess(
        strategy ?? (choices === 'random:7' ? { kind: 'random', seed: 7 } : { kind: choices as 'best' | 'worst' }),
      );
      expect(JSON.parse(out), choices).toEqual(expected);
    }
  });

  it('explicit ids play that path, with - for no decision', () => {
    const { code, out } = cli('run', MINI, '--choices', 'delete,-', '--json');
    expect(code).toBe(0);
    const outcome = JSON.parse(out) as {
      decisions: Array<{ inject: string; option: string | null; kind: string }>;
      ending: { id: string };
    };
    expect(outcome.decisions.map((d) => [d.inject, d.option, d.kind])).toEqual([
      ['alert', 'delete', 'chosen'],
      ['pipeline', null, 'no-decision'],
      ['wrap', null, 'continued'],
    ]);
    expect(outcome.ending.id).toBe('good-end');
  });

  it('a wrong id exits 1 naming the inject and the allowed ids', () => {
    const { code, err } = cli('run', MINI, '--choices', 'snapshot,paws');
    expect(code).toBe(1);
    expect(err).toContain('"paws" is not an option at inject "pipeline"; expected one of pause, leave, -');
  });

  it('too few or too many ids exit 1 saying so', () => {
    expect(cli('run', MINI, '--choices', 'snapshot').err).toContain(
      'ran out of choices at inject "pipeline"; expected one of pause, leave, -',
    );
    const extra = cli('run', MINI, '--choices', 'snapshot,pause,wait');
    expect(extra.code).toBe(1);
    expect(extra.err).toContain('the drill ended with 1 choice(s) unused: wait');
  });

  it('a broken drill exits 1 with its errors', () => {
    const { code, err } = cli('run', BROKEN, '--choices', 'best');
    expect(code).toBe(1);
    expect(err).toContain(`${BROKEN}:81:15 phases[1].injects[1].next: unknown inject or ending`);
  });
});

describe('breachdrill graph', { timeout: 120_000 }, () => {
  for (const file of [MINI, ...scenarioFiles()]) {
    it(`${file}: prints a Mermaid flowchart with every inject and ending`, () => {
      const { drill } = loadClean(file);
      const { code, out } = cli('graph', file);
      expect(code).toBe(0);
      expect(out.startsWith('flowchart TD\n')).toBe(true);
      expect(out).toContain(`--> n_${drill.first.replace(/-/g, '_')}`);
      for (const id of [...drill.order, ...Object.keys(drill.endings)])
        expect(out, id).toMatch(new RegExp(`^\\s+n_${id.replace(/-/g, '_')}\\(?\\["`, 'm'));
    });
  }

  it('draws branches with option ids as labels', () => {
    const { out } = cli('graph', MINI);
    expect(out).toContain('  n_alert -->|"snapshot, delete, wait, no decision"| n_pipeline');
    expect(out).toContain('  n_pipeline -->|"leave"| n_bad_end');
    expect(out).toContain('  n_pipeline -.->|"passed over unless retrain running"| n_wrap');
  });
});

describe('command-line mistakes', { timeout: 120_000 }, () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], ''],
    [['check'], 'check: name at least one drill file'],
    [['run', MINI], 'run: --choices is required'],
    [['run'], 'run: name a drill file'],
    [['graph'], 'graph: name a drill file'],
    [['check', MINI, '--colour'], "Unknown option '--colour'"],
  ])('%j exits 2 with usage', (args, message) => {
    const { code, out, err } = cli(...args);
    expect(code).toBe(2);
    expect(err + out).toContain('usage: breachdrill <command>');
    expect(err + out).toContain(message);
  });

  it('--help prints usage and exits 0', () => {
    const { code, out } = cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('usage: breachdrill <command>');
  });
});
