/**
 * Replaying a stored exercise (the report summary written as an exercise finishes, a report
 * request) lets the event loop serve live play between slices (pages of the chain check,
 * stretches of the replay) instead of holding it for the whole log, and still gives the state
 * live play reached.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExerciseRegistry } from '../../server/exercise/registry.ts';
import { ScenarioCatalog } from '../../server/exercise/scenarios.ts';
import { SqliteStore } from '../../server/exercise/store/sqlite.ts';
import { replayStored } from '../../server/report/stored-run.ts';
import { MINI } from '../helpers/server.ts';
import { tempDir } from '../server/store-contract.ts';

const EVENTS = 2000;

describe('replaying a long log', () => {
  it('yields to the event loop between slices and reaches the state live play reached', async () => {
    const { dir, remove } = tempDir('breachdrill-replay-');
    const store = new SqliteStore(join(dir, 'breachdrill.sqlite'), () => {});
    const catalog = ScenarioCatalog.fromDirectory(join(MINI, '..'), () => {});
    const registry = new ExerciseRegistry(store, catalog, () => {});
    try {
      const created = await registry.create({ scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
      if (!('exerciseId' in created)) throw new Error(created.message);
      const room = (await registry.room(created.exerciseId))!;
      const staff = (await registry.identify(created.facilitatorKey, created.exerciseId))!;
      const acks = await Promise.all(
        Array.from({ length: EVENTS }, (_, i) =>
          room.handle(staff.actor, staff.key, {
            id: `cmd-${String(i).padStart(6, '0')}`,
            command: i === 0 ? { type: 'start' } : { type: 'extend', teamId: 't1', seconds: 60 },
          }),
        ),
      );
      expect(acks.every((a) => a.ok)).toBe(true);

      let turns = 0;
      let replaying = true;
      const count = () => {
        turns++;
        if (replaying) setImmediate(count);
      };
      setImmediate(count);
      const run = await replayStored(store, catalog, created.exerciseId);
      replaying = false;
      expect(turns).toBeGreaterThan(1); // other work ran while the log was replayed
      expect(run.integrity).toMatchObject({ events: room.state.version, verified: true });
      expect(run.state.teams[0]!.deadline).toBe(room.state.teams[0]!.deadline);
    } finally {
      registry.close();
      store.close();
      remove();
    }
  });
});
