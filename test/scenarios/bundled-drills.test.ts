/**
 * The bundled drills as training content (issue 18, ../shared/design/drill-quality.md): they
 * check clean, the ideal path scores 100% in every capability and meets every expectation, and
 * no good ending is reached with a regulatory clock breached or the attacker's access still
 * open, on thousands of near-ideal, deviating and random paths.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durationSeconds } from '../../server/engine/duration.ts';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { loadClean, scenarioFiles } from '../engine/helpers.ts';
import { biasedPath, singleDeviations, type SampledPath } from './paths.ts';

/** For every bundled drill: the flags that together mean the attacker's way in is closed. */
const ACCESS_CLOSED: Record<string, string[]> = {
  'poisoned-fraud-detector': ['key-revoked'],
  'backdoored-registry-model': ['egress-blocked', 'credentials-rotated'],
  'deepfake-cfo-payment': ['route-closed'],
  'phishing-classifier-evasion': ['contained', 'checker-closed'],
  'poisoned-support-agent': ['agent-contained', 'exfil-blocked', 'mod-token-revoked', 'poison-purged'],
  'poisoned-agent-tool': ['tool-removed-everywhere', 'egress-blocked', 'tokens-rotated'],
  'exposed-training-cluster': ['access-closed', 'secrets-rotated'],
  'training-data-exposure': ['attacker-cut', 'channel-closed'],
  'model-extraction-api': ['key-revoked', 'trial-accounts-closed'],
};

/**
 * Flags an expectation reads as "done in time" (issue 18's drills): on every path they are set
 * only while their regulatory clocks are met, so a plain flag requirement tells the truth.
 */
const IN_TIME: Record<string, Array<[string, string[]]>> = {
  'poisoned-fraud-detector': [['dora-initial-sent', ['dora-initial-4h', 'dora-initial-24h']], ['cardholders-notified', ['gdpr-art33']]],
  'backdoored-registry-model': [['claimants-notified', ['gdpr-art33']]],
  'model-extraction-api': [['processor-notice-sent', ['processor-notice']]],
};

/** Quick drills (30 minutes or less) give 5-7 decisions for a lunch break; full drills 10-14. */
const decisionRange = (minutes: number): [number, number] => (minutes <= 30 ? [5, 7] : [10, 14]);

const SEEDS = 400;

const DRILLS = scenarioFiles().map((file) => loadClean(file));

describe('bundled drills', () => {
  it('every bundled drill names the flags that close its attacker access', () => {
    for (const { file, drill } of DRILLS) expect(Object.keys(ACCESS_CLOSED), file).toContain(drill.scenario.id);
  });

  for (const { file, drill, stats } of DRILLS) {
    describe(file, () => {

      it('is newer than any version kept in scenarios/versions/ for old exercises', () => {
        const kept = readdirSync('scenarios/versions').filter((f) => f.startsWith(`${drill.scenario.id}.v`));
        for (const f of kept) expect(drill.scenario.version).toBeGreaterThan(Number(/\.v(\d+)\.yaml$/.exec(f)![1]));
      });

      it('the ideal path scores 100% in every capability and meets every expectation', () => {
        const best = outcomeOf(drill, stats, play(drill, stats, { kind: 'best' }).state);
        for (const c of best.capabilities) expect([c.id, c.score], c.label).toEqual([c.id, stats.highestScore[c.id]]);
        expect(best.capabilities.filter((c) => c.rating !== null).every((c) => c.rating === 'P')).toBe(true);
        expect(best.expectations.filter((e) => !e.met).map((e) => e.id)).toEqual([]);
        expect(best.ending?.kind).toBe('good');
        expect(best.clocks.filter((c) => c.status !== 'met').map((c) => c.id)).toEqual([]);
      });

      it('keeps every SLA clock at least 25% inside its limit on the ideal path', () => {
        const best = outcomeOf(drill, stats, play(drill, stats, { kind: 'best' }).state);
        for (const clock of best.clocks.filter((c) => c.kind === 'sla')) {
          expect(clock.elapsedMinutes! / clock.limitMinutes, clock.label).toBeLessThanOrEqual(0.75);
        }
      });

      it('paces to the clock: 10-14 decisions (5-7 for a quick drill) on the ideal path and summed discussion at most 55% of its minutes', () => {
        const decisions = stats.bestPath.filter((e) => e.type !== 'CONTINUE').length;
        const [fewest, most] = decisionRange(drill.scenario.minutes);
        expect(decisions).toBeGreaterThanOrEqual(fewest);
        expect(decisions).toBeLessThanOrEqual(most);
        const best = play(drill, stats, { kind: 'best' }).state;
        const discussed = best.log
          .filter((r) => r.kind === 'chosen')
          .reduce((sum, r) => sum + durationSeconds(drill.injects[r.inject]!.inject.decision!.discuss) / 60, 0);
        expect(discussed).toBeLessThanOrEqual(0.55 * drill.scenario.minutes);
      });

      const samples: SampledPath[] = [
        ...singleDeviations(drill),
        ...[0.95, 0.85, 0.7].flatMap((bias) => Array.from({ length: SEEDS }, (_, i) => biasedPath(drill, i + 1, bias))),
        ...Array.from({ length: SEEDS }, (_, i) => biasedPath(drill, i + 1, 0)),
      ];

      it('reaches every ending on the sampled paths', () => {
        const reached = new Set(samples.map((p) => p.state.cursor.ending));
        expect([...reached].sort()).toEqual(Object.keys(drill.endings).sort());
      });

      it.skipIf(!IN_TIME[drill.scenario.id])('sets the flags its expectations read as "in time" only while their regulatory clocks are met', () => {
        let checked = 0;
        for (const path of samples) {
          const clocks = outcomeOf(drill, stats, path.state).clocks;
          for (const [flag, ids] of IN_TIME[drill.scenario.id]!) {
            if (!path.state.flags[flag]) continue;
            checked++;
            expect(clocks.filter((c) => ids.includes(c.id) && c.status !== 'met').map((c) => `${flag}: ${c.id} ${c.status}`), path.label).toEqual([]);
          }
        }
        expect(checked).toBeGreaterThan(0);
      });

      it('never reaches a good ending with a regulatory clock breached or the attacker access open', () => {
        const closing = ACCESS_CLOSED[drill.scenario.id]!;
        let good = 0;
        for (const path of samples) {
          const ending = drill.endings[path.state.cursor.ending!]!;
          if (ending.kind !== 'good') continue;
          good++;
          const outcome = outcomeOf(drill, stats, path.state);
          const breached = outcome.clocks.filter((c) => c.kind === 'regulatory' && c.status !== 'met').map((c) => `${c.id} ${c.status}`);
          expect(breached, path.label).toEqual([]);
          expect(closing.filter((f) => !path.state.flags[f]), path.label).toEqual([]);
        }
        expect(good).toBeGreaterThan(0);
      });
    });
  }
});
