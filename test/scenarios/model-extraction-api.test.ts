/**
 * The model extraction drill (issue 14): the lessons it teaches are the routes it takes. Telling
 * the distiller from the heavy customer, keeping the query logs, cutting the stolen key without
 * poisoning it, scoping everything the key could read, notifying the firm whose key was abused
 * and reopening only behind validated controls must each change the outcome the way they would in
 * a real incident; the CEO's key dilemma has two defensible answers.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean } from '../engine/helpers.ts';

const { drill, stats } = loadClean('scenarios/model-extraction-api.yaml');

const IDEAL = [
  'open-rb4', 'export-hold', 'declare-with-counsel', 'behaviour-not-volume', 'revoke-now', 'scope-everything', 'notice-with-files',
  'enforce-and-verify', 'counsel-protocol', 'staged-route', 'confidence-brief', 'ordered-outreach', 'validated-reopen', 'owned-plan',
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
    outcome,
    ending: outcome.ending?.id,
    kind: outcome.ending?.kind,
    shown: state.log.map((r) => r.inject),
    missed: outcome.expectations.filter((e) => !e.met).map((e) => e.id),
    clock: (id: string) => outcome.clocks.find((c) => c.id === id)!,
    impact: (id: string) => outcome.impact.find((m) => m.id === id)!.total,
    credential: (id: string) => state.estate.credentials?.find((c) => c.id === id)?.status ?? 'valid',
  };
}

describe('model extraction through the public API', () => {
  it('the ideal path is the best path: good ending, every expectation met, every capability at its best and rated P, 14 decisions', () => {
    const ideal = run(IDEAL);
    expect(run('best').state.score).toEqual(ideal.state.score);
    expect(ideal.ending).toBe('stopped-and-notified');
    expect(ideal.missed).toEqual([]);
    for (const c of ideal.outcome.capabilities) {
      expect(c.score, c.label).toBe(stats.highestScore[c.id]);
      expect(c.rating, c.label).toBe('P');
    }
    expect(ideal.outcome.clocks.map((c) => [c.id, c.status])).toEqual([['containment-sla', 'met'], ['processor-notice', 'met']]);
    expect([ideal.credential('stellerhoven-key'), ideal.credential('trial-cluster-keys')]).toEqual(['revoked', 'revoked']);
    expect(stats.bestPath.filter((e) => e.type !== 'CONTINUE')).toHaveLength(14);
  });

  it('the worst path keeps the model being copied and misses every critical task', () => {
    const worst = run('worst');
    expect(worst.ending).toBe('still-extracting');
    expect(worst.missed).toHaveLength(drill.scenario.expectations.length);
    expect(worst.outcome.capabilities.every((c) => c.rating === 'U')).toBe(true);
  });

  it("the CEO's dilemma: the coordinated swap scores the same and ends well, trading lawyer-hours for answers sent to the reseller", () => {
    const now = run(IDEAL);
    const swap = run(variant({ 4: ['coordinated-swap'] }));
    expect(swap.ending).toBe('stopped-and-notified');
    expect(swap.outcome.total.score).toBe(now.outcome.total.score);
    expect(swap.clock('containment-sla').status).toBe('met');
    expect(now.impact('lawyers-offline')).toBeGreaterThan(0);
    expect(swap.impact('lawyers-offline')).toBe(0);
    expect(swap.impact('stolen-key-answers')).toBeGreaterThan(now.impact('stolen-key-answers'));
  });

  it('throttling the biggest spenders hits the heavy customer and finds no distiller: the twist is missed, no good ending', () => {
    const volume = run(variant({ 3: ['throttle-top'] }));
    expect(volume.missed).toEqual(['tell-apart']);
    expect(volume.kind).not.toBe('good');
  });

  it('poisoning the stolen key keeps it alive: the second chance comes six hours on, past the SLA, with more answers sent', () => {
    const poison = run(variant({ 4: ['poison-ratings'], 7: ['enforce-and-verify', 'revoke-late'] }));
    expect(poison.shown).toContain('key-again');
    expect(poison.clock('containment-sla').status).toBe('breached');
    expect(poison.missed).toEqual(['revoke-stolen-key']);
    expect(poison.ending).toBe('stopped-open-items');
    expect(poison.impact('stolen-key-answers')).toBeGreaterThan(4 * run(IDEAL).impact('stolen-key-answers'));
    const capped = run(variant({ 4: ['cap-key'], 7: ['enforce-and-verify', 'keep-watching'] }));
    expect(capped.credential('stellerhoven-key')).toBe('valid');
    expect(capped.ending).toBe('still-extracting');
  });

  it('waiting at the key decision and again at the second chance breaches the SLA and leaves the key open', () => {
    const waited = run(variant({ 4: ['-'], 7: ['enforce-and-verify', '-'] }));
    expect(waited.clock('containment-sla').status).toBe('breached');
    expect(waited.ending).toBe('still-extracting');
  });

  it('honouring the retention schedule loses a day of query logs before the team can change its mind', () => {
    const hygiene = run(variant({ 1: ['honour-retention'], 7: ['enforce-and-verify', 'preserve-rest'] }));
    expect(hygiene.shown).toContain('logs-again');
    expect(hygiene.state.flags['logs-lost']).toBeDefined();
    expect(hygiene.missed).toEqual(['preserve-query-logs']);
    expect(hygiene.ending).toBe('stopped-open-items');
    expect(run(IDEAL).shown).not.toContain('logs-again');
  });

  it('scoping only the review traffic misses the file downloads: the customer finds them, and the clock starts then', () => {
    const narrow = run(variant({ 5: ['scope-reviews'], 6: ['call-about-key'], 7: ['enforce-and-verify', 'notice-now'] }));
    expect(narrow.shown).toContain('stellerhoven-asks');
    expect(narrow.clock('processor-notice').startedAt).toBe(17 * 60);
    expect(narrow.missed).toEqual(['scope-the-key']);
    expect(narrow.ending).toBe('stopped-open-items');
  });

  it('holding the notice for the full report breaches the 24 hours; punishing the victim leaves the customer to chase it', () => {
    const held = run(variant({ 6: ['wait-for-report'] }));
    expect(held.clock('processor-notice').status).toBe('breached');
    expect(held.missed).toEqual(['notify-controller']);
    expect(held.kind).not.toBe('good');
    const punished = run(variant({ 6: ['enforce-terms'], 7: ['enforce-and-verify', 'refer-to-terms'] }));
    expect(punished.shown).toContain('stellerhoven-asks');
    expect(punished.clock('processor-notice').status).toBe('breached');
    expect(punished.kind).not.toBe('good');
  });

  it('throttling every customer does not stop the cluster; banning without verification refills overnight', () => {
    const blunt = run(variant({ 7: ['throttle-everyone', 'verify-now'] }));
    expect(blunt.shown).toContain('cluster-again');
    expect(blunt.missed).toEqual(['close-the-cluster']);
    expect(blunt.kind).not.toBe('good');
    const banned = run(variant({ 7: ['ban-only', 'keep-banning'] }));
    expect(banned.shown).toContain('cluster-again');
    expect(banned.ending).toBe('still-extracting');
  });

  it('scraping the rival or accusing it in public loses the evidence and the legal route, not the containment', () => {
    const scraped = run(variant({ 8: ['scrape-tonight'] }));
    expect(scraped.missed).toEqual(['lawful-watermark']);
    expect(scraped.ending).toBe('stopped-open-items');
    const accused = run(variant({ 9: ['publish-comparison'] }));
    expect(accused.missed).toEqual(['staged-legal-route']);
    expect(accused.ending).toBe('stopped-open-items');
  });

  it('letting the deadline pass on the watermark, the legal route, the board or the outreach leaves an open item, never a good ending', () => {
    for (const i of [8, 9, 10, 11]) {
      const timedOut = run(variant({ [i]: ['-'] }));
      expect(timedOut.state.flags['gap-left'], IDEAL[i]).toBeDefined();
      expect(timedOut.ending, IDEAL[i]).toBe('stopped-open-items');
    }
  });

  it('reopening as it was reopens the door: the cluster runs again and the ending is bad', () => {
    const reopened = run(variant({ 12: ['reopen-as-was'] }));
    expect(reopened.state.flags['trial-accounts-closed']).toBeUndefined();
    expect(reopened.missed).toEqual(expect.arrayContaining(['close-the-cluster', 'validated-reopen']));
    expect(reopened.ending).toBe('still-extracting');
    expect(reopened.impact('cluster-answers')).toBeGreaterThan(10 * run(IDEAL).impact('cluster-answers'));
  });
});
