/**
 * Issue 11, item 4: a player who votes and a facilitator who presses "+1 min" while their
 * connection is down (the "reconnecting" banner is up) used to be told "You are not allowed to
 * do that: send "hello" with a valid token before commands" after the reconnect, and the
 * actions were lost. The real server process is killed and started again on the same port;
 * what the two did meanwhile lands exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { converge, latest, setupSession } from '../helpers/play.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('commands made while disconnected', () => {
  it('A8 A5: a vote and a "+1 min" made while the server is down are applied exactly once after the reconnect, not refused', async () => {
    const scenariosDir = scenarioDir([MINI]);
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-offline-'));
    dirs.push(scenariosDir, dataDir);
    let proc = await spawnServer({ dataDir, scenariosDir });
    const session = await setupSession(proc.url, { teams: 1, playersPerTeam: 3 });
    try {
      const facilitator = session.facilitator;
      const player = session.team('t1')[0]!;
      const injectId = facilitator.state!.teams[0]!.decision.injectId!;
      const versionAtKill = latest(session.clients());
      await converge(session.clients(), versionAtKill);

      await proc.kill('SIGKILL');
      await Promise.all(
        session
          .clients()
          .map(
            (c) =>
              new Promise<void>((done) =>
                c.protocol.status === 'reconnecting'
                  ? done()
                  : c.protocol.on('status', (s) => s === 'reconnecting' && done()),
              ),
          ),
      );
      const vote = player.client.command({ type: 'vote', option: 'snapshot', inject: injectId });
      const extend = facilitator.command({ type: 'extend', teamId: 't1', seconds: 60 });
      expect([player.client.protocol.waiting, facilitator.protocol.waiting]).toEqual([1, 1]);

      // the deadline the facilitator sees when it is back, before its "+1 min" goes out
      const deadlineOnReturn = new Promise<number | null>((done) =>
        facilitator.protocol.on(
          'status',
          (s) => s === 'online' && done(facilitator.state!.teams[0]!.decision.deadline),
        ),
      );
      proc = await spawnServer({ dataDir, scenariosDir, port: proc.port });
      const [voteAck, extendAck] = await Promise.all([vote, extend]);
      expect(voteAck).toMatchObject({ ok: true });
      expect(extendAck).toMatchObject({ ok: true });

      // the restart logs one event (D4); the two commands add exactly one version each (P4)
      const final = versionAtKill + 3;
      await converge(session.clients(), final, 10_000);
      expect(latest(session.clients())).toBe(final);
      const team = facilitator.state!.teams[0]!;
      expect(team.decision.votes).toEqual([{ playerId: player.joined.playerId, option: 'snapshot' }]);
      const before = await deadlineOnReturn;
      expect(before).not.toBeNull();
      expect(team.decision.deadline).toBe(before! + 60_000);

      // nothing is left waiting in either outbox
      expect([player.client.protocol.waiting, facilitator.protocol.waiting]).toEqual([0, 0]);
    } finally {
      session.close();
      await proc.kill('SIGKILL');
    }
  }, 60_000);
});
