/**
 * Access control on every report endpoint: no key 401; a player's token, an observer's token,
 * another exercise's facilitator key or a made-up key 403; the exercise's facilitator key and
 * the manager key 200; a missing exercise 404; an unfinished exercise 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { joinExercise, startSolo } from '../helpers/http.ts';
import { setupSession, type Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { playTwoTeamDrill } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let done: Session;
let other: Session;
let observerToken: string;
beforeAll(async () => {
  server = await startTestServer();
  done = await playTwoTeamDrill(server.url);
  other = await setupSession(server.url, { teams: 1, playersPerTeam: 1 });
  observerToken = (await joinExercise(server.url, { code: done.created.code, name: 'Obs', observer: true })).token;
});
afterAll(async () => {
  done?.close();
  other?.close();
  await server?.close();
});

const FORMATS = ['md', 'json', 'html', 'csv'];

describe('report endpoint access', () => {
  it('GET /api/exercises/:id/report.FORMAT', async () => {
    const id = done.created.exerciseId;
    for (const format of FORMATS) {
      const path = `/api/exercises/${id}/report.${format}`;
      const status = async (key: string | null) => (await withKey(server.url, path, key)).status;
      expect(await status(null), `${format} without a key`).toBe(401);
      expect(await status(done.players[0]!.joined.token), `${format} with a player token`).toBe(403);
      expect(await status(observerToken), `${format} with an observer token`).toBe(403);
      expect(await status(other.created.facilitatorKey), `${format} with another exercise's facilitator key`).toBe(403);
      expect(await status('not-a-real-key-000000000'), `${format} with an unknown key`).toBe(403);
      expect(await status(done.created.facilitatorKey), `${format} with the facilitator key`).toBe(200);
      expect(await status(MANAGER_KEY), `${format} with the manager key`).toBe(200);
      expect((await withKey(server.url, `/api/exercises/nope/report.${format}`, MANAGER_KEY)).status).toBe(404);
      expect(
        (await withKey(server.url, `/api/exercises/nope/report.${format}`, done.created.facilitatorKey)).status,
      ).toBe(404);
    }
    expect((await withKey(server.url, `/api/exercises/${id}/report.pdf`, MANAGER_KEY)).status).toBe(404);
  });

  it('the ?key= query parameter works like the header', async () => {
    const id = done.created.exerciseId;
    expect(
      (await withKey(server.url, `/api/exercises/${id}/report.md?key=${done.created.facilitatorKey}`, null)).status,
    ).toBe(200);
    expect(
      (await withKey(server.url, `/api/exercises/${id}/report.md?key=${other.created.facilitatorKey}`, null)).status,
    ).toBe(403);
  });

  it('an unfinished exercise answers 409 with a clear message', async () => {
    const res = await withKey(
      server.url,
      `/api/exercises/${other.created.exerciseId}/report.json`,
      other.created.facilitatorKey,
    );
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({ ok: false, code: 'NOT_NOW', message: expect.stringContaining('is in running') });
  });

  it('H8 PUT /api/exercises/:id/plan: the same keys and statuses as the report', async () => {
    const id = done.created.exerciseId;
    const body = { items: [{ teamId: 't2', key: 'pause-it', responsible: 'ML lead' }] };
    const status = async (key: string | null, exercise = id) =>
      (await withKey(server.url, `/api/exercises/${exercise}/plan`, key, { method: 'PUT', body })).status;
    expect(await status(null)).toBe(401);
    expect(await status(done.players[0]!.joined.token)).toBe(403);
    expect(await status(observerToken)).toBe(403);
    expect(await status(other.created.facilitatorKey)).toBe(403);
    expect(await status(done.created.facilitatorKey)).toBe(200);
    expect(await status(MANAGER_KEY)).toBe(200);
    expect(await status(MANAGER_KEY, 'nope')).toBe(404);
    expect((await withKey(server.url, `/api/exercises/${id}/plan`, MANAGER_KEY)).status).toBe(405);
  });

  it("H7: a solo trainee opens their own run's report with the token they hold, and only that one", async () => {
    const mine = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Trainee' });
    const theirs = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Someone else' });
    const c = await connectClient(server.url, mine);
    try {
      await c.command({ type: 'commit', option: 'snapshot' });
      await c.waitFor((s) => s.teams[0]!.progress.inject?.id === 'pause-it' || s.teams[0]!.progress.log.length === 1);
      await c.command({ type: 'commit', option: 'pause' });
      await c.waitFor((s) => s.teams[0]!.progress.inject?.id === 'wrap');
      await c.command({ type: 'continue' });
      await c.waitFor((s) => s.exercise.status === 'debrief');
    } finally {
      c.close();
    }
    const path = `/api/exercises/${mine.exerciseId}/report.json`;
    expect((await withKey(server.url, path, mine.token)).status).toBe(200);
    expect((await withKey(server.url, path, theirs.token)).status, "another trainee's token").toBe(403);
    expect(
      (await withKey(server.url, `/api/exercises/${done.created.exerciseId}/report.json`, mine.token)).status,
      'a team exercise',
    ).toBe(403);
    const plan = await withKey(server.url, `/api/exercises/${mine.exerciseId}/plan`, mine.token, {
      method: 'PUT',
      body: { items: [] },
    });
    expect(plan.status, 'the trainee reads, the plan is edited by staff').toBe(403);
  });

  it('H9 H10 GET /api/reports and /api/trends: the manager key only', async () => {
    for (const path of ['/api/reports', '/api/trends?scenario=mini-drill']) {
      const status = async (key: string | null) => (await withKey(server.url, path, key)).status;
      expect(await status(null), `${path} without a key`).toBe(401);
      expect(await status(done.players[0]!.joined.token), `${path} with a player token`).toBe(403);
      expect(await status(done.created.facilitatorKey), `${path} with a facilitator key`).toBe(403);
      expect(await status(MANAGER_KEY), `${path} with the manager key`).toBe(200);
    }
    expect((await withKey(server.url, '/api/trends?scenario=nope', MANAGER_KEY)).status).toBe(404);
    expect((await withKey(server.url, '/api/trends', MANAGER_KEY)).status).toBe(400);
  });
});
