/**
 * Drill-defined roles reach people by name (issue 12 item 7): the scenario list and every
 * snapshot carry a label for each role in play, the drill's own definitions first, the built-in
 * names next, so no screen has to guess a name from an id such as "support-lead".
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../protocol/index.ts';
import { connectClient } from '../helpers/client.ts';
import { createExercise, joinExercise, request } from '../helpers/http.ts';
import { ROOT, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ drills: [join(ROOT, 'test/fixtures/valid/estate-kinds.yaml')] });
});
afterAll(async () => {
  await server.close();
});

const LABELS = { 'ir-lead': 'IR lead', 'ml-engineer': 'ML engineer', 'support-lead': 'Customer support lead' };

describe('role names', () => {
  it('the scenario list names every role in play, drill-defined ones by their definition', async () => {
    const list = (await request(server.url, '/api/scenarios')).body as ScenarioSummary[];
    expect(list.find((s) => s.id === 'estate-kinds')?.roleLabels).toEqual(LABELS);
  });

  it('a player snapshot carries the same names', async () => {
    const created = await createExercise(server.url, { scenarioId: 'estate-kinds', teams: ['Support'] });
    const sam = await connectClient(
      server.url,
      await joinExercise(server.url, { code: created.code, name: 'Sam', role: 'support-lead' }),
    );
    try {
      const snapshot = await sam.waitFor((s) => s.me.role === 'support-lead', 5000, 'the seat');
      expect(snapshot.exercise.scenario.roleLabels).toEqual(LABELS);
    } finally {
      sam.close();
    }
  });
});
