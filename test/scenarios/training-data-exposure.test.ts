/**
 * The training-data exposure drill (issue 14): a readmission-risk API gives away who was an
 * inpatient. The lessons it teaches are routes: dismissing the statistics, waiting for certainty,
 * rolling back, unlearning a few patients or letting the minimisation purge run must each cost the
 * team what they would cost in a real incident.
 */
import { describe, expect, it } from 'vitest';
import { loadClean } from '../engine/helpers.ts';
import { routeOutcome } from './route-outcome.ts';

const loaded = loadClean('scenarios/training-data-exposure.yaml');
const { drill } = loaded;

/** The ideal path from the first decision, with the choices at some injects replaced. */
const IDEAL: Array<[string, string]> = [
  ['report', 'open-investigation'],
  ['logs', 'preserve-and-search'],
  ['pattern', 'declare-with-counsel'],
  ['cut-access', 'cut-all'],
  ['awareness', 'aware-at-logs'],
  ['dilemma', 'withdraw'],
  ['regulators', 'file-both'],
  ['scope', 'replay-and-match'],
  ['model-status', 'treat-as-personal-data'],
  ['brief', 'business-brief'],
  ['outreach', 'deliberate-order'],
  ['patients', 'discreet-direct'],
  ['recovery', 'dp-retrain'],
  ['review', 'owned-plan'],
];

/** Option ids along the ideal path: `changes` replaces the choice at an inject, `inserted` adds second-chance answers after it. */
function route(changes: Record<string, string> = {}, inserted: Record<string, string[]> = {}): string[] {
  return IDEAL.flatMap(([inject, option]) => [changes[inject] ?? option, ...(inserted[inject] ?? [])]);
}

const outcome = (ids: string[] | 'best' | 'worst') => routeOutcome(loaded, ids);

describe('training-data exposure drill', () => {
  it('the best path ends protected with every expectation met, every probing key revoked and a DP model serving', () => {
    const best = outcome('best');
    expect(best.ending).toBe('protected-and-notified');
    expect(best.missed).toEqual([]);
    expect(['zah-key', 'medassist-key', 'lab-key'].map(best.credential)).toEqual(['revoked', 'revoked', 'revoked']);
    expect(best.serving('partner-readmit')).toEqual({ 'readmit-v5-dp': 100 });
    expect(best.serving('partner-los')).toEqual({ 'los-v3-dp': 100 });
  });

  it('the worst path ends exposed and misses every expectation', () => {
    const worst = outcome('worst');
    expect(worst.ending).toBe('still-exposed');
    expect(worst.missed).toHaveLength(drill.scenario.expectations.length);
  });

  it('withdrawing and restricting are equally good answers to the dilemma, and only withdrawal costs credits and unscored patients', () => {
    const withdrawn = outcome(route());
    const restricted = outcome(route({ dilemma: 'restrict' }));
    expect([withdrawn.ending, restricted.ending]).toEqual(['protected-and-notified', 'protected-and-notified']);
    expect([withdrawn.missed, restricted.missed]).toEqual([[], []]);
    expect(withdrawn.metric('credits')).toBeGreaterThan(0);
    expect(withdrawn.metric('unscored')).toBeGreaterThan(0);
    expect([restricted.metric('credits'), restricted.metric('unscored')]).toEqual([0, 0]);
  });

  it('recording awareness at the email instead of the log finding is just as defensible', () => {
    const early = outcome(route({ awareness: 'aware-at-email' }));
    expect(early.ending).toBe('protected-and-notified');
    expect(early.missed).toEqual([]);
  });

  it('filing the statistics as a backlog item brings the facts back a day late from the billing desk, with the SLA and the search deadline gone', () => {
    const backlog = outcome(route({ report: 'model-backlog', logs: 'preserve-now' }));
    expect(backlog.shown('billing-call')).toBe(true);
    expect(backlog.clock('containment-sla')).toBe('breached');
    expect(backlog.missed).toEqual(expect.arrayContaining(['find-the-probing', 'preserve-before-rotation', 'cut-attacker-access', 'counsel-early']));
    expect(backlog.ending).toBe('closed-with-open-items');
  });

  it('trusting the average accuracy gap sends the team to the billing call too', () => {
    const averaged = outcome(route({ logs: 'accuracy-gap' }, { logs: ['preserve-now'] }));
    expect(averaged.shown('billing-call')).toBe(true);
    expect(averaged.missed).toContain('find-the-probing');
  });

  it('waiting for the replay before counting as aware is recorded as a gap even when the notices go out in time', () => {
    const waited = outcome(route({ awareness: 'after-replay' }));
    expect(waited.missed).toEqual(['record-awareness']);
    expect([waited.clock('gdpr-art33'), waited.clock('nis2-early-warning')]).toEqual(['met', 'met']);
    expect(waited.ending).toBe('closed-with-open-items');
  });

  it('a late legal hold gets a second chance before the purge; letting it run destroys the scope ground truth', () => {
    const held = outcome(route({ pattern: 'declare-legal-later' }, { awareness: ['hold-now'] }));
    expect(held.missed).toEqual(['counsel-early']);
    const purged = outcome(route({ pattern: 'declare-legal-later', scope: 'rebuild-from-records' }, { awareness: ['let-it-run'] }));
    expect(purged.missed).toEqual(expect.arrayContaining(['counsel-early', 'hold-the-ground-truth']));
    expect(purged.ending).toBe('closed-with-open-items');
  });

  it('revoking only the loud key lets a new tenant register, and only closing the sign-up ends the probing', () => {
    const keyOnly = outcome(route({ 'cut-access': 'key-only' }, { dilemma: ['revoke-new'] }));
    expect(keyOnly.shown('new-tenant')).toBe(true);
    expect(keyOnly.credential('medassist-key')).toBe('valid');
    expect(keyOnly.ending).toBe('still-exposed');
    const late = outcome(route({ 'cut-access': 'key-only' }, { dilemma: ['cut-now'] }));
    expect(late.missed).toEqual(['cut-attacker-access']);
    expect(late.ending).toBe('closed-with-open-items');
  });

  it('rolling back to v3 leaves the same leak open until the answers themselves are cut', () => {
    const rolledBack = outcome(route({ dilemma: 'rollback-v3' }, { dilemma: ['restrict-now'] }));
    expect(rolledBack.shown('test-still-works')).toBe(true);
    expect(rolledBack.missed).toEqual(['close-the-channel']);
    expect(rolledBack.ending).toBe('closed-with-open-items');
    const kept = outcome(route({ dilemma: 'cap-only', recovery: 'unlearn' }, { dilemma: ['keep-going'], recovery: ['keep-unlearned'] }));
    expect(kept.ending).toBe('still-exposed');
  });

  it('waiting for the full report breaches both notification clocks', () => {
    const late = outcome(route({ regulators: 'wait-for-report' }));
    expect([late.clock('gdpr-art33'), late.clock('nis2-early-warning')]).toEqual(['breached', 'breached']);
    expect(late.missed).toEqual(expect.arrayContaining(['notify-gba-72h', 'nis2-early-warning']));
    expect(late.ending).toBe('closed-with-open-items');
  });

  it('notifying the GBA but not the CCB breaches the NIS2 clock only', () => {
    const gdprOnly = outcome(route({ regulators: 'gba-only' }));
    expect([gdprOnly.clock('gdpr-art33'), gdprOnly.clock('nis2-early-warning')]).toEqual(['met', 'breached']);
    expect(gdprOnly.missed).toEqual(['nis2-early-warning']);
  });

  it('not notifying brings a letter from the GBA, and replying then is late', () => {
    const silent = outcome(route({ regulators: 'no-notice' }, { patients: ['notify-late'] }));
    expect(silent.shown('authority-letter')).toBe(true);
    expect(silent.ending).toBe('closed-with-open-items');
  });

  it('deleting the models as "the GDPR answer" destroys evidence and denies the good ending', () => {
    const deleted = outcome(route({ 'model-status': 'delete-everything' }));
    expect(deleted.missed).toEqual(expect.arrayContaining(['hold-the-ground-truth', 'model-is-personal-data']));
    expect(deleted.ending).toBe('closed-with-open-items');
  });

  it('unlearning the identified patients fails the audit and costs the good ending even after the DP model arrives', () => {
    const unlearned = outcome(route({ recovery: 'unlearn' }, { recovery: ['dp-now'] }));
    expect(unlearned.shown('audit-fails')).toBe(true);
    expect(unlearned.ending).toBe('closed-with-open-items');
  });

  it('restoring full outputs once the tenants are gone reopens the channel', () => {
    const reopened = outcome(route({ recovery: 'full-outputs' }));
    expect(reopened.serving('partner-readmit')).toEqual({ 'readmit-v4': 100 });
    expect(reopened.ending).toBe('still-exposed');
  });

  it('no letters to the scoped patients comes back when they start to ask; telling them then still leaves an open item', () => {
    const late = outcome(route({ patients: 'no-letters' }, { patients: ['tell-now'] }));
    expect(late.shown('patients-again')).toBe(true);
    expect(late.missed).toEqual([]);
    expect(late.ending).toBe('closed-with-open-items');
    expect(outcome(route()).shown('patients-again')).toBe(false);
  });

  it('a lost extract gives only an approximate scope: letters can go out, but the scope task is missed and the results table is not shown', () => {
    const approx = outcome(route({ pattern: 'declare-legal-later', scope: 'rebuild-from-records' }, { awareness: ['let-it-run'] }));
    expect(approx.shown('scope-results')).toBe(false);
    expect(approx.missed).toEqual(expect.arrayContaining(['scope-everywhere', 'hold-the-ground-truth']));
    expect(approx.state.flags['patients-notified']).toBeDefined();
  });

  it('counsel later, a privacy-only frame, a technical brief or no improvement plan leaves an open item: no good ending', () => {
    const cases: Array<[string, string]> = [['pattern', 'declare-legal-later'], ['pattern', 'privacy-only'], ['brief', 'technical'], ['review', 'stop-partner-models']];
    for (const [inject, option] of cases) {
      const inserted: Record<string, string[]> = inject === 'pattern' ? { awareness: ['hold-now'] } : {};
      const r = outcome(route({ [inject]: option }, inserted));
      expect(r.state.flags['gap-left'], option).toBeDefined();
      expect(r.ending, option).toBe('closed-with-open-items');
    }
  });

  it('a team that never scopes cannot write to the targeted patients', () => {
    const unscoped = outcome(route({ scope: 'assume-all', patients: 'general-notice' }));
    expect(unscoped.shown('scope-results')).toBe(false);
    expect(unscoped.missed).toEqual(expect.arrayContaining(['scope-everywhere', 'tell-the-patients']));
  });
});
