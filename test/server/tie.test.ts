/**
 * A3 ties: in vote mode, once everyone has voted and the top options are level without the lead
 * role's vote, every seat is told which options are tied (nothing is recorded yet); a changed
 * vote breaks the tie and commits, and a newcomer who has not voted ends the tie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { createExercise, joinExercise } from '../helpers/http.ts';
import { converge } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function fourEngineers() {
  const created = await createExercise(server.url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
  const facilitator = await connectClient(server.url, {
    exerciseId: created.exerciseId,
    token: created.facilitatorKey,
  });
  const players: TestClient[] = [];
  for (let i = 0; i < 4; i++) {
    // nobody holds the lead role, so nobody's vote breaks a tie
    const joined = await joinExercise(server.url, {
      code: created.code,
      name: `Eng ${i + 1}`,
      teamId: 't1',
      role: 'ml-engineer',
    });
    players.push(await connectClient(server.url, joined));
  }
  const start = await facilitator.command({ type: 'start' });
  if (!start.ok) throw new Error(start.message);
  await converge([facilitator, ...players], start.version);
  return { created, facilitator, players, all: [facilitator, ...players] };
}

async function voteAll(clients: TestClient[], options: string[], watchers: TestClient[]): Promise<number> {
  let version = 0;
  for (const [i, client] of clients.entries()) {
    const ack = await client.command({ type: 'vote', option: options[i]!, inject: 'alert' });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    if (ack.ok) version = ack.version;
  }
  await converge(watchers, version);
  return version;
}

describe('tied votes', () => {
  it('A3 a tie the lead role does not break is shown to every seat; a changed vote commits', async () => {
    const { facilitator, players, all } = await fourEngineers();
    try {
      await voteAll(players, ['snapshot', 'delete', 'snapshot', 'delete'], all);
      for (const client of all) {
        expect(client.state!.teams[0]!.decision.tied, client.state!.me.seat).toEqual(['snapshot', 'delete']);
        expect(client.state!.teams[0]!.progress.inject!.id).toBe('alert'); // nothing recorded
      }
      // the patched view equals a fresh snapshot at the tie
      const fresh = await connectClient(server.url, { exerciseId: players[0]!.exerciseId, token: players[0]!.token });
      expect(players[0]!.state!.teams).toEqual(fresh.state!.teams);
      fresh.close();

      const change = await players[1]!.command({ type: 'vote', option: 'snapshot', inject: 'alert' });
      expect(change.ok).toBe(true);
      await converge(all, change.ok ? change.version : 0);
      const team = facilitator.state!.teams[0]!;
      expect(team.progress.log.map((l) => [l.inject, l.option])).toEqual([['alert', 'snapshot']]);
      expect(team.decision.tied).toBeUndefined();
      expect(players[3]!.state!.teams[0]!.decision.tied).toBeUndefined();
    } finally {
      all.forEach((c) => c.close());
    }
  });

  it('A3 a newcomer who has not voted ends the tie for everyone', async () => {
    const { created, facilitator, players, all } = await fourEngineers();
    try {
      await voteAll(players, ['wait', 'delete', 'wait', 'delete'], all);
      expect(facilitator.state!.teams[0]!.decision.tied).toEqual(['wait', 'delete']);
      const late = await joinExercise(server.url, {
        code: created.code,
        name: 'Late',
        teamId: 't1',
        role: 'ml-engineer',
      });
      await facilitator.waitFor((s) => s.players.some((p) => p.id === late.playerId));
      await converge(all, facilitator.state!.version);
      for (const client of all) expect(client.state!.teams[0]!.decision.tied).toBeUndefined();
      expect(facilitator.state!.teams[0]!.decision.votes).toHaveLength(4);
    } finally {
      all.forEach((c) => c.close());
    }
  });
});
