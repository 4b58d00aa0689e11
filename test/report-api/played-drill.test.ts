/**
 * A two-team drill played through the real protocol (real server, real socket.io clients, vote
 * mode, three players per team, dissent with reasons) gives a report whose decisions, votes,
 * dissent reasons and scores match what was played, in every export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { outcomeOf as scoreOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import { gapReportSchema, type GapReport } from '../../protocol/index.ts';
import type { Session } from '../helpers/play.ts';
import { MINI, startTestServer, type TestServer } from '../helpers/server.ts';
import { outcomeOf, playTwoTeamDrill, TEAM1, TEAM2 } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let session: Session;
let report: GapReport;
beforeAll(async () => {
  server = await startTestServer();
  session = await playTwoTeamDrill(server.url);
  const res = await withKey(
    server.url,
    `/api/exercises/${session.created.exerciseId}/report.json`,
    session.created.facilitatorKey,
  );
  expect(res.status).toBe(200);
  report = gapReportSchema.parse(res.json());
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

describe('report of a drill played through the protocol', () => {
  it('has both teams with their players and roles', () => {
    expect(report.overview).toMatchObject({
      exerciseId: session.created.exerciseId,
      code: session.created.code,
      mode: 'vote',
      solo: false,
      status: 'debrief',
    });
    expect(report.teams.map((t) => [t.name, t.players.map((p) => p.name).sort()])).toEqual([
      ['Team 1', ['P1.1', 'P1.2', 'P1.3']],
      ['Team 2', ['P2.1', 'P2.2', 'P2.3']],
    ]);
    for (const t of report.teams)
      for (const p of t.players) expect(p.role).toBe(session.players.find((x) => x.name === p.name)!.role);
  });

  it('records each decision as the majority chose it, settled by the vote', () => {
    for (const [team, plan] of [
      [report.teams[0]!, TEAM1],
      [report.teams[1]!, TEAM2],
    ] as const) {
      expect(team.decisions.map((d) => d.chosen)).toEqual(outcomeOf(plan));
      expect(team.decisions.every((d) => d.settledBy === 'vote' && d.kind === 'chosen')).toBe(true);
      expect(team.decisions.every((d) => d.wallSeconds !== null && d.wallSeconds >= 0)).toBe(true);
    }
  });

  it('keeps every vote, who dissented and why', () => {
    for (const [team, plan, n] of [
      [report.teams[0]!, TEAM1, 1],
      [report.teams[1]!, TEAM2, 2],
    ] as const) {
      team.decisions.forEach((d, i) => {
        const expected = plan[i]!.map((v, m) => ({
          name: `P${n}.${m + 1}`,
          option: v.option,
          reason: v.reason ?? null,
          dissent: v.option !== d.chosen,
        }));
        expect(d.votes.map((v) => ({ name: v.name, option: v.option, reason: v.reason, dissent: v.dissent }))).toEqual(
          expected,
        );
        expect(d.dissent).toBe(expected.filter((v) => v.dissent).length);
      });
    }
    expect(report.teams[0]!.decisions[0]!.votes[0]).toMatchObject({
      name: 'P1.1',
      option: 'delete',
      reason: 'Faster to just delete it',
      dissent: true,
    });
  });

  it('scores each team exactly as the engine scores the same choices', () => {
    const { drill, stats } = loadDrill(MINI);
    for (const [team, plan] of [
      [report.teams[0]!, TEAM1],
      [report.teams[1]!, TEAM2],
    ] as const) {
      const expected = scoreOf(drill, stats, play(drill, stats, { kind: 'ids', ids: outcomeOf(plan) }).state);
      expect(team.total).toEqual(expected.total);
      expect(team.ending?.id).toBe(expected.ending?.id);
      expect(team.capabilities.map((c) => [c.id, c.score, c.rating])).toEqual(
        expected.capabilities
          .filter((c) => team.capabilities.some((x) => x.id === c.id))
          .map((c) => [c.id, c.score, c.rating]),
      );
    }
    expect(report.comparison.find((c) => c.capability === 'containment')!.teams.map((t) => t.score)).toEqual([3, 2]);
  });

  it('has the hot wash with names (not anonymous) and a verified hash chain', () => {
    expect(report.hotwash.anonymous).toBe(false);
    expect(report.hotwash.answers.map((a) => a.name).sort()).toEqual(['P1.1', 'P2.1', 'P2.2']);
    expect(report.integrity.verified).toBe(true);
    expect(report.integrity.head).toMatch(/^[0-9a-f]{64}$/);
    expect(report.integrity.events).toBe(session.facilitator.state!.version);
  });

  it('serves every format with its type and a download file name, the same bytes to manager and facilitator', async () => {
    const id = session.created.exerciseId;
    const types = { md: 'text/markdown', json: 'application/json', html: 'text/html', csv: 'text/csv' };
    for (const [format, type] of Object.entries(types)) {
      const fac = await withKey(server.url, `/api/exercises/${id}/report.${format}`, session.created.facilitatorKey);
      const mgr = await withKey(server.url, `/api/exercises/${id}/report.${format}`, MANAGER_KEY);
      expect(fac.status).toBe(200);
      expect(fac.headers.get('content-type')).toContain(type);
      expect(fac.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="breachdrill-mini-drill-\\d{4}-\\d{2}-\\d{2}-[a-z0-9]{6}\\.${format}"$`),
      );
      expect(fac.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(mgr.text).toBe(fac.text);
    }
    const csv = (
      await withKey(server.url, `/api/exercises/${id}/report.csv?key=${encodeURIComponent(MANAGER_KEY)}`, null)
    ).text;
    expect(csv.split('\r\n')[0]).toMatch(/^team,n,inject/);
    expect(csv).toContain('Need more data first');
    expect(csv).toContain('Pausing is the safer bet');
    const plan = await withKey(server.url, `/api/exercises/${id}/report.plan.csv`, MANAGER_KEY);
    expect(plan.status).toBe(200);
    expect(plan.headers.get('content-type')).toContain('text/csv');
    expect(plan.headers.get('content-disposition')).toMatch(/\.plan\.csv"$/);
    expect(plan.text.split('\r\n')[0]).toBe(
      'team,capability,source,issue,corrective_action,element,responsible,organisation,organisation_poc,start,completion,status,status_date,atlas_mitigations,csf,validated_by',
    );
  });

  it('anonymous hot wash: a facilitator who chose it gets answers without names', async () => {
    const created = await withKey(server.url, '/api/exercises', null, {
      method: 'POST',
      body: { scenarioId: 'mini-drill', teams: ['Solo-ish'], anonymousHotwash: true },
    });
    expect(created.status).toBe(201);
    const { exerciseId, facilitatorKey } = created.json() as {
      exerciseId: string;
      facilitatorKey: string;
      code: string;
    };
    const { connectClient } = await import('../helpers/client.ts');
    const { joinExercise } = await import('../helpers/http.ts');
    const fac = await connectClient(server.url, { exerciseId, token: facilitatorKey });
    const joined = await joinExercise(server.url, { code: (created.json() as { code: string }).code, name: 'Quiet' });
    const p = await connectClient(server.url, joined);
    await fac.command({ type: 'start' });
    await fac.command({ type: 'end' });
    await p.waitFor((s) => s.exercise.status === 'debrief');
    expect((await p.command({ type: 'hotwash', worked: 'x', didNot: 'y', confidence: { containment: 3 } })).ok).toBe(
      true,
    );
    const r = gapReportSchema.parse(
      (await withKey(server.url, `/api/exercises/${exerciseId}/report.json`, facilitatorKey)).json(),
    );
    expect(r.hotwash.anonymous).toBe(true);
    expect(r.hotwash.answers).toHaveLength(1);
    expect(r.hotwash.answers[0]!.name).toBeNull();
    expect(JSON.stringify(r.hotwash)).not.toContain('Quiet');
    fac.close();
    p.close();
  });
});
