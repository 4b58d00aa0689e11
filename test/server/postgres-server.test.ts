/**
 * The server on PostgreSQL (DATABASE_URL) end to end: a two-team drill played through the real
 * protocol is stored (S1), its report is the one the same play gives on SQLite, a restart
 * replays every exercise from PostgreSQL (S2), and the report list and a plan edit work. Each
 * run uses its own schema. Skipped with one loud line without PostgreSQL; never under CI=true.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { gapReportSchema, type GapReport } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseUrl, dropSchema, freshSchema, servicesFor } from '../helpers/services.ts';
import { playTwoTeamDrill } from '../report-api/drill.ts';
import { MANAGER_KEY, withKey } from '../report-api/keys.ts';

const SUITE = 'server on PostgreSQL (test/server/postgres-server.test.ts)';
const schema = freshSchema('bd_server');
const servers: TestServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
  if (servers.length) await dropSchema(schema);
});

/** The parts of a report that do not depend on ids, codes, times or the database. */
function played(report: GapReport) {
  return {
    teams: report.teams.map((t) => ({
      name: t.name,
      players: t.players.map((p) => p.name).sort(),
      decisions: t.decisions.map((d) => [d.chosen, d.votes.map((v) => [v.name, v.option, v.reason ?? null])]),
      ending: t.ending?.id,
    })),
    comparison: report.comparison,
    hotwash: report.hotwash.answers.map((a) => a.name).sort(),
    events: report.integrity.events,
  };
}

async function reportOf(server: TestServer, exerciseId: string, key: string): Promise<GapReport> {
  const res = await withKey(server.url, `/api/exercises/${exerciseId}/report.json`, key);
  expect(res.status).toBe(200);
  return gapReportSchema.parse(res.json());
}

if (await servicesFor(SUITE, { postgres: true })) {
  describe(SUITE, () => {
    it('S1 S2 S14 a drill played on PostgreSQL reports as on SQLite, and survives a restart: same state, same report, list and plan edits work', async () => {
      const onSqlite = await startTestServer();
      servers.push(onSqlite);
      const sqliteSession = await playTwoTeamDrill(onSqlite.url);
      const expected = played(
        await reportOf(onSqlite, sqliteSession.created.exerciseId, sqliteSession.created.facilitatorKey),
      );
      sqliteSession.close();

      let server = await startTestServer({ database: { url: databaseUrl(), schema }, managerKey: MANAGER_KEY });
      servers.push(server);
      const session = await playTwoTeamDrill(server.url);
      const id = session.created.exerciseId;
      const report = await reportOf(server, id, session.created.facilitatorKey);
      expect(played(report)).toEqual(expected);
      expect(report.integrity.verified).toBe(true);
      const before = session.facilitator.state!;
      session.close();

      server = await server.restart();
      servers.push(server);
      const again = await connectClient(server.url, { exerciseId: id, token: session.created.facilitatorKey });
      expect(again.state!.version).toBe(before.version);
      expect(again.state!.teams.map((t) => t.progress)).toEqual(before.teams.map((t) => t.progress));
      again.close();
      const after = await reportOf(server, id, session.created.facilitatorKey);
      expect(after).toEqual(report);

      const list = await withKey(server.url, '/api/reports', MANAGER_KEY);
      expect(list.status).toBe(200);
      expect((list.json() as { reports: Array<{ exerciseId: string }> }).reports.map((r) => r.exerciseId)).toEqual([
        id,
      ]);
      const row = report.plan[0]!;
      const edit = await withKey(server.url, `/api/exercises/${id}/plan`, session.created.facilitatorKey, {
        method: 'PUT',
        body: { items: [{ teamId: row.teamId, key: row.key, responsible: 'CISO' }] },
      });
      expect(edit.status).toBe(200);
      expect(
        (await reportOf(server, id, MANAGER_KEY)).plan.find((p) => p.key === row.key && p.teamId === row.teamId)
          ?.responsible,
      ).toBe('CISO');
    }, 120_000);
  });
} else {
  describe.skip(SUITE, () => it('needs PostgreSQL', () => {}));
}
