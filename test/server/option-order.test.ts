/**
 * V5: a decision's options are shown in an order shuffled per exercise (every bundled drill lists
 * its best option first, so file order would give the answer away). The order is the same for
 * every seat and every team of an exercise and survives a restart; across exercises the best
 * option lands in every position.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayOrder } from '../../server/exercise/option-order.ts';
import { connectClient, type TestClient } from '../helpers/client.ts';
import { createExercise, joinExercise } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('the order options are shown in', () => {
  it('V5 puts the first-written option in every position about equally often across exercises', () => {
    const positions = [0, 0, 0];
    for (let i = 0; i < 600; i++)
      positions[displayOrder(['best', 'other', 'worst'], `exercise-${i}`, 'alert').indexOf('best')]!++;
    for (const count of positions) expect(count).toBeGreaterThan(150);
    expect(displayOrder(['a', 'b', 'c', 'd'], 'x', 'y')).toEqual(displayOrder(['a', 'b', 'c', 'd'], 'x', 'y'));
  });

  describe('on a real server', () => {
    let server: TestServer;
    const clients: TestClient[] = [];
    beforeAll(async () => {
      server = await startTestServer({ keepData: true });
    });
    afterAll(async () => {
      for (const c of clients) c.close();
      await server.close();
    });

    it('V5 every seat and team of an exercise sees the same order, and a restart keeps it', async () => {
      const orders = new Set<string>();
      let last: { exerciseId: string; facilitatorKey: string; order: string } | undefined;
      for (let n = 0; n < 8; n++) {
        const created = await createExercise(server.url, { scenarioId: 'mini-drill', teams: ['Red', 'Blue'] });
        const facilitator = await connectClient(server.url, {
          exerciseId: created.exerciseId,
          token: created.facilitatorKey,
        });
        const red = await connectClient(
          server.url,
          await joinExercise(server.url, { code: created.code, name: 'Ada', teamId: 't1' }),
        );
        const blue = await connectClient(
          server.url,
          await joinExercise(server.url, { code: created.code, name: 'Bo', teamId: 't2' }),
        );
        clients.push(facilitator, red, blue);
        expect((await facilitator.command({ type: 'start' })).ok).toBe(true);
        const shown = async (c: TestClient, teamId: string) =>
          (
            await c.waitFor(
              (s) => Boolean(s.teams.find((t) => t.id === teamId)?.progress.inject?.decision),
              5000,
              'a decision',
            )
          ).teams
            .find((t) => t.id === teamId)!
            .progress.inject!.decision!.options.map((o) => o.id)
            .join(',');
        const order = await shown(red, 't1');
        expect(await shown(blue, 't2')).toBe(order);
        expect(await shown(facilitator, 't1')).toBe(order);
        expect(await shown(facilitator, 't2')).toBe(order);
        orders.add(order);
        last = { exerciseId: created.exerciseId, facilitatorKey: created.facilitatorKey, order };
      }
      // eight exercises do not all show the file's order (snapshot, delete, wait)
      expect(orders.size).toBeGreaterThan(1);

      for (const c of clients.splice(0)) c.close();
      server = await server.restart();
      const again = await connectClient(server.url, { exerciseId: last!.exerciseId, token: last!.facilitatorKey });
      clients.push(again);
      const restored = await again.waitFor(
        (s) => Boolean(s.teams[0]?.progress.inject?.decision),
        5000,
        'the restored decision',
      );
      expect(restored.teams[0]!.progress.inject!.decision!.options.map((o) => o.id).join(',')).toBe(last!.order);
    });
  });
});
