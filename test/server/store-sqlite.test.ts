/** The storage contract (store-contract.ts) against SQLite files. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
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
