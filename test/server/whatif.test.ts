/**
 * What if over the socket (docs/protocol.md W1–W4), against a real server on 127.0.0.1 and real
 * clients: only in the debrief, players fork their own team, the answer is the engine's fork of
 * the team's logged decisions, and asking changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatIfAnswer, WhatIfRequest } from '../../protocol/index.ts';
import { compareFork } from '../../server/engine/fork-compare.ts';
import type { TestClient } from '../helpers/client.ts';
import { loadClean, MINI } from '../engine/helpers.ts';
import { converge, latest, playTeam, setupSession, type Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let session: Session;
beforeAll(async () => {
  server = await startTestServer();
  session = await setupSession(server.url, { teams: 2, playersPerTeam: 1, mode: 'facilitator' });
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

const ask = (client: TestClient, request: unknown): Promise<WhatIfAnswer> =>
  client.socket.timeout(10_000).emitWithAck('whatif', request as WhatIfRequest);

const player = (teamId: string) => session.team(teamId)[0]!.client;

describe('what if over the socket', () => {
  it('W1 is refused while the exercise runs: it would reveal scores and hidden branches', async () => {
    const answer = await ask(session.facilitator, {
      teamId: 't1',
      inject: 'alert',
      option: 'snapshot',
      policy: 'best',
    });
    expect(answer).toEqual({
      ok: false,
      code: 'NOT_NOW',
      message: 'what if opens in the debrief, once play has ended',
    });
  });

  it('W2 W3 in the debrief a player forks their own team and gets the engine’s answer; nothing changes', async () => {
    await playTeam(session, 't1', ['wait', 'leave']);
    await playTeam(session, 't2', ['delete', 'pause']);
    const end = await session.facilitator.command({ type: 'end' });
    expect(end.ok).toBe(true);
    await converge(session.clients(), latest(session.clients()));
    const before = session.clients().map((c) => JSON.stringify(c.state));
    const version = session.facilitator.version;

    const answer = await ask(player('t1'), { teamId: 't1', inject: 'alert', option: 'snapshot', policy: 'best' });
    if (!answer.ok) throw new Error(answer.message);
    const { whatIf } = answer;
    expect(whatIf.fork).toMatchObject({
      decision: 1,
      inject: 'alert',
      option: { id: 'snapshot' },
      played: { id: 'wait' },
      policy: 'best',
    });
    expect(whatIf.fork.choices.map((c) => c.id)).toEqual(['snapshot', 'delete', 'wait']);
    expect(whatIf.real.ending?.kind).toBe('bad');
    expect(whatIf.alternative.ending?.kind).toBe('good');
    expect(whatIf.alternative.total.score).toBeGreaterThan(whatIf.real.total.score);
    expect(whatIf.differences.map((d) => d.inject)).toEqual(['alert', 'pipeline']);
    expect(whatIf.flipped.map((f) => f.id).sort()).toEqual(['contain-fast', 'evidence-first', 'pause-it'].sort());

    // the same fork in the engine (the CLI prints exactly this comparison) gives the same outcomes
    const { drill, stats } = loadClean(MINI);
    const engine = compareFork(
      drill,
      stats,
      [
        { type: 'CHOOSE', option: 'wait' },
        { type: 'CHOOSE', option: 'leave' },
      ],
      { decision: 1, option: 'snapshot', policy: 'best' },
    );
    expect(whatIf.alternative.total).toEqual(engine.alternative.total);
    expect(whatIf.alternative.ending?.title).toBe(engine.alternative.ending?.title);
    expect(whatIf.flipped).toEqual(engine.flipped);

    // deterministic, and read-only: no version, no state change anywhere
    expect(await ask(player('t1'), { teamId: 't1', inject: 'alert', option: 'snapshot', policy: 'best' })).toEqual(
      answer,
    );
    // A change would have been broadcast before the ack above; each client's own later answer
    // comes after anything sent to it before, so asking once more on every socket is a barrier.
    await Promise.all(
      session.players.map((p) =>
        ask(p.client, { teamId: p.teamId, inject: 'alert', option: 'snapshot', policy: 'same' }),
      ),
    );
    await ask(session.facilitator, { teamId: 't1', inject: 'alert', option: 'delete', policy: 'worst' });
    expect(session.facilitator.version).toBe(version);
    expect(session.clients().map((c) => JSON.stringify(c.state))).toEqual(before);
  });

  it('W2 a player cannot fork another team; staff can fork any team', async () => {
    const other = await ask(player('t1'), { teamId: 't2', inject: 'alert', option: 'snapshot', policy: 'same' });
    expect(other).toEqual({ ok: false, code: 'FORBIDDEN', message: 'players explore what if for their own team' });
    const staff = await ask(session.facilitator, { teamId: 't2', inject: 'alert', option: 'snapshot', policy: 'same' });
    expect(staff.ok).toBe(true);
    if (staff.ok) expect(staff.whatIf.fork.played).toEqual({ id: 'delete', label: expect.any(String) });
  });

  it('W4 a fork that does not fit, or a malformed request, gets a clear refusal and the server stays up', async () => {
    const outOfRange = await ask(player('t2'), { teamId: 't2', inject: 'wrap', option: 'snapshot', policy: 'same' });
    expect(outOfRange).toEqual({ ok: false, code: 'INVALID', message: 'the team made no decision at inject "wrap"' });
    const notOffered = await ask(player('t2'), {
      teamId: 't2',
      inject: 'pipeline',
      option: 'snapshot',
      policy: 'same',
    });
    expect(notOffered.ok ? '' : notOffered.message).toMatch(
      /^"snapshot" is not an option at decision 2 \("pipeline"\); expected one of pause, leave$/,
    );
    const malformed = await ask(player('t2'), { teamId: 't2', inject: 3, option: 7, policy: 'luck', extra: true });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) {
      expect(malformed.code).toBe('INVALID');
      expect(malformed.message).toMatch(/^whatif: /);
    }
    const unknownTeam = await ask(session.facilitator, {
      teamId: 'nope',
      inject: 'alert',
      option: 'snapshot',
      policy: 'same',
    });
    expect(unknownTeam).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ask(player('t2'), { teamId: 't2', inject: 'alert', option: 'snapshot', policy: 'worst' })).ok).toBe(
      true,
    );
  });
});
