/** Idempotent commands (A5), versioned resync after missed events (P3, P7), deadlines and pause (D1–D4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { openDb } from '../helpers/db.ts';
import { converge, latest, setupSession } from '../helpers/play.ts';
import { MINI, quickMini, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ drills: [MINI, quickMini(2)] });
});
afterAll(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idempotent commands', () => {
  it('A5 a repeated command id gets the first ack and changes the state once, even from another socket', async () => {
    const session = await setupSession(server.url, { teams: 1 });
    try {
      const player = session.players[0]!;
      const first = await player.client.command({ type: 'vote', option: 'snapshot' }, 'cmd-00000001');
      expect(first.ok).toBe(true);
      const again = await player.client.command({ type: 'vote', option: 'snapshot' }, 'cmd-00000001');
      expect(again).toEqual(first);
      const second = await connectClient(server.url, player.joined);
      expect(await second.command({ type: 'vote', option: 'delete' }, 'cmd-00000001')).toEqual(first);
      second.close();
      const refused = await player.client.command({ type: 'commit', option: 'wait' }, 'cmd-00000002');
      expect(refused.ok).toBe(false);
      expect(await player.client.command({ type: 'commit', option: 'wait' }, 'cmd-00000002')).toEqual(refused);
      // the next accepted command comes right after the first: the repeats and the refusal made no version (A7 orders them)
      const next = await session.facilitator.command({ type: 'extend', teamId: 't1', seconds: 10 });
      expect(next).toEqual({ ok: true, version: first.ok ? first.version + 1 : -1 });
      const state = await session.facilitator.waitForVersion(first.ok ? first.version + 1 : 0);
      expect(state.teams[0]!.decision.votes).toEqual([{ playerId: player.joined.playerId, option: 'snapshot' }]);
    } finally {
      session.close();
    }
  });
});

describe('reconnect', () => {
  it('P7 a client that missed a few events gets exactly the missing patches and converges', async () => {
    const session = await setupSession(server.url);
    try {
      const [a, b, c] = session.team('t1');
      const away = a!.client;
      away.socket.disconnect();
      await b!.client.command({ type: 'vote', option: 'delete', reason: 'fast' });
      await session.facilitator.command({ type: 'inject', teamId: 'all', title: 'Press', body: 'A reporter calls.' });
      await c!.client.command({ type: 'vote', option: 'snapshot' });
      const version = latest(session.clients().filter((x) => x !== away));
      away.socket.connect();
      await away.waitForVersion(version);
      const welcome = away.welcomes.at(-1)!;
      expect(welcome.ok && 'patches' in welcome && welcome.patches.length).toBe(3);
      const fresh = await connectClient(server.url, a!.joined);
      expect(away.state!.teams).toEqual(fresh.state!.teams);
      expect(away.state!.version).toBe(fresh.state!.version);
      fresh.close();
    } finally {
      session.close();
    }
  });

  it('P7 a client that missed more than the server keeps gets a full snapshot', async () => {
    const session = await setupSession(server.url, { teams: 1 });
    try {
      const away = session.players[0]!.client;
      away.socket.disconnect();
      for (let accepted = 0; accepted < 70;) {
        const ack = await session.facilitator.command({ type: 'extend', teamId: 't1', seconds: 10 });
        if (ack.ok) accepted++;
        else if (ack.code === 'RATE_LIMITED')
          await sleep(100); // R2: 20 per second per socket
        else throw new Error(ack.message);
      }
      away.socket.connect();
      await converge([away], latest([session.facilitator]));
      expect('snapshot' in away.welcomes.at(-1)!).toBe(true);
      expect(away.state!.teams[0]!.decision).toEqual(session.facilitator.state!.teams[0]!.decision);
    } finally {
      session.close();
    }
  });
});

describe('deadlines', () => {
  it('D2 vote mode: at the deadline the leading vote commits, and the firing is logged', async () => {
    const session = await setupSession(server.url, { scenarioId: 'mini-quick', teams: 1 });
    try {
      await session.players[0]!.client.command({ type: 'vote', option: 'delete', reason: 'speed' });
      const moved = await session.facilitator.waitFor(
        (s) => s.teams[0]!.progress.log.length === 1,
        4000,
        'the deadline',
      );
      expect(moved.teams[0]!.progress.log[0]).toMatchObject({ inject: 'alert', option: 'delete', kind: 'chosen' });
      const db = openDb(server.dataDir);
      const row = db
        .prepare('SELECT via, votes FROM decisions WHERE exercise_id = ?')
        .get(session.created.exerciseId) as { via: string; votes: string };
      const logged = db
        .prepare("SELECT count(*) AS n FROM events WHERE exercise_id = ? AND type = 'deadline'")
        .get(session.created.exerciseId) as { n: number };
      db.close();
      expect(row.via).toBe('deadline');
      expect(JSON.parse(row.votes)[0]).toMatchObject({ option: 'delete', reason: 'speed', role: 'ir-lead' });
      expect(logged.n).toBe(1);
    } finally {
      session.close();
    }
  });

  it('D3 pause freezes the remaining time (nothing fires while paused); resume re-arms it with that time', async () => {
    const session = await setupSession(server.url, { scenarioId: 'mini-quick', teams: 1, mode: 'lead' });
    try {
      const f = session.facilitator;
      const deadline = f.state!.teams[0]!.decision.deadline!;
      // the server takes its time between our send and its ack; Date.now() brackets it (same clock)
      const pauseSent = Date.now();
      expect((await f.command({ type: 'pause' })).ok).toBe(true);
      const pauseAcked = Date.now();
      const frozen = (await f.waitFor((s) => s.exercise.status === 'paused')).teams[0]!.decision;
      expect(frozen.deadline).toBeNull();
      expect(frozen.remainingMs!).toBeGreaterThanOrEqual(deadline - pauseAcked);
      expect(frozen.remainingMs!).toBeLessThanOrEqual(deadline - pauseSent);
      // the original deadline has to pass for real before we can see that it did not fire
      await sleep(Math.max(0, deadline - Date.now()) + 300);
      expect(f.state!.teams[0]!.progress.log).toHaveLength(0);
      const resumeSent = Date.now();
      expect((await f.command({ type: 'resume' })).ok).toBe(true);
      const resumeAcked = Date.now();
      const rearmed = (await f.waitFor((s) => s.exercise.status === 'running')).teams[0]!.decision;
      expect(rearmed.remainingMs).toBeNull();
      expect(rearmed.deadline! - frozen.remainingMs!).toBeGreaterThanOrEqual(resumeSent);
      expect(rearmed.deadline! - frozen.remainingMs!).toBeLessThanOrEqual(resumeAcked);
      const after = await f.waitFor(
        (s) => s.teams[0]!.progress.log.length === 1,
        frozen.remainingMs! + 4000,
        'the resumed deadline',
      );
      // D2: lead mode records no decision at the deadline, logged no earlier than the re-armed time
      expect(after.teams[0]!.progress.log[0]).toMatchObject({ inject: 'alert', kind: 'no-decision' });
      const db = openDb(server.dataDir);
      const fired = db
        .prepare("SELECT at FROM events WHERE exercise_id = ? AND type = 'deadline'")
        .all(session.created.exerciseId) as Array<{ at: number }>;
      db.close();
      expect(fired).toHaveLength(1);
      expect(fired[0]!.at).toBeGreaterThanOrEqual(rearmed.deadline!);
    } finally {
      session.close();
    }
  });
});
