/** P9 V1: presence (online, offline, typing) reaches only those who may see the player: their team, observers and staff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { joinExercise } from '../helpers/http.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('presence by visibility', () => {
  it('V1 P9 a player coming online, typing and leaving is announced to their team, observers and staff, never to another team', async () => {
    const session = await setupSession(server.url, { teams: 2, playersPerTeam: 2, observer: true });
    try {
      const newcomer = await joinExercise(server.url, { code: session.created.code, name: 'Late', teamId: 't2' });
      const late = await connectClient(server.url, newcomer);
      late.socket.emit('typing', true);
      await settle();
      late.close();
      // volatile events: wait until the staff have seen the whole story, then compare everyone
      for (
        let i = 0;
        i < 100 &&
        session.facilitator.presence.filter((p) => p.playerId === newcomer.playerId && !p.online).length === 0;
        i++
      )
        await settle();
      await settle();
      const about = (c: { presence: Array<{ playerId: string; online: boolean; typing: boolean }> }) =>
        c.presence
          .filter((p) => p.playerId === newcomer.playerId)
          .map((p) => (p.typing ? 'typing' : p.online ? 'online' : 'offline'));
      const expected = ['online', 'typing', 'offline'];
      for (const other of session.team('t1'))
        expect(about(other.client), `${other.name} of the other team`).toEqual([]);
      expect(about(session.team('t2')[0]!.client), 'a teammate').toEqual(expected);
      expect(about(session.facilitator), 'the facilitator').toEqual(expected);
      expect(about(session.observer!), 'an observer').toEqual(expected);
      // and nothing about anyone of team t2 ever reached team t1
      const t2Ids = new Set(session.team('t2').map((p) => p.joined.playerId));
      for (const other of session.team('t1'))
        expect(other.client.presence.filter((p) => t2Ids.has(p.playerId))).toEqual([]);
    } finally {
      session.close();
    }
  });
});
