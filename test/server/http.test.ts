/** H1–H6: the HTTP API, join codes and per-address join limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../server/exercise/tokens.ts';
import type { ScenarioDetail, ScenarioSummary } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { createExercise, joinExercise, request } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ joinsPerMinute: 5 });
});
afterAll(async () => {
  await server.close();
});

describe('HTTP API', () => {
  it('H1 H2 health and the scenario list with roles, minutes, frameworks and phases', async () => {
    expect(await request(server.url, '/healthz')).toMatchObject({ status: 200, body: { ok: true, protocol: 2 } });
    const list = (await request(server.url, '/api/scenarios')).body as ScenarioSummary[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: 'mini-drill',
      minutes: 15,
      roles: ['ir-lead', 'ml-engineer'],
      lead: 'ir-lead',
      decisions: 2,
      frameworks: { atlas: ['AML.T0020'] },
    });
    const detail = (await request(server.url, '/api/scenarios/mini-drill')).body as ScenarioDetail;
    expect(detail.flow.map((p) => p.injects.map((i) => i.title))).toEqual([['Alert'], ['Retrain due', 'Wrap up']]);
    expect(JSON.stringify(detail)).not.toContain('poisoned'); // no facilitator notes
    expect((await request(server.url, '/api/scenarios/nope')).status).toBe(404);
    expect((await request(server.url, '/api/nothing')).status).toBe(404);
  });

  it('H3 H4 creating gives an unambiguous 6-character code; joining assigns team and role; observers read only', async () => {
    const created = await createExercise(server.url, { scenarioId: 'mini-drill', teams: ['A', 'B'] });
    expect(created.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(created.code).not.toMatch(/[0O1IL]/);
    const a = await joinExercise(server.url, { code: created.code.toLowerCase(), name: 'Ana' });
    const b = await joinExercise(server.url, { code: created.code, name: 'Bo' });
    const c = await connectClient(server.url, b);
    expect(c.state!.me).toMatchObject({ seat: 'player', teamId: 't2', role: 'ir-lead' });
    c.close();
    expect(a.seat).toBe('player');
    const watcher = await joinExercise(server.url, { code: created.code, name: 'Mgr', observer: true });
    expect(watcher).toMatchObject({ seat: 'observer', playerId: null });
    expect(
      await request(server.url, '/api/join', { body: { code: created.code, name: 'X', role: 'chef' } }),
    ).toMatchObject({ status: 400, body: { code: 'INVALID' } });
    expect(await request(server.url, '/api/exercises', { body: { scenarioId: 'nope' } })).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
  });

  it('R3 joins are rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await request(server.url, '/api/join', { body: { code: 'ZZZZZZ', name: 'n' } })).status);
    expect(statuses).toContain(429);
  });

  it('P1 an incompatible protocol version is refused with INCOMPATIBLE', async () => {
    const created = await createExercise(server.url, { scenarioId: 'mini-drill' });
    const c = await connectClient(
      server.url,
      { exerciseId: created.exerciseId, token: created.facilitatorKey },
      { hello: false },
    );
    const welcome = await c.raw('hello', {
      protocol: 99,
      exerciseId: created.exerciseId,
      token: created.facilitatorKey,
      lastVersion: null,
    });
    expect(welcome).toMatchObject({
      ok: false,
      code: 'INCOMPATIBLE',
      message: expect.stringContaining('server is too old'),
    });
    c.close();
  });

  it('R2 commands are rate-limited per socket', async () => {
    const created = await createExercise(server.url, { scenarioId: 'mini-drill' });
    const c = await connectClient(server.url, { exerciseId: created.exerciseId, token: created.facilitatorKey });
    const acks = await Promise.all(Array.from({ length: 60 }, () => c.command({ type: 'pause' })));
    expect(acks.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    c.close();
  });
});
