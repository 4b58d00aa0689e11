/**
 * Read-only share links on the real server (H15-H17): who may make, list and revoke them; a
 * link's token opens its own report in every format and nothing else; an expired, revoked
 * (and replayed after the revocation), tampered or made-up token opens nothing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShare } from '../../server/exercise/share-links.ts';
import { DATABASE_FILE, SqliteStore } from '../../server/exercise/store/sqlite.ts';
import { connectClient } from '../helpers/client.ts';
import { joinExercise, startSolo } from '../helpers/http.ts';
import { setupSession, type Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { PROTOCOL_VERSION, type CreatedShare, type SharedReport, type ShareList } from '../../protocol/index.ts';
import { playTwoTeamDrill } from './drill.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let done: Session;
let second: Session;
let running: Session;
let observerToken: string;
const FORMATS = ['md', 'json', 'html', 'csv', 'plan.csv'];

beforeAll(async () => {
  server = await startTestServer();
  done = await playTwoTeamDrill(server.url);
  second = await playTwoTeamDrill(server.url);
  running = await setupSession(server.url, { teams: 1, playersPerTeam: 1 });
  observerToken = (await joinExercise(server.url, { code: done.created.code, name: 'Obs', observer: true })).token;
}, 120_000);
afterAll(async () => {
  for (const s of [done, second, running]) s?.close();
  await server?.close();
});

const share = async (exerciseId: string, key: string | null, body: unknown = {}) =>
  withKey(server.url, `/api/exercises/${exerciseId}/shares`, key, { method: 'POST', body });
const made = async (exerciseId: string, key: string, body: unknown = {}) => {
  const res = await share(exerciseId, key, body);
  expect(res.status, res.text).toBe(201);
  return res.json() as CreatedShare;
};

describe('share links', () => {
  it('H15 the facilitator key or the manager key makes a link of a finished exercise; every other key is refused', async () => {
    const id = done.created.exerciseId;
    expect((await share(id, null)).status).toBe(401);
    expect((await share(id, done.players[0]!.joined.token)).status).toBe(403);
    expect((await share(id, observerToken)).status).toBe(403);
    expect((await share(id, second.created.facilitatorKey)).status).toBe(403);
    expect((await share('nope', MANAGER_KEY)).status).toBe(404);
    expect((await share(running.created.exerciseId, running.created.facilitatorKey)).status).toBe(409);
    expect((await share(id, MANAGER_KEY, { days: 0 })).status).toBe(400);
    expect((await share(id, MANAGER_KEY, { days: 91 })).status).toBe(400);
    expect((await share(id, MANAGER_KEY, { label: 'x'.repeat(61) })).status).toBe(400);
    const byFacilitator = await made(id, done.created.facilitatorKey, { label: 'for the board', days: 3 });
    expect(byFacilitator.token).toMatch(/^bds1\./);
    expect(byFacilitator.share).toMatchObject({
      exerciseId: id,
      label: 'for the board',
      createdBy: 'facilitator',
      status: 'active',
      revokedAt: null,
      report: { code: done.created.code },
    });
    expect(byFacilitator.share.expiresAt - byFacilitator.share.createdAt).toBeGreaterThan(3 * 86_400_000 - 1000);
    expect(byFacilitator.share.expiresAt - byFacilitator.share.createdAt).toBeLessThanOrEqual(3 * 86_400_000);
    const byManager = await made(id, MANAGER_KEY);
    expect(byManager.share).toMatchObject({ createdBy: 'manager', label: null });
    // a share token cannot make more links, and neither can a solo trainee's token
    expect((await share(id, byManager.token)).status).toBe(403);
    const solo = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Trainee' });
    expect((await share(solo.exerciseId, solo.token)).status).toBe(403);
  });

  it("H16 a link's token reads and exports its report in every format, the same as the facilitator gets", async () => {
    const id = done.created.exerciseId;
    const { token } = await made(id, done.created.facilitatorKey);
    for (const format of FORMATS) {
      const path = `/api/exercises/${id}/report.${format}`;
      const mine = await withKey(server.url, path, token);
      expect(mine.status, format).toBe(200);
      expect(mine.text, format).toBe((await withKey(server.url, path, done.created.facilitatorKey)).text);
      expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename="breachdrill-/);
    }
    expect((await withKey(server.url, `/api/exercises/${id}/report.md?key=${token}`, null)).status).toBe(200);
    const info = await withKey(server.url, '/api/shared', token);
    expect(info.status).toBe(200);
    expect(info.json() as SharedReport).toMatchObject({ exerciseId: id, scenarioTitle: 'Mini drill' });
    expect((await withKey(server.url, '/api/shared', null)).status).toBe(401);
    expect((await withKey(server.url, '/api/shared', done.created.facilitatorKey)).status).toBe(403);
  });

  it('H16 the token opens nothing else: another exercise, the plan, the exercise details, the lists, documents, seats, sockets', async () => {
    const id = done.created.exerciseId;
    const { token } = await made(id, MANAGER_KEY);
    const wrong = await withKey(server.url, `/api/exercises/${second.created.exerciseId}/report.json`, token);
    expect(wrong.status).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('opens another report') });
    expect(
      (
        await withKey(server.url, `/api/exercises/${id}/plan`, token, {
          method: 'PUT',
          body: { items: [{ teamId: 't2', key: 'pause-it', responsible: 'x' }] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await withKey(server.url, `/api/exercises/${id}/details`, token, { method: 'PUT', body: { sponsor: 'x' } }))
        .status,
    ).toBe(403);
    expect((await withKey(server.url, '/api/reports', token)).status).toBe(403);
    expect((await withKey(server.url, '/api/trends?scenario=mini-drill', token)).status).toBe(403);
    expect((await withKey(server.url, '/api/shares', token)).status).toBe(403);
    expect((await withKey(server.url, `/api/exercises/${id}/shares`, token)).status).toBe(403);
    expect((await withKey(server.url, '/api/scenarios/mini-drill/msel.csv', token)).status).toBe(403);
    expect(
      (
        await withKey(server.url, `/api/exercises/${id}/players/${done.players[0]!.joined.playerId}/token`, token, {
          method: 'POST',
        })
      ).status,
    ).toBe(403);
    const c = await connectClient(server.url, { exerciseId: id, token }, { hello: false });
    expect(
      await c.raw('hello', { protocol: PROTOCOL_VERSION, exerciseId: id, token, lastVersion: null }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    c.close();
  });

  it('H16 a tampered or made-up token opens nothing', async () => {
    const id = done.created.exerciseId;
    const { token } = await made(id, MANAGER_KEY);
    const [prefix, shareId, expiry, secret, signature] = token.split('.') as [string, string, string, string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const later = (Number.parseInt(expiry, 36) + 86_400 * 365).toString(36);
    const forged = [
      [prefix, shareId, later, secret, signature], // a longer life
      [prefix, shareId, expiry, flip(secret, 3), signature],
      [prefix, flip(shareId, 0), expiry, secret, signature],
      [prefix, shareId, expiry, secret, flip(signature, 10)],
      [prefix, shareId, expiry, secret],
      ['bds1', 'AAAAAAAAAAAAAAAA', '0', 'A'.repeat(32), 'A'.repeat(43)],
    ].map((parts) => parts.join('.'));
    for (const bad of forged) {
      const res = await withKey(server.url, `/api/exercises/${id}/report.json`, bad);
      expect(res.status, bad).toBe(403);
      expect(res.json(), bad).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('not valid') });
      expect((await withKey(server.url, '/api/shared', bad)).status).toBe(403);
    }
  });

  it('H16 an expired link opens nothing and says since when', async () => {
    const id = done.created.exerciseId;
    // a link made eight days ago for seven days, by the same code on the server's own database
    const store = new SqliteStore(join(server.dataDir, DATABASE_FILE));
    const { token } = await createShare(store, id, { createdBy: 'manager', days: 7, now: Date.now() - 8 * 86_400_000 });
    store.close();
    const res = await withKey(server.url, `/api/exercises/${id}/report.json`, token);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC/),
    });
    expect((await withKey(server.url, '/api/shared', token)).status).toBe(403);
    const listed = (await withKey(server.url, `/api/exercises/${id}/shares`, MANAGER_KEY)).json() as ShareList;
    expect(listed.shares.some((s) => s.status === 'expired')).toBe(true);
  });

  it("H17 revoking: the manager or the exercise's facilitator; the token replayed after it opens nothing", async () => {
    const id = done.created.exerciseId;
    const { token, share: link } = await made(id, MANAGER_KEY, { label: 'to revoke' });
    const path = `/api/shares/${link.id}`;
    expect((await withKey(server.url, `/api/exercises/${id}/report.json`, token)).status).toBe(200);
    expect((await withKey(server.url, path, null, { method: 'DELETE' })).status).toBe(401);
    expect((await withKey(server.url, path, token, { method: 'DELETE' })).status).toBe(403);
    expect((await withKey(server.url, path, done.players[0]!.joined.token, { method: 'DELETE' })).status).toBe(403);
    expect((await withKey(server.url, path, second.created.facilitatorKey, { method: 'DELETE' })).status).toBe(403);
    expect((await withKey(server.url, '/api/shares/no-such-link', MANAGER_KEY, { method: 'DELETE' })).status).toBe(404);
    expect((await withKey(server.url, path, MANAGER_KEY)).status).toBe(405);
    const revoked = await withKey(server.url, path, done.created.facilitatorKey, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const revokedAt = (revoked.json() as { share: { revokedAt: number; status: string } }).share;
    expect(revokedAt).toMatchObject({ status: 'revoked' });
    // replayed after the revocation: every route, header or query
    for (const format of FORMATS) {
      const res = await withKey(server.url, `/api/exercises/${id}/report.${format}`, token);
      expect(res.status, format).toBe(403);
      expect(res.json()).toMatchObject({ message: expect.stringContaining('revoked') });
    }
    expect((await withKey(server.url, `/api/exercises/${id}/report.md?key=${token}`, null)).status).toBe(403);
    expect((await withKey(server.url, '/api/shared', token)).status).toBe(403);
    // revoking again changes nothing
    const again = await withKey(server.url, path, MANAGER_KEY, { method: 'DELETE' });
    expect((again.json() as { share: { revokedAt: number } }).share.revokedAt).toBe(revokedAt.revokedAt);
  });

  it("H17 the managers' list holds every link, never a token; a facilitator lists only the links of their exercise", async () => {
    const mine = await made(second.created.exerciseId, second.created.facilitatorKey, { label: 'second' });
    const all = await withKey(server.url, '/api/shares', MANAGER_KEY);
    expect(all.status).toBe(200);
    const list = (all.json() as ShareList).shares;
    expect(list.map((s) => s.exerciseId)).toEqual(
      expect.arrayContaining([done.created.exerciseId, second.created.exerciseId]),
    );
    expect(list[0]).toMatchObject({
      id: mine.share.id,
      label: 'second',
      report: { scenarioTitle: 'Mini drill', code: second.created.code },
    });
    expect(all.text).not.toContain(mine.token);
    expect(all.text).not.toContain('bds1.');
    expect((await withKey(server.url, '/api/shares', second.created.facilitatorKey)).status).toBe(403);
    const theirs = (
      await withKey(server.url, `/api/exercises/${second.created.exerciseId}/shares`, second.created.facilitatorKey)
    ).json() as ShareList;
    expect(theirs.shares.map((s) => s.id)).toEqual([mine.share.id]);
    expect(
      (await withKey(server.url, `/api/exercises/${second.created.exerciseId}/shares`, done.created.facilitatorKey))
        .status,
    ).toBe(403);
  });
});
