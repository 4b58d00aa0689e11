/** A6a A6: a reason travels with the decision it was written for; sent against an earlier one it is refused, never stored against the next. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../helpers/db.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('reasons', () => {
  it('A6a A6 a vote with a reason written at the previous decision is STALE; the next decision stores only reasons written for it', async () => {
    const session = await setupSession(server.url, { teams: 1, playersPerTeam: 2 });
    try {
      const [ada, bob] = session.team('t1');
      expect((await bob!.client.command({ type: 'vote', option: 'delete', inject: 'alert' })).ok).toBe(true);
      expect(
        (
          await ada!.client.command({
            type: 'vote',
            option: 'delete',
            reason: 'written for the alert',
            inject: 'alert',
          })
        ).ok,
      ).toBe(true);
      await ada!.client.waitFor((s) => s.teams[0]!.progress.inject?.id === 'pipeline', 5000, 'the next decision');

      const late = await ada!.client.command({
        type: 'vote',
        option: 'pause',
        reason: 'written for the alert',
        inject: 'alert',
      });
      expect(late).toMatchObject({ ok: false, code: 'STALE' });
      expect(ada!.client.myTeam!.decision.votes).toEqual([]);

      expect((await ada!.client.command({ type: 'vote', option: 'pause', inject: 'pipeline' })).ok).toBe(true);
      expect(
        (
          await bob!.client.command({
            type: 'vote',
            option: 'pause',
            reason: 'written for the pipeline',
            inject: 'pipeline',
          })
        ).ok,
      ).toBe(true);
      await ada!.client.waitFor((s) => s.teams[0]!.progress.inject?.id !== 'pipeline', 5000, 'the pipeline decision');

      const db = openDb(server.dataDir, { readonly: true });
      const rows = db
        .prepare('SELECT inject_id AS inject, votes FROM decisions WHERE exercise_id = ? ORDER BY rowid')
        .all(session.created.exerciseId) as Array<{ inject: string; votes: string }>;
      db.close();
      const reasons = rows.map((r) => [
        r.inject,
        (JSON.parse(r.votes) as Array<{ reason?: string }>).map((v) => v.reason ?? null),
      ]);
      expect(reasons).toEqual([
        ['alert', [null, 'written for the alert']],
        ['pipeline', [null, 'written for the pipeline']],
      ]);
    } finally {
      session.close();
    }
  });
});
