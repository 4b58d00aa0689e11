/**
 * P5a: a decision's patch carries only what the step changed (the story, the new log entries,
 * the estate parts it replaced), and merging those patches rebuilds exactly the progress a fresh
 * snapshot shows, for players, observers and staff, at every step of a whole bundled drill.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeProgress, type Patch, type TeamProgressView } from '../../protocol/index.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { converge, latest, setupSession } from '../helpers/play.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';

const FRAUD = join(ROOT, 'scenarios/poisoned-fraud-detector.yaml');

let server: TestServer;
beforeAll(async () => {
  // each step opens fresh sockets for the same seats to compare with: lift the per-seat hello budget (R5)
  server = await startTestServer({ drills: [FRAUD], limits: { credentialHellosPerSecond: 10_000 } });
});
afterAll(async () => {
  await server.close();
});

const deltasOf = (client: TestClient) =>
  client.patches.flatMap((p: Patch) => p.teams ?? []).flatMap((t) => (t.progressDelta ? [t.progressDelta] : []));

describe('progress deltas', () => {
  it('P5a merged step patches equal a fresh snapshot at every step of a whole drill, for every seat', async () => {
    const session = await setupSession(server.url, {
      scenarioId: 'poisoned-fraud-detector',
      mode: 'facilitator',
      teams: 2,
      playersPerTeam: 2,
      observer: true,
    });
    try {
      const watchers = session.clients();
      const fresh = async () => {
        const again = [session.facilitator, session.observer!, session.players[0]!.client, session.players[2]!.client];
        return Promise.all(again.map((c) => connectClient(server.url, { exerciseId: c.exerciseId, token: c.token })));
      };
      let steps = 0;
      for (; steps < 60; steps++) {
        const state = session.facilitator.state!;
        const team = state.teams.find((t) => t.progress.ending === null);
        if (!team || state.exercise.status !== 'running') break;
        const inject = team.progress.inject!;
        // Alternate options so the path crosses effects on the estate, flags and clocks.
        const option = inject.decision?.options[steps % inject.decision.options.length]!.id;
        const ack = option
          ? await session.facilitator.command({ type: 'record', teamId: team.id, option, inject: inject.id })
          : await session.team(team.id)[0]!.client.command({ type: 'continue', inject: inject.id });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
        // a player's ack can arrive before the facilitator's patch: wait for the acked version itself
        await converge(watchers, ack.ok ? ack.version : latest([session.facilitator]));
        if (steps % 4 === 3) {
          const snapshots = await fresh();
          const patched = [
            session.facilitator,
            session.observer!,
            session.players[0]!.client,
            session.players[2]!.client,
          ];
          for (const [i, client] of snapshots.entries()) {
            expect(patched[i]!.state!.teams, `seat ${i} after step ${steps}`).toEqual(client.state!.teams);
            client.close();
          }
        }
      }
      expect(steps).toBeGreaterThan(20);
      await session.facilitator.waitFor((s) => s.exercise.status === 'debrief');
      const snapshots = await fresh();
      expect(session.players[0]!.client.state!.teams).toEqual(snapshots[2]!.state!.teams);
      expect(session.facilitator.state!.teams).toEqual(snapshots[0]!.state!.teams);
      for (const client of snapshots) client.close();

      // The deltas really were deltas: each log part holds only the entries of its step, and
      // most steps left part of the estate out.
      const deltas = deltasOf(session.players[0]!.client);
      expect(deltas.length).toBeGreaterThan(8);
      expect(deltas.every((d) => d.log.length === 1)).toBe(true);
      expect(deltas.some((d) => d.logFrom > 3)).toBe(true);
      expect(deltas.filter((d) => Object.keys(d.estate).length < 5).length).toBeGreaterThan(deltas.length / 2);
    } finally {
      session.close();
    }
  });

  it('P5b vote patches carry only the votes cast, and merged they equal a fresh snapshot', async () => {
    const session = await setupSession(server.url, {
      scenarioId: 'poisoned-fraud-detector',
      mode: 'lead',
      teams: 1,
      playersPerTeam: 4,
      observer: true,
    });
    try {
      const [a, b, c] = session.team('t1');
      const inject = a!.client.myTeam!.progress.inject!;
      const [first, second] = inject.decision!.options;
      const votes = [
        [a!, first!.id, 'because'],
        [b!, second!.id, undefined],
        [a!, second!.id, 'changed my mind'], // replaces a's vote in place
        [c!, first!.id, undefined],
      ] as const;
      let version = 0;
      for (const [who, option, reason] of votes) {
        const ack = await who.client.command({
          type: 'vote',
          option,
          inject: inject.id,
          ...(reason ? { reason } : {}),
        });
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
        if (ack.ok) version = ack.version;
      }
      await converge(session.clients(), version);
      const patched = [session.facilitator, session.observer!, a!.client, b!.client];
      const fresh = await Promise.all(
        patched.map((x) => connectClient(server.url, { exerciseId: x.exerciseId, token: x.token })),
      );
      for (const [i, client] of fresh.entries()) {
        expect(patched[i]!.state!.teams, `seat ${i}`).toEqual(client.state!.teams);
        client.close();
      }
      expect(a!.client.myTeam!.decision.votes.map((v) => [v.playerId, v.option, v.reason])).toEqual([
        [a!.joined.playerId, second!.id, 'changed my mind'],
        [b!.joined.playerId, second!.id, undefined],
        [c!.joined.playerId, first!.id, undefined],
      ]);
      const deltas = b!.client.patches
        .flatMap((p: Patch) => p.teams ?? [])
        .flatMap((t) => (t.decisionDelta ? [t.decisionDelta] : []));
      expect(deltas.map((d) => d.votes.length)).toEqual([1, 1, 1, 1]);
    } finally {
      session.close();
    }
  });

  it('P5a a delta that starts past the log the client holds is refused, so the client resyncs', () => {
    const progress = {
      simMinutes: 0,
      inject: null,
      ending: null,
      estate: { models: [], endpoints: [], pipelines: [], evidence: [], metrics: [] },
      clocks: [],
      log: [],
      adHoc: [],
    } satisfies TeamProgressView;
    const delta = { simMinutes: 5, inject: null, ending: null, clocks: [], logFrom: 2, log: [], estate: {} };
    expect(() => mergeProgress(progress, delta)).toThrow(
      'progress delta starts its log at 2, past the 0 entries held; resync',
    );
    expect(mergeProgress(progress, { ...delta, logFrom: 0 }).simMinutes).toBe(5);
  });
});
