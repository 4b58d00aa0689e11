/**
 * The estate kinds of format 2 (test/fixtures/valid/estate-kinds.yaml): a vendor-hosted model
 * without sha256 or signature, an agent whose tools have permissions, caps and session binding,
 * a retrieval store with namespaces, sync jobs and snapshots, a dataset with provenance and
 * quarantined shards, a credential that is rotated. Effects change them, conditions read them,
 * the checker knows their ids.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillText } from '../../server/engine/check.ts';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { choose, loadText, reduce } from './helpers.ts';

const FILE = 'test/fixtures/valid/estate-kinds.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const { drill, stats } = loadText(TEXT, FILE);
/** The state after these choices and the closing inject ("wrap", which only informs). */
const end = (...ids: string[]) => reduce(drill, [...ids.map(choose), { type: 'CONTINUE' as const }]).at(-1)!;
const errors = (text: string) => checkDrillText('inline.yaml', text).diagnostics.filter((d) => d.severity === 'error');

describe('estate kinds', () => {
  it('a vendor-hosted model needs no sha256 or signature; a model of our own still does', () => {
    expect(drill.scenario.estate.models[0]).toMatchObject({ id: 'vendor-llm', provider: 'Example AI' });
    expect(drill.scenario.estate.models[0]!.sha256).toBeUndefined();
    const unsigned = errors(TEXT.replace('sha256: cccc3333, signed: true, ', ''));
    expect(unsigned.map((d) => [d.path, d.message])).toEqual([
      ['estate.models[1].sha256', 'invalid value'],
      ['estate.models[1].signed', 'invalid value'],
    ]);
  });

  it('agent tools change permission, cap and session binding, and conditions read them', () => {
    const gated = end('gate', 'quarantine');
    const agent = gated.estate.agents![0]!;
    expect(agent).toMatchObject({ status: 'active', session_binding: true });
    expect(agent.tools[0]).toMatchObject({ id: 'issue-refund', permission: 'approval', cap: 50 });
    expect(gated.estate.credentials![0]!.status).toBe('rotated');
    expect(gated.cursor).toEqual({ ending: 'good-end' });
    expect(outcomeOf(drill, stats, gated).expectations[0]!.met).toBe(true);
    const suspended = end('suspend', 'quarantine');
    expect(suspended.estate.agents![0]!.status).toBe('suspended');
    expect(suspended.cursor).toEqual({ ending: 'partial-end' });
    expect(outcomeOf(drill, stats, suspended).expectations[0]!.met).toBe(false);
  });

  it('a retrieval store takes snapshots, stops a sync, quarantines a namespace and restores a snapshot', () => {
    const quarantined = end('gate', 'quarantine').estate.retrieval![0]!;
    expect(quarantined.snapshots.map((s) => s.id)).toEqual(['snap-0301', 'snap-incident']);
    expect(quarantined.sources[0]!.status).toBe('stopped');
    expect(quarantined.namespaces.map((n) => n.status)).toEqual(['serving', 'quarantined']);
    const restored = end('gate', 'restore');
    expect(restored.estate.retrieval![0]!.restoredFrom).toBe('snap-0301');
    // Restoring while the forum still syncs brings the poison back: the story says so.
    expect(restored.cursor).toEqual({ ending: 'bad-end' });
  });

  it('datasets change provenance and quarantine shards', () => {
    const d = end('gate', 'quarantine').estate.datasets![0]!;
    expect(d.provenance).toBe('tampered');
    expect(d.shards.map((s) => s.status)).toEqual(['quarantined', 'active']);
  });

  it('the checker knows every id inside the new kinds and suggests the near one', () => {
    const wrong = errors(
      TEXT.replace(
        'tool: { id: issue-refund, permission: approval, cap: 50 }',
        'tool: { id: issue-refnd, permission: approval, cap: 50 }',
      ).replace('source: { id: forum-sync, status: stopped }', 'source: { id: forum-synk, status: stopped }'),
    );
    expect(wrong.map((d) => [d.message, d.found, d.suggestion])).toEqual([
      ['unknown tool of agent "support-agent"', '"issue-refnd"', 'issue-refund'],
      ['unknown source of retrieval store "kb"', '"forum-synk"', 'forum-sync'],
    ]);
    expect(errors(TEXT.replace('restore: snap-0301', 'restore: snap-0302')).map((d) => d.message)).toEqual([
      'unknown snapshot of retrieval store "kb"',
    ]);
  });

  it('every ending is reachable and a drill without these kinds keeps its estate as it was', () => {
    expect([...stats.endingsReached].sort()).toEqual(['bad-end', 'good-end', 'partial-end']);
    const mini = loadText(readFileSync('test/fixtures/valid/mini.yaml', 'utf8'));
    expect(Object.keys(reduce(mini.drill, [])[0]!.estate)).toEqual([
      'models',
      'endpoints',
      'pipelines',
      'evidence',
      'metrics',
    ]);
  });
});
