/** B1–B3: over 1,000 seeded random and malformed messages leave the server up and the state unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/engine/playthrough.ts';
import type { Snapshot } from '../../protocol/index.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { request } from '../helpers/http.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // ten sockets per seat and silent sockets on purpose: this file tests bad input, abuse.test.ts the limits
  server = await startTestServer({
    limits: { socketsPerCredential: 1000, credentialHellosPerSecond: 1000, helloTimeoutMs: 60_000 },
  });
});
afterAll(async () => {
  await server.close();
});

/** The parts of a snapshot that only commands can change (presence is volatile). */
const stable = (s: Snapshot) => ({
  version: s.version,
  exercise: s.exercise,
  teams: s.teams,
  players: s.players.map((p) => ({ ...p, online: undefined })),
  hotwash: s.hotwash,
});

function generator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const word = () => Array.from({ length: 1 + int(12) }, () => String.fromCharCode(32 + int(94))).join('');
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 6 : 9)) {
      case 0:
        return int(2) ? -int(1e9) : random() * 1e12;
      case 1:
        return word();
      case 2:
        return pick([null, true, false, NaN, '', 0, -1]);
      case 3:
        return 'x'.repeat(int(20_000));
      case 4:
        return pick(['vote', 'commit', 'start', 'end', '__proto__', 'constructor']);
      case 5:
        return int(2) ? [] : {};
      case 6:
        return Array.from({ length: int(5) }, () => value(depth + 1));
      case 7:
        return Object.fromEntries(
          Array.from({ length: int(5) }, () => [
            pick(['type', 'id', 'command', 'option', 'teamId', '__proto__', word()]),
            value(depth + 1),
          ]),
        );
      default:
        return { id: word(), command: value(depth + 1) };
    }
  };
  // A valid command, then broken so the schema must refuse it.
  const broken = (): unknown => {
    const base: Record<string, unknown> = pick([
      { type: 'vote', option: 'snapshot' },
      { type: 'commit', option: 'snapshot' },
      { type: 'continue' },
      { type: 'start' },
      { type: 'skip', teamId: 't1' },
      { type: 'inject', teamId: 'all', title: 't', body: 'b' },
    ]);
    const copy: Record<string, unknown> = { ...base };
    switch (int(5)) {
      case 0:
        copy.extra = value();
        break;
      case 1:
        copy.type = word() + '!';
        break;
      case 2:
        for (const key of Object.keys(copy)) if (key !== 'type') copy[key] = int(2) ? 42 : 'y'.repeat(5000);
        if (Object.keys(copy).length === 1) copy.x = 1;
        break;
      case 3:
        return { id: 'short', command: copy };
      default:
        return { id: 'long-enough-id', command: copy, more: true };
    }
    return { id: `fuzz-${int(1e9)}`, command: copy };
  };
  const event = () => pick(['command', 'command', 'command', 'hello', 'typing', 'nonsense', word()]);
  return { int, pick, value, broken, event };
}

describe('bad input', () => {
  it('B1 R1 1,200 seeded random and malformed socket messages, and frames over 64 KB (the socket is closed): server up, state unchanged', async () => {
    const session = await setupSession(server.url, { teams: 1, observer: true });
    const before = stable(session.facilitator.state!);
    const g = generator(20240611);
    const playerJoin = session.players[0]!.joined;
    const observerToken = { exerciseId: session.created.exerciseId, token: session.observer!.token };
    let sent = 0;
    const counts: Record<string, number> = {};
    try {
      await expect(
        connectClient(server.url, { exerciseId: session.created.exerciseId, token: 'x'.repeat(32) }),
      ).rejects.toThrow(/FORBIDDEN/);
      // 30 sockets × 40 messages: unauthenticated, observer and player senders (each within its rate limit).
      const senders: TestClient[] = [];
      for (let i = 0; i < 30; i++) {
        const kind = i % 3;
        if (kind === 0)
          senders.push(
            await connectClient(server.url, { exerciseId: 'nope', token: 'x'.repeat(16) }, { hello: false }),
          );
        else senders.push(await connectClient(server.url, kind === 1 ? observerToken : playerJoin));
      }
      await Promise.all(
        senders.map(async (client, i) => {
          for (let n = 0; n < 40; n++) {
            const name = g.event();
            const payload =
              name === 'command'
                ? g.int(2)
                  ? g.broken()
                  : g.value()
                : name === 'hello'
                  ? { ...(g.value() as object), protocol: g.pick([1, 2, 0]) }
                  : g.value();
            // Observers may send well-formed commands: they must be refused as read-only.
            const finalPayload =
              i % 3 === 1 && name === 'command' && g.int(2)
                ? { id: `obs-${i}-${n}`, command: { type: 'vote', option: 'snapshot' } }
                : payload;
            const ack = (await client.raw(name, finalPayload, name === 'command' || name === 'hello' ? 1000 : 1)) as
              { ok?: boolean; code?: string } | undefined;
            sent++;
            const code = ack === undefined ? 'no-ack' : ack.ok ? 'OK' : (ack.code ?? 'other');
            counts[code] = (counts[code] ?? 0) + 1;
          }
        }),
      );
      expect(counts.OK ?? 0).toBe(0);
      // Oversized and unparsable frames: the server drops that socket and stays up.
      for (let i = 0; i < 10; i++) {
        const victim = await connectClient(server.url, playerJoin, { reconnection: false });
        const gone = new Promise((r) => victim.socket.once('disconnect', r));
        if (i % 2)
          void victim.raw(
            'command',
            {
              id: 'big-command-1',
              command: { type: 'inject', teamId: 'all', title: 't', body: 'z'.repeat(70 * 1024) },
            },
            1,
          );
        else
          (victim.socket.io.engine as unknown as { send(data: string): void }).send(`2["command",${'{'.repeat(i + 1)}`);
        await gone;
        sent++;
      }
      senders.forEach((c) => c.close());
      expect(sent).toBeGreaterThanOrEqual(1000);
      expect((await request(server.url, '/healthz')).status).toBe(200);
      const fresh = await connectClient(server.url, {
        exerciseId: session.created.exerciseId,
        token: session.created.facilitatorKey,
      });
      expect(stable(fresh.state!)).toEqual(before);
      expect(stable(session.facilitator.state!)).toEqual(before);
      fresh.close();
    } finally {
      session.close();
    }
  });

  it('B2 malformed HTTP bodies get 4xx answers that name the field', async () => {
    const g = generator(7);
    for (let i = 0; i < 60; i++) {
      const path = g.pick(['/api/exercises', '/api/join', '/api/solo']);
      const body = i % 4 === 0 ? '{"broken": ' : g.value();
      const res = await request(server.url, path, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const named = await request(server.url, '/api/exercises', { body: { scenarioId: 'mini-drill', mode: 'chaos' } });
    expect(named).toMatchObject({ status: 400, body: { code: 'INVALID', message: expect.stringContaining('mode') } });
    expect((await request(server.url, '/healthz')).status).toBe(200);
  });

  it('R1 an HTTP body over 64 KB is answered 413 with a JSON error saying so, and the server stays up', async () => {
    // a network error here is a failure: the client must get the answer, not a dropped connection
    const huge = await request(server.url, '/api/join', { body: { code: 'ABCDEF', name: 'n'.repeat(70 * 1024) } });
    expect(huge).toEqual({
      status: 413,
      body: { ok: false, code: 'INVALID', message: expect.stringContaining('65536 bytes') },
    });
    expect((await request(server.url, '/healthz')).status).toBe(200);
  });
});
