/**
 * A strong and a weak team (the best and worst paths of a drill) give the ratings, met and
 * missed lists, improvement-plan statuses and confidence flags they should; the headless
 * history helper gives deterministic decisions for one solo player.
 */
import { describe, expect, it } from 'vitest';
import { checkDrillFile, loadDrill } from '../../server/engine/check.ts';
import type { Drill } from '../../server/engine/drill.ts';
import type { ExploreResult } from '../../server/engine/explore.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythrough, historyFromPlaythroughs } from '../../server/report/from-playthrough.ts';
import type { ExerciseHistory } from '../../server/report/history.ts';
import { buildReport } from '../../server/report/model.ts';
import { gapReportSchema, type TeamReport } from '../../protocol/index.ts';
import { MINI, START } from './fixture-history.ts';

const POISONED = new URL('../../scenarios/poisoned-fraud-detector.yaml', import.meta.url).pathname;

function twoTeams(drill: Drill, stats: ExploreResult): ExerciseHistory {
  const h = historyFromPlaythroughs(
    drill,
    [
      { name: 'Strong', playthrough: play(drill, stats, { kind: 'best' }) },
      { name: 'Weak', playthrough: play(drill, stats, { kind: 'worst' }) },
    ],
    { start: START },
  );
  return h;
}

const ratings = (t: TeamReport): Record<string, string | null> =>
  Object.fromEntries(t.capabilities.map((c) => [c.id, c.rating]));
const met = (t: TeamReport): string[] => t.expectations.filter((e) => e.met).map((e) => e.id);
const missed = (t: TeamReport): string[] => t.expectations.filter((e) => !e.met).map((e) => e.id);

describe('two-team report on mini.yaml', () => {
  const { drill, stats } = loadDrill(MINI);
  const base = twoTeams(drill, stats);
  const history: ExerciseHistory = {
    ...base,
    hotwash: [
      {
        teamId: 'strong',
        playerName: 'Sam',
        role: 'ir-lead',
        worked: 'Snapshot first.',
        didNot: 'Unsure about evidence.',
        confidence: { evidence: 1, containment: 5 },
      },
      {
        teamId: 'weak',
        playerName: 'Wes',
        role: 'ir-lead',
        worked: 'Calm.',
        didNot: '-',
        confidence: { containment: 5, recovery: 3 },
      },
      {
        teamId: 'weak',
        playerName: 'Wyn',
        role: 'ml-engineer',
        worked: 'Talked a lot.',
        didNot: '-',
        confidence: { containment: 4 },
      },
    ],
    later: [{ exerciseId: 'next', teamName: 'Weak', endedAt: START + 86_400_000, met: ['pause-it'] }],
  };
  const report = buildReport(drill, stats, history);
  const [strong, weak] = report.teams as [TeamReport, TeamReport];

  it('validates against the schema', () => {
    expect(() => gapReportSchema.parse(report)).not.toThrow();
  });
  it('rates the strong team P everywhere and the weak team U or M', () => {
    expect(ratings(strong)).toEqual({ containment: 'P', evidence: 'P', recovery: 'P' });
    expect(ratings(weak)).toEqual({ containment: 'U', evidence: 'M', recovery: 'U' });
  });
  it('lists met and missed expectations with sim times', () => {
    expect(met(strong)).toEqual(['contain-fast', 'evidence-first', 'no-destroy', 'pause-it']);
    expect(missed(strong)).toEqual([]);
    expect(strong.expectations.find((e) => e.id === 'contain-fast')!.at).toBe(20);
    expect(met(weak)).toEqual(['no-destroy']);
    expect(missed(weak)).toEqual(['contain-fast', 'evidence-first', 'pause-it']);
    expect(weak.improvements.map((f) => f.key)).toEqual(['contain-fast', 'evidence-first', 'pause-it']);
    expect(weak.improvements[0]!.note).toContain('chose “Wait” instead of “Snapshot then roll back”');
  });
  it('reports containment against the SLA and business impact', () => {
    expect(strong.containment).toMatchObject({ status: 'met', elapsedMinutes: 20, limitMinutes: 60 });
    expect(weak.containment!.status).toBe('breached');
    expect(strong.impact[0]!.total).toBeLessThan(weak.impact[0]!.total);
    expect(report.summary.teams[0]!.text).toMatch(
      /^Strong contained the incident after 20m of sim time, inside the 1h SLA, and met all 4 critical tasks\./,
    );
    expect(report.summary.teams[1]!.text).toMatch(
      /^Weak did not contain the incident within the 1h SLA, and missed 3 of 4/,
    );
  });
  it('marks the best option on every decision of the best path', () => {
    expect(strong.decisions.every((d) => d.matchedBest && d.bestSource === 'best-path')).toBe(true);
    expect(weak.decisions.every((d) => !d.matchedBest && d.harmful)).toBe(true);
  });
  it('validates plan items a later exercise met and leaves the rest open', () => {
    expect(report.plan.map((p) => [p.teamName, p.key, p.status])).toEqual([
      ['Weak', 'contain-fast', 'open'],
      ['Weak', 'evidence-first', 'open'],
      ['Weak', 'pause-it', 'validated'],
    ]);
    expect(report.plan[2]!.validatedBy).toEqual({ exerciseId: 'next', date: '2026-03-11' });
    // start on the exercise date; mini.yaml suggests no improvement horizon, so completion is left to agree
    expect(report.plan.every((p) => p.start === '2026-03-10' && p.completion === '')).toBe(true);
  });
  it('ignores an exercise that ended before this one, and applies plan edits', () => {
    const earlier = buildReport(drill, stats, {
      ...history,
      later: [{ exerciseId: 'old', teamName: 'Weak', endedAt: START - 1, met: ['pause-it'] }],
      plan: [
        {
          key: 'contain-fast',
          teamId: 'weak',
          start: '2025-04-01',
          completion: '2025-05-01',
          correctiveAction: 'Drill the rollback.',
        },
      ],
    });
    expect(earlier.plan.map((p) => p.status)).toEqual(['open', 'open', 'open']);
    expect(earlier.plan[0]).toMatchObject({
      start: '2025-04-01',
      completion: '2025-05-01',
      correctiveAction: 'Drill the rollback.',
    });
  });
  it('flags confidence that disagrees with the rating', () => {
    expect(
      report.hotwash.disagreements.map((d) => [d.teamName, d.capability, d.confidence, d.rating, d.direction]),
    ).toEqual([
      ['Strong', 'evidence', 1, 'P', 'underconfident'],
      ['Weak', 'containment', 4.5, 'U', 'overconfident'],
    ]);
    expect(report.summary.watch).toEqual(['Weak feels confident in Containment (4.5 of 5) but was rated U.']);
  });
  it('covers mitigations applied and missed', () => {
    expect(report.coverage.mitigationsApplied).toEqual([
      { id: 'AML.M0014', name: 'Verify AI Artifacts', teams: ['Strong'] },
    ]);
    expect(report.comparison.map((c) => [c.capability, c.max, c.teams.map((t) => t.score)])).toEqual([
      ['containment', 3, [3, -3]],
      ['evidence', 3, [3, 0]],
      ['recovery', 2, [2, -2]],
    ]);
  });
});

describe('headless history (from-playthrough)', () => {
  const { drill, stats } = loadDrill(MINI);
  const run = play(drill, stats, { kind: 'ids', ids: ['delete', 'pause'] });
  const history = historyFromPlaythrough(drill, 'Trainee', run, { start: START });
  it('gives one solo player in the lead role and 60 s per decision', () => {
    expect(history.exercise).toMatchObject({ solo: true, mode: 'lead', startedAt: START, endedAt: START + 3 * 60_000 });
    const [team] = history.teams;
    expect(team!.players).toEqual([{ id: 'trainee-solo', name: 'Solo player', role: 'ir-lead' }]);
    expect(team!.decisions.map((d) => [d.inject, d.option, d.kind, d.closedAt - d.openedAt, d.votes.length])).toEqual([
      ['alert', 'delete', 'chosen', 60_000, 1],
      ['pipeline', 'pause', 'chosen', 60_000, 1],
      ['wrap', null, 'continued', 60_000, 0],
    ]);
  });
  it('is deterministic and gives a report whose decisions match what was played', () => {
    expect(historyFromPlaythrough(drill, 'Trainee', run, { start: START })).toEqual(history);
    const report = buildReport(drill, stats, history);
    const [team] = report.teams;
    expect(team!.decisions.map((d) => [d.inject, d.chosen, d.settledBy, d.wallSeconds])).toEqual([
      ['alert', 'delete', 'solo', 60],
      ['pipeline', 'pause', 'solo', 60],
    ]);
    expect(team!.improvements.map((f) => f.key)).toEqual(['evidence-first', 'no-destroy']);
    expect(team!.improvements[1]!.note).toBe(
      'The team chose “Delete m2” at “Alert” (at the start), which set “The bad model was deleted”.',
    );
    expect(report.integrity.head).toMatch(/^[0-9a-f]{64}$/);
    expect(report.overview.solo).toBe(true);
  });
});

describe('two-team report on scenarios/poisoned-fraud-detector.yaml', () => {
  it('the bundled drill checks clean (the report test below depends on it)', () => {
    expect(checkDrillFile(POISONED).errors).toBe(0);
  });

  it('rates the best path at least as well as the worst on every capability', () => {
    const { drill, stats } = loadDrill(POISONED);
    const report = buildReport(drill, stats, twoTeams(drill, stats));
    expect(() => gapReportSchema.parse(report)).not.toThrow();
    const order = { P: 4, S: 3, M: 2, U: 1 } as const;
    const [strong, weak] = report.teams as [TeamReport, TeamReport];
    const rated = (t: TeamReport) => t.capabilities.map((c) => [c.id, c.rating]);
    // every capability the drill scores is rated for both teams, in the same order
    expect(rated(strong).map(([id]) => id)).toEqual(rated(weak).map(([id]) => id));
    expect([...rated(strong), ...rated(weak)].filter(([, rating]) => rating === null)).toEqual([]);
    const worse = strong.capabilities
      .filter((c, i) => order[c.rating!] < order[weak.capabilities[i]!.rating!])
      .map((c) => c.id);
    expect(worse).toEqual([]);
    expect(missed(strong).length).toBeLessThanOrEqual(missed(weak).length);
    for (const f of weak.improvements.filter((x) => x.source === 'decision'))
      expect(f.note).toMatch(/^Lost points (at the start|after (\d+d)?( ?\d+h)?( ?\d\d?m)?): /);
    expect(report.plan.filter((p) => p.teamName === 'Weak').length).toBe(weak.improvements.length);
  });
});
