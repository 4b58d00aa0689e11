/**
 * The protocol client against an in-memory connection and a scripted server: handshake,
 * reconnect, gap resync, the outbox (A8) and what a person is told when a resend comes too late.
 */
import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  ProtocolClient,
  type CommandOutcome,
  type ProtocolClientOptions,
} from '../../../protocol/index.ts';
import { MiniServer, tinySnapshot } from './mini-server.ts';
import { TestSocketPair } from './socket-pair.ts';

function setup(options: Omit<ProtocolClientOptions, 'exerciseId' | 'token'> = {}) {
  const pair = new TestSocketPair();
  const server = new MiniServer(pair);
  const client = new ProtocolClient(
    pair.client,
    { exerciseId: 'ex1', token: 'a-token-of-sixteen-chars' },
    { retryDelayMs: 5, ...options },
  );
  const outcomes: CommandOutcome[] = [];
  client.on('outcome', (o) => outcomes.push(o));
  return { pair, server, client, outcomes };
}

async function online(pair: TestSocketPair): Promise<void> {
  pair.restore();
  await pair.settle();
}

describe('protocol client: handshake and sync', () => {
  it('P1 P3: says hello with no version on the first connect and takes the snapshot', async () => {
    const { pair, client } = setup();
    expect(client.status).toBe('connecting');
    await online(pair);
    expect(pair.hellos).toEqual([
      { protocol: PROTOCOL_VERSION, exerciseId: 'ex1', token: 'a-token-of-sixteen-chars', lastVersion: null },
    ]);
    expect(client.status).toBe('online');
    expect(client.version).toBe(1);
    await expect(client.ready).resolves.toMatchObject({ ok: true });
  });

  it('P1 P7: says hello again with its last version after every reconnect and applies the missed patches', async () => {
    const { pair, server, client } = setup();
    await online(pair);
    pair.drop();
    expect(client.status).toBe('reconnecting');
    server.moveOn('i2');
    server.moveOn('i3');
    await online(pair);
    expect(pair.hellos.map((h) => h.lastVersion)).toEqual([null, 1]);
    expect(client.version).toBe(3);
    expect(client.snapshot!.teams[0]!.decision.injectId).toBe('i3');
    expect(client.status).toBe('online');
  });

  it('P5 P7: applies live patches in order, ignores repeats, and resyncs with its last version on a gap', async () => {
    const { pair, server, client } = setup();
    await online(pair);
    server.moveOn('i2');
    await pair.settle();
    expect(client.version).toBe(2);
    pair.push(server.sent[0]!); // a repeat delivery changes nothing
    await pair.settle();
    expect(client.version).toBe(2);
    expect(pair.hellos).toHaveLength(1);
    server.change({ teams: [{ id: 't1', name: 'Missed' }] }, true);
    server.moveOn('i3'); // version 4 arrives while 3 was never delivered
    await pair.settle();
    expect(pair.hellos.map((h) => h.lastVersion)).toEqual([null, 2]);
    expect(client.version).toBe(4);
    expect(client.snapshot!.teams[0]!.name).toBe('Missed');
  });

  it('P5a P6: asks for a full snapshot when the welcome patches do not fit what it holds', async () => {
    const { pair, server, client } = setup();
    await online(pair);
    pair.drop();
    server.moveOn('i2');
    server.moveOn('i3');
    // a welcome whose patches skip version 2 cannot be applied to version 1
    pair.onHello = (hello) =>
      hello.lastVersion === null
        ? server.welcome(hello)
        : { ok: true, protocol: hello.protocol, seat: 'player', version: 3, patches: server.sent.slice(1) };
    await online(pair);
    expect(pair.hellos.map((h) => h.lastVersion)).toEqual([null, 1, null]);
    expect(client.version).toBe(3);
  });

  it('P6 P7: hello(true) asks for a full snapshot and resolves with the welcome once it is applied', async () => {
    const { pair, server, client } = setup();
    await online(pair);
    server.moveOn('i2');
    await pair.settle();
    const welcome = await client.hello(true);
    expect(pair.hellos.at(-1)!.lastVersion).toBeNull();
    expect(welcome).toMatchObject({ ok: true, snapshot: { version: 2 } });
    expect(client.version).toBe(2);
  });

  it('P1: release() leaves the connection open for a client of another seat, which says hello on it', async () => {
    const { pair, client } = setup();
    await online(pair);
    client.release();
    expect(pair.connected).toBe(true);
    const next = new ProtocolClient(pair.client, { exerciseId: 'ex2', token: 'another-token-sixteen' });
    await expect(next.hello()).resolves.toMatchObject({ ok: true });
    expect(pair.hellos.map((h) => h.exerciseId)).toEqual(['ex1', 'ex2']);
    pair.drop();
    expect(client.status).toBe('closed'); // the released client no longer follows the socket
    expect(next.status).toBe('reconnecting');
  });

  it('P8: a snapshot event replaces the state wholesale', async () => {
    const { pair, client } = setup();
    await online(pair);
    pair.pushSnapshot({ ...tinySnapshot(9), me: { seat: 'player', playerId: 'p1', teamId: 't2', role: 'lead' } });
    await pair.settle();
    expect(client.version).toBe(9);
    expect(client.snapshot!.me.teamId).toBe('t2');
  });

  it('P2: a refused hello closes the client and settles waiting commands as CLOSED, without sending them', async () => {
    const { pair, server, client, outcomes } = setup();
    server.refuseHello = { ok: false, code: 'FORBIDDEN', message: 'this token does not grant access to that exercise' };
    const result = client.send({ type: 'vote', option: 'a', inject: 'i1' });
    await online(pair);
    await expect(result).resolves.toMatchObject({ ok: false, code: 'CLOSED' });
    expect(client.status).toBe('closed');
    expect(client.closedReason).toMatchObject({ kind: 'refused', welcome: { code: 'FORBIDDEN' } });
    expect(pair.commands).toEqual([]);
    expect(outcomes.map((o) => o.result.ok)).toEqual([false]);
    expect(pair.connected).toBe(false);
  });

  it('P1: a rate-limited hello is asked again after a pause', async () => {
    const { pair, server, client } = setup();
    server.refuseHello = { ok: false, code: 'RATE_LIMITED', message: 'slow down' };
    await online(pair);
    expect(client.status).toBe('connecting');
    server.refuseHello = null;
    await new Promise((done) => setTimeout(done, 20));
    await pair.settle();
    expect(client.status).toBe('online');
    expect(pair.hellos.length).toBeGreaterThanOrEqual(2);
  });

  it('P8: bye closes the client for good', async () => {
    const { pair, client } = setup();
    await online(pair);
    pair.bye({ code: 'FORBIDDEN', message: 'the facilitator removed you from the exercise' });
    await pair.settle();
    expect(client.status).toBe('closed');
    expect(client.closedReason).toEqual({
      kind: 'bye',
      farewell: { code: 'FORBIDDEN', message: 'the facilitator removed you from the exercise' },
    });
  });
});

describe('protocol client: commands and the outbox (A8)', () => {
  it('A1 A5: a command gets a fresh id of 8-64 characters and resolves with its ack', async () => {
    const { pair, client, outcomes } = setup();
    await online(pair);
    const ack = await client.send({ type: 'vote', option: 'a', inject: 'i1' });
    expect(ack).toEqual({ ok: true, version: 2 });
    expect(pair.commands[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(outcomes).toEqual([
      { id: pair.commands[0]!.id, command: { type: 'vote', option: 'a', inject: 'i1' }, result: ack, resent: false },
    ]);
    expect(client.waiting).toBe(0);
  });

  it('A8: a command made while disconnected waits in the outbox and goes out after the next accepted hello, once', async () => {
    const { pair, server, client } = setup();
    await online(pair);
    pair.drop();
    const waiting: number[] = [];
    client.on('outbox', (n) => waiting.push(n));
    const result = client.send({ type: 'vote', option: 'a', inject: 'i1' }, 'vote-while-offline');
    await pair.settle();
    expect(pair.commands).toEqual([]); // nothing is sent before the hello (it would be FORBIDDEN)
    expect(client.waiting).toBe(1);
    await online(pair);
    await expect(result).resolves.toEqual({ ok: true, version: 2 });
    expect(pair.commands.map((c) => c.id)).toEqual(['vote-while-offline']);
    expect(server.applied.get('vote-while-offline')).toBe(1);
    expect(waiting).toEqual([1, 0]);
  });

  it('A8 A5: a command in flight when the connection drops is resent with the same id; the repeat is answered with the first ack and applied once', async () => {
    const { pair, server, client, outcomes } = setup();
    await online(pair);
    let first = true;
    pair.onCommand = (envelope) => {
      const ack = server.command(envelope);
      if (first) {
        first = false;
        pair.drop(); // applied, but the ack is lost with the connection
        return { silent: true };
      }
      return ack;
    };
    const result = client.send({ type: 'vote', option: 'a', inject: 'i1' }, 'vote-in-flight');
    await pair.settle();
    expect(client.status).toBe('reconnecting');
    await online(pair);
    await expect(result).resolves.toEqual({ ok: true, version: 2 });
    expect(pair.commands.map((c) => c.id)).toEqual(['vote-in-flight', 'vote-in-flight']);
    expect(server.applied.get('vote-in-flight')).toBe(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.resent).toBe(true);
  });

  it('A8: commands waiting in the outbox go out in the order they were made', async () => {
    const { pair, client } = setup();
    await online(pair);
    pair.drop();
    const results = [
      client.send({ type: 'vote', option: 'a', inject: 'i1' }, 'first-vote'),
      client.send({ type: 'vote', option: 'b', inject: 'i1' }, 'second-vote'),
    ];
    await online(pair);
    await Promise.all(results);
    expect(pair.commands.map((c) => c.id)).toEqual(['first-vote', 'second-vote']);
    expect(client.snapshot!.teams[0]!.decision.votes.map((v) => v.option)).toEqual(['a', 'b']);
  });

  it('A1: an ack delivered twice settles the command once', async () => {
    const { pair, server, client, outcomes } = setup();
    await online(pair);
    pair.onCommand = (envelope) => ({ twice: server.command(envelope) });
    await client.send({ type: 'vote', option: 'a', inject: 'i1' });
    await pair.settle();
    expect(outcomes).toHaveLength(1);
    expect(client.waiting).toBe(0);
  });

  it('A6 A8: a vote resent after the team moved on is reported as a STALE outcome marked resent, and changes nothing', async () => {
    const { pair, server, client, outcomes } = setup();
    await online(pair);
    const result = client.send({ type: 'vote', option: 'a', inject: 'i1' });
    pair.drop(); // the vote never reached the server
    server.moveOn('i2'); // the deadline moved the team on while this player was offline
    await online(pair);
    await expect(result).resolves.toMatchObject({ ok: false, code: 'STALE' });
    expect(pair.commands).toHaveLength(1);
    expect(outcomes).toMatchObject([{ command: { type: 'vote' }, result: { code: 'STALE' }, resent: true }]);
    expect(server.applied.size).toBe(0);
  });

  it('A1: a command with no ack on a live connection settles as NO_ANSWER after the ack timeout', async () => {
    const { pair, client } = setup({ ackTimeoutMs: 20 });
    await online(pair);
    pair.onCommand = () => ({ silent: true });
    await expect(client.send({ type: 'vote', option: 'a', inject: 'i1' })).resolves.toMatchObject({
      ok: false,
      code: 'NO_ANSWER',
    });
    expect(client.waiting).toBe(0);
  });

  it('A8: the outbox is bounded; past the limit a command is refused at once as OUTBOX_FULL', async () => {
    const { client } = setup({ outboxLimit: 2 });
    void client.send({ type: 'vote', option: 'a' });
    void client.send({ type: 'vote', option: 'b' });
    await expect(client.send({ type: 'vote', option: 'c' })).resolves.toMatchObject({ ok: false, code: 'OUTBOX_FULL' });
  });

  it('P9: typing hints go out only while online', async () => {
    const { pair, client } = setup();
    client.typing(true);
    await online(pair);
    client.typing(true);
    client.typing(false);
    expect(pair.typing).toEqual([true, false]);
  });
});

describe('protocol client: what if', () => {
  const request = { teamId: 't1', inject: 'i2', option: 'snapshot', policy: 'same' } as const;
  const refusal = { ok: false, code: 'FORBIDDEN', message: 'players explore what if for their own team' } as const;

  it('W1 W2: sends the request while online and resolves with the server’s answer, never through the outbox', async () => {
    const { pair, client } = setup();
    await online(pair);
    pair.onWhatIf = () => refusal;
    await expect(client.whatIf(request)).resolves.toEqual(refusal);
    expect(pair.whatIfs).toEqual([request]);
    expect(pair.commands).toEqual([]);
  });

  it('W1: offline, or dropped before the answer, it resolves with a refusal at once instead of waiting for the reconnect', async () => {
    const { pair, client } = setup();
    await online(pair);
    pair.drop();
    await expect(client.whatIf(request)).resolves.toMatchObject({ ok: false, code: 'NOT_NOW' });
    await online(pair);
    pair.onWhatIf = () => refusal;
    const asked = client.whatIf(request);
    pair.drop();
    await expect(asked).resolves.toMatchObject({ ok: false, code: 'INTERNAL' });
    await online(pair);
    expect(pair.whatIfs).toEqual([]); // the dropped request was lost with the connection, and nothing was resent
  });
});
