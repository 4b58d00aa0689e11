/** The storage contract (store-contract.ts) against SQLite files. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/exercise/store/sqlite.ts';
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

describe('SQLite durability mode', () => {
  it('S8 flushOnceAfter relaxes fsync only while its work runs, and is back to FULL after it, even when the work fails', async () => {
    const { dir, remove } = tempDir('breachdrill-flush-');
    const store = new SqliteStore(join(dir, 'breachdrill.sqlite'));
    // better-sqlite3 reports synchronous as a number: 1 NORMAL, 2 FULL
    const mode = () => (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    try {
      expect(mode()).toBe(2);
      expect(await store.flushOnceAfter(async () => mode())).toBe(1);
      expect(mode()).toBe(2);
      await expect(store.flushOnceAfter(async () => Promise.reject(new Error('restore failed')))).rejects.toThrow(
        'restore failed',
      );
      expect(mode()).toBe(2);
      expect(store.getMeta('flushed_at')).toMatch(/^\d+$/);
    } finally {
      store.close();
      remove();
    }
  });
});
