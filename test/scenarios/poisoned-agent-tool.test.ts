/**
 * The poisoned agent tool drill, version 3 (issue 14): a full drill in which the lessons it
 * teaches are the routes it takes. Asking the agent, scoping from the first list, the system-prompt
 * line, rotating only the mail tool's key, wiping laptops before capture, waiting to notify, and
 * restoring from the publisher with a version range must each cost what they would cost in a real
 * incident; the quarter-end dilemma has two defensible answers, and the old configuration reopens
 * the hole.
 */
import { describe, expect, it } from 'vitest';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean } from '../engine/helpers.ts';
import { routeOutcome } from './route-outcome.ts';

const loaded = loadClean('scenarios/poisoned-agent-tool.yaml');
const { drill, stats } = loaded;

const IDEAL = [
  'open-bridge', 'trace-and-diff', 'declare-with-counsel', 'inventory-everywhere', 'deny-everywhere', 'rotate-all',
  'capture-then-clean', 'business-brief', 'notify-phased', 'deliberate-order', 'internal-tool', 'allow-list-tonight', 'owned-plan',
];

/** The ideal choices with some replaced (by position in IDEAL), second-chance answers spliced in after. */
function variant(replace: Record<number, string[]>): string[] {
  return IDEAL.flatMap((id, i) => replace[i] ?? [id]);
}

const run = (ids: string[] | 'best' | 'worst') => routeOutcome(loaded, ids);
const startedAt = (r: ReturnType<typeof run>, clock: string) => r.result.clocks.find((c) => c.id === clock)!.startedAt;
const score = (r: ReturnType<typeof run>, capability: string) => r.result.capabilities.find((c) => c.id === capability)!.score;

const ideal = run(IDEAL);

describe('poisoned agent tool, version 3', () => {
  it('the ideal path is the best path: 13 decisions, good ending, every expectation met, every capability at its best', () => {
    expect(play(drill, stats, { kind: 'best' }).state.score).toEqual(ideal.state.score);
    expect(stats.bestPath.filter((e) => e.type !== 'CONTINUE')).toHaveLength(13);
    expect(ideal.ending).toBe('contained');
    expect(ideal.missed).toEqual([]);
    for (const c of ideal.result.capabilities) {
      expect(c.score, c.label).toBe(stats.highestScore[c.id]);
      expect(c.rating, c.label).toBe('P');
    }
    expect([ideal.clock('containment'), ideal.clock('gdpr')]).toEqual(['met', 'met']);
    expect(['mail-key', 'deploy-key', 'npm-token', 'git-tokens'].map(ideal.credential)).toEqual(['rotated', 'rotated', 'revoked', 'revoked']);
    expect(['ops-agent', 'dev-ide', 'docs-bot'].map((a) => ideal.tool(a, 'mailrelay'))).toEqual(['deny', 'deny', 'deny']);
  });

  it('the GDPR clock starts when the team learns what the copied mail held, not on Friday or at the first report', () => {
    expect(startedAt(ideal, 'gdpr')).toBe(40);
    expect(ideal.shown('exposure')).toBe(true);
  });

  it('the worst path ends exposed, misses every critical task and rates every capability U', () => {
    const worst = run('worst');
    expect(worst.ending).toBe('still-exposed');
    expect(worst.missed).toHaveLength(drill.scenario.expectations.length);
    expect(worst.result.capabilities.every((c) => c.rating === 'U')).toBe(true);
  });

  it('asking the agent gives no detection credit: the facts come from a lawyer two hours later and the SLA is lost', () => {
    const asked = run(['open-bridge', 'ask-agent', 'keep-now', ...IDEAL.slice(2)]);
    expect([asked.shown('late-scope'), asked.shown('exposure')]).toEqual([true, false]);
    expect(asked.missed).toEqual(expect.arrayContaining(['read-the-trace', 'keep-traces', 'deny-everywhere']));
    expect(startedAt(asked, 'gdpr')).toBe(140);
    expect(asked.ending).toBe('contained-late');
  });

  it('scoping from the first list misses the CI job: it runs the tool again, the SLA breaches, and no good ending', () => {
    const narrow = run(variant({ 3: ['first-list'], 4: ['deny-known', 'deny-now'] }));
    expect(narrow.shown('contain-again')).toBe(true);
    expect(narrow.missed).toEqual(expect.arrayContaining(['scope-everywhere', 'deny-everywhere']));
    expect(narrow.clock('containment')).toBe('breached');
    expect(narrow.ending).toBe('contained-late');
    expect(() => run(variant({ 3: ['first-list'] }))).toThrow(/"deny-everywhere" is not an option/);
  });

  it('the system-prompt line contains nothing: the tool keeps loading until the second chance, and the SLA is lost', () => {
    const trap = run(variant({ 4: ['prompt-line', 'deny-now'] }));
    expect(trap.shown('contain-again')).toBe(true);
    expect(trap.missed).toContain('deny-everywhere');
    expect(score(trap, 'containment')).toBeLessThan(score(ideal, 'containment'));
    expect(trap.ending).not.toBe('contained');
    const ignored = run(variant({ 4: ['prompt-line', 'wait-devs'] }));
    expect(ignored.ending).toBe('still-exposed');
    expect(ignored.tool('docs-bot', 'mailrelay')).toBe('allow');
  });

  it('rotating only the mail tool key leaves the npm token to publish a hijacked SDK; deprecating alone leaves it valid', () => {
    const mailOnly = run(variant({ 5: ['mail-only', 'deprecate-only'] }));
    expect(mailOnly.shown('tokens-abused')).toBe(true);
    expect([mailOnly.credential('deploy-key'), mailOnly.credential('npm-token')]).toEqual(['valid', 'valid']);
    expect(mailOnly.ending).toBe('still-exposed');
    const late = run(variant({ 5: ['ops-keys-only', 'revoke-and-yank'] }));
    expect(late.missed).toContain('rotate-what-it-read');
    expect(late.credential('npm-token')).toBe('revoked');
    expect(late.ending).toBe('contained-late');
    expect(ideal.shown('tokens-abused')).toBe(false);
  });

  it('reimaging the laptops before capture destroys the evidence and scores clearly below capturing first', () => {
    const wiped = run(variant({ 6: ['reimage-tonight'] }));
    expect(wiped.state.flags['evidence-destroyed']).toBeDefined();
    expect(wiped.missed).toContain('capture-before-clean');
    expect(score(wiped, 'evidence')).toBeLessThanOrEqual(score(ideal, 'evidence') - 6);
    expect(wiped.ending).toBe('contained-late');
  });

  it('waiting for the forensic report brings the CNPD back as a second chance; staying silent breaches the clock', () => {
    const silent = run(variant({ 8: ['wait-forensics'], 11: ['allow-list-tonight', 'stay-silent'] }));
    expect(silent.shown('regulator-again')).toBe(true);
    expect(silent.clock('gdpr')).toBe('breached');
    expect(silent.missed).toContain('notify-in-time');
    expect(silent.ending).toBe('contained-late');
    const pushed = run(variant({ 8: ['not-ours'], 11: ['allow-list-tonight', 'file-now'] }));
    expect(pushed.clock('gdpr')).toBe('met');
    expect(pushed.ending).toBe('contained-late');
    expect(ideal.shown('regulator-again')).toBe(false);
  });

  it('restoring from the publisher with a version range lets it ship 2.3.2 into the agent', () => {
    const range = run(variant({ 10: ['registry-range', 'block-new-domain'] }));
    expect(range.shown('reinfection')).toBe(true);
    expect(range.tool('ops-agent', 'mailrelay')).toBe('allow');
    expect(range.missed).toContain('verified-replacement');
    expect(range.ending).toBe('still-exposed');
    const rebuilt = run(variant({ 10: ['registry-range', 'deny-and-rebuild'] }));
    expect(rebuilt.tool('ops-agent', 'mailrelay')).toBe('deny');
    expect(rebuilt.ending).toBe('contained-late');
  });

  it('the quarter-end dilemma: keeping the agent off until the review scores the same and ends well, at a price in euros', () => {
    const manual = run(variant({ 11: ['manual-until-review'] }));
    expect(manual.ending).toBe('contained');
    expect(manual.result.total.score).toBe(ideal.result.total.score);
    expect(manual.metric('manual-cost')).toBeGreaterThan(30_000);
    expect(ideal.metric('manual-cost')).toBe(0);
    const vendored = run(variant({ 10: ['vendor-2-3-0'] }));
    expect(vendored.ending).toBe('contained');
    expect(vendored.result.total.score).toBe(ideal.result.total.score);
  });

  it('counsel only later, or a briefing the CEO cannot use or that blames the registry, leaves an open item: no good ending', () => {
    for (const [i, id] of [[2, 'declare-legal-later'], [7, 'tech-timeline'], [7, 'blame-registry']] as const) {
      const r = run(variant({ [i]: [id] }));
      expect(r.state.flags['gap-left'], id).toBeDefined();
      expect(r.ending, id).toBe('contained-late');
    }
  });

  it('the old configuration reopens the hole: the tool is back on the operations agent and the ending is bad', () => {
    const reopened = run(variant({ 11: ['old-config'] }));
    expect(reopened.tool('ops-agent', 'mailrelay')).toBe('allow');
    expect(reopened.state.flags['tool-removed-everywhere']).toBeUndefined();
    expect(reopened.missed).toEqual(expect.arrayContaining(['hold-the-line', 'pin-and-allow-list']));
    expect(reopened.ending).toBe('still-exposed');
  });
});
