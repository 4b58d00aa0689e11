/**
 * The exposed training cluster drill (issue 14, ShadowRay): the lessons it teaches are the routes
 * it takes. Upgrading instead of isolating, rotating only the key seen in use, restarting before
 * the export, waiting for the forensic report and resuming from a checkpoint written on the
 * attacker's nodes must each cost the team what they would cost in a real incident.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean } from '../engine/helpers.ts';

const { drill, stats } = loadClean('scenarios/exposed-training-cluster.yaml');

const IDEAL = [
  'run-irp-2', 'capture-and-close', 'declare-with-counsel', 'isolate-keep-serving', 'rotate-all', 'scope-everything',
  'graded-finding', 'business-brief', 'notify-phased', 'deliberate-order', 'rebuild-private', 'rebuild-verified', 'owned-plan',
];

/** The ideal choices with some replaced (by position in IDEAL), second-chance answers spliced in after. */
function variant(replace: Record<number, string[]>): string[] {
  return IDEAL.flatMap((id, i) => replace[i] ?? [id]);
}

function run(ids: string[] | 'best' | 'worst') {
  const strategy = typeof ids === 'string' ? { kind: ids } : { kind: 'ids' as const, ids };
  const { state } = play(drill, stats, strategy);
  const outcome = outcomeOf(drill, stats, state);
  return {
    state,
    ending: outcome.ending?.id,
    kind: outcome.ending?.kind,
    missed: outcome.expectations.filter((e) => !e.met).map((e) => e.id),
    clock: (id: string) => outcome.clocks.find((c) => c.id === id)?.status,
    impact: (id: string) => outcome.impact.find((m) => m.id === id)!.total,
    credential: (id: string) => state.estate.credentials?.find((c) => c.id === id)?.status ?? 'valid',
    shown: state.log.map((r) => r.inject),
    total: outcome.total.score,
  };
}

describe('exposed training cluster drill', () => {
  it('the ideal path is the best path: isolated and rebuilt, every expectation met, both clocks met, 13 decisions', () => {
    const ideal = run(IDEAL);
    expect(run('best').total).toBe(ideal.total);
    expect(ideal.ending).toBe('isolated-and-rebuilt');
    expect(ideal.missed).toEqual([]);
    expect([ideal.clock('containment-sla'), ideal.clock('gdpr-art33')]).toEqual(['met', 'met']);
    expect(stats.bestPath.filter((e) => e.type !== 'CONTINUE')).toHaveLength(13);
    expect(['pipeline-key', 'hf-token', 'worker-role', 'node-ssh-key'].map(ideal.credential)).toEqual(['rotated', 'revoked', 'rotated', 'rotated']);
    expect(ideal.shown).not.toContain('hf-push');
  });

  it('the worst path keeps the attacker in and misses every expectation', () => {
    const worst = run('worst');
    expect(worst.kind).toBe('bad');
    expect(worst.missed).toHaveLength(drill.scenario.expectations.length);
  });

  it("the CEO's dilemma: cutting the cluster off scores the same as keeping the verified model serving, at a visible price in queues and overtime", () => {
    const dark = run(variant({ 3: ['isolate-all'] }));
    const serving = run(IDEAL);
    expect(dark.ending).toBe('isolated-and-rebuilt');
    expect(dark.total).toBe(serving.total);
    expect(dark.impact('overtime')).toBeGreaterThan(100_000);
    expect(dark.impact('chats-waiting')).toBeGreaterThan(10_000);
    expect([serving.impact('overtime'), serving.impact('chats-waiting')]).toEqual([0, 0]);
  });

  it('upgrading to token authentication instead of isolating leaves the reverse shells running: the miners return, the SLA breaches, no good ending', () => {
    const patched = run(variant({ 3: ['upgrade-token'], 4: ['rotate-all', 'isolate-now'] }));
    expect(patched.shown).toContain('reexposed');
    expect(patched.clock('containment-sla')).toBe('breached');
    expect(patched.missed).toContain('isolate-in-sla');
    expect(patched.kind).not.toBe('good');
    expect(patched.impact('stolen-compute')).toBeGreaterThan(3 * run(IDEAL).impact('stolen-compute'));
    const password = run(variant({ 3: ['upgrade-token'], 4: ['rotate-all', 'lb-password'] }));
    expect(password.ending).toBe('still-exposed');
  });

  it('rotating only the key seen in use leaves the Hugging Face token to push a new model revision (second chance, no good ending)', () => {
    const partial = run(variant({ 4: ['rotate-seen'], 6: ['graded-finding', 'revoke-everything-now'] }));
    expect(partial.shown).toContain('hf-push');
    expect(partial.missed).toEqual(['rotate-every-secret']);
    expect(partial.ending).toBe('closed-with-open-items');
    const left = run(variant({ 4: ['hold-keys'], 6: ['graded-finding', 'mirror-only'] }));
    expect(left.credential('hf-token')).toBe('valid');
    expect(left.ending).toBe('still-exposed');
  });

  it('recreating the head before the export loses the only job list: the scope has a permanent hole and the ending cannot be good', () => {
    const restarted = run(variant({ 1: ['recreate-head'], 5: ['scope-from-remains'] }));
    expect(restarted.missed).toContain('capture-before-restart');
    expect(restarted.state.flags['evidence-destroyed']).toBeDefined();
    expect(restarted.ending).toBe('closed-with-open-items');
  });

  it('stopping the jobs first brings the head rebuild back as a second chance, and a late export misses the first-hour task', () => {
    const late = run(variant({ 1: ['stop-jobs', 'capture-now'] }));
    expect(late.shown).toContain('capture-late');
    expect(late.missed).toContain('capture-before-restart');
    expect(late.state.flags['evidence-captured']).toBeDefined();
    expect(late.ending).toBe('closed-with-open-items');
  });

  it('counsel only later, a graded finding skipped either way, or a brief the board cannot use leaves an open item: no good ending', () => {
    for (const [i, id] of [[2, 'declare-legal-later'], [2, 'cost-incident'], [6, 'proven-only'], [6, 'assume-all'], [7, 'technical-brief'], [7, 'billing-story']] as const) {
      const r = run(variant({ [i]: [id] }));
      expect(r.state.flags['gap-left'], id).toBeDefined();
      expect(r.ending, id).toBe('closed-with-open-items');
    }
  });

  it('the GDPR clock starts when the team learns the chats were read, and waiting for the forensic report breaches it', () => {
    const best = run(IDEAL);
    const aware = best.state.flags['personal-data-exposed']!.at;
    expect(aware).toBeGreaterThan(60);
    const late = run(variant({ 8: ['wait-for-report'] }));
    expect(late.clock('gdpr-art33')).toBe('breached');
    expect(late.missed).toContain('notify-ap-72h');
    expect(late.kind).not.toBe('good');
  });

  it('not notifying brings the phishing complaints back as a costlier second chance', () => {
    const silent = run(variant({ 8: ['no-notice'], 9: ['deliberate-order', 'notify-now'] }));
    expect(silent.shown).toContain('phishing');
    expect(silent.clock('gdpr-art33')).toBe('met');
    expect(silent.ending).toBe('closed-with-open-items');
    const ignored = run(variant({ 8: ['no-notice'], 9: ['deliberate-order', 'answer-three'] }));
    expect(ignored.clock('gdpr-art33')).toBe('breached');
  });

  it('reusing the old nodes reopens the cluster to the attacker and the ending is bad', () => {
    const reused = run(variant({ 10: ['reuse-nodes'] }));
    expect(reused.state.flags['access-closed']).toBeUndefined();
    expect(reused.ending).toBe('still-exposed');
  });

  it('resuming from a checkpoint written on the attacker nodes, or gating it on benchmarks, ends with an untrusted model on its way to production', () => {
    for (const choice of ['resume-latest', 'benchmark-gate']) {
      const resumed = run(variant({ 11: [choice] }));
      expect(resumed.missed, choice).toEqual(['provenance-before-retrain']);
      expect(resumed.ending, choice).toBe('still-exposed');
    }
  });
});
