/**
 * Rewinding a solo run (docs/protocol.md H18) against a real server with real sockets and
 * SQLite: the trainee who played a finished run rewinds it to one of its decisions and plays on
 * in a new run linked to the first; only their token may; the managers' list labels the new run
 * as practice and the trends leave it out (H9, H10); the link survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseSummary, GapReport, Joined, Rewound, Trends } from '../../protocol/index.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { createExercise, request, startSolo } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MANAGER = 'test-manager-key-0123456789';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ managerKey: MANAGER });
});
afterAll(async () => {
  await server?.close();
});

/** Plays a solo run of the mini drill with these two choices, then continues to its ending. */
async function playSolo(name: string, choices: [string, string]): Promise<{ joined: Joined; client: TestClient }> {
  const joined = await startSolo(server.url, { scenarioId: 'mini-drill', name });
  const client = await connectClient(server.url, joined);
  expect((await client.command({ type: 'vote', option: choices[0], inject: 'alert' })).ok).toBe(true);
  await client.waitFor((s) => s.teams[0]!.progress.inject?.id === 'pipeline');
  expect((await client.command({ type: 'vote', option: choices[1], inject: 'pipeline' })).ok).toBe(true);
  const state = await client.waitFor(
    (s) => s.teams[0]!.progress.inject?.id === 'wrap' || s.exercise.status === 'debrief',
  );
  if (state.exercise.status !== 'debrief')
    expect((await client.command({ type: 'continue', inject: 'wrap' })).ok).toBe(true);
  await client.waitFor((s) => s.exercise.status === 'debrief');
  return { joined, client };
}

const rewind = (exerciseId: string, key: string | null, body: unknown) =>
  request(server.url, `/api/exercises/${exerciseId}/rewind`, { body, ...(key ? { headers: bearer(key) } : {}) });

let first: { joined: Joined; client: TestClient };
let branch: Rewound;

describe('rewinding a solo run', () => {
  it('H18 the trainee rewinds a finished run to its second decision: a new run replays the first choice, then they decide live to a new ending', async () => {
    first = await playSolo('Tess', ['snapshot', 'pause']);
    const before = (
      await request(server.url, `/api/exercises/${first.joined.exerciseId}/report.json`, {
        headers: bearer(first.joined.token),
      })
    ).body as GapReport;
    expect(before.teams[0]!.ending?.title).toBe('Contained');

    const res = await rewind(first.joined.exerciseId, first.joined.token, { inject: 'pipeline' });
    expect(res.status).toBe(201);
    branch = res.body as Rewound;
    expect(branch).toMatchObject({
      seat: 'player',
      rewoundFrom: {
        exerciseId: first.joined.exerciseId,
        decision: 2,
        inject: 'pipeline',
        code: first.client.state!.exercise.code,
      },
    });
    expect(branch.exerciseId).not.toBe(first.joined.exerciseId);
    expect(branch.rewoundFrom.playedAt).toBeGreaterThan(0);

    const c = await connectClient(server.url, branch);
    try {
      const s = c.state!;
      expect(s.exercise).toMatchObject({ solo: true, status: 'running' });
      expect(s.players.map((p) => p.name)).toEqual(['Tess']);
      // the first run's choice at the first decision, then the decision rewound to, open
      expect(s.teams[0]!.progress.log.map((e) => [e.inject, e.kind, e.option])).toEqual([
        ['alert', 'chosen', 'snapshot'],
      ]);
      expect(s.teams[0]!.progress.inject?.id).toBe('pipeline');
      expect((await c.command({ type: 'vote', option: 'leave', inject: 'pipeline' })).ok).toBe(true);
      const done = await c.waitFor((x) => x.exercise.status === 'debrief');
      expect(done.teams[0]!.progress.ending?.title).toBe('Reinfected');
    } finally {
      c.close();
    }
    // the first run is as it was
    const after = (
      await request(server.url, `/api/exercises/${first.joined.exerciseId}/report.json`, {
        headers: bearer(first.joined.token),
      })
    ).body as GapReport;
    expect(after).toEqual(before);
    // rewinding to the first decision replays nothing
    const fromStart = (await rewind(first.joined.exerciseId, first.joined.token, { inject: 'alert' })).body as Rewound;
    const c2 = await connectClient(server.url, fromStart);
    expect(c2.state!.teams[0]!.progress.log).toEqual([]);
    expect(c2.state!.teams[0]!.progress.inject?.id).toBe('alert');
    c2.close();
  });

  it('H18 only the trainee who played the run rewinds it, once it has ended, to a decision it made', async () => {
    const running = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Uma' });
    expect(await rewind(running.exerciseId, running.token, { inject: 'alert' })).toEqual({
      status: 409,
      body: { ok: false, code: 'NOT_NOW', message: 'a run can be rewound once it has ended' },
    });
    // another trainee's token, the manager key, no key
    const refused = await rewind(first.joined.exerciseId, running.token, { inject: 'alert' });
    expect(refused).toEqual({
      status: 403,
      body: {
        ok: false,
        code: 'FORBIDDEN',
        message: 'only the trainee who played this solo run can rewind it, with the token of their seat',
      },
    });
    expect((await rewind(first.joined.exerciseId, MANAGER, { inject: 'alert' })).status).toBe(403);
    expect((await rewind(first.joined.exerciseId, null, { inject: 'alert' })).status).toBe(401);
    // a team exercise is not a practice run: its facilitator and its players cannot rewind it
    const team = await createExercise(server.url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
    expect((await rewind(team.exerciseId, team.facilitatorKey, { inject: 'alert' })).status).toBe(403);
    const player = (await request(server.url, '/api/join', { body: { code: team.code, name: 'Pat' } })).body as Joined;
    expect(await rewind(team.exerciseId, player.token, { inject: 'alert' })).toEqual({
      status: 403,
      body: { ok: false, code: 'FORBIDDEN', message: 'only the trainee who played a solo practice run can rewind it' },
    });
    // a decision the run never made, or no inject at all
    expect(await rewind(first.joined.exerciseId, first.joined.token, { inject: 'wrap' })).toEqual({
      status: 400,
      body: {
        ok: false,
        code: 'INVALID',
        message: 'the run made no decision at inject "wrap"; its decisions are at alert, pipeline',
      },
    });
    const malformed = await rewind(first.joined.exerciseId, first.joined.token, { decision: 2 });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { message: string }).message).toMatch(/inject/);
  });

  it('H9 H10 H18 managers see a rewound run as practice: listed with where it comes from, left out of the trends; the link survives a restart', async () => {
    const list = async () =>
      (
        (await request(server.url, '/api/reports?trainee=Tess', { headers: bearer(MANAGER) })).body as {
          reports: ExerciseSummary[];
        }
      ).reports;
    const reports = await list();
    const rewound = reports.find((r) => r.exerciseId === branch.exerciseId)!;
    expect(rewound).toMatchObject({
      solo: true,
      rewoundFrom: { exerciseId: first.joined.exerciseId, decision: 2, inject: 'pipeline' },
    });
    expect(reports.find((r) => r.exerciseId === first.joined.exerciseId)!.rewoundFrom).toBeNull();

    const trends = (await request(server.url, '/api/trends?scenario=mini-drill', { headers: bearer(MANAGER) }))
      .body as Trends;
    const tess = trends.teams.find((t) => t.name === 'Tess')!;
    expect(tess.points.map((p) => p.exerciseId)).toEqual([first.joined.exerciseId]);

    // the rewound run's own report says so, in the overview, and keeps saying so after a restart
    const report = async () =>
      (await request(server.url, `/api/exercises/${branch.exerciseId}/report.json`, { headers: bearer(branch.token) }))
        .body as GapReport;
    expect((await report()).overview.rewoundFrom).toMatchObject({
      exerciseId: first.joined.exerciseId,
      decision: 2,
      playedAt: expect.stringMatching(/ UTC$/),
    });
    const md = (
      await request(server.url, `/api/exercises/${branch.exerciseId}/report.md`, { headers: bearer(branch.token) })
    ).body as string;
    expect(md).toMatch(
      /\| Rewound run \| Practice, not an assessment: rewound to decision 2 of the trainee's run \w+ \(.+ UTC\); decision 1 was replayed from that run, the rest was played live/,
    );
    server = await server.restart();
    expect((await report()).overview.rewoundFrom?.exerciseId).toBe(first.joined.exerciseId);
    expect((await list()).find((r) => r.exerciseId === branch.exerciseId)!.rewoundFrom?.decision).toBe(2);
    first.client.close();
  });
});
