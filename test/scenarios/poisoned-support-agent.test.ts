/**
 * The poisoned support agent drill (issue 14, drill 1): the ideal path meets every critical task
 * at 100% per capability, the worst misses most, the COO's dilemma has two defensible answers,
 * and the lessons the drill exists to teach cannot be skipped on the way to a good ending: the
 * system-prompt line does not contain the agent, purging only the index brings the instruction
 * back, deleting the post loses the evidence, a late DPC notice breaches the GDPR clock.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean } from '../engine/helpers.ts';
import { biasedPath, singleDeviations } from './paths.ts';

const { drill, stats } = loadClean('scenarios/poisoned-support-agent.yaml');

const IDEAL = [
  'run-air-03', 'export-and-correlate', 'declare-with-counsel', 'restrict-tools', 'capture-then-cut', 'scope-everywhere',
  'purge-all', 'business-brief', 'notify-phased', 'deliberate-order', 'hardened-relaunch', 'owned-plan',
];

/** The ideal choices with some replaced (by inject position in IDEAL) and second-chance answers spliced in after. */
function variant(replace: Record<number, string[]>): string[] {
  return IDEAL.flatMap((id, i) => replace[i] ?? [id]);
}

function run(ids: string[]) {
  const { state } = play(drill, stats, { kind: 'ids', ids });
  return { state, outcome: outcomeOf(drill, stats, state), shown: state.log.map((r) => r.inject) };
}

const missed = (o: ReturnType<typeof outcomeOf>) => o.expectations.filter((e) => !e.met).map((e) => e.id);
const clock = (o: ReturnType<typeof outcomeOf>, id: string) => o.clocks.find((c) => c.id === id)!.status;

describe('poisoned support agent', () => {
  it('the ideal path is the best path: good ending, every expectation met, every capability at its best and rated P', () => {
    const best = play(drill, stats, { kind: 'best' });
    const ideal = run(IDEAL);
    expect(best.state.score).toEqual(ideal.state.score);
    expect(ideal.outcome.ending?.id).toBe('purged-and-notified');
    expect(missed(ideal.outcome)).toEqual([]);
    for (const c of ideal.outcome.capabilities) {
      expect(c.score, c.label).toBe(stats.highestScore[c.id]);
      expect(c.rating, c.label).toBe('P');
    }
    expect(ideal.outcome.clocks.map((c) => [c.id, c.status])).toEqual([['containment-sla', 'met'], ['gdpr-art33', 'met']]);
    expect(stats.bestPath.filter((e) => e.type !== 'CONTINUE')).toHaveLength(12);
  });

  it('the worst path ends badly and misses nearly every critical task', () => {
    const worst = outcomeOf(drill, stats, play(drill, stats, { kind: 'worst' }).state);
    expect(worst.ending?.kind).toBe('bad');
    expect(missed(worst).length).toBeGreaterThanOrEqual(12);
    expect(worst.capabilities.every((c) => c.rating === 'U')).toBe(true);
  });

  it("the COO's dilemma: switching the agent off scores the same as restricting its tools and also ends well", () => {
    const off = run(variant({ 3: ['switch-off'] }));
    expect(off.outcome.ending?.id).toBe('purged-and-notified');
    expect(off.outcome.total.score).toBe(run(IDEAL).outcome.total.score);
    const waiting = (o: typeof off.outcome) => o.impact.find((m) => m.id === 'chats-waiting')!.total;
    expect(waiting(off.outcome)).toBeGreaterThan(4 * waiting(run(IDEAL).outcome));
  });

  it('the system-prompt line leaves the tools in place: the refunds go on, the SLA expectation is missed, no good ending', () => {
    const trap = run(variant({ 3: ['prompt-line'], 4: ['capture-then-cut', 'restrict-now'] }));
    expect(trap.shown).toContain('contain-again');
    expect(missed(trap.outcome)).toEqual(expect.arrayContaining(['contain-in-sla', 'close-exfil']));
    expect(trap.outcome.ending?.kind).not.toBe('good');
    const refunds = (o: typeof trap.outcome) => o.impact.find((m) => m.id === 'fraud-refunds')!.total;
    expect(refunds(trap.outcome)).toBeGreaterThan(refunds(run(IDEAL).outcome));
  });

  it('purging only the index brings the instruction back from the cache and memory (second chance, no good ending)', () => {
    const partial = run(variant({ 6: ['purge-index', 'purge-rest'] }));
    expect(partial.shown).toContain('reinfection');
    expect(partial.outcome.ending?.id).toBe('contained-open-items');
    const left = run(variant({ 6: ['restore-snapshot', 'ttl-expire'] }));
    expect(missed(left.outcome)).toContain('purge-everywhere');
    expect(left.outcome.ending?.id).toBe('poison-persists');
    expect(run(IDEAL).shown).not.toContain('reinfection');
  });

  it('deleting the post destroys the evidence and leaves the stolen token valid until the second chance', () => {
    const hasty = run(variant({ 4: ['delete-post', 'revoke-now'] }));
    expect(hasty.shown).toContain('token-again');
    expect(missed(hasty.outcome)).toEqual(expect.arrayContaining(['capture-before-purge', 'revoke-stolen-token']));
    expect(hasty.outcome.ending?.kind).not.toBe('good');
    const open = run(variant({ 4: ['stop-sync-only', 'leave-token'] }));
    expect(open.state.estate.credentials?.find((c) => c.id === 'mod-token')?.status ?? 'valid').toBe('valid');
    expect(open.outcome.ending?.id).toBe('poison-persists');
  });

  it('the GDPR clock starts when the team reads the trace of a record leaving (the escalation), not at the later scoping', () => {
    const ideal = run(IDEAL);
    const at = (inject: string) => ideal.state.log.find((r) => r.inject === inject)!.at;
    const gdpr = ideal.outcome.clocks.find((c) => c.id === 'gdpr-art33')!;
    expect(gdpr.startedAt).toBe(ideal.state.flags['personal-data-exposed']!.at);
    expect(gdpr.startedAt).toBeLessThan(at('scope'));
    expect(ideal.shown.indexOf('escalate')).toBeLessThan(ideal.shown.indexOf('scope'));
  });

  it('waiting for the full report breaches the GDPR clock; a decision not to notify comes back when the DPC asks', () => {
    const late = run(variant({ 8: ['wait-for-report'] }));
    expect(clock(late.outcome, 'gdpr-art33')).toBe('breached');
    expect(missed(late.outcome)).toContain('notify-dpc-72h');
    expect(late.outcome.ending?.kind).not.toBe('good');
    const silent = run(variant({ 8: ['no-notice'], 9: ['deliberate-order', 'explain-no-risk'] }));
    expect(silent.shown).toContain('dpc-asks');
    expect(clock(silent.outcome, 'gdpr-art33')).toBe('breached');
    expect(silent.outcome.ending?.kind).not.toBe('good');
    // notifying when the DPC asks is still inside 72 hours of awareness here, but the record shows the gap
    const asked = run(variant({ 8: ['no-notice'], 9: ['deliberate-order', 'notify-now'] }));
    expect(clock(asked.outcome, 'gdpr-art33')).toBe('met');
    expect(asked.outcome.ending?.id).toBe('contained-open-items');
  });

  it('the first-hour evidence, the customer notice and every skipped task come back or leave an open item', () => {
    const asked = run(variant({ 1: ['ask-the-agent'], 2: ['declare-with-counsel', 'export-now'] }));
    expect(asked.shown).toContain('logs-again');
    expect(missed(asked.outcome)).toEqual(expect.arrayContaining(['confirm-from-tool-logs', 'preserve-tool-logs']));
    expect(asked.outcome.ending?.id).toBe('contained-open-items');
    const press = run(variant({ 9: ['press-first', 'notify-direct-now'] }));
    expect(press.shown).toContain('outreach-again');
    expect(press.state.flags['customers-notified']).toBeDefined();
    expect(press.outcome.ending?.id).toBe('contained-open-items');
    for (const [i, id] of [[5, 'scope-chat-only'], [7, 'technical-brief'], [7, 'blame-vendor'], [11, 'blame-moderator'], [2, 'declare-legal-later']] as const) {
      expect(run(variant({ [i]: [id] })).outcome.ending?.id, id).toBe('contained-open-items');
    }
  });

  it('restoring the old tool rights reopens the hole: refunds run again and the ending is bad', () => {
    const unsafe = run(variant({ 10: ['old-rights'] }));
    expect(unsafe.outcome.ending?.id).toBe('poison-persists');
    expect(unsafe.state.flags['agent-contained']).toBeUndefined();
  });

  it('never reaches a good ending with the GDPR clock unmet or an attacker channel or the poison still open', () => {
    const samples = [
      ...singleDeviations(drill),
      ...[0.9, 0.7].flatMap((bias) => Array.from({ length: 300 }, (_, i) => biasedPath(drill, i + 1, bias))),
      ...Array.from({ length: 300 }, (_, i) => biasedPath(drill, i + 1, 0)),
    ];
    let good = 0;
    const endings = new Set<string>();
    for (const path of samples) {
      endings.add(path.state.cursor.ending!);
      if (drill.endings[path.state.cursor.ending!]!.kind !== 'good') continue;
      good++;
      const outcome = outcomeOf(drill, stats, path.state);
      expect(clock(outcome, 'gdpr-art33'), path.label).toBe('met');
      for (const flag of ['agent-contained', 'exfil-blocked', 'mod-token-revoked', 'poison-purged', 'tool-logs-preserved']) {
        expect(path.state.flags[flag], `${path.label}: ${flag}`).toBeDefined();
      }
      expect(path.state.flags['evidence-destroyed'], path.label).toBeUndefined();
      expect(path.state.estate.credentials?.find((c) => c.id === 'mod-token')?.status, path.label).toBe('revoked');
    }
    expect(good).toBeGreaterThan(0);
    expect([...endings].sort()).toEqual(['contained-open-items', 'poison-persists', 'purged-and-notified']);
  });
});
