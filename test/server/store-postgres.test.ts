/**
 * The storage contract (store-contract.ts) against PostgreSQL: each test gets its own schema,
 * dropped afterwards, so runs on one database never collide. Skipped with one loud line when
 * no PostgreSQL answers; under CI=true that fails instead (test/helpers/services.ts).
 */
import { describe, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../server/exercise/store/postgres.ts';
import { databaseUrl, dropSchema, freshSchema, servicesFor } from '../helpers/services.ts';
import { describeStoreContract } from './store-contract.ts';

const SUITE = 'store contract: postgres (test/server/store-postgres.test.ts)';

if (await servicesFor(SUITE, { postgres: true })) {
  describeStoreContract('postgres', async () => {
    const url = databaseUrl();
    const schema = freshSchema('bd_contract');
    const stores: PostgresStore[] = [await openPostgresStore(url, { schema, max: 4 })];
    return {
      store: stores[0]!,
      connect: async () => {
        const store = await openPostgresStore(url, { schema, max: 4 });
        stores.push(store);
        return store;
      },
      tamper: async (exerciseId, version) => {
        // still valid JSON, but not the text the hash covers
        await stores[0]!.pool.query(`UPDATE ${schema}.events SET body = body || ' ' WHERE exercise_id = $1 AND version = $2`, [exerciseId, version]);
      },
      dispose: async () => {
        for (const store of stores) await store.close();
        await dropSchema(schema, url);
      },
    };
  });
} else {
  describe.skip(SUITE, () => it('needs PostgreSQL', () => {}));
}
