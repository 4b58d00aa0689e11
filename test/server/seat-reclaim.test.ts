/**
 * H12 (issue 11 item 7): a player who joined again under the same name from another device gets
 * back to their first seat. The facilitator sees both seats under one name, asks for a link to
 * the first one, and the player continues there: same player, team, role and vote.
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

describe('reclaiming a seat', () => {
  it('H12 the facilitator hands a player a new token for their first seat; the duplicate seat is removed', async () => {
    const created = await createExercise(server.url, {
      scenarioId: 'mini-drill',
      mode: 'vote',
      teams: ['Red', 'Blue'],
    });
    const facilitator = await connectClient(server.url, {
      exerciseId: created.exerciseId,
      token: created.facilitatorKey,
    });
    const first = await joinExercise(server.url, { code: created.code, name: 'Ada' });
    await joinExercise(server.url, { code: created.code, name: 'Bob', teamId: 't1' }); // so Ada's vote alone does not decide
    expect((await facilitator.command({ type: 'start' })).ok).toBe(true);
    const laptop = await connectClient(server.url, first);
    await laptop.waitFor((s) => s.exercise.status === 'running');
    const inject = laptop.myTeam!.progress.inject!.id;
    expect((await laptop.command({ type: 'vote', option: 'snapshot', reason: 'keep the evidence', inject })).ok).toBe(
      true,
    );
    laptop.close();

    // The laptop is gone; Ada joins again from her phone and lands in a second seat, in the other team.
    const second = await joinExercise(server.url, { code: created.code, name: 'Ada' });
    await facilitator.waitFor((s) => s.players.filter((p) => p.name === 'Ada').length === 2, 5000, 'both seats');
    const seats = facilitator.state!.players.filter((p) => p.name === 'Ada');
    expect(new Set(seats.map((p) => p.teamId)).size).toBe(2);

    const path = `/api/exercises/${created.exerciseId}/players/${first.playerId}/token`;
    expect((await request(server.url, path, { method: 'POST' })).status).toBe(401);
    expect(
      (await request(server.url, path, { method: 'POST', headers: { authorization: `Bearer ${second.token}` } }))
        .status,
    ).toBe(403);
    expect(
      (
        await request(server.url, `/api/exercises/${created.exerciseId}/players/nobody/token`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.facilitatorKey}` },
        })
      ).status,
    ).toBe(404);
    const handed = await request(server.url, path, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(handed.status).toBe(201);
    const joined = handed.body as { exerciseId: string; playerId: string; token: string; seat: string };
    expect(joined).toMatchObject({ exerciseId: created.exerciseId, playerId: first.playerId, seat: 'player' });
    expect(joined.token).not.toBe(first.token);

    const phone = await connectClient(server.url, joined);
    expect(phone.state!.me).toMatchObject({ playerId: first.playerId, teamId: 't1', seat: 'player' });
    expect(phone.myTeam!.decision.votes).toEqual([
      { playerId: first.playerId, option: 'snapshot', reason: 'keep the evidence' },
    ]);

    const duplicate = await connectClient(server.url, second);
    expect((await facilitator.command({ type: 'remove', playerId: second.playerId! })).ok).toBe(true);
    await duplicate
      .waitFor(() => duplicate.byes.length > 0, 5000, 'the duplicate seat to be closed')
      .catch(() => undefined);
    await facilitator.waitFor((s) => s.players.filter((p) => p.name === 'Ada').length === 1, 5000, 'one seat left');
    expect(
      (
        await request(server.url, `/api/exercises/${created.exerciseId}/players/${second.playerId}/token`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.facilitatorKey}` },
        })
      ).status,
    ).toBe(404);
    phone.close();
    duplicate.close();
    facilitator.close();
  });
});
