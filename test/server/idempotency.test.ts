/**
 * A5: a command id is answered once. Refused commands must not push an accepted id out of
 * memory, and an accepted id is recognised for the exercise's whole life: past any in-memory
 * bound and across restarts (the log keeps every accepted command's id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../helpers/client.ts';
import { connectClient } from '../helpers/client.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ commandsPerSecond: 1_000_000 });
});
afterAll(async () => {
  await server.close();
});

/** Sends `count` commands, 50 in flight at a time (the client's outbox holds 100); returns the acks. */
async function flood(
  client: TestClient,
  count: number,
  make: (i: number) => Parameters<TestClient['command']>,
): Promise<Array<Awaited<ReturnType<TestClient['command']>>>> {
  const acks: Array<Awaited<ReturnType<TestClient['command']>>> = [];
  for (let i = 0; i < count; i += 50) {
    acks.push(
      ...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => client.command(...make(i + j))))),
    );
  }
  return acks;
}

const adHocCount = (client: TestClient) => client.state!.teams[0]!.progress.adHoc.length;

describe('idempotent command ids', () => {
  it(
    "A5 5,100 refused commands from a player do not make the facilitator's resent ad-hoc inject apply twice",
    { timeout: 120_000 },
    async () => {
      const session = await setupSession(server.url, { teams: 1, playersPerTeam: 2 });
      const inject = await session.facilitator.command(
        { type: 'inject', teamId: 'all', title: 'Press call', body: 'A reporter asks.' },
        'adhoc-inject-0001',
      );
      expect(inject.ok).toBe(true);
      const player = session.players[0]!.client;
      const refused = await flood(player, 5_100, (i) => [{ type: 'start' }, `refused-${i}`]);
      expect(refused.every((a) => !a.ok && a.code === 'FORBIDDEN')).toBe(true);

      const again = await session.facilitator.command(
        { type: 'inject', teamId: 'all', title: 'Press call', body: 'A reporter asks.' },
        'adhoc-inject-0001',
      );
      expect(again).toEqual(inject);
      // a fresh look at the exercise: the inject is there once
      const look = await connectClient(server.url, {
        exerciseId: session.created.exerciseId,
        token: session.created.facilitatorKey,
      });
      expect(look.state!.version).toBe((inject as { version: number }).version);
      expect(adHocCount(look)).toBe(1);
      look.close();
      session.close();
    },
  );

  it(
    'A5 an accepted id is still recognised after 5,001 later acceptances, and after a restart',
    { timeout: 120_000 },
    async () => {
      const session = await setupSession(server.url, { teams: 1, playersPerTeam: 2 });
      const inject = await session.facilitator.command(
        { type: 'inject', teamId: 'all', title: 'Old news', body: 'Sent first.' },
        'adhoc-inject-0002',
      );
      expect(inject.ok).toBe(true);
      // one member changes their vote 5,001 times (the other never votes, so nothing commits)
      const votes = await flood(session.players[0]!.client, 5_001, (i) => [
        { type: 'vote', option: i % 2 ? 'snapshot' : 'delete' },
        `vote-change-${i}`,
      ]);
      expect(votes.every((a) => a.ok)).toBe(true);
      const last = votes.at(-1) as { version: number };

      expect(
        await session.facilitator.command(
          { type: 'inject', teamId: 'all', title: 'Old news', body: 'Sent first.' },
          'adhoc-inject-0002',
        ),
      ).toEqual(inject);
      session.close();

      server = await server.restart();
      const facilitator = await connectClient(server.url, {
        exerciseId: session.created.exerciseId,
        token: session.created.facilitatorKey,
      });
      const versionAfterRestart = facilitator.state!.version;
      expect(
        await facilitator.command(
          { type: 'inject', teamId: 'all', title: 'Old news', body: 'Sent first.' },
          'adhoc-inject-0002',
        ),
      ).toEqual(inject);
      expect(facilitator.state!.version).toBe(versionAfterRestart);
      expect(versionAfterRestart).toBeGreaterThanOrEqual(last.version);
      expect(adHocCount(facilitator)).toBe(1);
      facilitator.close();
    },
  );
});
