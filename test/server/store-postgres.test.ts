/**
 * The storage contract (store-contract.ts) against PostgreSQL: each test gets its own schema,
 * dropped afterwards, so runs on one database never collide. Skipped with one loud line when
 * no PostgreSQL answers; under CI=true that fails instead (test/helpers/services.ts).
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../server/exercise/store/postgres.ts';
import { LeaseLost } from '../../server/exercise/store/types.ts';
import { databaseUrl, dropSchema, freshSchema, servicesFor } from '../helpers/services.ts';
import { describeStoreContract } from './store-contract.ts';

const SUITE = 'store contract: postgres (test/server/store-postgres.test.ts)';

const ready = await servicesFor(SUITE, { postgres: true });

if (ready) {
  // S14: the same contract as SQLite's
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
        await stores[0]!.pool.query(
          `UPDATE ${schema}.events SET body = body || ' ' WHERE exercise_id = $1 AND version = $2`,
          [exerciseId, version],
        );
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

if (ready) {
  describe('leases: postgres', () => {
    it('S15 a claim bumps the fencing token; an append with a stale fence is refused (LeaseLost), the new holder appends', async () => {
      const schema = freshSchema('bd_lease');
      const store = await openPostgresStore(databaseUrl(), { schema, max: 2 });
      try {
        const event = (version: number) => ({
          version,
          at: Date.now(),
          actor: null,
          commandId: null,
          body: { type: 'restarted' as const, downAt: version },
        });
        const a = await store.claim('x1', 'node-a', 60_000);
        expect(a).toMatchObject({ held: true, fence: { node: 'node-a', token: 1 } });
        expect(await store.claim('x1', 'node-b', 60_000)).toMatchObject({ held: false, node: 'node-a' });
        if (!a.held) throw new Error('not held');
        await store.append({ exerciseId: 'x1', event: event(1), fence: a.fence });
        // node-a stops answering; node-b takes over (here: it knows node-a is gone)
        const b = await store.claim('x1', 'node-b', 60_000, ['node-a']);
        expect(b).toMatchObject({ held: true, fence: { node: 'node-b', token: 2 }, previous: { node: 'node-a' } });
        if (!b.held) throw new Error('not held');
        await expect(store.append({ exerciseId: 'x1', event: event(2), fence: a.fence })).rejects.toBeInstanceOf(
          LeaseLost,
        );
        await store.append({ exerciseId: 'x1', event: event(2), fence: b.fence });
        expect(await store.renew('node-a', [{ exerciseId: 'x1', token: 1 }], 60_000)).toEqual(new Set());
        expect(await store.renew('node-b', [{ exerciseId: 'x1', token: 2 }], 60_000)).toEqual(new Set(['x1']));
        expect((await store.verifyChain('x1')).events).toBe(2);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });
  });
}
