/**
 * S8 with the real server, real SQLite and real socket.io clients, the WAL's flush held or
 * failed on purpose: teammates see a command as soon as it is committed, the sender's ack waits
 * until it is on disk, and a flush that fails refuses the command in words, and everything after
 * it until a restart, without the retry (same command id) applying it a second time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncFile } from '../../server/exercise/store/wal-sync.ts';
import { connectClient } from '../helpers/client.ts';
import { setupSession } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Done = Parameters<SyncFile>[1];

/** A flush that passes, waits for the test, or fails with EIO, as the test says. */
function controlledFlush() {
  const held: Done[] = [];
  const flush = {
    mode: 'pass' as 'pass' | 'hold' | 'fail',
    held,
    syncFile: ((_fd, done) => {
      if (flush.mode === 'hold') held.push(done);
      else if (flush.mode === 'fail')
        setImmediate(() => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })));
      else setImmediate(() => done(null));
    }) satisfies SyncFile,
    release(): void {
      flush.mode = 'pass';
      for (const done of held.splice(0)) done(null);
    },
  };
  return flush;
}

function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  void promise.finally(() => (settled = true));
  return { promise, settled: () => settled };
}

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('S8: teammates see a committed command at once; its ack waits for the disk', () => {
  it('a vote reaches the teammates while its flush is held, and is acknowledged only once the flush finishes', async () => {
    const flush = controlledFlush();
    server = await startTestServer({ syncFile: flush.syncFile });
    const session = await setupSession(server.url, { teams: 1, playersPerTeam: 3 });
    const [voter, ...teammates] = session.team('t1');
    const before = session.facilitator.version!;

    flush.mode = 'hold';
    const ack = track(voter!.client.command({ type: 'vote', option: 'snapshot', reason: 'keep the evidence' }));
    for (const mate of teammates) await mate.client.waitForVersion(before + 1);
    await session.facilitator.waitForVersion(before + 1);
    const seen = teammates[0]!.client.state!.teams[0]!.decision.votes;
    expect(seen.map((v) => v.option)).toContain('snapshot');
    await new Promise((done) => setTimeout(done, 50));
    expect(flush.held.length).toBeGreaterThan(0);
    expect(ack.settled()).toBe(false); // on the others' screens, not yet on disk: no ack

    flush.release();
    await expect(ack.promise).resolves.toMatchObject({ ok: true, version: before + 1 });
    session.close();
  });

  it("the exercise's next command does not wait for the flush before it; the acks come in order, and a repeat waits for the first", async () => {
    const flush = controlledFlush();
    server = await startTestServer({ syncFile: flush.syncFile });
    const session = await setupSession(server.url, { teams: 1, playersPerTeam: 4 });
    const [first, second, watcher] = session.team('t1');
    const before = session.facilitator.version!;

    flush.mode = 'hold';
    const vote = { type: 'vote', option: 'snapshot', reason: 'keep the evidence' } as const;
    const one = track(first!.client.command(vote, 'held-vote-0001'));
    await watcher!.client.waitForVersion(before + 1);
    const repeat = track(first!.client.command(vote, 'held-vote-0001')); // the same id while its flush is held
    const two = track(second!.client.command({ type: 'vote', option: 'delete' }));
    await watcher!.client.waitForVersion(before + 2); // applied and sent while the first flush is held
    await new Promise((done) => setTimeout(done, 50));
    expect([one.settled(), repeat.settled(), two.settled()]).toEqual([false, false, false]);

    const order: string[] = [];
    void one.promise.then(() => order.push('one'));
    void two.promise.then(() => order.push('two'));
    flush.release();
    expect(await one.promise).toEqual({ ok: true, version: before + 1 });
    expect(await repeat.promise).toEqual({ ok: true, version: before + 1 });
    expect(await two.promise).toEqual({ ok: true, version: before + 2 });
    expect(order).toEqual(['one', 'two']);
    expect(session.facilitator.version).toBe(before + 2); // the repeat made no event
    session.close();
  });

  it('a failed flush refuses the vote in words, and everything after it until a restart; after the restart the retry is answered from the log, not applied twice', async () => {
    const flush = controlledFlush();
    server = await startTestServer({ syncFile: flush.syncFile });
    const session = await setupSession(server.url, { teams: 1, playersPerTeam: 3 }); // two votes do not decide
    const vote = { type: 'vote', option: 'snapshot', reason: 'keep the evidence' } as const;
    const [voter, mate] = session.team('t1');
    const before = session.facilitator.version!;

    flush.mode = 'fail';
    const refused = await voter!.client.command(vote, 'vote-flush-fails-01');
    expect(refused).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(!refused.ok && refused.message).toMatch(/could not save "command".*could not be flushed to disk \(EIO\)/);

    // the disk answers again, but what the failed flush covered may be lost: nothing is vouched for
    flush.mode = 'pass';
    const retried = await voter!.client.command(vote, 'vote-flush-fails-01');
    expect(retried).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(!retried.ok && retried.message).toMatch(/cannot confirm that this command was saved.*restarted/);
    const other = await mate!.client.command({ type: 'vote', option: 'snapshot' });
    expect(!other.ok && other.message).toMatch(/cannot save anything right now.*until the server is restarted/);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(JSON.stringify(await health.json())).toContain('could not be flushed to disk');
    session.close();

    server = await server.restart();
    const seat = (joined: { exerciseId: string; token: string }) =>
      connectClient(server!.url, { exerciseId: joined.exerciseId, token: joined.token });
    const [voterAgain, mateAgain] = [await seat(voter!.joined), await seat(mate!.joined)];
    const again = await voterAgain.command(vote, 'vote-flush-fails-01');
    expect(again).toEqual({ ok: true, version: before + 1 }); // what the disk holds, read back
    const next = await mateAgain.command({ type: 'vote', option: 'snapshot' });
    expect(next).toMatchObject({ ok: true, version: before + 3 }); // after the restart's own event
    const state = await mateAgain.waitForVersion(before + 3);
    expect(state.teams[0]!.decision.votes.filter((v) => v.option === 'snapshot')).toHaveLength(2);
    voterAgain.close();
    mateAgain.close();
  });
});
