/**
 * R2 R4–R8: one client cannot stall an exercise. Budgets per socket, per seat (credential) and
 * per address; at most a few sockets per seat and per address; `hello` is budgeted too; a
 * socket that never says hello, or keeps sending after being limited, is closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type Ack, type Welcome } from '../../protocol/index.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { createExercise, joinExercise } from '../helpers/http.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, scenarioDir, startTestServer, type TestServer } from '../helpers/server.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
});

async function server(
  limits: Parameters<typeof startTestServer>[0] extends infer O ? (O extends { limits?: infer L } ? L : never) : never,
): Promise<TestServer> {
  const s = await startTestServer({ limits });
  cleanup.push(() => s.close());
  return s;
}

async function exercise(url: string) {
  const created = await createExercise(url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
  const player = await joinExercise(url, { code: created.code, name: 'Ada' });
  return { created, player };
}

/** Resolves when the socket is closed by the server, with the last `bye` it got. */
const closedBy = (c: TestClient, ms = 5000) =>
  new Promise<{ code: string; message: string } | undefined>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`socket still open after ${ms} ms`)), ms);
    const check = () => {
      if (c.socket.connected) return;
      clearTimeout(timer);
      done(c.byes.at(-1));
    };
    c.socket.on('disconnect', () => setImmediate(check)); // after every 'bye' listener has run
    check();
  });

/** Commands that got past the budgets (accepted, or refused for another reason such as STALE). */
const passed = (acks: Ack[]) => acks.filter((a) => a.ok || a.code !== 'RATE_LIMITED').length;

/** Votes sent straight on the socket (no outbox), all at once; a missing ack counts as INTERNAL. */
const votes = (c: TestClient, n: number, inject: string) =>
  Promise.all(
    Array.from(
      { length: n },
      async () =>
        ((await c.raw('command', { id: randomUUID(), command: { type: 'vote', option: 'snapshot', inject } }, 3000)) as
          Ack | undefined) ?? { ok: false as const, code: 'INTERNAL' as const, message: 'no ack' },
    ),
  );

/** A hello sent straight on the socket. */
const hello = async (c: TestClient) =>
  ((await c.raw(
    'hello',
    { protocol: PROTOCOL_VERSION, exerciseId: c.exerciseId, token: c.token, lastVersion: null },
    3000,
  )) as Welcome | undefined) ?? { ok: false as const, code: 'INTERNAL' as const, message: 'no answer' };

describe('abuse limits', () => {
  it('R6 a seat holds at most socketsPerCredential sockets: the next hello is refused in plain words and the socket closed', async () => {
    const s = await server({ socketsPerCredential: 2 });
    const { player } = await exercise(s.url);
    const a = await connectClient(s.url, player, { reconnection: false });
    const b = await connectClient(s.url, player, { reconnection: false });
    const third = await connectClient(s.url, player, { reconnection: false, hello: false });
    const welcome = await hello(third);
    expect(welcome).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      message: 'this seat is already open in 2 places; close one of them and reload',
    });
    expect(await closedBy(third)).toMatchObject({ code: 'RATE_LIMITED' });
    // one closes: the seat has room again
    a.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await connectClient(s.url, player, { reconnection: false });
    expect(again.state!.me.playerId).toBe(player.playerId);
    b.close();
    again.close();
  });

  it('R4 commands are budgeted per seat over all its sockets, and per address over all seats', async () => {
    const s = await server({ commandsPerSecond: 1000, credentialCommandsPerSecond: 10, socketsPerCredential: 4 });
    const { created, player } = await exercise(s.url);
    const facilitator = await connectClient(s.url, { exerciseId: created.exerciseId, token: created.facilitatorKey });
    expect((await facilitator.command({ type: 'start' })).ok).toBe(true);
    const sockets = await Promise.all([1, 2, 3].map(() => connectClient(s.url, player, { reconnection: false })));
    await sockets[0]!.waitFor((st) => st.exercise.status === 'running');
    const inject = sockets[0]!.myTeam!.progress.inject!.id;
    let started = Date.now();
    const acks = (await Promise.all(sockets.map((c) => votes(c, 15, inject)))).flat();
    // the seat's burst of 2 × 10 plus what refilled meanwhile, though each socket alone could send 2,000
    expect(passed(acks)).toBeGreaterThanOrEqual(20);
    expect(passed(acks)).toBeLessThanOrEqual(20 + Math.ceil(((Date.now() - started) / 1000) * 10));
    expect(passed(acks)).toBeLessThan(45);
    expect(acks.find((a) => !a.ok && a.code === 'RATE_LIMITED')).toMatchObject({
      message: 'too many actions from this seat (all its tabs and devices); wait a moment and try again',
    });
    sockets.forEach((c) => c.close());
    facilitator.close();

    const t = await server({
      commandsPerSecond: 1000,
      credentialCommandsPerSecond: 1000,
      addressCommandsPerSecond: 10,
      socketsPerAddress: 100,
    });
    const second = await exercise(t.url);
    const boss = await connectClient(t.url, {
      exerciseId: second.created.exerciseId,
      token: second.created.facilitatorKey,
    });
    expect((await boss.command({ type: 'start' })).ok).toBe(true);
    const others = await Promise.all(
      ['Bo', 'Cy'].map((name) => joinExercise(t.url, { code: second.created.code, name })),
    );
    const clients = await Promise.all(
      [second.player, ...others].map((p) => connectClient(t.url, p, { reconnection: false })),
    );
    await clients[0]!.waitFor((st) => st.exercise.status === 'running');
    const inject2 = clients[0]!.myTeam!.progress.inject!.id;
    started = Date.now();
    const all = (await Promise.all(clients.map((c) => votes(c, 15, inject2)))).flat();
    expect(passed(all)).toBeGreaterThanOrEqual(19); // the facilitator's start came from this address too
    expect(passed(all)).toBeLessThanOrEqual(20 + Math.ceil(((Date.now() - started) / 1000) * 10));
    expect(passed(all)).toBeLessThan(45);
    expect(all.find((a) => !a.ok && a.code === 'RATE_LIMITED')).toMatchObject({
      message: 'too many actions from this network address; wait a moment and try again',
    });
    clients.forEach((c) => c.close());
    boss.close();
  });

  it('R5 hello is budgeted: a socket repeating hello, and a seat reconnecting in a loop, get RATE_LIMITED', async () => {
    const s = await server({ floodStrikes: 1000 });
    const { player } = await exercise(s.url);
    const c = await connectClient(s.url, player, { reconnection: false });
    const answers = await Promise.all(Array.from({ length: 20 }, () => hello(c)));
    expect(answers.filter((w) => !w.ok).length).toBeGreaterThan(10);
    expect(answers.find((w) => !w.ok)).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'too many reconnections from this connection; wait a moment and try again',
    });
    c.close();
    const refused: string[] = [];
    for (let i = 0; i < 8; i++) {
      const fresh = await connectClient(s.url, player, { reconnection: false, hello: false });
      const w = await hello(fresh);
      if (!w.ok) refused.push(w.message);
      fresh.close();
    }
    expect(refused[0]).toBe(
      'too many reconnections from this seat (all its tabs and devices); wait a moment and try again',
    );
  });

  it('R7 R8 a socket that never says hello is closed; so is one that keeps sending after being limited', async () => {
    const s = await server({ helloTimeoutMs: 300, floodStrikes: 10 });
    const { player } = await exercise(s.url);
    const silent = await connectClient(s.url, player, { reconnection: false, hello: false });
    const started = Date.now();
    expect(await closedBy(silent)).toMatchObject({ code: 'FORBIDDEN', message: 'no "hello" within 0.3 seconds' });
    expect(Date.now() - started).toBeLessThan(3000);

    const flooder = await connectClient(s.url, player, { reconnection: false });
    const acks = await votes(flooder, 80, 'x');
    expect(acks.some((a) => !a.ok && a.code === 'RATE_LIMITED')).toBe(true);
    expect(await closedBy(flooder)).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'this connection sent too much too fast and was closed; reload the page to continue',
    });
  });

  it('R7 an address holds at most BREACHDRILL_SOCKETS_PER_ADDRESS sockets (real server process, limit from the environment)', async () => {
    const scenariosDir = scenarioDir([MINI]);
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-abuse-'));
    const proc = await spawnServer({
      dataDir,
      scenariosDir,
      env: { BREACHDRILL_SOCKETS_PER_ADDRESS: '3' },
      timeoutMs: 60_000,
    });
    cleanup.push(async () => {
      await proc.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(scenariosDir, { recursive: true, force: true });
    });
    const connect = () =>
      new Promise<boolean>((done) => {
        const socket = io(proc.url, { transports: ['websocket'], forceNew: true, reconnection: false });
        cleanup.push(() => void socket.disconnect());
        socket.once('connect', () => done(true));
        socket.once('connect_error', () => done(false));
      });
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) results.push(await connect());
    expect(results).toEqual([true, true, true, false, false]);
    const health = await fetch(`${proc.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
