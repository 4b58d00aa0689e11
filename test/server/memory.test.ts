/**
 * S6: a long-running server keeps only the most recently used finished exercises in memory; the
 * others leave it and come back from the log, unchanged, the next time anyone asks for them.
 * Unfinished exercises always stay (their deadlines run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { createExercise, request } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ finishedInMemory: 2 });
});
afterAll(async () => {
  await server.close();
});

const inMemory = async () => ((await request(server.url, '/healthz')).body as { exercises: number }).exercises;
const lasting = (s: Snapshot) => ({ version: s.version, exercise: s.exercise, teams: s.teams, hotwash: s.hotwash });

/** Creates an exercise and has its facilitator start it and, unless `running`, end it twice (debrief, then ended). */
async function exercise(finish: boolean) {
  const created = await createExercise(server.url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red', 'Blue'] });
  const facilitator = await connectClient(server.url, {
    exerciseId: created.exerciseId,
    token: created.facilitatorKey,
  });
  const acks = [await facilitator.command({ type: 'start' }, `start-${created.exerciseId}`)];
  if (finish) {
    acks.push(await facilitator.command({ type: 'end' }, `debrief-${created.exerciseId}`));
    acks.push(await facilitator.command({ type: 'end' }, `end-${created.exerciseId}`));
  }
  expect(acks.every((a) => a.ok)).toBe(true);
  await facilitator.waitForVersion((acks.at(-1) as { version: number }).version);
  const seen = lasting(facilitator.state!);
  facilitator.close();
  return { created, seen, acks };
}

describe('finished exercises in memory', () => {
  it('S6 beyond the limit the least recently used finished exercises leave memory and reload unchanged from the log', async () => {
    const running = await exercise(false);
    const finished = [await exercise(true), await exercise(true), await exercise(true), await exercise(true)];
    expect(await inMemory()).toBe(1 + 2); // the running one and the two finished most recently

    // The oldest finished exercise comes back from the log exactly as it was, with its command ids.
    const oldest = finished[0]!;
    const back = await connectClient(server.url, {
      exerciseId: oldest.created.exerciseId,
      token: oldest.created.facilitatorKey,
    });
    expect(lasting(back.state!)).toEqual(oldest.seen);
    expect(await back.command({ type: 'end' }, `end-${oldest.created.exerciseId}`)).toEqual(oldest.acks.at(-1));
    back.close();
    expect(await inMemory()).toBe(1 + 2);

    // The running exercise was never evicted: its facilitator still drives it.
    const facilitator = await connectClient(server.url, {
      exerciseId: running.created.exerciseId,
      token: running.created.facilitatorKey,
    });
    expect(facilitator.state!.exercise.status).toBe('running');
    expect((await facilitator.command({ type: 'pause' })).ok).toBe(true);
    facilitator.close();

    // Reports read evicted exercises from the store like any other.
    const report = await request(server.url, `/api/exercises/${finished[1]!.created.exerciseId}/report.json`, {
      headers: { authorization: `Bearer ${finished[1]!.created.facilitatorKey}` },
    });
    expect(report.status).toBe(200);
  });
});

describe('finished exercises after a restart', () => {
  it('S6 exercises left in the debrief are not all loaded at start: the limit holds after a restart too', async () => {
    const local = await startTestServer({ finishedInMemory: 2 });
    try {
      const inDebrief = [];
      for (let i = 0; i < 5; i++) {
        const created = await createExercise(local.url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
        const facilitator = await connectClient(local.url, {
          exerciseId: created.exerciseId,
          token: created.facilitatorKey,
        });
        expect((await facilitator.command({ type: 'start' })).ok).toBe(true);
        const debrief = await facilitator.command({ type: 'end' });
        expect(debrief.ok).toBe(true);
        await facilitator.waitForVersion((debrief as { version: number }).version);
        inDebrief.push({ created, seen: lasting(facilitator.state!) });
        facilitator.close();
      }
      const restarted = await local.restart();
      try {
        const count = async () => ((await request(restarted.url, '/healthz')).body as { exercises: number }).exercises;
        expect(await count()).toBeLessThanOrEqual(2);
        // each comes back unchanged when asked for, and the limit still holds
        for (const { created, seen } of inDebrief) {
          const back = await connectClient(restarted.url, {
            exerciseId: created.exerciseId,
            token: created.facilitatorKey,
          });
          expect(lasting(back.state!)).toEqual(seen);
          back.close();
        }
        expect(await count()).toBe(2);
      } finally {
        await restarted.close();
      }
    } finally {
      await local.close();
    }
  });
});
