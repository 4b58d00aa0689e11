/**
 * H4a: the drill's lead role (it commits in lead mode and breaks ties) belongs to one member of
 * a team at a time: the first joiner who claims or is given it, or whom the facilitator moves
 * into it. A second claim is refused in plain words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { createExercise, joinExercise, request } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the lead role', () => {
  it('H4a a second claim of the lead role is refused; newcomers never get it by rotation; the facilitator hands it over', async () => {
    const created = await createExercise(server.url, { scenarioId: 'mini-drill', mode: 'lead', teams: ['Red'] });
    const ada = await joinExercise(server.url, { code: created.code, name: 'Ada', role: 'ir-lead' });

    const claim = await request(server.url, '/api/join', {
      body: { code: created.code, name: 'Mallory', role: 'ir-lead' },
    });
    expect(claim.status).toBe(403);
    expect((claim.body as { message: string }).message).toBe(
      'Ada already leads Red; only the facilitator can hand the lead role to someone else',
    );

    // Roles: ir-lead and ml-engineer. Once both are taken, later joiners share ml-engineer.
    const joiners = [];
    for (const name of ['Bob', 'Cy', 'Dee']) joiners.push(await joinExercise(server.url, { code: created.code, name }));
    const facilitator = await connectClient(server.url, {
      exerciseId: created.exerciseId,
      token: created.facilitatorKey,
    });
    const roles = () => Object.fromEntries(facilitator.state!.players.map((p) => [p.name, p.role]));
    expect(roles()).toEqual({ Ada: 'ir-lead', Bob: 'ml-engineer', Cy: 'ml-engineer', Dee: 'ml-engineer' });

    expect((await facilitator.command({ type: 'start' })).ok).toBe(true);
    const bob = await connectClient(server.url, joiners[0]!);
    const inject = bob.myTeam!.progress.inject!.id;
    expect(await bob.command({ type: 'commit', option: 'snapshot', inject })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });

    // The facilitator cannot make a second lead either, but can hand the role over in two moves.
    const move = (playerId: string, role: string) =>
      facilitator.command({ type: 'move', playerId, teamId: 't1', role });
    const refused = await move(joiners[0]!.playerId!, 'ir-lead');
    expect(refused).toMatchObject({
      ok: false,
      message: 'Ada already leads Red; give them another role first, then hand the lead role over',
    });
    expect((await move(ada.playerId!, 'ml-engineer')).ok).toBe(true);
    const handed = await move(joiners[0]!.playerId!, 'ir-lead');
    expect(handed.ok).toBe(true);
    await bob.waitFor((s) => s.me.role === 'ir-lead', 5000, 'Bob to lead');
    expect((await bob.command({ type: 'commit', option: 'snapshot', inject })).ok).toBe(true);
    bob.close();
    facilitator.close();
  });
});
