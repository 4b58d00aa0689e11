/** The storage contract (store-contract.ts) against SQLite files. */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/exercise/store/sqlite.ts';
import type { SyncFile } from '../../server/exercise/store/wal-sync.ts';
import { describeStoreContract, tempDir } from './store-contract.ts';

describeStoreContract('sqlite', () => {
  const { dir, remove } = tempDir('breachdrill-contract-');
  const file = join(dir, 'breachdrill.sqlite');
  const stores: SqliteStore[] = [new SqliteStore(file)];
  return {
    store: stores[0]!,
    connect: () => {
      const store = new SqliteStore(file);
      stores.push(store);
      return store;
    },
    tamper: (exerciseId, version) => {
      const db = new Database(file);
      // still valid JSON, but not the text the hash covers
      db.prepare("UPDATE events SET body = body || ' ' WHERE exercise_id = ? AND version = ?").run(exerciseId, version);
      db.close();
    },
    dispose: () => {
      for (const store of stores) store.close();
      remove();
    },
  };
});

/** A sync the test releases (or fails) by hand, to see what waits for the disk. */
function heldSync() {
  const calls: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  const syncFile: SyncFile = (_fd, done) => void calls.push(done);
  return { calls, syncFile };
}

/** The end of this turn of the event loop, when a sync that commits wait for begins. */
const turn = () => nextTurn();

/** Whether a promise has settled by the next turn of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await nextTurn();
  return done;
}

const restartEvent = (version: number) => ({
  exerciseId: 'x1',
  event: {
    version,
    at: 1_000 + version,
    actor: null,
    commandId: null,
    body: { type: 'restarted' as const, downAt: version },
  },
});

/**
 * Runs `test` on a store in a fresh directory whose WAL flushes go through `syncFile`; closes it
 * and removes the directory afterwards. `warnings` collects what the store logged.
 */
async function withSyncStore(
  syncFile: SyncFile,
  test: (store: SqliteStore, files: { file: string; warnings: string[] }) => Promise<void>,
): Promise<void> {
  const { dir, remove } = tempDir('breachdrill-sync-');
  const file = join(dir, 'breachdrill.sqlite');
  const warnings: string[] = [];
  const store = new SqliteStore(file, (w) => warnings.push(w), { syncFile });
  try {
    await test(store, { file, warnings });
  } finally {
    store.close();
    remove();
  }
}

describe('SQLite durability (S8: group commit)', () => {
  it('an append resolves only once a sync that began after its commit finished; commits of one turn, or made while a sync runs, share one', async () => {
    const held = heldSync();
    await withSyncStore(held.syncFile, async (store) => {
      const first = store.append(restartEvent(1));
      const second = store.append(restartEvent(2)); // same turn of the event loop
      await turn();
      expect(held.calls).toHaveLength(1);
      expect(await settled(first)).toBe(false); // committed, not yet on disk: no ack
      const third = store.append(restartEvent(3));
      await turn();
      expect(held.calls).toHaveLength(1); // it waits for the sync after the one in flight
      held.calls[0]!(null);
      expect((await Promise.all([first, second])).map((e) => e.version)).toEqual([1, 2]);
      expect(await settled(third)).toBe(false);
      expect(held.calls).toHaveLength(2);
      held.calls[1]!(null);
      expect(await third).toMatchObject({ version: 3 });
      expect(held.calls).toHaveLength(2); // three commits, two syncs
    });
  });

  it('the fan-out hears of a commit before its flush; a WAL deleted while the flush runs refuses every append it covered', async () => {
    const held = heldSync();
    await withSyncStore(held.syncFile, async (store, { file, warnings }) => {
      const heard: number[] = [];
      const first = store.append(restartEvent(1), (stored) => heard.push(stored.version));
      expect(heard).toEqual([1]); // committed: the others may be told
      await turn();
      expect(await settled(first)).toBe(false); // not on disk yet: no ack
      held.calls[0]!(null);
      expect(await first).toMatchObject({ version: 1 });

      const second = store.append(restartEvent(2));
      const third = store.append(restartEvent(3));
      await turn();
      rmSync(`${file}-wal`); // gone while its flush runs: the flush made an orphan durable
      held.calls[1]!(null);
      await expect(second).rejects.toThrow(/breachdrill\.sqlite-wal was deleted while the server ran/);
      await expect(third).rejects.toThrow(/was deleted/);
      expect(store.health()).toMatchObject({ ok: false });
      expect(warnings.join('\n')).toMatch(/storage lost: .*everything acknowledged so far was saved to/);
    });
  });

  it('a failed sync refuses its appends and every write after it, even once the disk works again, until the store is opened again (S9)', async () => {
    const eio = () => Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    const held = heldSync();
    const { dir, remove } = tempDir('breachdrill-sync-');
    const file = join(dir, 'breachdrill.sqlite');
    const warnings: string[] = [];
    try {
      const store = new SqliteStore(file, (w) => warnings.push(w), { syncFile: held.syncFile });
      const first = store.append(restartEvent(1));
      await turn();
      const second = store.append(restartEvent(2)); // committed while the first flush runs
      await turn();
      held.calls[0]!(eio());
      await expect(first).rejects.toThrow(/breachdrill\.sqlite-wal could not be flushed to disk \(EIO\)/);
      // the second commit's own flush would pass, but the failed one may have lost frames before
      // it, and a WAL with a hole loses every frame after the hole at the next start: no ack
      await expect(second).rejects.toThrow(/could not be flushed to disk \(EIO\)/);
      expect(held.calls).toHaveLength(1); // no flush can vouch for anything any more
      await expect(store.append(restartEvent(3))).rejects.toThrow(
        /nothing more is saved until the server is restarted/,
      );
      expect(store.health()).toMatchObject({
        ok: false,
        problem: expect.stringContaining('could not be flushed to disk'),
      });
      expect(warnings.filter((w) => w.includes('could not be flushed'))).toHaveLength(1); // said once
      store.close();

      // a restart reads back what the disk holds (here all of it: only the flush was made to fail)
      const reopened = new SqliteStore(file, (w) => warnings.push(w), {
        syncFile: (_fd, done) => setImmediate(() => done(null)),
      });
      try {
        expect(reopened.events('x1').map((e) => e.version)).toEqual([1, 2]);
        await expect(reopened.append(restartEvent(3))).resolves.toMatchObject({ version: 3 });
        expect(reopened.health().ok).toBe(true);
      } finally {
        reopened.close();
      }
    } finally {
      remove();
    }
  });

  it('flushOnceAfter commits its writes without a sync each, and syncs once at the end, even when the work fails', async () => {
    const held = heldSync();
    await withSyncStore(held.syncFile, async (store) => {
      const versions = await store.flushOnceAfter(async () => {
        const stored = [await store.append(restartEvent(1)), await store.append(restartEvent(2))];
        return stored.map((e) => e.version);
      });
      expect(versions).toEqual([1, 2]);
      expect(held.calls).toHaveLength(0);
      expect(store.getMeta('flushed_at')).toMatch(/^\d+$/);
      await expect(store.flushOnceAfter(async () => Promise.reject(new Error('restore failed')))).rejects.toThrow(
        'restore failed',
      );
      // afterwards each append waits for its sync again
      const next = store.append(restartEvent(3));
      await turn();
      expect(held.calls).toHaveLength(1);
      held.calls[0]!(null);
      expect(await next).toMatchObject({ version: 3 });
    });
  });

  it('closing releases an append still waiting for its sync (the close syncs everything)', async () => {
    const { dir, remove } = tempDir('breachdrill-sync-');
    const held = heldSync();
    const store = new SqliteStore(join(dir, 'breachdrill.sqlite'), () => {}, { syncFile: held.syncFile });
    const first = store.append(restartEvent(1));
    await turn(); // its sync is in flight
    const second = store.append(restartEvent(2)); // waits for the next one
    store.close();
    held.calls[0]!(null); // the sync in flight ends after the close
    expect((await Promise.all([first, second])).map((e) => e.version)).toEqual([1, 2]);
    remove();
  });
});
