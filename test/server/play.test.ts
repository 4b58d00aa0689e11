/** End-to-end play through the protocol: two teams of three, each decision mode, to the debrief. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, storedOutcomes } from '../helpers/db.ts';
import { connectClient } from '../helpers/client.ts';
import { startSolo } from '../helpers/http.ts';
import { playTeam, setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe.each(['vote', 'lead', 'facilitator'] as const)('two teams of three in %s mode', (mode) => {
  it(`E1 S4 plays to the debrief and stores the outcome and the decisions with votes and roles (${mode})`, async () => {
    const session = await setupSession(server.url, { mode, observer: true });
    try {
      const p1 = session.team('t1')[0]!.client;
      // V1 V2: before the debrief a player sees their own team only, with no notes or scores.
      expect(p1.state!.teams.map((t) => t.id)).toEqual(['t1']);
      const inject = p1.myTeam!.progress.inject!;
      expect(inject.notes).toBeUndefined();
      expect(inject.decision!.options.every((o) => o.score === undefined && o.feedback === undefined)).toBe(true);
      expect(p1.myTeam!.progress.score).toBeUndefined();
      expect(session.observer!.state!.teams).toHaveLength(2);
      expect(session.observer!.state!.teams[0]!.progress.inject!.notes).toBeUndefined();
      expect(session.facilitator.state!.teams[0]!.progress.inject!.notes).toBe('The model was poisoned.');

      await Promise.all([playTeam(session, 't1', ['snapshot', 'pause']), playTeam(session, 't2', ['delete', 'leave'])]);
      const debrief = await p1.waitFor((s) => s.exercise.status === 'debrief', 5000, 'debrief');
      expect(debrief.teams.map((t) => t.id)).toEqual(['t1', 't2']);
      expect(debrief.teams[0]!.progress.ending!.id).toBe('good-end');
      expect(debrief.teams[1]!.progress.ending!.id).toBe('bad-end');
      expect(debrief.teams[0]!.progress.score).toBeDefined();

      const outcomes = storedOutcomes(server.dataDir, session.created.exerciseId) as Record<
        string,
        { ending: { id: string }; total: { score: number } }
      >;
      expect(outcomes.t1!.ending.id).toBe('good-end');
      expect(outcomes.t2!.ending.id).toBe('bad-end');
      expect(outcomes.t1!.total.score).toBe(8);

      const db = openDb(server.dataDir);
      const decisions = db
        .prepare(
          'SELECT team_id, inject_id, option, via, by_role, votes FROM decisions WHERE exercise_id = ? ORDER BY version',
        )
        .all(session.created.exerciseId) as Array<{
        team_id: string;
        option: string | null;
        via: string;
        by_role: string | null;
        votes: string;
      }>;
      db.close();
      const expectedVia = mode === 'vote' ? 'vote' : mode === 'lead' ? 'lead' : 'facilitator';
      expect(decisions.filter((d) => d.option !== null).every((d) => d.via === expectedVia)).toBe(true);
      if (mode === 'vote') expect(JSON.parse(decisions[0]!.votes)).toHaveLength(3);
      if (mode === 'lead') expect(decisions.find((d) => d.option)!.by_role).toBe('ir-lead');

      // Hot-wash answers are taken in the debrief, then the facilitator ends the exercise.
      const hot = await p1.command({
        type: 'hotwash',
        worked: 'fast rollback',
        didNot: 'comms',
        confidence: { containment: 4 },
      });
      expect(hot.ok).toBe(true);
      const end = await session.facilitator.command({ type: 'end' });
      expect(end.ok).toBe(true);
      await session.facilitator.waitFor((s) => s.exercise.status === 'ended');
    } finally {
      session.close();
    }
  });
});

describe('solo practice', () => {
  it('E2 reveals the chosen option feedback right after each decision, with no deadlines', async () => {
    const joined = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Trainee' });
    const c = await connectClient(server.url, joined);
    try {
      expect(c.state!.exercise.status).toBe('running');
      expect(c.state!.exercise.solo).toBe(true);
      expect(c.myTeam!.decision.deadline).toBeNull();
      const ack = await c.command({ type: 'commit', option: 'snapshot' });
      expect(ack.ok).toBe(true);
      const after = await c.waitFor((s) => s.teams[0]!.progress.log.length === 1);
      const entry = after.teams[0]!.progress.log[0]!;
      expect(entry.score).toEqual({ containment: 3, evidence: 3 });
      // V3: solo teaches: the best option and why arrive with the decision, not at the summary
      expect(entry.best).toMatchObject({ option: 'snapshot', label: 'Snapshot then roll back' });
      expect(after.teams[0]!.progress.inject!.decision!.options.every((o) => o.score === undefined)).toBe(true);
      await c.command({ type: 'vote', option: 'pause' });
      await c.waitFor((s) => s.teams[0]!.progress.inject?.id === 'wrap');
      await c.command({ type: 'continue' });
      await c.waitFor((s) => s.exercise.status === 'debrief');
      expect(storedOutcomes(server.dataDir, joined.exerciseId).t1).toBeDefined();
      expect((await c.command({ type: 'end' })).ok).toBe(true);
    } finally {
      c.close();
    }
  });
});
