/**
 * The managers' list (finished exercises and solo runs, with filters), trends per scenario, and
 * the improvement plan's loop: the same team name playing again and meeting an expectation
 * marks the earlier plan item validated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReportSchema, type ReportList, type Trends } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { startSolo } from '../helpers/http.ts';
import type { Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { playTwoTeamDrill, TEAM1 } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let first: Session;
let second: Session;
let soloId: string;
beforeAll(async () => {
  server = await startTestServer();
  first = await playTwoTeamDrill(server.url);
  // Team 2 plays again and this time pauses the pipeline (meets "pause-it").
  second = await playTwoTeamDrill(server.url, { t1: TEAM1, t2: TEAM1 });
  const joined = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Trainee Tess' });
  const solo = await connectClient(server.url, joined);
  for (const option of ['snapshot', 'pause']) {
    const ack = await solo.command({ type: 'vote', option });
    expect(ack.ok).toBe(true);
  }
  const team = solo.state!.teams[0]!;
  if (!team.progress.ending) await solo.command({ type: 'continue', inject: team.progress.inject!.id });
  await solo.waitFor((s) => s.exercise.status === 'debrief', 5000, 'the solo debrief');
  soloId = joined.exerciseId;
  solo.close();
});
afterAll(async () => {
  first?.close();
  second?.close();
  await server?.close();
});

const list = async (query = '') =>
  ((await withKey(server.url, `/api/reports${query}`, MANAGER_KEY)).json() as ReportList).reports;

describe('H9 managers list', () => {
  it('lists finished exercises and solo runs, newest first, with teams, trainees, mode and ratings', async () => {
    const all = await list();
    expect(all.map((r) => r.exerciseId)).toEqual([soloId, second.created.exerciseId, first.created.exerciseId]);
    const solo = all[0]!;
    expect(solo).toMatchObject({
      solo: true,
      mode: 'solo',
      trainees: ['Trainee Tess'],
      scenario: { id: 'mini-drill', title: 'Mini drill' },
    });
    expect(solo.teams[0]).toMatchObject({ name: 'Trainee Tess', total: { score: 8, max: 8 } });
    expect(solo.teams[0]!.capabilities.map((c) => c.rating)).toEqual(['P', 'P', 'P']);
    const team = all[2]!;
    expect(team).toMatchObject({ mode: 'vote', solo: false, status: 'debrief' });
    expect(team.teams.map((t) => t.name)).toEqual(['Team 1', 'Team 2']);
    expect(team.trainees).toHaveLength(6);
    expect(team.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('filters by scenario, team, trainee and date range', async () => {
    expect(await list('?scenario=nope')).toEqual([]);
    expect((await list('?scenario=mini-drill')).length).toBe(3);
    expect((await list('?trainee=tess')).map((r) => r.exerciseId)).toEqual([soloId]);
    expect((await list('?team=team%202')).length).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).length).toBe(3);
    expect(await list('?to=2000-01-01')).toEqual([]);
    const bad = await withKey(server.url, '/api/reports?from=yesterday', MANAGER_KEY);
    expect(bad.status).toBe(400);
    expect((bad.json() as { message: string }).message).toMatch(/^from: expected a date as YYYY-MM-DD/);
  });

  it('downloads the solo run report', async () => {
    for (const format of ['md', 'json', 'html', 'csv']) {
      const res = await withKey(server.url, `/api/exercises/${soloId}/report.${format}`, MANAGER_KEY);
      expect(res.status, format).toBe(200);
    }
    const report = gapReportSchema.parse(
      (await withKey(server.url, `/api/exercises/${soloId}/report.json`, MANAGER_KEY)).json(),
    );
    expect(report.overview.solo).toBe(true);
    expect(report.teams[0]!.decisions.map((d) => [d.chosen, d.settledBy])).toEqual([
      ['snapshot', 'solo'],
      ['pause', 'solo'],
    ]);
  });
});

describe('H10 trends and validation', () => {
  it('gives per team name and capability the score ratio and rating over time', async () => {
    const trends = (await withKey(server.url, '/api/trends?scenario=mini-drill', MANAGER_KEY)).json() as Trends;
    expect(trends.scenario).toEqual({ id: 'mini-drill', title: 'Mini drill' });
    expect(trends.capabilities.map((c) => c.id)).toEqual(['containment', 'evidence', 'recovery']);
    expect(trends.teams.map((t) => [t.name, t.points.length])).toEqual([
      ['Team 1', 2],
      ['Team 2', 2],
      ['Trainee Tess', 1],
    ]);
    const team2 = trends.teams[1]!;
    expect(team2.points.map((p) => p.exerciseId)).toEqual([first.created.exerciseId, second.created.exerciseId]);
    const recovery = team2.points.map((p) => p.capabilities.find((c) => c.id === 'recovery')!);
    expect(recovery.map((c) => [c.ratio, c.rating])).toEqual([
      [0, 'U'],
      [1, 'P'],
    ]);
  });

  it('marks the earlier plan item validated once the same team met the expectation later', async () => {
    const report = gapReportSchema.parse(
      (await withKey(server.url, `/api/exercises/${first.created.exerciseId}/report.json`, MANAGER_KEY)).json(),
    );
    const pause = report.plan.find((p) => p.teamName === 'Team 2' && p.key === 'pause-it')!;
    expect(pause).toMatchObject({ status: 'validated', validatedBy: { exerciseId: second.created.exerciseId } });
    // Team 2 did not meet these in the first exercise but did in the second: validated too.
    expect(report.plan.filter((p) => p.teamName === 'Team 2').every((p) => p.status === 'validated')).toBe(true);
    const later = gapReportSchema.parse(
      (await withKey(server.url, `/api/exercises/${second.created.exerciseId}/report.json`, MANAGER_KEY)).json(),
    );
    expect(later.plan.every((p) => p.status === 'open')).toBe(true);
  });
});
